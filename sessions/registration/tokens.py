"""Personal links: a registration's key and the link's expiry, signed for one purpose.

A join link cannot cancel and a cancel link cannot join: each purpose has its own
salt. cms/signed_links.py signs them (the key random, signed with SECRET_KEY); the purge
deletes the key with the registration, and the link then finds nothing.

The expiry is part of the signed payload, so it cannot be moved either. Each purpose
has its rule (``EXPIRY``): a join link works until the session ends plus its join
window, a cancel link until the session ends. The rule is applied when the link is
made: a session moved later keeps the old links' expiry, and the reminders, which
carry fresh links, take over.

    token = make(registration, JOIN)       # or make(..., expires=moment)
    registration = find(token, JOIN)       # None, or raises Expired
"""

from datetime import timedelta

from django.utils import timezone

from cms.signed_links import Expired, raise_if_expired, sign, unsign
from sessions.models import Registration, RegistrationRequest

JOIN = "event_sessions.registration.join"
CANCEL = "event_sessions.registration.cancel"
# The link that confirms a registration request (double opt-in): it finds the request.
CONFIRM = "event_sessions.registration.confirm"

# For a session with no end (not possible once registration is open, but data may say
# so): a bound, so that no link lives forever.
WITHOUT_END = timedelta(days=180)

__all__ = ["CANCEL", "CONFIRM", "JOIN", "Expired", "find", "make"]


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
    return sign(registration.key, purpose, expires or EXPIRY[purpose](registration))


def find(token, purpose, now=None):
    """The registration the token was made for, or None (forged, altered, purged).

    Raises ``Expired`` for a genuine token past its expiry.
    """
    unsigned = unsign(token, purpose)
    if unsigned is None:
        return None
    key, expires = unsigned
    now = now or timezone.now()
    raise_if_expired(expires, now)
    model = MODELS.get(purpose, Registration)
    registration = model.objects.filter(key=key).select_related("session").first()
    if registration is not None and expires is None and now >= EXPIRY[purpose](registration):
        # A link without an expiry (sent before links carried one): the rule, applied now.
        raise Expired
    return registration
