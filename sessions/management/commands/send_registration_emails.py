from django.core.management.base import BaseCommand

from sessions.registration.reminders import send_opening_notices, send_reminders


class Command(BaseCommand):
    help = (
        "Queue the reminders due before sessions and the 'registration is open' notices. "
        "Run it every few minutes (see docs/deploy.md); each email goes out once."
    )

    def handle(self, *args, **options):
        reminders = send_reminders()
        notices = send_opening_notices()
        self.stdout.write(f"{reminders} reminder(s) and {notices} opening notice(s) queued.")
