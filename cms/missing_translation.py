"""A page asked for in a language it has no version in says so, in that language, and
offers the versions that exist, instead of a "page not found" or of another language's
text under this language's address.

Two ways to get there: the language has no home page yet (Wagtail then routes through
the source language's tree, which would show French text marked as, say, German), or
the address does not exist in the language's tree but does in another's (a link with
the language prefix changed by hand). A page that does exist in the reader's language
under another address is redirected to. Only live pages without view restrictions are
ever named: a private page stays a 404.
"""

from django.db.models.signals import post_delete, post_save
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import translation
from wagtail import hooks
from wagtail.models import Locale, Site

from cms import languages, routing
from cms.models import HomePage

# {language code: Locale pk}, so that serving a page costs no query to know its
# language; a mismatch is always checked against the database (another process may
# have added the locale), and any change of a locale here forgets it.
_locale_ids = {}


def _forget_locales(**kwargs):
    _locale_ids.clear()


post_save.connect(_forget_locales, sender=Locale, dispatch_uid="missing-translation-locales")
post_delete.connect(_forget_locales, sender=Locale, dispatch_uid="missing-translation-locales")


def _in_language(page, code, check=False):
    if not check and _locale_ids.get(code) == page.locale_id:
        return True
    locale_id = Locale.objects.filter(language_code=code).values_list("pk", flat=True).first()
    if locale_id is not None:
        _locale_ids[code] = locale_id
    return locale_id == page.locale_id


def serve(request, path):
    """Wagtail's page serving, with the missing-translation answer (see the module)."""
    language = translation.get_language()
    route = routing.route(request, path)
    if route is not None and (_in_language(route[0], language) or not languages.known(language)):
        return routing.serve(request, *route)
    if route is None:
        route = _route_in_other_languages(request, path, language)
        if route is None:
            raise Http404
    page, args, kwargs = route
    if not _public(page) or request.method not in ("GET", "HEAD"):
        raise Http404
    versions = _versions(page, request)
    own = next((version for version in versions if version["code"] == language), None)
    # A route under the page (a feed, an export, a citation, a lab's page), if any.
    below = _below(request, page, path) if args or kwargs else []
    if not below and own is not None:
        return HttpResponseRedirect(own["url"])
    if below:
        if own is not None and _routes(request, own["page"], below):
            return HttpResponseRedirect(own["url"] + "".join(f"{part}/" for part in below))
        response = _serve_in_its_language(request, page, args, kwargs)
        if not response.get("Content-Type", "").startswith("text/html"):
            # What a machine reads answers in its format, the version's, and says so.
            return response
    return TemplateResponse(
        request,
        "cms/missing_translation.html",
        {
            "page": page.specific,
            "language_name": languages.name(language),
            "versions": [version for version in versions if version["code"] != language],
            "home_url": _home_url(page, language, request),
        },
    )


def _below(request, page, path):
    """The components of ``path`` under ``page``'s own address (its route's)."""
    components = [component for component in path.split("/") if component]
    site = Site.find_for_request(request)
    return components[page.depth - site.root_page.depth :]


def _routes(request, page, components):
    try:
        page.specific.route(request, components)
    except Http404:
        return False
    return True


def _serve_in_its_language(request, page, args, kwargs):
    """The route as the version found serves it, in that version's language (a feed's
    title, an export's labels): as Wagtail serves a page, hooks first."""
    code = page.locale.language_code
    page = page.specific
    with translation.override(code):
        for hook in hooks.get_hooks("before_serve_page"):
            result = hook(page, request, args, kwargs)
            if result:
                return result
        response = page.serve(request, *args, **kwargs)
        if not response.get("Content-Type", "").startswith("text/html"):
            if hasattr(response, "render"):
                response.render()
            response["Content-Language"] = code
    return response


def _route_in_other_languages(request, path, language):
    """The route of ``path`` in another language's tree of this site, if it has one."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    components = [component for component in path.split("/") if component]
    homes = site.root_page.get_translations(inclusive=True).live().select_related("locale")
    order = {code: index for index, code in enumerate(languages.codes())}
    for home in sorted(homes, key=lambda home: order.get(home.locale.language_code, len(order))):
        if home.locale.language_code == language:
            continue
        try:
            return home.specific.route(request, components)
        except Http404:
            continue
    return None


def _home_url(page, language, request):
    """The language's home page, unless it is what is missing."""
    if page.specific_class is not None and issubclass(page.specific_class, HomePage):
        return None
    home = HomePage.objects.live().filter(locale__language_code=language).order_by("path")
    home = home.first()
    return home.get_url(request) if home is not None else None


def _public(page):
    return page.live and not page.get_view_restrictions().exists()


def _versions(page, request):
    """The page's live, public versions in the site's languages, in their order."""
    found = {}
    for candidate in page.get_translations(inclusive=True).live().select_related("locale"):
        code = candidate.locale.language_code
        if languages.known(code) and _public(candidate):
            found[code] = candidate
    return [
        {
            "code": code,
            "name": languages.own_name(code),
            "title": found[code].title,
            "url": found[code].get_url(request),
            "page": found[code],
        }
        for code in languages.codes()
        if code in found
    ]
