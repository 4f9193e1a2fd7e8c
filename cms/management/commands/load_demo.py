from django.core.management.base import BaseCommand

from cms.demo import DemoLoader


class Command(BaseCommand):
    help = "Create the demo site in French and English. Running it again adds only what is missing."

    def handle(self, *args, **options):
        DemoLoader(stdout=self.stdout if options["verbosity"] > 1 else None).run()
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
