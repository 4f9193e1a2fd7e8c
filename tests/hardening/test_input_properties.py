"""Whatever a visitor types into the proposal form, the search page, its suggestions or the
library's keyword box and filters: never a server error, errors in the visitor's language,
nothing of it unescaped.

Hypothesis draws the input: any unicode text (control characters and NUL included), HTML
and script, search-engine syntax, very long strings. Example counts stay modest: each
example is a full request through the site.
"""

import json
import re

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from practices.listing import Filters
from practices.models import CaseStudyPage, Submission
from search.service import FACET_PARAMS

pytestmark = pytest.mark.django_db

PROPOSE = {"fr": "/fr/bibliotheque/proposer/", "en": "/en/library/propose/"}
SEARCH = {"fr": "/fr/recherche/", "en": "/en/search/"}
SUGGEST = {"fr": "/fr/recherche/suggestions/", "en": "/en/search/suggestions/"}
LIBRARY = {"fr": "/fr/bibliotheque/", "en": "/en/library/"}
LIBRARY_PARAMS = [*Filters.FACETS, "sort", "page"]
# Values the demo's listing knows, so that hostile keywords meet real filters too.
LIBRARY_VALUES = ["marseille", "berlin", "housing", "logement", "ancrer", "FR", "2010", "fr"]

HTML = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    '"><svg onload=alert(1)>',
    "</textarea><b>bold</b>",
    "javascript:alert(1)",
    "&lt;script&gt;",
]
OPERATORS = [
    '"',
    "AND",
    "OR",
    "NOT",
    "NEAR",
    "-",
    "+",
    "*",
    "(",
    ")",
    ":",
    "^",
    "~",
    "'",
    "\\",
    "%",
    "_",
    "||",
    "&&",
    "!",
    "<->",
    "title:",
    "{",
    "}",
    "[",
    "]",
    "?",
]

words = st.text(alphabet=st.characters(codec="utf-8"), max_size=40)
long_text = st.builds(
    lambda part, times: part * times,
    st.text(min_size=1, max_size=4),
    st.integers(min_value=2_000, max_value=6_000),
)
operators = st.lists(st.one_of(st.sampled_from(OPERATORS), words), max_size=12).map(" ".join)
nasty = st.one_of(
    st.text(max_size=300),
    st.sampled_from(HTML),
    st.tuples(words, st.sampled_from(HTML), words).map("".join),
    operators,
    long_text,
)
language = st.sampled_from(["fr", "en"])

HEADING = {"fr": "Veuillez corriger les points suivants", "en": "Please correct the following"}
# Django's and the form's own messages, as each language would not say them.
FOREIGN = {
    "fr": ["This field is required", "Enter a valid", "Ensure this value", "Select a valid"],
    "en": ["Champ requis", "Saisissez", "Assurez-vous", "Sélectionnez", "Veuillez"],
}
PROPERTY_SETTINGS = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def injected(html):
    """Markup the visitor's input would have added if it reached the page unescaped."""
    soup = BeautifulSoup(html, "html.parser")
    found = [
        f"{tag.name} {name}"
        for tag in soup.find_all(True)
        for name in tag.attrs
        if name.lower().startswith("on")
    ]
    found += [
        str(script)[:80]
        for script in soup.find_all("script")
        if not script.get("src") and script.get("type") not in ("application/ld+json",)
    ]
    found += [str(tag)[:80] for tag in soup.find_all(["svg", "b"]) if "alert" in str(tag)]
    found += [str(tag) for tag in soup.find_all("img", src="x")]
    return found


def proposal():
    return {
        "title": "Une épicerie solidaire",
        "summary": "Des habitants ouvrent une épicerie à prix libres.",
        "city": "Lyon",
        "country": "FR",
        "lab": "",
        "start_year": "2021",
        "end_year": "",
        "story": "Premier paragraphe.",
        "actors": "Un collectif.",
        "lessons": "",
        "name": "Camille Exemple",
        "email": "camille@example.org",
        "organisation": "",
        "consent": "on",
        "licence_agreement": "on",
        "website": "",
    }


