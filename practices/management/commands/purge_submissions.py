from django.core.management.base import BaseCommand

from practices.retention import DEFAULT_DAYS, purge


class Command(BaseCommand):
    help = (
        "Erase the name, email and organisation of people who proposed a case study more "
        "than --days days ago; the proposal itself stays. Run it daily."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=DEFAULT_DAYS)

    def handle(self, *args, days, **options):
        if days < 0:
            self.stderr.write("--days must be 0 or more.")
            return
        count = purge(days)
        self.stdout.write(f"{count} proposal(s) purged (sent over {days} days ago).")
