from cms.management.retention import PurgeCommand
from sessions.registration.retention import DEFAULT_DAYS, purge


class Command(PurgeCommand):
    help = (
        "Delete the personal data of registrations for sessions that ended more than "
        "--days days ago, keeping anonymous counts per role and country. Run it daily."
    )
    default_days = DEFAULT_DAYS
    report = "{count} registration(s) purged (sessions ended over {days} days ago)."

    def purge(self, days):
        return purge(days)
