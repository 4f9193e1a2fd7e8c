"""The library's keyword box: the site's search engine behind it (analysis, indexed text,
ranking), the library's own facets around it, and an index that follows every change."""

import pytest
from django.test import override_settings
from wagtail.models import PageViewRestriction

from practices.factories import bulk_case_studies
from practices.models import CaseStudyPage, GlossaryTerm
from tests.helpers import searched

from .conftest import facet_counts, results, soup

pytestmark = pytest.mark.django_db

FR = "/fr/bibliotheque/"
EN = "/en/library/"


def story(text):
    return [("paragraph", f"<p>{text}</p>")]


@pytest.fixture
def cases(make_case):
    return {
        "school": make_case("L'école du quartier", tags=["logement"], slug="ecole"),
        "coops": make_case(
            "Les coopératives d'habitants",
            english="Residents' cooperatives",
            lab="berlin",
            slug="cooperatives",
        ),
        "story": make_case(
            "Un jardin partagé",
            body=story("Les voisins plantent des tournesols géants."),
            slug="jardin",
        ),
        "summary": make_case("Une cantine", summary="Une école y mange le midi.", slug="cantine"),
    }


def titles(client, url):
    return results(client, url)[0]


def test_accents_plurals_and_stems_match_as_on_the_search_page(client, cases):
    assert titles(client, FR + "?q=ecole") == ["L'école du quartier", "Une cantine"]
    # (The demo has cooperatives of its own.)
    found = titles(client, FR + "?q=cooperative")
    assert "Les coopératives d'habitants" in found and "L'école du quartier" not in found
    assert "Une coopérative d'habitants au Caire" in found
    assert titles(client, FR + "?q=COOPÉRATIVES") == found
    # English readers search the English version with English analysis.
    found = titles(client, EN + "?q=cooperative")
    assert "Residents' cooperatives" in found and "Les coopératives d'habitants" not in found
    assert "Residents' cooperatives" in titles(client, EN + "?q=resident")


def test_a_word_of_the_story_finds_the_case_study(client, cases):
    assert titles(client, FR + "?q=tournesol") == ["Un jardin partagé"]
    assert titles(client, FR + "?q=tournesols+voisins") == ["Un jardin partagé"]
    assert titles(client, FR + "?q=tournesols+-voisins") == []


def test_case_studies_not_yet_translated_are_found_by_the_readers_words(client, cases):
    # The English library lists the French-only case studies in French: English keywords
    # reach them through the vocabulary (the glossary pairs voisin·e·s and neighbours,
    # quartier and neighbourhood), as "Include results in other languages" does.
    found = titles(client, EN + "?q=neighbours")
    assert "Un jardin partagé" in found and "L'école du quartier" not in found
    assert "L'école du quartier" in titles(client, EN + "?q=neighbourhood")
    # Words the vocabulary does not know are searched as typed, in each language.
    assert titles(client, EN + "?q=tournesols") == ["Un jardin partagé"]
    # It is the vocabulary that finds it, as it is now: an editor's change is seen at once.
    GlossaryTerm.objects.filter(term__in=["voisin·e·s", "neighbours"]).delete()
    assert "Un jardin partagé" not in titles(client, EN + "?q=neighbours")


def test_a_library_all_in_the_readers_language_is_searched_as_typed(client, cases):
    # Every case study has a French version: the French library translates nothing, as
    # the search page without "Include results in other languages".
    assert "Un jardin partagé" not in titles(client, FR + "?q=neighbours")
    assert "Un jardin partagé" in titles(client, FR + "?q=voisins")


def test_keywords_sort_by_relevance_unless_the_reader_sorts(client, cases):
    # The title match ranks above the summary match, whatever their dates or titles.
    assert titles(client, FR + "?q=ecole") == ["L'école du quartier", "Une cantine"]
    page = soup(client.get(FR + "?q=ecole"))
    assert page.select_one("#library-sort option[selected]")["value"] == "relevance"
    assert titles(client, FR + "?q=ecole&sort=title") == ["L'école du quartier", "Une cantine"]
    reverse = titles(client, FR + "?q=ecole&sort=oldest")
    assert sorted(reverse) == ["L'école du quartier", "Une cantine"]
    # Without keywords there is nothing to rank: no such option, the default order.
    page = soup(client.get(FR + "?sort=relevance"))
    assert "relevance" not in [o["value"] for o in page.select("#library-sort option")]


