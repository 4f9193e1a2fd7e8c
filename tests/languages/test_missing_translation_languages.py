"""In a language added by settings, a page without a version in it says so in that
language and offers the versions that exist; the language opens once an editor
translates the home page (cms/missing_translation.py)."""

import pytest
from wagtail.models import Locale

from cms.models import HomePage, StandardPage
from cms.translation import translate
from tests import helpers
from tests.languages.catalogues import own_words

pytestmark = pytest.mark.django_db

OWN_NAMES = {"fr": "Français", "en": "English"}


def test_a_page_in_french_and_english_only_says_so_in_the_added_language(
    client, added_language, home_fr, en
):
    source = home_fr.add_child(instance=StandardPage(title="Deux langues", slug="deux-langues"))
    translate(source, en, {"Deux langues": "Two languages", "deux-langues": "two-languages"})

    for path in ("deux-langues", "two-languages"):  # the prefix changed on either version
        page = helpers.soup(client.get(f"/{added_language}/{path}/"))
        assert page.html["lang"] == added_language
        assert page.h1.get_text(strip=True) == own_words(
            added_language, "Not available in this language"
        )
        versions = {
            link["hreflang"]: (
                link["href"],
                link.get_text(),
                link.find_next_sibling("span").get_text(),
            )
            for link in page.select("main li a[hreflang]")
        }
        assert versions == {
            "fr": ("/fr/deux-langues/", "Deux langues", "(Français)"),
            "en": ("/en/two-languages/", "Two languages", "(English)"),
        }
        assert {link["lang"] for link in page.select("main li a[hreflang]")} == {"fr", "en"}

    # The switcher of the French version leads there.
    french = helpers.soup(client.get("/fr/deux-langues/"))
    link = french.select_one(f'.language-switcher a[hreflang="{added_language}"]')
    assert link["href"] == f"/{added_language}/deux-langues/"


def test_a_language_opens_when_an_editor_translates_the_home_page(
    client, added_language, home_fr, en
):
    locale = Locale.objects.get(language_code=added_language)
    HomePage.objects.filter(locale=locale).delete()  # a language just added: no page yet

    page = helpers.soup(client.get(f"/{added_language}/"))
    assert page.html["lang"] == added_language
    assert page.h1.get_text(strip=True) == own_words(
        added_language, "Not available in this language"
    )
    versions = {link["hreflang"]: link["href"] for link in page.select("main li a[hreflang]")}
    homes = HomePage.objects.live().exclude(locale=locale).select_related("locale")
    assert versions == {home.locale.language_code: home.url for home in homes}
    assert {"fr": "/fr/", "en": "/en/"}.items() <= versions.items()
    # Nothing else to go to: no link home when the home page is what is missing.
    assert own_words(added_language, "Go to the home page") not in helpers.text(page.main)
    # Nor is a French page shown under the language's prefix as if it were in it.
    about = helpers.soup(client.get(f"/{added_language}/a-propos-des-dialogues/"))
    assert about.h1.get_text(strip=True) == page.h1.get_text(strip=True)
    assert about.select_one('main a[hreflang="fr"]')["href"] == "/fr/a-propos-des-dialogues/"

    translated = translate(home_fr, locale, {}, strict=False)
    page = helpers.soup(client.get(f"/{added_language}/"))
    assert page.html["lang"] == added_language
    assert page.h1.get_text(strip=True) == translated.hero_title
    alternates = {link["hreflang"] for link in page.select('link[rel="alternate"]')}
    assert added_language in alternates
