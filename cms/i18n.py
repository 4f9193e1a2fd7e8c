"""Where each language version of the current page lives."""

from dataclasses import dataclass, replace

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


def language_links(request, page=None):
    """Each language with this page's URL in it (its own address, not a route under it:
    see ``routed_links``)."""
    current = translation.get_language()
    translations = {}
    if isinstance(page, Page) and page.pk:
        for candidate in page.get_translations(inclusive=True).live().select_related("locale"):
            translations[candidate.locale.language_code] = candidate.specific_deferred
    links = []
    for code, name in settings.LANGUAGES:
        url, exact = _url_for(request, page, translations, code)
        with translation.override(code):
            localized_name = str(name)
        links.append(LanguageLink(code, localized_name, url, code == current, exact))
    return links


def routed_links(request, page, links, route):
    """``links`` (the page's own, ``language_links``) for what a page with routes of its
    own was asked for: ``route`` from the view's context, which the page's
    ``translated_route_url`` adds to each version's address (the reader stays where
    they are: same route, same filters). Reads nothing from the database."""
    custom = getattr(page, "translated_route_url", None)
    if custom is None:
        return links
    return [
        replace(link, url=custom(link.url, link.code, request, route)) if link.exact else link
        for link in links
    ]


def _url_for(request, page, translations, code):
    if page is not None and getattr(page, "pk", None):
        target = translations.get(code)
        if target is not None:
            return target.get_url(request), True
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
