"""Double opt-in, as registration (sessions/registration) and following (community) do it.

A form records a request and emails a signed link to the address; only a POST on that
link's page takes a place or subscribes (a mail scanner's GET changes nothing). Whoever
types an address cannot sign it up, and the form answers the same for any address. What
the two share lives here:

- ``EmailedRequest``: the fields of a request that count the emails sent to its address,
  and ``claim_email``: however often the address is typed in, it gets at most one email
  per ``RESEND_INTERVAL`` and ``EMAILS_PER_DAY`` in a day, so a form cannot flood anyone's
  inbox;
- ``personal_page``: the answer of a page found by the signed token in its address (the
  confirm page, the manage page), which must not leak that address to other sites.

The views keep their own decorators (``never_cache``, ``refuse_cross_site``, their rate
limits) and states; the emails are built with ``cms.mail.message``.
"""

from datetime import timedelta

from django.db import models
from django.shortcuts import render

RESEND_INTERVAL = timedelta(minutes=10)
EMAILS_PER_DAY = 3
DAY = timedelta(days=1)


class EmailedRequest(models.Model):
    """A request waiting for its address to confirm, counting the emails sent to it."""

    # The last email sent to the address, and how many since ``day_started_at`` (a
    # day-long window opened by the first of them).
    last_sent_at = models.DateTimeField(null=True, blank=True)
    day_started_at = models.DateTimeField(null=True, blank=True)
    sent_in_day = models.PositiveSmallIntegerField(default=0)

    class Meta:
        abstract = True

    def may_send(self, now):
        """Whether the address may get another email now; opens a new day when one ended."""
        if self.last_sent_at and now - self.last_sent_at < RESEND_INTERVAL:
            return False
        if self.day_started_at is None or now - self.day_started_at >= DAY:
            self.day_started_at, self.sent_in_day = now, 0
        return self.sent_in_day < EMAILS_PER_DAY

    def claim_email(self, now):
        """Count one email to the address now if it may get one; say whether it may.

        The caller saves the request, in the transaction that queues the email."""
        if not self.may_send(now):
            return False
        self.last_sent_at = now
        self.sent_in_day += 1
        return True


def personal_page(request, template, context, status=200):
    """Render a page reached by a personal link. The token is in its address: no other
    site gets it in a Referer, while the page's own form keeps its Origin (with
    "no-referrer" a browser posts "Origin: null", which cross-site checks refuse)."""
    response = render(request, template, context, status=status)
    response["Referrer-Policy"] = "same-origin"
    return response
