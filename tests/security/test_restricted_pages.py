"""A restricted page's title and summary appear on no public URL.

The attack: an editor restricts a page (password, sign-in, or a group); an anonymous
visitor walks every public URL (pages in both languages, feeds, sitemap, API, the search
page for a query the editors promoted) looking for its title or summary in a listing:
the home page's featured case studies, a session page's case studies, a case study's
sessions, the search page's editors' picks.
"""

from urllib.parse import quote

from django.contrib.auth.models import Group
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import PageViewRestriction

from cms.api import endpoints
from practices.detail import related_sessions
from practices.models import CaseStudyPage
from practices.relations import session_lever_codes
from practices.sections import HOME_FEATURED, session_cases
from sessions.models import SessionPage
from tests.crawl import START, crawl

PROMOTED_QUERY = "conseil de quartier"


class Fetched:
    """What tests/crawl.py reads from a response, for an answer over HTTP."""

    def __init__(self, answer):
        self.status_code = answer.status
        self.content = answer.body.encode()
        self._headers = answer.headers

    def get(self, name, default=None):
        return self._headers.get(name.lower(), default)

    def __getitem__(self, name):
        return self._headers[name.lower()]


class CrawlingAttacker:
    def __init__(self, attacker):
        self.attacker = attacker

    def get(self, url):
        return Fetched(self.attacker.get(url))


def rename(page, title, summary_field, summary):
    """An editor's edit, published: markers that the crawl then looks for."""
    page.title = title
    setattr(page, summary_field, summary)
    page.save_revision().publish()


def restrict(page, kind, **extra):
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=kind, **extra)
    return restriction


def pick_pages():
    """A featured case study shown on the home page and on a session page, a session
    shown on another case study's page, and a third case study to promote in search."""
    home_featured = list(
        CaseStudyPage.objects.live()
        .filter(locale__language_code="fr", featured=True)
        .order_by("-first_published_at")[:HOME_FEATURED]
    )
    for session in SessionPage.objects.live().filter(locale__language_code="fr"):
        shown = session_cases(session, session_lever_codes(session))
        featured = [case for case in shown if case in home_featured]
        if featured:
            case = featured[0]
            break
    studies = CaseStudyPage.objects.live().filter(locale__language_code="fr")
    for other in studies.exclude(pk=case.pk):
        levers = [link.lever for link in other.lever_links.all()]
        linked, on_levers = related_sessions(other, levers)
        if linked or on_levers:
            restricted_session = (linked or on_levers)[0]
            break
    promoted = (
        CaseStudyPage.objects.live()
        .filter(locale__language_code="fr", featured=False)
        .exclude(pk__in=[case.pk, other.pk])
        .first()
    )
    return case, session, restricted_session, other, promoted


def test_a_restricted_pages_title_and_summary_appear_on_no_public_url(attacker):
    case, session, restricted_session, other, promoted = pick_pages()
    rename(case, "Titre-secret-mot-de-passe", "summary", "Résumé-secret-mot-de-passe")
    rename(restricted_session, "Titre-secret-connexion", "intro", "<p>Intro-secret-connexion</p>")
    rename(promoted, "Titre-secret-groupe", "summary", "Résumé-secret-groupe")
    promotion_query = Query.get(PROMOTED_QUERY)
    SearchPromotion.objects.create(query=promotion_query, page=promoted, sort_order=0)
    search = f"/fr/recherche/?q={quote(PROMOTED_QUERY)}"

    # Before the restrictions, each marker shows where the attack looks for it, so the
    # crawl below proves something.
    assert "Titre-secret-mot-de-passe" in attacker.get("/fr/").body
    assert "Titre-secret-mot-de-passe" in attacker.get(session.url).body
    assert "Titre-secret-connexion" in attacker.get(other.url).body
    assert "Titre-secret-groupe" in attacker.get(search).body

    restrict(case, PageViewRestriction.PASSWORD, password="sesame-long-enough")
    restrict(restricted_session, PageViewRestriction.LOGIN)
    editors = Group.objects.create(name="Relecture")
    restrict(promoted, PageViewRestriction.GROUPS).groups.set([editors])

    api = [f"/api/v2/{name}/" for name in sorted(endpoints())]
    responses = crawl(CrawlingAttacker(attacker), start=(*START, *api, search))
    assert session.url in responses and other.url in responses and search in responses
    secrets = [
        "Titre-secret-mot-de-passe",
        "Résumé-secret-mot-de-passe",
        "Titre-secret-connexion",
        "Intro-secret-connexion",
        "Titre-secret-groupe",
        "Résumé-secret-groupe",
    ]
    leaks = {
        url: [secret for secret in secrets if secret.encode() in response.content]
        for url, response in responses.items()
    }
    assert {url: found for url, found in leaks.items() if found} == {}
