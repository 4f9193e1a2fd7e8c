from django.core.management.base import BaseCommand

from sessions.registration.retention import DEFAULT_DAYS, purge


class Command(BaseCommand):
    help = (
        "Delete the personal data of registrations for sessions that ended more than "
        "--days days ago, keeping anonymous counts per role and country. Run it daily."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=DEFAULT_DAYS)

    def handle(self, *args, days, **options):
        if days < 0:
            self.stderr.write("--days must be 0 or more.")
            return
        count = purge(days)
        self.stdout.write(f"{count} registration(s) purged (sessions ended over {days} days ago).")
