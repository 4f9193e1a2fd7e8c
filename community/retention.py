"""Subscription requests never confirmed are deleted after ``REQUEST_HOURS`` (48 h).

Run by the daily retention purge (``manage.py purge_registrations``, through the
``fairville_purge`` hook). Confirmed subscribers are kept until they leave, which
deletes them at once (``service.leave``); nothing else of theirs is kept but a count.
"""

from datetime import timedelta

from django.utils import timezone

from .models import REQUEST_HOURS, SubscriptionRequest


def purge_requests(now=None):
    """Delete requests older than ``REQUEST_HOURS``; return a line for the report."""
    now = now or timezone.now()
    expired = SubscriptionRequest.objects.filter(
        requested_at__lt=now - timedelta(hours=REQUEST_HOURS)
    )
    count = expired.delete()[0]
    return f"{count} unconfirmed subscription request(s) purged."
