"""Sessions, recordings, case studies and labs on the search page, with their facets."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.models import Lever
from practices.models import CaseStudyPage, CaseStudyTag, Lab
from search.models import FacetValue, IndexedDocument
from sessions.models import SessionPage
from tests.helpers import soup

pytestmark = pytest.mark.django_db


def facet(page, label):
    for section in page.select(".search-facet"):
        if section.h3.get_text() == label:
            return {
                " ".join(a.get_text().split()).rsplit(" (", 1)[0]: a["href"]
                for a in section.select("a")
            }
    return {}


def test_sessions_are_found_with_their_levers_and_year(client, fr):
    session = SessionPage.objects.live().filter(locale=fr).exclude(lever_links=None).first()
    levers = [link.lever for link in session.lever_links.select_related("lever")]
    document = IndexedDocument.objects.get(object_id=str(session.pk), kind="session")
    assert document.public and document.language == "fr"

    page = soup(client.get("/fr/recherche/", {"q": session.title}))
    hit = page.select_one(".search-hit")
    assert hit.select_one("a")["href"] == session.url
    assert hit.select_one(".badge").get_text() == "Sessions"
    lever_links = facet(page, "Levier")
    assert levers[0].name in lever_links  # labelled in the reader's language
    year = str(session.starts_at.year if session.starts_at else session.provisional_month.year)
    assert year in facet(page, "Année")

    filtered = soup(client.get("/fr/recherche/" + lever_links[levers[0].name]))
    urls = {a["href"] for a in filtered.select(".search-hit__title a")}
    assert session.url in urls
    # Every result is on that lever (or one of its entry points).
    on_lever = (
        SessionPage.objects.live()
        .filter(locale=fr)
        .filter(
            lever_links__lever__in=Lever.objects.filter(code=levers[0].code)
            | Lever.objects.filter(parent__code=levers[0].code)
        )
    )
    assert urls <= {page.url for page in on_lever}
    assert filtered.select_one(".search-facet a[aria-current]")


def test_english_facet_labels_are_english(client, en):
    session = SessionPage.objects.live().filter(locale=en).exclude(lever_links=None).first()
    lever = session.lever_links.select_related("lever").first().lever
    assert lever.locale_id == en.pk
    page = soup(client.get("/en/search/", {"q": session.title}))
    assert lever.name in facet(page, "Lever")


def test_case_studies_with_lab_tag_lever_and_year_facets(client, fr):
    study = (
        CaseStudyPage.objects.live()
        .filter(locale=fr)
        .exclude(lab=None)
        .exclude(tagged_items=None)
        .first()
    )
    tag = study.tags.first()
    page = soup(client.get("/fr/recherche/", {"q": study.title}))
    hit = page.select_one(".search-hit")
    assert hit.select_one("a")["href"] == study.url
    assert hit.select_one(".badge").get_text() == "Études de cas"
    labs = facet(page, "Laboratoire")
    assert study.lab.name in labs
    assert tag.name in facet(page, "Mot-clé")
    assert str(study.start_year) in facet(page, "Année")

    # Lab and tag together: every result is from that lab and carries that tag.
    by_lab = soup(client.get("/fr/recherche/" + labs[study.lab.name]))
    both = soup(client.get("/fr/recherche/" + facet(by_lab, "Mot-clé")[tag.name]))
    urls = {a["href"] for a in both.select(".search-hit__title a")}
    assert study.url in urls
    matching = CaseStudyPage.objects.live().filter(
        locale=fr, lab__slug=study.lab.slug, tags__slug=tag.slug
    )
    lab_pages = {lab_url for lab_url in urls if "/laboratoires/" in lab_url}
    assert urls - lab_pages <= {page.url for page in matching}


def test_tags_are_labelled_in_the_readers_language(client, en):
    study = CaseStudyPage.objects.live().filter(locale=en).exclude(tagged_items=None).first()
    tag = study.tags.first()  # the French row, carried by the translation
    english_name = CaseStudyTag.objects.get(translation_key=tag.translation_key, locale=en).name
    page = soup(client.get("/en/search/", {"q": study.title}))
    assert english_name in facet(page, "Tag")


def test_labs_are_results_that_link_to_their_page(client, fr):
    lab = Lab.objects.filter(locale=fr).first()
    page = soup(client.get("/fr/recherche/", {"q": lab.name}))
    labs = [
        hit
        for hit in page.select(".search-hit")
        if hit.select_one(".badge").get_text() == "Laboratoires"
    ]
    assert labs, page.select(".search-hit__title")
    url = labs[0].select_one("a")["href"]
    assert url.endswith(f"/laboratoires/{lab.slug}/")
    assert client.get(url).status_code == 200


def test_facet_labels_are_kept_with_the_index_and_follow_a_rename(
    client, en, django_assert_max_num_queries, settings
):
    settings.FAIRVILLE_SEARCH_CACHE_SECONDS = 0  # the labels kept by the index, not a cache hit
    study = CaseStudyPage.objects.live().filter(locale=en).exclude(tagged_items=None).first()
    tag = study.tags.first()
    english = CaseStudyTag.objects.get(translation_key=tag.translation_key, locale=en)
    first = soup(client.get("/en/search/", {"q": study.title}))
    assert english.name in facet(first, "Tag")
    kept = FacetValue.objects.get(facet="tag", value=tag.slug).labels
    assert kept["en"] == english.name

    # The next results page reads the labels with the counts: no query per facet.
    with django_assert_max_num_queries(40) as captured:
        client.get("/en/search/", {"q": study.title})
    tables = " ".join(query["sql"] for query in captured.captured_queries)
    assert "practices_casestudytag" not in tables and "practices_lab" not in tables

    english.name = "Renamed by an editor"
    english.save()
    renamed = soup(client.get("/en/search/", {"q": study.title}))
    assert "Renamed by an editor" in facet(renamed, "Tag")


def test_a_miss_after_a_publish_reads_no_facet_values_and_a_rename_still_shows(client, en):
    study = CaseStudyPage.objects.live().filter(locale=en).exclude(tagged_items=None).first()
    tag = study.tags.first()
    english = CaseStudyTag.objects.get(translation_key=tag.translation_key, locale=en)
    other = CaseStudyPage.objects.live().filter(locale=en).exclude(pk=study.pk).first()
    client.get("/en/search/", {"q": study.title})  # labels its facets, keeps the labels
    other.save_revision().publish()
    client.get("/en/search/", {"q": study.title})  # reads the values with those labels

    # A publish changes the index's generation (every results page is missed), not the
    # facet values and their labels: they are read from the cache.
    other.save_revision().publish()
    with CaptureQueriesContext(connection) as captured:
        page = soup(client.get("/en/search/", {"q": study.title}))
    tables = " ".join(query["sql"] for query in captured.captured_queries)
    assert "search_indexedtext" in tables  # the page was searched, not read from the cache
    assert "search_facetvalue" not in tables
    assert english.name in facet(page, "Tag")

    # A made-up filter value (a link anyone can write) is labelled but kept nowhere: the
    # facet values stay kept.
    client.get("/en/search/", {"q": study.title, "tag": "made-up-by-a-script"})
    other.save_revision().publish()
    with CaptureQueriesContext(connection) as captured:
        client.get("/en/search/", {"q": study.title})
    assert "search_facetvalue" not in " ".join(q["sql"] for q in captured.captured_queries)

    english.name = "Renamed by an editor"
    english.save()
    renamed = soup(client.get("/en/search/", {"q": study.title}))
    assert "Renamed by an editor" in facet(renamed, "Tag")
