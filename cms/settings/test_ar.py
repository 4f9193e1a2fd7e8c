"""The suite with a third language, written right to left: French, English, Arabic.

`make test-languages` runs tests/languages/ with it (``--ds=cms.settings.test_ar``).
"""

from .languages import DEFAULT_LANGUAGES, languages
from .test import *  # noqa: F403

LANGUAGES = languages([*DEFAULT_LANGUAGES, "ar"])
WAGTAIL_CONTENT_LANGUAGES = WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
