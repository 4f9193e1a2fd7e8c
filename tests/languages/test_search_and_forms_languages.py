"""Search and the case-study proposal form in the language these settings add (Arabic
under test_ar, German under test_de, whose pages editors made: see conftest.py).

Search analyses each language's words: a word written otherwise than on the page finds
the language's case study, which its own readers see as theirs and other readers as a
page in that language. A proposal sent from the language's library
becomes a draft in that language, and errors are told in it. The vocabulary names its
concept schemes in the language.
"""

import pytest
import rdflib
from django.contrib.auth.models import Group
from django.core import mail
from rdflib.namespace import DCTERMS, RDF, SKOS
from wagtail.models import Locale

from practices.models import CaseStudyPage, LibraryPage, Submission
from tests import helpers
from tests.languages.catalogues import own_words

pytestmark = pytest.mark.django_db

CAIRO = "exemple-cooperative-habitants-le-caire"
# A word of the Cairo case study's version in the language, written as a reader might:
# Arabic "for the cooperative" (للتعاونية: its page says تعاونية, found by its stem), German
# "cooperatives" (its page says Genossenschaft, conftest.GERMAN; test_german_search.py has
# more).
QUERIES = {"ar": "للتعاونية", "de": "Genossenschaften"}


def search(client, language, query, **params):
    """(address, lang, dir) of the first page of results, from the search box of the
    home page in ``language``."""
    home = helpers.soup(client.get(f"/{language}/"))
    action = home.find("form", attrs={"role": "search"})["action"]
    page = helpers.soup(client.get(action, {"q": query, **params}))
    return [
        (hit.select_one(".search-hit__title a")["href"], hit.get("lang"), hit.get("dir"))
        for hit in page.select(".search-hit")
    ]


@pytest.fixture
def case_study(added_language):
    source = CaseStudyPage.objects.get(locale__language_code="fr", slug=CAIRO)
    return source.get_translation(Locale.objects.get(language_code=added_language))


def test_a_word_in_another_form_finds_the_case_study_in_its_language(
    client, added_language, case_study
):
    query = QUERIES[added_language]
    assert query not in case_study.title + case_study.summary
    found = search(client, added_language, query)
    assert (case_study.url, None, None) in found, found
    # Only pages in the reader's language, unless they ask for every language.
    assert all(lang is None for _url, lang, _dir in found)
    # A French reader finds it among every language's pages, marked as in its language.
    assert search(client, "fr", query) == []
    direction = "rtl" if added_language == "ar" else "ltr"
    assert (case_study.url, added_language, direction) in search(client, "fr", query, lang="all")


def proposal(**changes):
    return {
        "title": "Une épicerie solidaire",
        "summary": "Des habitant·e·s ouvrent une épicerie à prix libres.",
        "city": "Lyon",
        "country": "FR",
        "lab": "le-caire",
        "start_year": "2021",
        "end_year": "",
        "story": "Premier paragraphe.",
        "actors": "Un collectif.",
        "lessons": "",
        "name": "Nour Exemple",
        "email": "nour@example.org",
        "organisation": "",
        "consent": "on",
        "licence_agreement": "on",
        "website": "",
        **changes,
    }


def test_a_proposal_in_the_language_becomes_a_draft_in_it(
    client, added_language, django_user_model
):
    reviewer = django_user_model.objects.create_user("reviewer", "reviewer@fairville.invalid")
    reviewer.groups.add(Group.objects.get(name="Moderators"))
    library = LibraryPage.objects.live().get(locale__language_code=added_language)
    form_page = helpers.soup(client.get(library.route_url("propose")))
    assert form_page.html["lang"] == added_language
    assert form_page.select_one("main form[method=post]") is not None

    # Errors in the reader's language, and nothing kept.
    page = helpers.soup(client.post(library.route_url("propose"), proposal(email="nope")))
    summary = helpers.text(page.select_one(".error-summary"))
    expected = [
        own_words(added_language, "Please correct the following:"),
        own_words(added_language, "Enter a valid email address."),  # Django's catalogue
    ]
    assert all(text in summary for text in expected), summary
    assert not Submission.objects.exists()

    mail.outbox.clear()
    response = client.post(library.route_url("propose"), proposal())
    assert response.status_code == 302
    assert response["Location"] == library.route_url("thanks")
    draft = CaseStudyPage.objects.get(title="Une épicerie solidaire")
    assert draft.locale.language_code == added_language and not draft.live
    assert draft.get_parent().pk == library.pk
    assert draft.lab.locale.language_code == added_language  # the lab in its language
    assert Submission.objects.get().language == added_language
    assert [message.to for message in mail.outbox] == [["reviewer@fairville.invalid"]]


def test_the_vocabulary_titles_its_schemes_in_the_language(client, added_language):
    """The SKOS export names each concept scheme in every language whose catalogues
    translate its title (search/skos.py): the added language's catalogues do."""
    graph = rdflib.Graph().parse(data=client.get("/vocabulary.ttl").content, format="turtle")
    titles = [
        {title.language: str(title) for title in graph.objects(scheme, DCTERMS.title)}
        for scheme in graph.subjects(RDF.type, SKOS.ConceptScheme)
    ]
    (glossary,) = [names for names in titles if names.get("fr") == "Glossaire"]
    assert glossary[added_language] == own_words(added_language, "Glossary")
    assert all(added_language in names for names in titles), titles
