"""Where each language version of the current page lives."""

from dataclasses import dataclass

from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Locale, Page

from .models import HomePage


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str
    current: bool
    # False when the page has no translation: the link is then its address with that
    # language's prefix, which says so and offers the versions that exist
    # (cms/missing_translation.py).
    exact: bool


def language_links(request, page=None, route=None):
    """Each language with this page's URL in it; ``route`` is what a page with routes of
    its own (``get_translated_url``) was asked for, from the view's context."""
    current = translation.get_language()
    translations = {}
    if isinstance(page, Page) and page.pk:
        for candidate in page.get_translations(inclusive=True).live().select_related("locale"):
            translations[candidate.locale.language_code] = candidate.specific_deferred
    links = []
    for code, name in settings.LANGUAGES:
        url, exact = _url_for(request, page, translations, code, route)
        with translation.override(code):
            localized_name = str(name)
        links.append(LanguageLink(code, localized_name, url, code == current, exact))
    return links


def _url_for(request, page, translations, code, route):
    if page is not None and getattr(page, "pk", None):
        target = translations.get(code)
        if target is not None:
            custom = getattr(page, "get_translated_url", None)
            url = custom(target, request, route) if custom else None
            return url or target.get_url(request), True
        return translate_url(page.get_url(request), code), False
    path = request.get_full_path() if request else "/"
    url = translate_url(path, code)
    if url != path or code == translation.get_language():
        return url, True
    return home_url(code, request), False


def home_url(code, request=None):
    home = HomePage.objects.live().filter(locale__language_code=code).order_by("path").first()
    if home is None:
        return f"/{code}/"
    return home.get_url(request)


def active_locale():
    try:
        return Locale.get_active()
    except Locale.DoesNotExist:
        return Locale.get_default()


def in_reader_language(objects, locale, key):
    """``{key(obj): obj}``: for each key its object in ``locale``, else the first one met.

    The one rule for showing translatable objects to a reader: their version where it
    exists, otherwise the one they were written in (order ``objects`` so it comes first).
    """
    found = {}
    for obj in objects:
        name = key(obj)
        if name not in found or obj.locale_id == locale.pk:
            found[name] = obj
    return found
