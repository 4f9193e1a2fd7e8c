"""A page asked for in a language it has no version in says so, in that language, and
offers the versions that exist (cms/missing_translation.py), instead of a 404."""

import pytest
from wagtail.models import PageViewRestriction

from cms.models import StandardPage
from tests import helpers

pytestmark = pytest.mark.django_db


def soup(response):
    return helpers.soup(response, status=200)


@pytest.fixture
def french_only(home_fr):
    return home_fr.add_child(instance=StandardPage(title="Seulement en français", slug="seul"))


def test_a_page_missing_in_english_says_so_in_english_and_links_the_french(client, french_only):
    page = soup(client.get("/en/seul/"))
    assert page.html["lang"] == "en"
    assert page.h1.get_text(strip=True) == "Not available in this language"
    main = helpers.text(page.main)
    assert "This page has no version in this language (English). It exists in:" in main
    (version,) = page.select("main li a[hreflang]")
    assert version["href"] == "/fr/seul/"
    assert version["hreflang"] == version["lang"] == "fr"
    assert version.get_text() == "Seulement en français"
    assert version.find_next_sibling("span").get_text() == "(Français)"
    assert page.select_one("main a[href='/en/']").get_text() == "Go to the home page"
    # Not a page of its own for search engines; the alternates are the real versions.
    assert page.select_one('meta[name="robots"]')["content"] == "noindex"
    alternates = {link["hreflang"]: link["href"] for link in page.select('link[rel="alternate"]')}
    assert alternates == {"fr": "http://testserver/fr/seul/"}


def test_a_page_missing_in_french_says_so_in_french(client, home_en):
    home_en.add_child(instance=StandardPage(title="English only", slug="english-only"))
    page = soup(client.get("/fr/english-only/"))
    assert page.html["lang"] == "fr"
    assert page.h1.get_text(strip=True) == "Non disponible dans cette langue"
    assert "Cette page n'a pas de version dans cette langue (Français)." in helpers.text(page.main)
    (version,) = page.select("main li a[hreflang]")
    assert (version["href"], version["lang"]) == ("/en/english-only/", "en")


def test_an_address_with_the_other_languages_slug_leads_to_the_translation(client):
    response = client.get("/en/a-propos-des-dialogues/")
    assert response.status_code == 302
    assert response["Location"] == "/en/about-the-dialogues/"


def test_drafts_private_pages_and_unknown_addresses_stay_not_found(client, home_fr, french_only):
    home_fr.add_child(instance=StandardPage(title="Brouillon", slug="brouillon", live=False))
    assert client.get("/en/brouillon/").status_code == 404
    assert client.get("/en/nowhere-at-all/").status_code == 404
    # Only pages are offered: a form's POST to a missing version is still a 404.
    assert client.post("/en/seul/").status_code == 404
    PageViewRestriction.objects.create(page=french_only, restriction_type="login")
    response = client.get("/en/seul/")
    assert response.status_code == 404
    assert "Seulement en français" not in response.content.decode()
