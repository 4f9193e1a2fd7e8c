"""The suite with a fourth language, German, added by settings and its catalogues
(locale/de): nothing in the code names it but the search's tables of each language's stop
words, stemmer and engine configuration, which a language may lack (README).

`make test-languages` runs tests/languages/ with it (``--ds=cms.settings.test_de``).
"""

from .languages import languages
from .test_ar import *  # noqa: F403

LANGUAGES = languages([code for code, _name in LANGUAGES] + ["de"])  # noqa: F405
WAGTAIL_CONTENT_LANGUAGES = WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
