"""manage.py import_case_studies FILE.csv|FILE.json

Checks every row, reports each bad one with its line (CSV) or record (JSON) number,
and imports nothing unless all are good; then imports them in one transaction.
Running it again with the same file changes nothing. The columns are those of the
open-data export, documented on the library's codebook page.
"""

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from practices.importing import Importer, ImportFailed, read_file


class Command(BaseCommand):
    help = "Import case studies from a CSV or JSON file with the open-data columns."

    def add_arguments(self, parser):
        parser.add_argument("file", help="a .csv or .json file")

    def handle(self, *args, **options):
        try:
            records = read_file(options["file"])
        except FileNotFoundError as error:
            raise CommandError(f"No such file: {options['file']}") from error
        except (UnicodeDecodeError, ValueError) as error:
            raise CommandError(f"Cannot read {options['file']}: {error}") from error
        except ImportFailed as failure:
            raise CommandError(str(failure)) from failure
        importer = Importer()
        try:
            rows = importer.validate(records)
        except ImportFailed as failure:
            report = "\n".join(f"  {error}" for error in failure.errors)
            raise CommandError(
                f"Nothing imported: {len(failure.errors)} problem(s) found.\n{report}"
            ) from failure
        show = options["verbosity"] > 0
        with tqdm(total=len(rows), unit="row", disable=not show, file=self.stderr._out) as bar:
            counts = importer.write(rows, progress=bar)
        self.stdout.write(
            self.style.SUCCESS(
                "Imported {total} row(s): {created} created, {updated} updated, "
                "{unchanged} unchanged.".format(total=len(rows), **counts)
            )
        )
