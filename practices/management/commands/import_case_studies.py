"""manage.py import_case_studies FILE.csv|FILE.json [--language fr|en]

Checks every row, reports each bad one with its line (CSV) or record (JSON) number,
and imports nothing unless all are good; then imports them in one transaction.
Running it again with the same file changes nothing. The columns are those of the
open-data export, documented on the library's codebook page. The report is in
``--language`` (the site's source language unless told).
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _
from tqdm import tqdm

from practices.importing import Importer, ImportFailed, read_file


class Command(BaseCommand):
    help = "Import case studies from a CSV or JSON file with the open-data columns."

    def add_arguments(self, parser):
        parser.add_argument("file", help="a .csv or .json file")
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            default=settings.LANGUAGE_CODE,
            help="the language of the report",
        )

    def handle(self, *args, **options):
        with translation.override(options["language"]):
            self.import_file(options)

    def import_file(self, options):
        name = options["file"]
        try:
            records = read_file(name)
        except FileNotFoundError as error:
            raise CommandError(_("No such file: %(file)s") % {"file": name}) from error
        except (UnicodeDecodeError, ValueError) as error:
            raise CommandError(
                _("Cannot read %(file)s: %(error)s") % {"file": name, "error": error}
            ) from error
        except ImportFailed as failure:
            raise CommandError(str(failure)) from failure
        importer = Importer()
        try:
            rows = importer.validate(records)
        except ImportFailed as failure:
            report = "\n".join(f"  {error}" for error in failure.errors)
            found = _("Nothing imported: %(count)s problem(s) found.") % {
                "count": len(failure.errors)
            }
            raise CommandError(f"{found}\n{report}") from failure
        show = options["verbosity"] > 0
        with tqdm(total=len(rows), unit="row", disable=not show, file=self.stderr._out) as bar:
            counts = importer.write(rows, progress=bar)
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Imported %(total)s row(s): %(created)s created, %(updated)s updated, "
                    "%(unchanged)s unchanged."
                )
                % {"total": len(rows), **counts}
            )
        )
