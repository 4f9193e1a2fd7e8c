"""The emails of subscriptions, in the subscriber's language, sent by background tasks.

Each is HTML with a plain-text twin. Every email to a subscriber carries the link to
their "manage my subscriptions" page, and ``List-Unsubscribe`` with
``List-Unsubscribe-Post: List-Unsubscribe=One-Click`` (RFC 8058): a mail client's
"unsubscribe" button POSTs to that address and the subscriber is gone. Tasks carry ids
only, never an address: a subscriber who leaves leaves nothing in the task queue.
"""

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from cms.mail import absolute, message, send_or_retry

from . import tokens
from .models import REQUEST_HOURS, Subscriber, SubscriptionRequest
from .topics import describe


def links(subscriber):
    with translation.override(subscriber.language):
        return {
            "manage_url": absolute(
                reverse("community:manage", args=[tokens.make(subscriber, tokens.MANAGE)])
            ),
            "unsubscribe_url": absolute(
                reverse("community:unsubscribe", args=[tokens.make(subscriber, tokens.UNSUBSCRIBE)])
            ),
        }


def build(to, subject, template, context, unsubscribe_url=None):
    headers = None
    if unsubscribe_url:
        headers = {
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
    return message(to, subject, f"community/emails/{template}", context, headers)


def send_confirmation(pending):
    """Queue the email that asks the address to confirm (in the caller's transaction)."""
    send_confirmation_email.enqueue(pending.pk)


@task()
def send_confirmation_email(request_id, attempt=0):
    pending = SubscriptionRequest.objects.filter(pk=request_id).first()
    if pending is None:  # confirmed or purged meanwhile
        return False
    message = confirmation_message(pending)
    return send_or_retry(message, send_confirmation_email, (request_id,), attempt)


def confirmation_message(pending):
    with translation.override(pending.language):
        token = tokens.make(pending, tokens.CONFIRM)
        context = {
            "follows": describe([tuple(pair) for pair in pending.follows], pending.language),
            "confirm_url": absolute(reverse("community:confirm", args=[token])),
            "valid_hours": REQUEST_HOURS,
        }
        return build(pending.email, _("Confirm your subscription"), "confirm", context)


@task()
def send_digest_email(subscriber_id, items, attempt=0):
    """``items``: what ``community.digests`` chose, as JSON (see ``digests.Item``)."""
    from .digests import digest_message

    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is None:  # left meanwhile
        return False
    message = digest_message(subscriber, items)
    if message is None:  # unpublished meanwhile: nothing left to tell
        return False
    return send_or_retry(message, send_digest_email, (subscriber_id, items), attempt)
