from cms.management.retention import PurgeCommand
from sessions.registration.retention import DEFAULT_DAYS, purge, purge_requests


class Command(PurgeCommand):
    help = (
        "Delete the personal data of registrations for sessions that ended more than "
        "--days days ago, keeping anonymous counts per role and country, and registration "
        "requests past their expiry (FAIRVILLE_REGISTRATION_REQUEST_HOURS). Run it daily."
    )
    default_days = DEFAULT_DAYS
    report = "{count} registration(s) purged (sessions ended over {days} days ago)."

    def purge(self, days):
        requests = purge_requests()
        self.stdout.write(f"{requests} expired registration request(s) purged.")
        return purge(days)
