"""Personal links: a registration's key and the link's expiry, signed for one purpose.

A join link cannot cancel and a cancel link cannot join: each purpose has its own
salt. The key is random (UUID4) and signed with SECRET_KEY, so links cannot be
guessed or forged; the purge deletes the key with the registration, and the link
then finds nothing.

The expiry is part of the signed payload, so it cannot be moved either. Each purpose
has its rule (``EXPIRY``): a join link works until the session ends plus its join
window, a cancel link until the session ends. The rule is applied when the link is
made: a session moved later keeps the old links' expiry, and the reminders, which
carry fresh links, take over.

    token = make(registration, JOIN)       # or make(..., expires=moment)
    registration = find(token, JOIN)       # None, or raises Expired
"""

import uuid
from datetime import UTC, datetime, timedelta

from django.core import signing
from django.utils import timezone

from sessions.models import Registration, RegistrationRequest

JOIN = "event_sessions.registration.join"
CANCEL = "event_sessions.registration.cancel"
# The link that confirms a registration request (double opt-in): it finds the request.
CONFIRM = "event_sessions.registration.confirm"

# For a session with no end (not possible once registration is open, but data may say
# so): a bound, so that no link lives forever.
WITHOUT_END = timedelta(days=180)


class Expired(Exception):
    """The token is genuine, but its time is over."""


def _session_end(registration):
    session = registration.session
    return session.ends_at or timezone.now() + WITHOUT_END


def join_expiry(registration):
    minutes = registration.session.join_window_minutes or 0
    return _session_end(registration) + timedelta(minutes=minutes)


def cancel_expiry(registration):
    return _session_end(registration)


def confirm_expiry(registration_request):
    return registration_request.expires_at


EXPIRY = {JOIN: join_expiry, CANCEL: cancel_expiry, CONFIRM: confirm_expiry}
# What a purpose's key finds: a registration, or for CONFIRM a request.
MODELS = {CONFIRM: RegistrationRequest}


def make(registration, purpose, expires=None):
    """A token for ``registration``, valid for ``purpose`` until ``expires``.

    Without ``expires``, the purpose's rule in ``EXPIRY`` gives it.
    """
    expires = expires or EXPIRY[purpose](registration)
    return signing.dumps([registration.key.hex, int(expires.timestamp())], salt=purpose)


def find(token, purpose, now=None):
    """The registration the token was made for, or None (forged, altered, purged).

    Raises ``Expired`` for a genuine token past its expiry.
    """
    try:
        payload = signing.loads(token, salt=purpose)
        if isinstance(payload, str):
            # A link sent before links carried an expiry: the rule, applied now.
            key, expires = uuid.UUID(payload), None
        else:
            hex_key, timestamp = payload
            key, expires = uuid.UUID(hex=hex_key), datetime.fromtimestamp(timestamp, UTC)
    except (signing.BadSignature, ValueError, TypeError, OverflowError, OSError):
        return None
    now = now or timezone.now()
    if expires is not None and now >= expires:
        raise Expired
    model = MODELS.get(purpose, Registration)
    registration = model.objects.filter(key=key).select_related("session").first()
    if registration is not None and expires is None and now >= EXPIRY[purpose](registration):
        raise Expired
    return registration
