"""A menu or footer not yet translated shows its source's words on a page in another
language, and a menu link may lead to a page that has no version in the reader's
language: each such passage carries its own ``lang`` (and ``dir``), and each such link
its destination's ``hreflang``, so that screen readers and browsers read it as what it is.
"""

import pytest

from cms.models import Footer, MainMenu, MenuItem, StandardPage
from tests import helpers

pytestmark = pytest.mark.django_db


def marked(node):
    """(text, lang, dir, hreflang) of each link or passage inside ``node`` that says its
    own language, in the order of the page."""
    return [
        (helpers.text(tag), tag.get("lang"), tag.get("dir"), tag.get("hreflang"))
        for tag in node.select("[lang], [hreflang]")
    ]


def test_a_translated_menu_and_footer_say_no_other_language(client):
    for path in ("/fr/", "/en/a-propos-des-dialogues/", "/en/about-the-dialogues/"):
        page = helpers.soup(client.get(path, follow=True))
        assert page.select_one(".main-nav a") is not None
        assert marked(page.select_one(".main-nav")) == []
        assert marked(page.select_one(".site-footer")) == []


def test_the_french_menu_and_footer_on_an_english_page_are_marked_french(client, fr, en):
    MainMenu.objects.get(locale=en).delete()
    Footer.objects.get(locale=en).delete()
    menu = MainMenu.objects.get(locale=fr)
    MenuItem.objects.create(
        menu=menu, link_url="https://www.fairville-eu.org", label="Le projet", sort_order=999,
        locale=fr,
    )  # fmt: skip

    page = helpers.soup(client.get("/en/about-the-dialogues/"))
    assert page.html["lang"] == "en"
    # The pages it links have English versions: their titles are English, not marked.
    nav = page.select_one(".main-nav")
    assert nav.select_one('a[href="/en/about-the-dialogues/"]').get_text() == "About the Dialogues"
    assert marked(nav) == [("Le projet", "fr", "ltr", None)]
    footer = page.select_one(".site-footer")
    text = footer.select_one(".site-footer__text")
    assert (text["lang"], text["dir"]) == ("fr", "ltr")
    assert "Projet Fairville" in helpers.text(text)
    assert ("www.fairville-eu.org", "fr", "ltr", None) in marked(footer.nav)
    privacy = footer.select_one('a[href="/en/privacy-notice/"]')
    assert privacy.get_text() == "Privacy notice" and not privacy.has_attr("lang")


def test_a_link_to_a_page_not_yet_translated_names_its_language(client, fr, en, home_fr):
    french_only = home_fr.add_child(instance=StandardPage(title="Seulement ici", slug="ici"))
    for locale in (fr, en):
        MenuItem.objects.create(
            menu=MainMenu.objects.get(locale=locale), link_page=french_only, sort_order=999,
            locale=locale,
        )  # fmt: skip

    english = helpers.soup(client.get("/en/about-the-dialogues/"))
    assert marked(english.select_one(".main-nav")) == [("Seulement ici", "fr", "ltr", "fr")]
    assert english.select_one('.main-nav a[hreflang="fr"]')["href"] == "/fr/ici/"
    french = helpers.soup(client.get("/fr/a-propos-des-dialogues/"))
    assert marked(french.select_one(".main-nav")) == []
