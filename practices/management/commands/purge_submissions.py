from cms.management.retention import PurgeCommand
from practices.retention import DEFAULT_DAYS, purge


class Command(PurgeCommand):
    help = (
        "Erase the name, email and organisation of people who proposed a case study more "
        "than --days days ago; the proposal itself stays. Run it daily."
    )
    default_days = DEFAULT_DAYS
    report = "{count} proposal(s) purged (sent over {days} days ago)."

    def purge(self, days):
        return purge(days)
