"""Whether a session takes registrations at a given moment. Computed, never stored."""

from enum import StrEnum

from django.utils import timezone

from sessions.models import Phase, SessionPage


class State(StrEnum):
    NONE = "none"  # no registration for this session
    NOTIFY = "notify"  # date to be confirmed, or not open yet: "tell me when it opens"
    OPEN = "open"
    CLOSED = "closed"


def registration_state(session, now=None):
    """(state, moment at which it changes by the clock alone, or None)."""
    now = now or timezone.now()
    # The source page decides, should a translation not be synced yet.
    home = session.registration_home
    if not home.registration_enabled or home.phase(now) == Phase.PAST:
        return State.NONE, None
    if home.status == SessionPage.Status.CANCELLED:
        return State.NONE, None
    if home.status in (SessionPage.Status.TO_BE_CONFIRMED, SessionPage.Status.POSTPONED):
        return State.NOTIFY, None
    opens, closes = home.registration_opens_at, home.registration_closes
    if closes is None or now >= closes:
        return State.CLOSED, None
    if opens and now < opens:
        return State.NOTIFY, opens
    return State.OPEN, closes


def is_open(session, now=None):
    return registration_state(session, now)[0] == State.OPEN
