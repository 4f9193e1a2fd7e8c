"""The library's own routes (the listing with its filters, a lab's page, the codebook) are
kept per content version as any page's address is (cms/routing.py), with what else a
render used to query: the library's token (practices/library_index.py), the codes its
follow links name (community/sections.py) and its language versions (cms_tags). A
filtered render then costs one query, and every change is followed at once.

The page cache is off here: every answer is a render.
"""

import pytest
from django.test import Client
from wagtail.models import PageViewRestriction

from practices.models import CaseStudyTag, Lab, LibraryPage

from .conftest import soup

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_off")]

FILTERED_EN = "/en/library/?tag=housing&lever=defendre"
LAB_EN = "/en/library/labs/bruxelles/"
CODEBOOK_EN = "/en/library/codebook/"
ROUTED = (FILTERED_EN, "/fr/bibliotheque/?lab=marseille", LAB_EN, CODEBOOK_EN)


def get(url):
    return Client().get(url)


def titles(url):
    return [a.get_text() for a in soup(get(url)).select(".case__title a")]


@pytest.mark.parametrize("url", ROUTED)
def test_a_library_render_costs_one_query_once_its_parts_are_kept(
    django_assert_max_num_queries, url
):
    assert get(url).status_code == 200  # routes, index, rows, vocabularies: kept
    with django_assert_max_num_queries(1):  # the library page itself, with its locale
        response = get(url)
    assert response.status_code == 200


def test_the_filters_still_choose_what_a_kept_route_lists():
    listed = titles(FILTERED_EN)
    assert "A legal help desk against evictions in Brussels" in listed
    assert titles(FILTERED_EN) == listed  # kept
    assert titles("/en/library/?tag=housing") != titles("/en/library/?lab=dakar")
    assert soup(get(LAB_EN)).h1.get_text() == "Fairville Lab Brussels"


def test_a_renamed_library_answers_at_its_new_address_at_once(library_en):
    for url in ROUTED:
        get(url)
    library_en.slug = "case-studies"
    library_en.save_revision().publish()
    assert get("/en/case-studies/?tag=housing&lever=defendre").status_code == 200
    assert get("/en/case-studies/labs/bruxelles/").status_code == 200
    for old in (FILTERED_EN, LAB_EN, CODEBOOK_EN):
        assert get(old).status_code != 200, old


def test_an_unpublished_library_is_gone_at_once(library_en):
    for url in ROUTED:
        get(url)
    library_en.unpublish()
    for url in (FILTERED_EN, LAB_EN, CODEBOOK_EN):
        assert get(url).status_code == 404, url


def test_a_deleted_lab_has_no_page_at_once():
    assert get(LAB_EN).status_code == 200
    assert get(LAB_EN).status_code == 200  # kept
    Lab.objects.filter(slug="bruxelles").delete()
    assert get(LAB_EN).status_code == 404
    assert get("/fr/bibliotheque/laboratoires/bruxelles/").status_code == 404


@pytest.mark.parametrize("restriction_type", ["login", "password"])
def test_a_restricted_library_stays_restricted(library_en, restriction_type):
    for url in ROUTED:
        get(url)
    PageViewRestriction.objects.create(
        page=library_en, restriction_type=restriction_type, password="secret-enough"
    )
    for url in (FILTERED_EN, LAB_EN, CODEBOOK_EN):
        for _ in range(2):  # routed again, then kept again under the new version
            answer = get(url)
            body = answer.content.decode()
            if restriction_type == "login":
                assert answer.status_code == 302 and "login" in answer["Location"], url
            else:  # Wagtail's password form, and nothing of the library
                assert 'name="password"' in body, url
            assert "A legal help desk against evictions in Brussels" not in body, url
            assert 'id="results-heading"' not in body, url
    assert get("/fr/bibliotheque/?lab=marseille").status_code == 200  # not the French one


def test_a_case_study_published_shows_in_the_filtered_library_at_once(make_case):
    url = "/fr/bibliotheque/?tag=logement"
    assert "Une cantine de quartier" not in titles(url)
    assert "Une cantine de quartier" not in titles(url)  # its token kept
    make_case("Une cantine de quartier", tags=["logement"])
    assert "Une cantine de quartier" in titles(url)


def test_a_new_tag_can_be_followed_at_once(en):
    def follow(url):
        return [a.get_text() for a in soup(get(url)).select(".follow a")]

    url = "/en/library/?tag=urban-commons"
    assert not any("urban commons" in text for text in follow(url))
    assert not any("urban commons" in text for text in follow(url))  # the codes kept
    CaseStudyTag.objects.create(name="urban commons", slug="urban-commons", locale=en)
    assert "Follow “Theme: urban commons”" in follow(url)


def switch(url, language):
    return soup(get(url)).select_one(f'.language-switcher a[hreflang="{language}"]')["href"]


def test_the_language_switcher_keeps_the_readers_place_in_the_library(fr):
    for _ in range(2):  # built, then kept
        assert switch(FILTERED_EN, "fr") == "/fr/bibliotheque/?tag=housing&lever=defendre"
        assert switch(LAB_EN, "fr") == "/fr/bibliotheque/laboratoires/bruxelles/"
        codebook = "/fr/bibliotheque/dictionnaire-des-donnees/?lab=dakar"
        assert switch(CODEBOOK_EN + "?lab=dakar", "fr") == codebook
        assert switch("/fr/bibliotheque/proposer/?x=1", "en") == "/en/library/propose/"
    french = LibraryPage.objects.get(locale=fr)
    french.slug = "etudes-de-cas"
    french.save_revision().publish()
    assert switch(LAB_EN, "fr") == "/fr/etudes-de-cas/laboratoires/bruxelles/"
