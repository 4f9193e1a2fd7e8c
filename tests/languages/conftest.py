"""Tests of the site in more than its default languages.

They run under the multilingual settings modules, each in its own process
(`make test-languages`: cms/settings/test_ar.py adds Arabic, test_de.py German too):

    .venv/bin/python -m pytest tests/languages --ds=cms.settings.test_ar -p no:cacheprovider

Under the default settings (French and English, the rest of the suite) this directory is
not collected: what it checks needs a language beyond those, and the two-language site is
the rest of the suite's subject. Write tests here for whatever ``settings.LANGUAGES``
holds (the ``added_languages`` fixture), or for Arabic, which both modules configure.
"""

import pytest
from django.conf import settings

from cms.settings.languages import DEFAULT_LANGUAGES

CODES = [code for code, _name in settings.LANGUAGES]
ADDED = [code for code in CODES if code not in DEFAULT_LANGUAGES]

if not ADDED:
    collect_ignore_glob = ["test_*.py"]


@pytest.fixture
def languages():
    """Every configured language code, the source first."""
    return list(CODES)


@pytest.fixture(params=ADDED or [None])
def added_language(request):
    """Each language the settings add to French and English, one test per language."""
    return request.param
