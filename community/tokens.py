"""Personal links of subscriptions (cms/signed_links.py signs them, as registration's).

A confirm link expires with its request; manage and unsubscribe links work as long as
the subscription: leaving deletes the key, and every link of the address then finds
nothing.
"""

from datetime import timedelta

from cms.signed_links import Expired, raise_if_expired, sign, unsign

from .models import REQUEST_HOURS, Subscriber, SubscriptionRequest

CONFIRM = "community.confirm"
MANAGE = "community.manage"
UNSUBSCRIBE = "community.unsubscribe"

MODELS = {CONFIRM: SubscriptionRequest, MANAGE: Subscriber, UNSUBSCRIBE: Subscriber}

__all__ = ["CONFIRM", "MANAGE", "UNSUBSCRIBE", "Expired", "find", "make"]


def confirm_expiry(pending):
    return pending.requested_at + timedelta(hours=REQUEST_HOURS)


def make(obj, purpose):
    return sign(obj.key, purpose, confirm_expiry(obj) if purpose == CONFIRM else None)


def find(token, purpose, now=None):
    """The request or subscriber the token was made for, or None; raises ``Expired``."""
    unsigned = unsign(token, purpose)
    if unsigned is None:
        return None
    key, expires = unsigned
    raise_if_expired(expires, now)
    return MODELS[purpose].objects.filter(key=key).first()
