"""Menus and footers across scripts: on an Arabic page, a link whose page has no Arabic
version shows that page's French or English title, marked with its language and written
left to right; on a French page, a link to a page only in Arabic is marked right to left
(cms/templatetags/cms_tags.py, ``link_languages``)."""

import pytest
from wagtail.models import Locale

from cms.models import HomePage, MainMenu, MenuItem, StandardPage
from tests import helpers

pytestmark = pytest.mark.django_db


def links(page):
    return [
        (helpers.text(a), a.get("lang"), a.get("dir"), a.get("hreflang"))
        for a in page.select(".main-nav a")
    ]


def test_an_arabic_page_marks_the_menu_links_that_are_not_arabic(client):
    page = helpers.soup(client.get("/ar/"))
    assert page.html["dir"] == "rtl"
    found = links(page)
    assert found
    for text, lang, direction, hreflang in found:
        arabic = any("\u0600" <= char <= "\u06ff" for char in text)
        if arabic:
            assert (lang, direction, hreflang) == (None, None, None), text
        else:
            # The page has no Arabic version: its title and its address are another's.
            assert lang in ("fr", "en") and direction == "ltr" and hreflang == lang, text


def test_a_french_page_marks_a_link_to_a_page_only_in_arabic_right_to_left(client):
    ar, fr = (Locale.objects.get(language_code=code) for code in ("ar", "fr"))
    arabic_only = HomePage.objects.get(locale=ar).add_child(
        instance=StandardPage(title="صفحة بالعربية فقط", slug="arabic-only")
    )
    menu = MainMenu.objects.get(locale=fr)
    MenuItem.objects.create(menu=menu, link_page=arabic_only, sort_order=999, locale=fr)
    french = helpers.soup(client.get("/fr/"))
    assert ("صفحة بالعربية فقط", "ar", "rtl", "ar") in links(french)
