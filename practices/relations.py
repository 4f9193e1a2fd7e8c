"""The library's side of its links with the sessions: practices depends on sessions.

Sessions and case studies meet on the shared ``cms.Lever`` taxonomy (a lever also
matches its entry points: ``Lever.objects.covering``) and through the sessions an
editor links to a case study (``CaseStudySession``).
"""

from cms.models import Lever
from sessions.models import SessionLever


def sessions_on_levers(codes):
    """A values queryset of the pks of sessions linked to any of these lever codes (or
    to entry points under them)."""
    return SessionLever.objects.filter(lever__in=Lever.objects.covering(codes)).values("page")


def session_lever_codes(session):
    """The codes of the levers a session page is linked to."""
    return set(SessionLever.objects.filter(page=session.pk).values_list("lever__code", flat=True))
