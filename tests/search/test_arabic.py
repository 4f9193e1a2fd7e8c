"""Arabic analysis: a word is found however it is written (issue 19 §4).

Readers write Arabic with or without its short vowels (tashkeel), stretch words with
tatweel for display, and spell hamza on alef, alef maqsura and ta marbuta in more than
one way. Documents and queries are normalised alike (search.analysis), then stemmed by
Snowball's Arabic stemmer: in Python for SQLite, by the server's ``arabic``
configuration on PostgreSQL.
"""

import pytest
from django.db import connection
from wagtail.models import Locale
from wagtail.search.backends import get_search_backend

from cms import translation
from cms.models import StandardPage
from search import analysis, highlight
from search.backends.elasticsearch import FairvilleMapping, site_search_body
from search.backends.site import SiteQuery
from search.query import parse, plan, terms

from .conftest import titles
from .es_offline import Analyser, Index
from .pages import publish_page

# "The residents' housing", written five ways.
HOUSING = [
    "إسكان السكان",  # hamza below the alef
    "اسكان السكان",  # bare alef
    "إِسْكَانُ السُّكَّانِ",  # fully vowelled
    "إســـكان الســكان",  # stretched with tatweel
    "ﺇﺳﻜﺎﻥ ﺍﻟﺴﻜﺎﻥ",  # presentation forms (old PDFs, some keyboards)
]


@pytest.mark.parametrize("spelling", HOUSING[1:])
def test_every_spelling_of_a_word_gives_the_same_terms(spelling):
    assert analysis.index_terms(spelling, "ar") == analysis.index_terms(HOUSING[0], "ar")
    # Before stemming too: what PostgreSQL's configuration, autocomplete's prefixes and
    # "did you mean" see (Snowball would hide a tatweel left in the word).
    assert analysis.index_words(spelling, "ar") == ["اسكان", "السكان"]
    assert analysis.autocomplete_words(spelling, "ar") == ["اسكان", "السكان"]


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("أحمد", "احمد"),  # hamza above the alef
        ("آمال", "امال"),  # madda
        ("ٱلمدينة", "المدينة"),  # alef wasla
        ("مستشفى", "مستشفي"),  # alef maqsura and ya
        ("مدرسة", "مدرسه"),  # ta marbuta and a final ha
        ("المدرسة", "المدرسه"),
        ("مسؤول", "مسوول"),  # hamza on waw
        ("٢٠٢٦", "2026"),  # Arabic-Indic digits
    ],
)
def test_alef_ya_and_ta_marbuta_are_normalised(one, other):
    assert analysis.index_terms(one, "ar") == analysis.index_terms(other, "ar")


def test_snowball_stems_arabic_so_a_word_meets_its_inflections():
    # The article, a plural suffix, a feminine ending: one stem.
    assert len({analysis.index_terms(word, "ar") for word in ("المدرسة", "مدرسة")}) == 1
    assert analysis.index_terms("التعاونية", "ar") == analysis.index_terms("تعاونية", "ar")
    assert analysis.index_terms("المدن", "ar") == "مدن"
    # Different words stay apart.
    assert analysis.index_terms("مدرسة", "ar") != analysis.index_terms("مدينة", "ar")


def test_a_vowelled_word_is_one_word_not_pieces():
    assert analysis.WORD_RE.findall("المُدُنُ الكَبِيرَةُ") == ["المُدُنُ", "الكَبِيرَةُ"]
    assert plan(parse("المُدُنُ"), "ar") == plan(parse("المدن"), "ar")


def test_arabic_text_in_another_language_is_normalised_too():
    # Folding does not depend on the language: a French page quoting an Arabic name.
    assert analysis.index_words("Le quartier « الأزهر »", "fr") == ["quartier", "الازهر"]


def test_the_matching_word_is_marked_whatever_its_vowels_and_prefixes():
    text = "أَسَّسَ السُّكَّانُ تَعَاوُنِيَّةً لِلإِسْكَانِ في الحيّ."
    for query, marked in (("الإسكان", "لِلإِسْكَانِ"), ("تعاونيه", "تَعَاوُنِيَّةً")):
        words = set(terms(plan(parse(query), "ar")))
        assert highlight.highlight(text, words, "ar") == text.replace(
            marked, f"<mark>{marked}</mark>"
        )


@pytest.fixture
def arabic(settings, home_fr):
    """Arabic as a third language, and the home page translated into it."""
    settings.LANGUAGES = [*settings.LANGUAGES, ("ar", "العربية")]
    settings.WAGTAIL_CONTENT_LANGUAGES = settings.LANGUAGES
    Locale.objects.get_or_create(language_code="ar")
    return translation.translate(home_fr, "ar", {}, strict=False)


