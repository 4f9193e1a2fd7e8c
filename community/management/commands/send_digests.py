from django.core.management.base import BaseCommand

from community.digests import run
from community.retention import purge_requests


class Command(BaseCommand):
    help = (
        "Queue the digests that are due: what was published under what each subscriber "
        "follows since their last one. Run it hourly (see docs/deploy.md); running it "
        "again, or after a crash, sends no item twice."
    )

    def handle(self, *args, **options):
        considered, queued = run()
        self.stdout.write(f"{considered} subscriber(s) due, {queued} digest(s) queued.")
        # Hourly rather than with the daily purge: gone within the hour after 48 hours.
        self.stdout.write(purge_requests())
