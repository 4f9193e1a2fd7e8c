from cms.management.retention import PurgeCommand, run_purge_hooks
from sessions.registration.retention import DEFAULT_DAYS, purge, purge_requests


class Command(PurgeCommand):
    help = (
        "Delete the personal data of registrations for sessions that ended more than "
        "--days days ago, keeping anonymous counts per role and country, and registration "
        "requests past their expiry (FAIRVILLE_REGISTRATION_REQUEST_HOURS), and what other "
        "apps purge through the fairville_purge hook (unconfirmed subscriptions). Run it daily."
    )
    default_days = DEFAULT_DAYS
    report = "{count} registration(s) purged (sessions ended over {days} days ago)."

    def purge(self, days):
        requests = purge_requests()
        self.stdout.write(f"{requests} expired registration request(s) purged.")
        for line in run_purge_hooks():  # other apps' personal data (subscriptions...)
            self.stdout.write(line)
        return purge(days)
