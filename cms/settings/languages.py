"""The site's languages, chosen by code (``FAIRVILLE_LANGUAGES=fr,en,ar``).

Everything that depends on a language (URL prefixes, the switcher, hreflang, feeds,
emails, the library's routes, the demo) reads ``LANGUAGES``; adding one is a matter of
settings and gettext catalogues (README.md, "Adding a language").
"""

from django.conf.locale import LANG_INFO
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy

# French is the language the content is written in; English its complete translation.
DEFAULT_LANGUAGES = ("fr", "en")


def languages(codes):
    """Django's ``LANGUAGES`` for these codes, the source language first.

    The names are Django's English ones through gettext, so that each language's
    catalogue (Django's own included) gives its name in the reader's language, and
    ``translation.override(code)`` its own name.
    """
    codes = [code.strip().lower() for code in codes if code.strip()]
    if not codes:
        raise ImproperlyConfigured("FAIRVILLE_LANGUAGES names no language.")
    unknown = [code for code in codes if code not in LANG_INFO or "name" not in LANG_INFO[code]]
    if unknown:
        raise ImproperlyConfigured(
            f"FAIRVILLE_LANGUAGES: unknown language code(s) {', '.join(unknown)} "
            "(use Django's codes, e.g. fr, en, ar, de)."
        )
    if len(set(codes)) != len(codes):
        raise ImproperlyConfigured(f"FAIRVILLE_LANGUAGES repeats a language: {','.join(codes)}.")
    return [(code, gettext_lazy(LANG_INFO[code]["name"])) for code in codes]
