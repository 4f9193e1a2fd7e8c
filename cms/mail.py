"""Emails: building one (HTML with a plain-text twin, links in full), and sending it from a
background task, again later when the SMTP server is away.

A closed or failing SMTP server used to fail the task for good: the email was lost,
with only a traceback in the task results. Now a temporary failure queues the same task
again with a growing delay (30 s, 1, 2, 4 minutes... at most an hour apart; about
6 hours in all), and only a permanent refusal (a 5xx answer) or the last attempt fails
the task.
"""

import logging
import smtplib
from contextlib import suppress
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.utils import DNS_NAME
from django.template.loader import render_to_string
from django.utils import timezone

from cms import taskrun

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 12
MAX_DELAY_SECONDS = 3600


def retry_delay(attempt):
    """Seconds before attempt ``attempt + 1`` (attempts count from 0)."""
    return min(settings.FAIRVILLE_EMAIL_RETRY_SECONDS * 2**attempt, MAX_DELAY_SECONDS)


def permanent(error):
    """A 5xx answer: the server will say the same next time."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in error.recipients.values())
    return isinstance(error, smtplib.SMTPResponseException) and error.smtp_code >= 500


def send_or_retry(message, task, args, attempt):
    """Send ``message``; after a temporary failure queue ``task(*args)`` again, later.

    Returns True when sent, False when queued again. Raises on a permanent refusal and
    on the last attempt, so that the task fails with its traceback kept. Once the server
    accepted the message, the running task is recorded done at once (``cms.taskrun``),
    before the goodbye to the server: hence one email per task, sent last.
    """
    running = taskrun.task_id()
    if running:  # a copy sent again by a re-run of this task is the same message
        message.extra_headers.setdefault("Message-ID", f"<task-{running}@{DNS_NAME}>")
    connection = message.get_connection()
    try:
        connection.open()
        connection.send_messages([message])
    except (smtplib.SMTPException, OSError) as error:
        with suppress(smtplib.SMTPException, OSError):
            connection.close()
        if permanent(error) or attempt + 1 >= MAX_ATTEMPTS or not task.get_backend().supports_defer:
            raise
        delay = retry_delay(attempt)
        later = task.using(run_after=timezone.now() + timedelta(seconds=delay))
        later.enqueue(*args, attempt=attempt + 1)
        logger.warning("Email not sent (%r): trying again in %s s", error, delay)
        return False
    taskrun.done(True)
    with suppress(smtplib.SMTPException, OSError):
        connection.close()
    return True


def absolute(path):
    """A full URL on the public site (WAGTAILADMIN_BASE_URL), as every email link is."""
    if not path.startswith("/"):
        return path
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def message(to, subject, templates, context, headers=None):
    """An email to ``to``: ``{templates}.txt`` and its HTML twin ``{templates}.html``.

    The subject is kept on one line, whatever an editor pasted into a title."""
    text = render_to_string(f"{templates}.txt", context)
    html = render_to_string(f"{templates}.html", context)
    email = EmailMultiAlternatives(
        " ".join(subject.split()), text, settings.DEFAULT_FROM_EMAIL, [to], headers=headers
    )
    email.attach_alternative(html, "text/html")
    return email
