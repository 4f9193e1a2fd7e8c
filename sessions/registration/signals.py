"""Signals other apps listen to, so that registration imports none of them.

``request_confirmed(registration_request, registration)``: a registration request's
link was confirmed and took its place (or its waiting-list position). Sent inside the
confirming transaction: what a receiver writes commits or rolls back with it.
"""

from django.dispatch import Signal

request_confirmed = Signal()
