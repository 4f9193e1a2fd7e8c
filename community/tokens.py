"""Personal links of subscriptions, signed for one purpose each (as registration's).

The key is random (UUID4) and signed with SECRET_KEY, so a link cannot be guessed or
forged, and a confirm link cannot manage nor a manage link unsubscribe in one click
(each purpose has its salt). A confirm link expires with its request; manage and
unsubscribe links work as long as the subscription: leaving deletes the key, and every
link of the address then finds nothing.
"""

import uuid
from datetime import UTC, datetime, timedelta

from django.core import signing
from django.utils import timezone

from .models import REQUEST_HOURS, Subscriber, SubscriptionRequest

CONFIRM = "community.confirm"
MANAGE = "community.manage"
UNSUBSCRIBE = "community.unsubscribe"

MODELS = {CONFIRM: SubscriptionRequest, MANAGE: Subscriber, UNSUBSCRIBE: Subscriber}
# Longer than any token this module makes: a huge path is refused before unsigning.
MAX_LENGTH = 200


class Expired(Exception):
    """The token is genuine, but its time is over."""


def confirm_expiry(pending):
    return pending.requested_at + timedelta(hours=REQUEST_HOURS)


def make(obj, purpose):
    expires = int(confirm_expiry(obj).timestamp()) if purpose == CONFIRM else None
    return signing.dumps([obj.key.hex, expires], salt=purpose)


def find(token, purpose, now=None):
    """The request or subscriber the token was made for, or None; raises ``Expired``."""
    if len(token) > MAX_LENGTH:
        return None
    try:
        hex_key, timestamp = signing.loads(token, salt=purpose)
        key = uuid.UUID(hex=hex_key)
        expires = None if timestamp is None else datetime.fromtimestamp(timestamp, UTC)
    except (signing.BadSignature, ValueError, TypeError, OverflowError, OSError):
        return None
    if expires is not None and (now or timezone.now()) >= expires:
        raise Expired
    return MODELS[purpose].objects.filter(key=key).first()
