"""The configured languages reach the site: each has its locale, its URL prefix, its
place in the switcher with its own name, and its hreflang alternate."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Locale

pytestmark = pytest.mark.django_db


def test_every_language_has_a_locale(languages):
    assert sorted(Locale.objects.values_list("language_code", flat=True)) == sorted(languages)


def test_switcher_names_each_language_in_itself(client, added_language, languages):
    response = client.get(f"/{added_language}/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.html["lang"] == added_language
    # From French, each language is offered in its own name (Deutsch, العربيّة), in it.
    soup = BeautifulSoup(client.get("/fr/").content, "html.parser")
    offered = {a["hreflang"]: a for a in soup.select("nav a[hreflang], header a[hreflang]")}
    assert set(offered) == set(languages) - {"fr"}
    link = offered[added_language]
    assert link["lang"] == added_language
    assert link.get_text(strip=True) == OWN_NAMES[added_language]


OWN_NAMES = {"ar": "العربيّة", "de": "Deutsch"}
