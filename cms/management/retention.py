"""The shape of a command that deletes personal data older than ``--days`` days."""

from django.core.management.base import BaseCommand
from wagtail import hooks

# Apps register ``@hooks.register(PURGE_HOOK)`` with a function ``() -> str`` that
# deletes their personal data past its time and returns a line for the report; the
# daily ``purge_registrations`` runs them all.
PURGE_HOOK = "fairville_purge"


def run_purge_hooks():
    return [purge() for purge in hooks.get_hooks(PURGE_HOOK)]


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
