"""``load_demo`` with other languages than the default French and English: any
FAIRVILLE_LANGUAGES whose source is French loads, each language getting the versions the
demo has text for (none for a language it has no text for, whose addresses then offer the
French), and bringing the privacy notice up to date re-syncs every language that has it,
not only English."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from wagtail.models import Locale, Page

from cms import missing_translation
from cms.demo import DemoLoader
from cms.models import HomePage, MainMenu
from cms.settings.languages import languages
from sessions.models import SessionPage, Transcript
from tests import helpers
from tests.languages.conftest import ADDED

# One extra load of the demo per settings module: French with the language it adds last
# (Arabic under test_ar, German under test_de).
OTHER = ADDED[-1]


@pytest.fixture
def french_and_other(transactional_db, settings):
    """An empty database and a site in French and ``OTHER`` only."""
    # New ids after the demo's (as the test database's restore expects), and the caches of
    # ids (content types, locales) emptied before and after: none names another row.
    call_command(
        "flush", verbosity=0, interactive=False, inhibit_post_migrate=True, reset_sequences=False
    )
    ContentType.objects.clear_cache()
    settings.LANGUAGES = languages(["fr", OTHER])
    settings.WAGTAIL_CONTENT_LANGUAGES = settings.WAGTAILADMIN_PERMITTED_LANGUAGES = (
        settings.LANGUAGES
    )
    yield
    ContentType.objects.clear_cache()
    missing_translation._forget_locales()


def test_the_demo_loads_in_french_and_one_other_language(french_and_other, client):
    DemoLoader().run()
    assert sorted(Locale.objects.values_list("language_code", flat=True)) == sorted(["fr", OTHER])
    french = helpers.soup(client.get("/fr/"))
    assert french.html["lang"] == "fr" and french.select(".main-nav a")
    assert client.get("/fr/a-propos-des-dialogues/").status_code == 200
    # The seed's recording keeps its French transcript only: the site has no English.
    assert set(Transcript.objects.values_list("language", flat=True)) == {"fr"}
    spoken = {code for session in SessionPage.objects.all() for code in session.languages}
    assert "fr" in spoken and "en" not in spoken
    other_home = HomePage.objects.filter(locale__language_code=OTHER).first()
    if OTHER == "ar":
        # The demo's Arabic: the site's own pages, menu and privacy notice.
        home = helpers.soup(client.get("/ar/"))
        assert (home.html["lang"], home.html["dir"]) == ("ar", "rtl")
        assert other_home is not None and MainMenu.objects.filter(locale__language_code="ar")
        about = helpers.soup(client.get("/ar/about-the-dialogues/"))
        assert about.h1.get_text(strip=True) == "عن الحوارات"
    else:
        # No text in it: its addresses say so and offer the French.
        assert other_home is None
        page = helpers.soup(client.get(f"/{OTHER}/"))
        assert page.select_one('main a[hreflang="fr"]')["href"] == "/fr/"

    pages = Page.objects.count()
    DemoLoader().run()
    assert Page.objects.count() == pages
