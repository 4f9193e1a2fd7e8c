"""German search under cms.settings.test_de: German words are stemmed (Snowball's German
stemmer on SQLite, PostgreSQL's ``german`` configuration, Elasticsearch's
``fairville_german`` analyser) and German's stop words dropped (search/analysis.py), so an
inflected form finds the page that writes another form.

The German Cairo case study (conftest.GERMAN) is titled "Eine Genossenschaft von
Mieterinnen und Mietern in Kairo" and summarised "... um ihr Haus mit Hilfe eines
Solidarfonds zurückzukaufen".
"""

import pytest
from wagtail.models import Locale
from wagtail.search.backends import get_search_backend

from practices.models import CaseStudyPage
from search import analysis
from tests import helpers
from tests.languages.test_search_and_forms_languages import CAIRO, search
from tests.search.es_offline import Analyser

pytestmark = pytest.mark.django_db


@pytest.fixture
def case_study():
    source = CaseStudyPage.objects.get(locale__language_code="fr", slug=CAIRO)
    return source.get_translation(Locale.objects.get(language_code="de"))


@pytest.mark.parametrize(
    "query",
    [
        "Genossenschaften",  # the plural of the title's "Genossenschaft"
        "Mieters",  # the genitive: the page says "Mieter", "Mietern" and "Mieterinnen"
        "Häusern",  # the summary's "Haus", in the dative plural
        "hausern",  # the same, typed without its umlaut
    ],
)
def test_an_inflected_german_word_finds_the_german_case_study(client, case_study, query):
    text = f"{case_study.title} {case_study.summary}"
    assert query not in text and query.casefold() not in text.casefold()
    assert (case_study.url, None, None) in search(client, "de", query)


def test_a_german_word_that_is_not_there_finds_nothing_of_it(client, case_study):
    assert (case_study.url, None, None) not in search(client, "de", "Gärten")


def test_german_stop_words_alone_are_too_common_to_search_for(client):
    page = helpers.soup(client.get("/de/suche/", {"q": "die und für"}))
    status = page.select_one(".search-empty")
    assert helpers.text(status.h2) == "Versuchen Sie es mit genaueren Wörtern"


@pytest.mark.parametrize(
    "text",
    [
        "Eine Genossenschaft von Mieterinnen und Mietern in Kairo",
        "Genossenschaften Häusern hausern Straße strasse",
        "die und für über Co-Produktion",
    ],
)
def test_elasticsearch_analyses_german_as_the_database_engines_do(text):
    """Offline (tests/search/es_offline.py): the index's German analyser gives the words
    search.analysis gives SQLite, stop words folded as the words are."""
    backend = get_search_backend("search.backends.elasticsearch")
    analyse = Analyser(backend.settings["settings"]["analysis"], "fairville_german")
    assert [token for _position, token in analyse(text)] == analysis.index_terms(text, "de").split()
