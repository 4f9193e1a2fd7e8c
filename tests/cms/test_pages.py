import pytest
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from cms.models import Footer, FooterLink, MainMenu, MenuItem, StandardPage
from tests import helpers

pytestmark = pytest.mark.django_db


def soup(response):
    return helpers.soup(response, status=None)


@pytest.mark.parametrize(
    ("url", "lang", "heading"),
    [("/fr/", "fr", "Dialogues en co-production"), ("/en/", "en", "Co-production Dialogues")],
)
def test_home_pages_render_in_their_language(client, url, lang, heading):
    response = client.get(url)
    assert response.status_code == 200
    page = soup(response)
    assert page.html["lang"] == lang
    assert page.h1.get_text(strip=True) == heading
    skip = page.select_one("a.skip-link")
    assert skip["href"] == "#main" and page.select_one("main#main") is not None


@pytest.mark.parametrize(
    ("accept", "target"), [("en-GB,en;q=0.9", "/en/"), ("fr-FR,fr;q=0.9", "/fr/"), ("de", "/fr/")]
)
def test_root_redirects_by_browser_language(client, accept, target):
    response = client.get("/", headers={"accept-language": accept})
    assert response.status_code == 302
    assert response["Location"] == target


def test_switcher_and_alternates_link_each_page_to_its_translation(client):
    page = soup(client.get("/fr/a-propos-des-dialogues/"))
    switch = page.select_one('.language-switcher a[hreflang="en"]')
    assert switch["href"] == "/en/about-the-dialogues/"
    alternates = {link["hreflang"]: link["href"] for link in page.select('link[rel="alternate"]')}
    assert alternates["en"].endswith("/en/about-the-dialogues/")
    assert alternates["fr"].endswith("/fr/a-propos-des-dialogues/")

    back = soup(client.get("/en/about-the-dialogues/"))
    assert (
        back.select_one('.language-switcher a[hreflang="fr"]')["href"]
        == "/fr/a-propos-des-dialogues/"
    )
    assert back.html["lang"] == "en"
    assert back.h1.get_text(strip=True) == "About the Dialogues"


def test_switcher_leads_to_the_missing_translation_page_without_a_translation(client, home_fr):
    home_fr.add_child(instance=StandardPage(title="Brouillon seul", slug="seul"))
    page = soup(client.get("/fr/seul/"))
    # The page's address in English says it has no English version (test_missing_translation).
    assert page.select_one('.language-switcher a[hreflang="en"]')["href"] == "/en/seul/"
    hreflangs = [link["hreflang"] for link in page.select('link[rel="alternate"]')]
    assert hreflangs == ["fr"]


def test_menu_and_footer_follow_the_page_language(client):
    # Other apps add their own items (the series, the library): check the core's.
    fr_page = soup(client.get("/fr/"))
    fr_items = [a.get_text() for a in fr_page.select(".main-nav a")]
    assert [text for text in fr_items if text.startswith("À propos")] == [
        "À propos des Dialogues",
        "À propos du projet Fairville",
    ]
    en_page = soup(client.get("/en/"))
    en_hrefs = [a["href"] for a in en_page.select(".main-nav a")]
    assert [href for href in en_hrefs if href.startswith("/en/about")] == [
        "/en/about-the-dialogues/",
        "/en/about-fairville/",
    ]
    assert all(href.startswith("/en/") for href in en_hrefs)
    assert "/en/privacy-notice/" in [a["href"] for a in en_page.select(".site-footer a")]
    assert "Privacy notice" in en_page.select_one(".site-footer").get_text()


def test_the_footer_gives_the_contact_address_the_privacy_notice_sends_readers_to(client):
    # "Vos droits" tells readers to write to the Dialogues team: the site settings' contact
    # address was kept but shown nowhere.
    from wagtail.models import Site

    from cms.demo import DEMO_CONTACT
    from cms.models import SiteSettings

    for url, promise, words in (
        (
            "/fr/politique-de-confidentialite/",
            "en écrivant à l'équipe des Dialogues",
            "Écrire à l'équipe des Dialogues :",
        ),
        ("/en/privacy-notice/", "by writing to the Dialogues team", "Write to the Dialogues team:"),
    ):
        page = soup(client.get(url))
        assert promise in page.select_one("main").get_text(" ", strip=True)
        contact = page.select_one(".site-footer__contact")
        assert contact.get_text(" ", strip=True) == f"{words} {DEMO_CONTACT}"
        assert contact.a["href"] == f"mailto:{DEMO_CONTACT}"

    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.contact_email = "equipe@example.org"
    settings.save()
    assert soup(client.get("/en/")).select_one(".site-footer__contact a")["href"] == (
        "mailto:equipe@example.org"
    )
    settings.contact_email = ""
    settings.save()
    assert soup(client.get("/fr/")).select_one(".site-footer__contact") is None


@pytest.mark.parametrize(
    ("url", "lang", "message"),
    [("/fr/nulle-part/", "fr", "Page introuvable"), ("/en/nowhere/", "en", "Page not found")],
)
def test_unknown_url_gives_a_404_in_the_visitors_language(client, url, lang, message):
    response = client.get(url)
    assert response.status_code == 404
    page = soup(response)
    assert page.html["lang"] == lang
    assert page.h1.get_text(strip=True) == message


def test_unprefixed_unknown_url_redirects_then_404s_in_browser_language(client):
    response = client.get("/nowhere/", headers={"accept-language": "en"}, follow=True)
    assert response.status_code == 404
    assert soup(response).html["lang"] == "en"


@override_settings(ROOT_URLCONF="tests.cms.broken_urls", DEBUG=False)
def test_server_error_is_a_plain_page_without_a_trace(client):
    client.raise_request_exception = False
    response = client.get("/boom/")
    assert response.status_code == 500
    body = response.content.decode()
    # No language in the address: the source language's page (tests/cms/test_error_pages.py).
    assert '<html lang="fr"' in body and "Erreur du serveur" in body
    assert "Traceback" not in body and "ZeroDivisionError" not in body


def _queries_for(client, url):
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_menu_and_footer_cost_the_same_queries_however_many_links(client, home_fr, en):
    """Each link is resolved in the reader's language in bulk, not with queries per link."""
    menu = MainMenu.objects.get(locale=en)
    footer = Footer.objects.get(locale=en)
    before = _queries_for(client, "/en/")
    for page in home_fr.get_children()[:3]:
        MenuItem.objects.create(menu=menu, link_page=page, locale=en)
        FooterLink.objects.create(footer=footer, link_page=page, locale=en)
    assert len(MainMenu.objects.get(locale=en).items.all()) >= 4
    html = client.get("/en/").content.decode()
    assert _queries_for(client, "/en/") == before
    # The links still lead to the English versions of the French pages they name.
    for page in home_fr.get_children()[:3]:
        english = page.get_translation(en)
        assert f'href="{english.url}"' in html


@pytest.mark.parametrize("model", [MainMenu, Footer])
def test_editors_preview_menus_and_footers_with_their_links(rf, admin_user, en, model):
    snippet = model.objects.get(locale=en)
    request = rf.get("/")
    request.user = admin_user
    html = snippet.serve_preview(request, "").render().content.decode()
    links = snippet.items.all() if model is MainMenu else snippet.links.all()
    assert links
    for link in links:
        assert f'href="{link.href}"' in html
