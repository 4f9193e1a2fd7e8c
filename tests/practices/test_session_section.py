"""The case studies of a session, on its page, are kept between renders (cms/fragments.py)
and forgotten as soon as content changes: a visitor never sees the list stale, nor
another session's.

The page cache is off here: every answer is a render, in which only the kept parts can
come from the cache.
"""

from datetime import date

import pytest

from practices.models import CaseStudyPage, CaseStudySession, Lab, LibraryPage
from sessions.models import SessionPage

from .conftest import soup

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_off")]


@pytest.fixture
def first_fr(fr):
    """Session #1 of the Levers series: levers, and case studies on them."""
    return SessionPage.objects.live().filter(locale=fr, number=1).order_by("path").first()


def listed(client, session):
    return [
        a.get_text() for a in soup(client.get(session.url)).select(".session-case-studies li a")
    ]


def draft_linked_to(session, title):
    """A case study an editor links to ``session`` and saves as a draft (not live yet);
    started this year, so that it comes first in the session's list."""
    page = CaseStudyPage(
        title=title,
        slug=title.lower().replace(" ", "-"),
        locale=session.locale,
        live=False,
        lab=Lab.objects.get(slug="marseille", locale=session.locale),
        summary=f"Résumé de {title}.",
        city="Marseille",
        country="FR",
        start_year=date.today().year,
        session_links=[CaseStudySession(session=session, sort_order=0)],
    )
    LibraryPage.objects.get(locale=session.locale).add_child(instance=page)
    page.save_revision()
    return page


def test_a_case_study_published_for_the_session_shows_at_the_next_render(client, first_fr):
    case = draft_linked_to(first_fr, "Un atelier du quartier Nord")
    before = listed(client, first_fr)
    assert before and "Un atelier du quartier Nord" not in before  # a draft: not listed
    assert listed(client, first_fr) == before  # kept: read again as it was

    case.get_latest_revision().publish()
    assert "Un atelier du quartier Nord" in listed(client, first_fr)

    CaseStudyPage.objects.get(pk=case.pk).unpublish()
    assert listed(client, first_fr) == before


def test_each_session_page_lists_its_own_case_studies(client, fr, first_fr):
    second = SessionPage.objects.live().filter(locale=fr, number=2).order_by("path").first()
    own = listed(client, second)
    draft_linked_to(first_fr, "Une étude pour une seule session").get_latest_revision().publish()
    assert "Une étude pour une seule session" in listed(client, first_fr)
    # Rendered after session #1's list was kept: session #2's own list.
    assert listed(client, second) == own
