from django.core.management.base import BaseCommand

from cms.demo import DemoLoader


class Command(BaseCommand):
    help = (
        "Create the demo site in French and in each configured language it has text for "
        "(English, Arabic). Running it again adds only what is missing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--site-url",
            help="Where the site is served (e.g. http://127.0.0.1:8000), for its full URLs.",
        )

    def handle(self, *args, **options):
        stdout = self.stdout if options["verbosity"] > 1 else None
        DemoLoader(stdout=stdout, site_url=options["site_url"]).run()
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