def translate_to_arabic(page, strings):
    return translation.translate(page, "ar", strings, strict=False)


def publish_arabic_page(home_fr):
    """An Arabic translation of a page, as an editor makes it with wagtail-localize."""
    source = publish_page(
        home_fr,
        "Une coopérative d'habitants",
        body="Les habitants ont fondé une coopérative pour le logement.",
    )
    return translate_to_arabic(
        source,
        {
            "Une coopérative d'habitants": "تعاونيّة سكنيّة للسكّان",
            "Les habitants ont fondé une coopérative pour le logement.": (
                "أَسَّسَ السُّكَّانُ تَعَاوُنِيَّةً لِلإِسْكَانِ في الحيّ."
            ),
            "une-cooperative-dhabitants": "taawuniya",
        },
    )


TITLE = "تعاونيّة سكنيّة للسكّان"
# Each way of writing "housing" (with the preposition li-l, the article, vowels, stretched,
# a bare alef, a ha for the ta marbuta, a plural with the article) as the page does not.
QUERIES = (
    "الإسكان",
    "الاسكان",
    "الإِسْكَانُ",
    "للإسكان",
    "تعاونيه",
    "التعاونيات السكنية",
    "الإســـكان",
)


def test_an_arabic_page_is_found_however_the_query_is_written(arabic, home_fr, site_search):
    publish_arabic_page(home_fr)
    for query in QUERIES:
        assert titles(site_search(query, ["ar"])) == [TITLE], query
    # Arabic words are searched in Arabic only, and an unrelated word finds nothing.
    assert site_search("الإسكان", ["fr"]).total == 0
    assert site_search("مدرسة", ["ar"]).total == 0


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's configuration")
def test_postgresql_stems_arabic_with_the_server_configuration(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_ts_config WHERE cfgname = 'arabic'")
        has_arabic = cursor.fetchone() is not None
        cursor.execute(
            "SELECT to_tsvector('fairville_arabic', %s)::text",
            [" ".join(analysis.index_words("المدرسة مدرسة", "ar"))],
        )
        vector = cursor.fetchone()[0]
    # The Debian PostgreSQL the tests start (scripts/with-postgres.sh) has it.
    assert has_arabic
    assert vector == "'مدرس':1,2"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's configuration")
def test_without_the_arabic_configuration_postgresql_still_normalises(arabic, home_fr, site_search):
    # A server without ``arabic`` gets a copy of ``simple`` (migration 0007): no stemming,
    # but the words arrive normalised, so spellings still meet. (DDL is transactional:
    # the test's rollback restores the configuration.)
    with connection.cursor() as cursor:
        cursor.execute("DROP TEXT SEARCH CONFIGURATION fairville_arabic")
        cursor.execute("CREATE TEXT SEARCH CONFIGURATION fairville_arabic (COPY = simple)")
    publish_arabic_page(home_fr)
    for query in ("للإسكان", "لِلإِسْكَانِ", "للاســكان", "تعاونيه"):
        assert titles(site_search(query, ["ar"])) == [TITLE], query
    # Inflections need the stemmer.
    assert site_search("التعاونيات", ["ar"]).total == 0


# Elasticsearch, offline (tests/search/es_offline.py): the index settings and request
# bodies, evaluated as Elasticsearch documents them.


@pytest.fixture
def es_analysis():
    backend = get_search_backend("search.backends.elasticsearch")
    return backend.settings["settings"]["analysis"]


def test_elasticsearch_arabic_analyser_meets_every_spelling(es_analysis):
    analyse = Analyser(es_analysis, "fairville_arabic")
    tokens = {spelling: [token for _p, token in analyse(spelling)] for spelling in HOUSING}
    assert len({tuple(found) for found in tokens.values()}) == 1, tokens
    assert [token for _p, token in analyse("مسؤول، مستشفى ٢٠٢٦.")] == [
        token for _p, token in analyse("مسوول مستشفي 2026")
    ]


def test_elasticsearch_bodies_find_the_arabic_page(arabic, home_fr, es_analysis):
    page = publish_arabic_page(home_fr)
    mapping = FairvilleMapping(StandardPage)
    document = mapping.get_document(page)
    assert document["fv_title_ar"] == TITLE
    index = Index(es_analysis, mapping.get_mapping(), [document])
    for query in QUERIES:
        body = site_search_body(SiteQuery(query, ("ar",)))
        assert index.search(body["query"]) == [document], query
    assert index.search(site_search_body(SiteQuery("مدرسة", ("ar",)))["query"]) == []
    # Searched as French, the Arabic page's fields are not asked.
    assert index.search(site_search_body(SiteQuery("الإسكان", ("fr",)))["query"]) == []
