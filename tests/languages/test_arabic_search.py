"""Search in Arabic (issue 19 §4), on the search page, with Arabic a site language.

An Arabic case study is found however the query writes its words: with or without
tashkeel, with another form of alef. "Include results in other languages" crosses every
configured language, Arabic included, through the vocabulary, which the SKOS export
publishes in every language it names.
"""

import pytest
import rdflib
from bs4 import BeautifulSoup
from django.conf import settings
from rdflib.namespace import DCTERMS, SKOS
from wagtail.models import Locale

from cms.translation import translate
from practices.models import CaseStudyPage, GlossaryTerm, LibraryPage

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        "ar" not in dict(settings.LANGUAGES), reason="these settings do not add Arabic"
    ),
]


@pytest.fixture
def arabic():
    return Locale.objects.get(language_code="ar")


@pytest.fixture
def case_study(arabic):
    """The demo's example case study of the Cairo lab, in Arabic (practices/demo_arabic.py):
    "Stable rents (إيجارات) and collective management (وإدارة)", "the first (الأولى)
    deposit", "the tenants form (يؤسس) a cooperative (تعاونية)"..."""
    source = CaseStudyPage.objects.get(
        locale__language_code="fr", slug="exemple-cooperative-habitants-le-caire"
    )
    return source.get_translation(arabic)


def results(client, language_prefix, query, pages=1, **params):
    """(URL, lang, dir) of each result, on the first ``pages`` pages, searched from the
    search box of the home page in that language."""
    response = client.get(f"/{language_prefix}/", follow=True)
    assert response.status_code == 200
    search = BeautifulSoup(response.content, "html.parser").find("form", attrs={"role": "search"})
    response = client.get(search["action"], {"q": query, **params})
    found = []
    for _page in range(pages):
        assert response.status_code == 200
        soup = BeautifulSoup(response.content, "html.parser")
        found += [
            (hit.select_one(".search-hit__title a")["href"], hit.get("lang"), hit.get("dir"))
            for hit in soup.select(".search-hit")
        ]
        following = soup.select_one("a[rel=next]")
        if following is None:
            break
        response = client.get(search["action"] + following["href"])
    return found


@pytest.mark.parametrize(
    "query",
    [
        "إيجارات",  # "rents", as the page writes it, hamza below the alef
        "ايجارات",  # a bare alef
        "أيجارات",  # hamza above the alef
        "إِيجَارَات",  # with its vowels
        "القَاهِرَة",  # "Cairo", vowelled
        "الاولي",  # "the first" (الأولى) without its hamza, a ya for the alef maqsura
        "يوسس",  # "they form" (يؤسس) without the hamza on its waw
        "تعاونيه",  # "cooperative", a ha for the ta marbuta
    ],
)
def test_an_arabic_case_study_is_found_however_the_query_is_written(client, case_study, query):
    found = results(client, "ar", query)
    assert (case_study.url, None, None) in found, found


def test_another_arabic_word_finds_other_pages(client, case_study):
    found = [url for url, _lang, _dir in results(client, "ar", "حديقة")]  # "garden"
    assert found and case_study.url not in found


def test_a_french_reader_finds_the_arabic_page_in_every_language(client, case_study):
    assert results(client, "fr", "ايجارات") == []
    found = results(client, "fr", "ايجارات", lang="all")
    # Said to be in Arabic, and written right to left.
    assert (case_study.url, "ar", "rtl") in found


@pytest.fixture
def residents(arabic):
    """The glossary's habitant·e·s = residents, translated into Arabic (السكان)."""
    term = GlossaryTerm.objects.get(locale__language_code="fr", term="habitant·e·s")
    return translate(term, arabic, {"habitant·e·s": "السكان", "habitants, habitantes": "سكان"})


def test_include_other_languages_translates_an_arabic_query(client, residents):
    found = results(client, "ar", "السكان", pages=5, lang="all")
    # Arabic pages that say it (no lang: the reader's), French pages about habitants,
    # English ones about residents.
    assert {None, "fr", "en"} <= {lang for _url, lang, _dir in found}, found
    assert ("/en/library/example-water-sanitation-athenes/", "en", "ltr") in found
    # Without the switch, the Arabic reader gets Arabic results only.
    alone = results(client, "ar", "السكان", pages=5)
    assert alone and {lang for _url, lang, _dir in alone} == {None}


def test_the_skos_export_names_concepts_and_schemes_in_every_language(client, residents):
    response = client.get("/vocabulary.ttl")
    graph = rdflib.Graph().parse(data=response.content.decode(), format="turtle")
    (concept,) = graph.subjects(SKOS.prefLabel, rdflib.Literal("السكان", lang="ar"))
    labels = {(str(label), label.language) for label in graph.objects(concept, SKOS.prefLabel)}
    assert labels == {("habitant·e·s", "fr"), ("residents", "en"), ("السكان", "ar")}
    assert rdflib.Literal("سكان", lang="ar") in set(graph.objects(concept, SKOS.altLabel))
    glossary = graph.value(concept, SKOS.inScheme)
    titles = {title.language: str(title) for title in graph.objects(glossary, DCTERMS.title)}
    assert titles["fr"] == "Glossaire" and titles["en"] == "Glossary"
    assert titles["ar"] == "مسرد المصطلحات"
    # Each of the site's languages, in its own words (search/skos.py leaves out a language
    # whose catalogues lack the title rather than label the French fallback as its own;
    # test_search_and_forms_languages.py checks the language each run adds).
    assert set(titles) == {"fr", "en", "ar"}


def test_the_arabic_library_reaches_case_studies_not_yet_translated(client, residents, arabic):
    # Most case studies are listed to an Arabic reader in French or English, in their own
    # words: the library's keywords reach them through the vocabulary too.
    library = LibraryPage.objects.get(locale=arabic)
    response = client.get(library.url, {"q": "السكان"})
    assert response.status_code == 200
    titles = BeautifulSoup(response.content, "html.parser").select(".case__title")
    assert "fr" in {title.get("lang") for title in titles}, titles
    # Only through it: without the glossary's pair, the French versions say nothing of it.
    residents.delete()
    response = client.get(library.url, {"q": "السكان"})
    titles = BeautifulSoup(response.content, "html.parser").select(".case__title")
    assert "fr" not in {title.get("lang") for title in titles}, titles
