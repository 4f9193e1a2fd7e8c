"""The site's languages, as the settings give them (cms/settings/languages.py).

Code that needs "the languages" asks here rather than naming any: the first is the
source language, the others its translations.
"""

from django.conf import settings
from django.utils import translation
from django.utils.functional import lazy


def codes():
    """Every configured language code, the source first."""
    return [code for code, _name in settings.LANGUAGES]


def source():
    """The language the content is written in (``LANGUAGE_CODE``)."""
    return settings.LANGUAGE_CODE


def translations():
    """The languages content is translated into."""
    return [code for code in codes() if code != source()]


def known(code):
    return code in dict(settings.LANGUAGES)


def own_name(code):
    """The language's name in itself (Français, English, العربيّة, Deutsch)."""
    name = dict(settings.LANGUAGES)[code]
    with translation.override(code):
        return str(name)


def name(code):
    """The language's name in the reader's language."""
    return str(dict(settings.LANGUAGES)[code])


def own_name_choices():
    """Choices naming each language in itself, as a language picker does: a callable for
    model fields, so that their migrations do not list the languages of the day."""
    return [(code, own_name(code)) for code in codes()]


def with_codes(message):
    """``message`` (with ``%(codes)s``) naming the configured codes, lazily: for
    descriptions written at import time, such as an open-data codebook's."""
    return lazy(lambda: str(message) % {"codes": ", ".join(codes())}, str)()


def choices():
    """``settings.LANGUAGES``, each named in the reader's language: a callable for model
    fields, so that their migrations do not list the languages of the day."""
    return list(settings.LANGUAGES)
