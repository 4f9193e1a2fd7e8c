"""The suite with a fourth language, German, added by settings alone (and its
catalogues, where it has them): nothing in the code names it.

`make test-languages` runs tests/languages/ with it (``--ds=cms.settings.test_de``).
"""

from .languages import languages
from .test_ar import *  # noqa: F403

LANGUAGES = languages([code for code, _name in LANGUAGES] + ["de"])  # noqa: F405
WAGTAIL_CONTENT_LANGUAGES = WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
