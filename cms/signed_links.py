"""Personal links signed for one purpose: a random key and, for most, an expiry.

Registration (join, cancel, confirm) and following (confirm, manage, unsubscribe) email
links that must not be guessed, forged, moved in time or used for another purpose. The
key is random (UUID4) and signed with SECRET_KEY; each purpose has its own salt, so a
join link cannot cancel and a manage link cannot unsubscribe in one click; the expiry is
inside the signed payload. Deleting the key (leaving, the purge) makes every link of it
find nothing. What a key finds, and each purpose's expiry rule, stay with the app.

    token = sign(obj.key, PURPOSE, expires)      # expires may be None: no end
    key, expires = unsign(token, PURPOSE)        # or None for anything not genuine
    raise_if_expired(expires, now)
"""

import uuid
from datetime import UTC, datetime

from django.core import signing
from django.utils import timezone

# Longer than any token made here: a huge path is refused before unsigning.
MAX_LENGTH = 200


class Expired(Exception):
    """The token is genuine, but its time is over."""


def sign(key, purpose, expires=None):
    timestamp = None if expires is None else int(expires.timestamp())
    return signing.dumps([key.hex, timestamp], salt=purpose)


def unsign(token, purpose):
    """``(key, expires or None)`` of a genuine token for ``purpose``; None otherwise."""
    if len(token) > MAX_LENGTH:
        return None
    try:
        payload = signing.loads(token, salt=purpose)
        if isinstance(payload, str):
            # A registration link sent before links carried an expiry.
            return uuid.UUID(payload), None
        hex_key, timestamp = payload
        expires = None if timestamp is None else datetime.fromtimestamp(timestamp, UTC)
        return uuid.UUID(hex=hex_key), expires
    except (signing.BadSignature, ValueError, TypeError, OverflowError, OSError):
        return None


def raise_if_expired(expires, now=None):
    if expires is not None and (now or timezone.now()) >= expires:
        raise Expired
