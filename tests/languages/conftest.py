"""Tests of the site in more than its default languages.

They run under the multilingual settings modules, each in its own process
(`make test-languages`: cms/settings/test_ar.py adds Arabic, test_de.py German too):

    .venv/bin/python -m pytest tests/languages --ds=cms.settings.test_ar -p no:cacheprovider

Under the default settings (French and English, the rest of the suite) this directory is
not collected: what it checks needs a language beyond those, and the two-language site is
the rest of the suite's subject. Write tests here for the language a module adds (the
``added_language`` fixture), or for one language in files named after it
(``test_arabic_*.py``, ``test_german_*.py``).

Each run checks the language its module adds to the one it builds on: test_ar Arabic,
test_de German (with Arabic already there). A language's own checks run only in the run
that adds it: Arabic's, its browser test included, under test_ar, German's under test_de;
elsewhere they would prove nothing more and cost the run's time (`make test-languages` is
part of `make test`'s 30 minutes).
"""

import pytest
from django.conf import settings

from cms.settings.languages import DEFAULT_LANGUAGES
from tests import snapshot

CODES = [code for code, _name in settings.LANGUAGES]
ADDED = [code for code in CODES if code not in DEFAULT_LANGUAGES]
# The language these settings add last: the one this run is about.
LANGUAGE = ADDED[-1] if ADDED else None

# The files of one language's own checks, by its code.
OWN_CHECKS = {"ar": "test_arabic_*.py", "de": "test_german_*.py"}

if not ADDED:
    collect_ignore_glob = ["test_*.py"]
else:
    collect_ignore_glob = [glob for code, glob in OWN_CHECKS.items() if code != LANGUAGE]


@pytest.fixture
def languages():
    """Every configured language code, the source first."""
    return list(CODES)


@pytest.fixture(scope="session")
def added_language():
    """The language these settings add last (Arabic under test_ar, German under test_de)."""
    return LANGUAGE


# What an editor writes in German for the pages the test_de run translates (French ->
# German); every other string of those pages stays in French until translated.
GERMAN = {
    "Dialogues en co-production": "Dialoge in Koproduktion",
    "À propos des Dialogues": "Über die Dialoge",
    "bibliotheque": "bibliothek",
    "Bibliothèque de cas": "Bibliothek der Fallstudien",
    "exemple-cooperative-habitants-le-caire": "beispiel-genossenschaft-kairo",
    "Une coopérative d'habitants au Caire": "Eine Genossenschaft von Mieterinnen und Mietern "
    "in Kairo",
    "Étude de cas d'exemple : des locataires créent une coopérative au Caire pour racheter "
    "leur immeuble avec l'aide d'un fonds solidaire.": "Beispiel-Fallstudie: Mieterinnen "
    "und Mieter gründen in Kairo eine Genossenschaft, um ihr Haus mit Hilfe eines "
    "Solidarfonds zurückzukaufen.",
}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The demo as loaded (tests/conftest.py); under test_de, with German versions of the
    pages and snippets the demo has in Arabic, made as editors make them (editors.py), so
    that German has a site to test. The demo's copy is taken again to include them."""
    if LANGUAGE not in (None, "ar"):
        from .editors import translate_site

        with django_db_blocker.unblock():
            translate_site(LANGUAGE, GERMAN if LANGUAGE == "de" else {})
            snapshot.take()