FORM_FIELDS = [name for name in proposal() if name != "website"]


@PROPERTY_SETTINGS
@given(
    language=language,
    changes=st.dictionaries(st.sampled_from(FORM_FIELDS), nasty, min_size=1, max_size=3),
)
def test_any_proposal_is_either_kept_as_a_draft_or_refused_in_the_visitors_language(
    language, changes
):
    cache.clear()  # each example is a new visitor: no rate limit carried over
    data = {**proposal(), **changes}
    before = Submission.objects.count()
    response = Client().post(PROPOSE[language], data)

    assert response.status_code in (200, 302), response.status_code
    if response.status_code == 302:
        submission = Submission.objects.order_by("-pk").first()
        assert Submission.objects.count() == before + 1
        page = CaseStudyPage.objects.get(pk=submission.page_id)
        assert not page.live
        # The story becomes paragraphs of text: whatever markup it held is escaped.
        for block in page.body.raw_data:
            tags = {tag.name for tag in BeautifulSoup(block["value"], "html.parser").find_all()}
            assert tags <= {"p", "br"}, block["value"][:200]
        return
    html = response.content.decode()
    assert Submission.objects.count() == before
    assert f'<html lang="{language}" dir="ltr">' in html
    summary = BeautifulSoup(html, "html.parser").select_one(".error-summary")
    assert summary is not None and HEADING[language] in summary.get_text()
    errors = summary.get_text(" ", strip=True)
    assert not [text for text in FOREIGN[language] if text in errors], errors
    assert not injected(html)


@PROPERTY_SETTINGS
@given(
    language=language,
    query=nasty,
    extra=st.dictionaries(st.sampled_from(["lang", "page", *FACET_PARAMS]), nasty, max_size=2),
)
def test_any_search_answers_a_page_in_the_visitors_language(language, query, extra):
    cache.clear()
    response = Client().get(SEARCH[language], {"q": query, **extra})
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}" dir="ltr">' in html
    heading = BeautifulSoup(html, "html.parser").select_one("main h1").get_text(strip=True)
    assert heading == {"fr": "Recherche", "en": "Search"}[language]
    assert not injected(html)


@PROPERTY_SETTINGS
@given(language=language, query=nasty)
def test_any_suggestion_request_answers_json(language, query):
    cache.clear()
    response = Client().get(SUGGEST[language], {"q": query})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    results = json.loads(response.content)["results"]
    assert isinstance(results, list) and len(results) <= 8
    for result in results:
        assert set(result) == {"title", "url", "kind"}
        assert result["url"].startswith(f"/{language}/")


LISTED = {
    "fr": re.compile(r"^(\d+) études? de cas$"),
    "en": re.compile(r"^(\d+) case stud(?:y|ies)$"),
}


def listed(html, language):
    """The number of case studies the listing says it holds, read from its heading in the
    visitor's language (no match: the heading is missing or in another language)."""
    heading = BeautifulSoup(html, "html.parser").select_one("#results-heading")
    found = LISTED[language].match(heading.get_text(" ", strip=True)) if heading else None
    assert found, heading
    return int(found.group(1))


@PROPERTY_SETTINGS
@given(
    language=language,
    query=nasty,
    extra=st.dictionaries(
        st.sampled_from(LIBRARY_PARAMS),
        st.one_of(nasty, st.sampled_from([*LIBRARY_VALUES, "title", "relevance", "2"])),
        max_size=3,
    ),
)
def test_any_library_search_answers_the_listing_in_the_visitors_language(language, query, extra):
    """The keyword box runs the site's search engine (its syntax, its suggestions, the
    other languages' vocabulary) and the filters read the library's index: keywords and
    filters only ever narrow the listing."""
    cache.clear()
    everything = listed(Client().get(LIBRARY[language]).content.decode(), language)
    response = Client().get(LIBRARY[language], {"q": query, **extra})
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}" dir="ltr">' in html
    assert 0 <= listed(html, language) <= everything
    assert not injected(html)
