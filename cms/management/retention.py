"""The shape of a command that deletes personal data older than ``--days`` days."""

from django.core.management.base import BaseCommand


class PurgeCommand(BaseCommand):
    default_days = None
    # Formatted with ``count`` and ``days``.
    report = "{count} purged (over {days} days ago)."

    def purge(self, days):
        """Purge what is older than ``days`` days; return how many."""
        raise NotImplementedError

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=self.default_days)

    def handle(self, *args, days, **options):
        if days < 0:
            self.stderr.write("--days must be 0 or more.")
            return
        self.stdout.write(self.report.format(count=self.purge(days), days=days))
