"""Personal links: a registration's key, signed for one purpose.

A join link cannot cancel and a cancel link cannot join: each purpose has its own
salt. The key is random (UUID4) and signed with SECRET_KEY, so links cannot be
guessed or forged; the purge deletes the key with the registration, and the link
then finds nothing.
"""

import uuid

from django.core import signing

from sessions.models import Registration

JOIN = "event_sessions.registration.join"
CANCEL = "event_sessions.registration.cancel"


def make(registration, purpose):
    return signing.dumps(str(registration.key), salt=purpose)


def find(token, purpose):
    """The registration the token was made for, or None (forged, altered, purged)."""
    try:
        key = uuid.UUID(signing.loads(token, salt=purpose))
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return Registration.objects.filter(key=key).select_related("session").first()
