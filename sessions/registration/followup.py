"""After the session: attendance, and "the recording is online" for those who asked.

Attendance is the first use of a registration's join link while it opens the meeting
(``views.join``): one conditional update, so a reload, a second device or two clicks
at once count once. The purge keeps only anonymous counts of it (``retention``).

When a recording is published (either language), ``announce_recording`` is queued. It
claims each registrant who asked (``recording_consent``) with a conditional update of
``recording_sent_at`` and queues their email in the same transaction: publishing again,
the other language's publish, a second run of the task or a retry after a crash finds
them claimed, so each person gets the email once. Cancelled registrations get nothing;
the waiting list does (they could not come, the recording is for them too).
"""

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from cms.mail import send_or_retry
from sessions.models import RecordingPage, Registration

from .emails import absolute, build, localized

RECORDING = "recording"


def attended(registration, now=None):
    """Count ``registration`` as attended unless it already was; True the first time."""
    rows = Registration.objects.filter(pk=registration.pk, attended_at__isnull=True)
    return bool(rows.update(attended_at=now or timezone.now()))


def public_recording(recording_id):
    return RecordingPage.objects.live().public().filter(pk=recording_id).first()


def recording_published(sender, instance, **kwargs):
    """``page_published`` of a recording: queue the announcement (after the commit's
    task row, with the database backend: a rolled-back publish announces nothing)."""
    announce_recording.enqueue(instance.pk)


@task()
def announce_recording(recording_id):
    """Queue "the recording is online" to each registrant who asked; return how many."""
    recording = public_recording(recording_id)
    session = recording.session if recording is not None else None
    if session is None or not session.live:  # withdrawn or restricted since
        return 0
    home = session.registration_home
    waiting = (
        Registration.objects.filter(
            session=home, recording_consent=True, recording_sent_at__isnull=True
        )
        .exclude(status=Registration.Status.CANCELLED)
        .values_list("pk", flat=True)
    )
    return sum(tell(pk, recording_id) for pk in waiting)


def tell(registration_id, recording_id):
    """Claim one registrant and queue their email, unless another run already did."""
    with transaction.atomic():
        claimed = Registration.objects.filter(pk=registration_id, recording_sent_at__isnull=True)
        if not claimed.update(recording_sent_at=timezone.now()):
            return False
        send_recording_email.enqueue(registration_id, recording_id)
        return True


@task()
def send_recording_email(registration_id, recording_id, attempt=0):
    registration = Registration.objects.select_related("session").filter(pk=registration_id)
    registration = registration.first()
    recording = public_recording(recording_id)
    if registration is None or recording is None:  # purged or withdrawn meanwhile
        return False
    message = recording_message(registration, recording)
    return send_or_retry(message, send_recording_email, (registration_id, recording_id), attempt)


def recording_message(registration, recording):
    language = registration.language
    with translation.override(language):
        session = localized(registration.session, language)
        recording = localized(recording, language)
        context = {
            "kind": RECORDING,
            "session": session,
            "when": session.when(language),
            "page_url": absolute(session.get_url()),
            "recording_url": absolute(recording.get_url()),
            "name": registration.name,
        }
        subject = _("The recording is online: %(title)s") % {"title": session.title}
        return build(registration.email, " ".join(subject.split()), context)