def test_keywords_and_facets_combine_and_count_each_other(client, cases):
    assert titles(client, FR + "?q=ecole&tag=logement") == ["L'école du quartier"]
    assert titles(client, FR + "?q=ecole&lab=berlin") == []
    counts = facet_counts(client, FR + "?q=ecole")
    assert counts[("lab", "marseille")] == 2
    assert ("lab", "berlin") not in counts  # nothing to add with these keywords
    assert counts[("tag", "logement")] == 1


def test_only_live_public_case_studies_are_found(client, cases):
    total = results(client, FR)[1]
    marseille = facet_counts(client, FR)[("lab", "marseille")]
    cases["summary"].unpublish()
    assert results(client, FR + "?q=ecole") == (["L'école du quartier"], 1)
    assert results(client, FR)[1] == total - 1
    PageViewRestriction.objects.create(
        page=cases["school"], restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    assert results(client, FR + "?q=ecole") == ([], 0)
    listed, now = results(client, FR)
    assert now == total - 2 and "L'école du quartier" not in listed
    assert facet_counts(client, FR)[("lab", "marseille")] == marseille - 2
    assert facet_counts(client, FR + "?q=ecole") == {}


def test_the_listing_follows_publishing_at_once(client, make_case, library_fr):
    before = results(client, FR)[1]
    counts = facet_counts(client, FR)
    case = make_case("Un nouveau cas", lab="dakar", body=story("Une ressourcerie."))
    assert results(client, FR)[1] == before + 1
    assert facet_counts(client, FR)[("lab", "dakar")] == counts.get(("lab", "dakar"), 0) + 1
    assert titles(client, FR + "?q=ressourcerie") == ["Un nouveau cas"]
    case.unpublish()
    assert results(client, FR)[1] == before
    assert titles(client, FR + "?q=ressourcerie") == []
    # Case studies written in bulk, without signals, are listed too.
    bulk_case_studies(3, seed=7)
    assert results(client, FR)[1] == before + 3


@pytest.mark.parametrize(
    "text",
    [
        "ecole AND OR NOT",
        '"école',
        "NEAR(ecole quartier)",
        "eco* -",
        "title:ecole",
        "<script>alert(1)</script>",
        "é" * 10_000,
        "x" * 10_000,
        "🏘️ 学校 مدرسة",
        "%00ecole",
        "le la les",
    ],
)
def test_any_keywords_give_results_or_the_empty_state(client, cases, text):
    for base in (FR, EN):
        response = client.get(base, {"q": text})
        assert response.status_code == 200
        main = response.content.split(b"<main")[1]
        assert b"<script>alert" not in main
        heading = soup(response).select_one("#results-heading")
        assert heading is not None


def suggested(client, url):
    """The "Did you mean" link of a library page: (its text, its URL), or None."""
    links = soup(client.get(url)).select(".library__results .search-suggestion a")
    assert len(links) <= 1
    return (links[0].get_text(), links[0]["href"]) if links else None


def test_a_typo_in_the_keywords_offers_the_corrected_ones_as_one_link(client, cases):
    # The index's own word: singular, as it keeps words.
    text, url = suggested(client, FR + "?q=tournseols")
    assert (text, url) == ("tournesol", FR + "?q=tournesol")
    assert titles(client, url) == ["Un jardin partagé"]
    # In the reader's language: the English versions' words.
    text, url = suggested(client, EN + "?q=cooperatvies")
    assert text.startswith("cooperative")
    assert "Residents' cooperatives" in titles(client, url)
    assert "Les coopératives d'habitants" not in titles(client, url)
    # Words that are found, or that nothing known is near, are left alone.
    assert suggested(client, FR + "?q=tournesols") is None
    assert suggested(client, FR + "?q=qzxwvkj") is None


@override_settings(FAIRVILLE_PAGE_CACHE_SECONDS=0)
def test_a_correction_is_written_as_the_case_studies_write_it(client, cases):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    # The index keeps its words without accents; the French titles write "coopérative".
    text, url = suggested(client, FR + "?q=cooperatvie")
    assert (text, url) == ("coopérative", FR + "?q=coop%C3%A9rative")
    # The reader's capital is kept, and a word they typed is left as it was.
    assert suggested(client, FR + "?q=Cooperatvie+quartier") is None  # nothing has both
    assert suggested(client, FR + "?q=Cooperatvie")[0] == "Coopérative"
    # Its search is kept under the address the link gives: following it searches nothing.
    with CaptureQueriesContext(connection) as followed:
        found = titles(client, url)
    assert "Les coopératives d'habitants" in found
    assert searched(followed.captured_queries) == []


def test_the_link_keeps_the_filters_and_appears_only_when_it_finds_something(client, cases):
    # The garden is in Marseille (make_case's default lab).
    text, url = suggested(client, FR + "?q=tournseols&lab=marseille")
    assert text == "tournesol"
    assert url == FR + "?q=tournesol&lab=marseille"
    assert titles(client, url) == ["Un jardin partagé"]
    # Corrected, the keywords would still find nothing in Berlin: no link to an empty page.
    assert suggested(client, FR + "?q=tournseols&lab=berlin") is None
    # Nor when another word still finds nothing.
    assert suggested(client, FR + "?q=tournseols+qzxwvkj") is None


def test_the_suggestion_escapes_what_the_reader_typed(client, cases):
    response = client.get(FR, {"q": "tournseols -<script>alert(1)</script>"})
    assert response.status_code == 200
    assert b"<script>alert" not in response.content.split(b"<main")[1]
    link = soup(response).select_one(".search-suggestion a")
    assert link.get_text() == "tournesol -<script>alert(1)</script>"
    assert titles(client, FR + link["href"][len(FR) :]) == ["Un jardin partagé"]


@override_settings(FAIRVILLE_PAGE_CACHE_SECONDS=0)
def test_a_suggestion_is_looked_up_once_and_its_search_kept_for_the_link(
    client, cases, monkeypatch
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    import practices.listing

    asked = []
    real = practices.listing.did_you_mean

    def spy(text, language):  # the real look-up, counted
        asked.append(text)
        return real(text, language)

    monkeypatch.setattr(practices.listing, "did_you_mean", spy)
    text, url = suggested(client, FR + "?q=tournseols")
    assert asked == ["tournseols"]
    # Asked again, and following the link: no search, no look-up.
    with CaptureQueriesContext(connection) as again:
        assert suggested(client, FR + "?q=tournseols") == (text, url)
        assert titles(client, url) == ["Un jardin partagé"]
    assert searched(again.captured_queries) == []
    assert asked == ["tournseols"]
    # Keywords that find case studies ask for no suggestion.
    assert "Un jardin partagé" in titles(client, FR + "?q=jardin")
    assert asked == ["tournseols"]


# The searches' own queries: the results cache is off (repeated keywords: below).
@override_settings(FAIRVILLE_PAGE_CACHE_SECONDS=0, FAIRVILLE_SEARCH_CACHE_SECONDS=0)
def test_keywords_cost_the_same_queries_at_any_size(
    client, library_fr, django_assert_max_num_queries
):
    library_fr.get_children().delete()
    bulk_case_studies(10, seed=1)
    from django.core.management import call_command

    call_command("update_index", verbosity=0)
    urls = [FR + "?q=logement", EN + "?q=housing+-water&tag=housing&page=2", FR + "?page=3"]
    counts = []
    for url in urls:
        client.get(url)  # the site root paths and the library's index, once
        with django_assert_max_num_queries(40) as captured:
            assert client.get(url).status_code == 200
        counts.append(len(captured.captured_queries))
    bulk_case_studies(190, seed=2)
    call_command("update_index", verbosity=0)
    for url, small in zip(urls, counts, strict=True):
        client.get(url)
        with django_assert_max_num_queries(small):
            assert client.get(url).status_code == 200
    assert results(client, FR + "?q=logement")[1] > 20


@override_settings(FAIRVILLE_PAGE_CACHE_SECONDS=0, FAIRVILLE_SEARCH_CACHE_SECONDS=0)
def test_keywords_add_one_search_to_the_listing_queries(client, cases):
    # What matches and the first page's ranked hits come from one search: the kind's facet
    # value, (on SQLite) the site tables that exist, and one statement.
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for url in (FR, FR + "?q=ecole"):
        client.get(url)  # the site root paths and the library's index, once
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        counts[url] = len(captured.captured_queries)
    extra = 3 if connection.vendor == "sqlite" else 2
    assert counts[FR + "?q=ecole"] <= counts[FR] + extra, counts


@override_settings(FAIRVILLE_PAGE_CACHE_SECONDS=0)
def test_the_same_keywords_are_searched_once_while_the_reader_filters_and_pages(client, make_case):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for number in range(25):
        lab = "berlin" if number % 2 else "marseille"
        make_case(f"Tournesols {number}", lab=lab, slug=f"tournesols-{number}")
    with CaptureQueriesContext(connection) as first:
        found, total = results(client, FR + "?q=tournesol")  # two pages
    assert total == 25 and len(found) == 25
    assert len(searched(first.captured_queries)) == 1
    # Ticking a facet, turning a page: the same keywords, read from the cache.
    with CaptureQueriesContext(connection) as again:
        assert results(client, FR + "?q=tournesol&lab=berlin")[1] == 12
        assert results(client, FR + "?q=tournesol")[0] == found
    assert searched(again.captured_queries) == []
    # Sorted by title, the listing asks what matches only: one search, then none.
    for expected in (1, 0):
        with CaptureQueriesContext(connection) as sorted_:
            assert len(results(client, FR + "?q=tournesol&sort=title&lab=berlin")[0]) == 12
        assert len(searched(sorted_.captured_queries)) == expected
    with CaptureQueriesContext(connection) as plain:
        client.get(FR)
    with CaptureQueriesContext(connection) as repeated:
        client.get(FR + "?q=tournesol&lab=berlin")
    assert len(repeated.captured_queries) <= len(plain.captured_queries)
    # Never stale: a publish, an edit or an unpublish shows at the next render.
    added = make_case("Tournesols du port", lab="berlin", slug="tournesols-port")
    assert results(client, FR + "?q=tournesol&lab=berlin")[1] == 13
    added.body = story("Des capucines.")
    added.title = added.summary = "Capucines du port"
    added.save_revision().publish()
    assert results(client, FR + "?q=tournesol&lab=berlin")[1] == 12
    assert titles(client, FR + "?q=capucines") == ["Capucines du port"]
    added.unpublish()
    assert titles(client, FR + "?q=capucines") == []


def test_a_relevance_page_finds_the_kept_hits_ranked_below_the_first_ones(
    client, make_case, monkeypatch, settings
):
    # The listing asks the engine for its first ranked hits only; when the filters keep
    # none of them (here: every title match is untagged, and the tagged case studies
    # match by their story only), it asks again for more until the page is full.
    from practices import listing

    settings.FAIRVILLE_SEARCH_CACHE_SECONDS = 0  # what each page asks (the cache: above)
    monkeypatch.setattr(listing, "RANKED_MARGIN", 0)
    asked, asked_first = [], []  # ranked_ids's limits; keyword_ids's (with the match set)
    ranked_ids, keyword_ids = listing.ranked_ids, listing.keyword_ids

    def spy(*args, **kwargs):
        asked.append(kwargs["limit"])
        return ranked_ids(*args, **kwargs)

    def spy_first(*args, **kwargs):
        asked_first.append(kwargs["limit"])
        return keyword_ids(*args, **kwargs)

    monkeypatch.setattr(listing, "ranked_ids", spy)
    monkeypatch.setattr(listing, "keyword_ids", spy_first)
    for number in range(42):
        make_case(f"Tournesols {number}", slug=f"tournesols-{number}")
    deep = [
        make_case(
            f"Jardin {name}",
            body=story("Des tournesols " * repeat),
            tags=["friche"],
            slug=f"jardin-{name}",
        )
        for name, repeat in (("nord", 3), ("sud", 1))
    ]
    found, total = results(client, FR + "?q=tournesol&tag=friche")
    assert total == 2
    assert sorted(found) == sorted(page.title for page in deep)
    # The first hits, asked with what matches, held none of them: asked again for more
    # than the 42 title matches.
    assert asked_first == [40] and len(asked) == 1 and asked[0] > 42
    # The same order as the whole ranking, filtered.
    from search.service import ranked_ids as all_ranked

    order = [pk for pk in all_ranked("tournesol", "case_study", ["fr"])]
    expected = [page.title for page in sorted(deep, key=lambda p: order.index(str(p.pk)))]
    assert found == expected
    # Without filters, each page needs one ask of the engine, and the pages together
    # list every hit once, in the whole ranking's order. The first page's hits come with
    # what matches; the next pages ask for their end and a page more.
    asked.clear()
    asked_first.clear()
    found, total = results(client, FR + "?q=tournesol")
    titles = dict(CaseStudyPage.objects.values_list("pk", "title"))
    assert total == 44 and found == [titles[int(pk)] for pk in order]
    assert asked == [60, 64]  # pages 2 and 3 (of 20, 20 and 4)
    assert asked_first == [40, 40, 40]
