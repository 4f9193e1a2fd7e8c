"""Following, confirming, changing and leaving, each in one transaction.

``request`` records what the follow form was sent and emails a confirmation link; it
subscribes nobody. ``confirm`` (the POST of that link's page) turns the request into a
subscription. Whoever types an address cannot subscribe it, and the form answers the
same whatever the address, so it reveals nothing of who follows what.
"""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.db.models.functions import Lower
from django.utils import timezone

from cms.optin import DAY

from .models import Follow, Frequency, Subscriber, SubscriptionRequest, Unsubscription

# A subscriber follows at most this many items (the manage page lists them all).
MAX_FOLLOWS = 200


class RequestGone(Exception):
    """Purged, or past its time."""


def find_subscriber(email):
    return (
        Subscriber.objects.alias(lower_email=Lower("email"))
        .filter(lower_email=email.strip().lower())
        .first()
    )


def request(email, language, frequency, follows, now=None):
    """Record a request to follow ``follows`` ([(topic, key)]) and email its link."""
    from . import emails

    email = email.strip()
    now = now or timezone.now()
    for _attempt in range(2):
        try:
            with transaction.atomic():
                pending = SubscriptionRequest.objects.select_for_update().for_email(email).first()
                pending = pending or SubscriptionRequest(email=email)
                fresh = pending.pk is None or now - pending.requested_at >= DAY
                known = [] if fresh else [tuple(pair) for pair in pending.follows]
                wanted = list(dict.fromkeys([*known, *map(tuple, follows)]))[:MAX_FOLLOWS]
                pending.follows = [list(pair) for pair in wanted]
                pending.email, pending.language, pending.frequency = email, language, frequency
                pending.requested_at = now
                # However often the address is typed in, one email per ten minutes and
                # three a day at most (cms.optin, as registration requests).
                send = pending.claim_email(now)
                pending.save()
                if send:
                    emails.send_confirmation(pending)
                return pending
        except IntegrityError:
            continue  # the same address twice at the same moment: the retry sees the other
    return None


def confirm(pending, now=None):
    """Subscribe the request's address to what it asked for; return the subscriber."""
    now = now or timezone.now()
    with transaction.atomic():
        pending = SubscriptionRequest.objects.select_for_update().filter(pk=pending.pk).first()
        if pending is None:
            raise RequestGone
        subscriber = subscribe(
            pending.email,
            pending.language,
            [tuple(pair) for pair in pending.follows],
            frequency=pending.frequency,
            now=now,
        )
        # Its content is the subscription now; the link finds the subscriber from here on.
        pending.delete()
        return subscriber


def subscribe(email, language, follows, frequency=None, now=None):
    """Add ``follows`` to the confirmed subscriber of ``email``, created if needed.

    ``frequency`` (and ``language``) change an existing subscriber's only when given by
    the subscriber's own request; a registration's news consent adds a follow and
    leaves the rest as the subscriber set it.
    """
    now = now or timezone.now()
    for _attempt in range(2):
        try:
            with transaction.atomic():
                subscriber = find_subscriber(email)
                if subscriber is None:
                    subscriber = Subscriber.objects.create(
                        email=email.strip(),
                        language=language,
                        frequency=frequency or Frequency.WEEKLY,
                        confirmed_at=now,
                        digest_until=now,
                    )
                elif frequency:
                    subscriber.language, subscriber.frequency = language, frequency
                    subscriber.save(update_fields=["language", "frequency"])
                room = MAX_FOLLOWS - subscriber.follows.count()
                Follow.objects.bulk_create(
                    [Follow(subscriber=subscriber, topic=t, key=k) for t, k in follows][:room],
                    ignore_conflicts=True,
                )
                return subscriber
        except IntegrityError:
            continue
    raise RuntimeError("subscription could not be saved")


def update(subscriber, keep, language, frequency):
    """Keep only the follows whose pks are in ``keep``; set language and frequency.

    Keeping none is leaving.
    """
    with transaction.atomic():
        subscriber.follows.exclude(pk__in=keep).delete()
        if not subscriber.follows.exists():
            leave(subscriber)
            return None
        subscriber.language, subscriber.frequency = language, frequency
        subscriber.save(update_fields=["language", "frequency"])
        return subscriber


def leave(subscriber, now=None):
    """Delete the subscriber, its address and follows; count one departure."""
    now = now or timezone.now()
    month = now.date().replace(day=1)
    with transaction.atomic():
        deleted, _ = Subscriber.objects.filter(pk=subscriber.pk).delete()
        if deleted:
            Unsubscription.objects.get_or_create(month=month)
            Unsubscription.objects.filter(month=month).update(count=F("count") + 1)
    return bool(deleted)


def subscribers_per_item():
    """``{(topic, key): number of subscribers}``, for the organisers' dashboard."""
    from django.db.models import Count

    rows = Follow.objects.values("topic", "key").annotate(n=Count("subscriber", distinct=True))
    return {(row["topic"], row["key"]): row["n"] for row in rows}
