"""What a case study page shows besides its own fields: names in the reader's
language, the sessions it relates to, and its structured data.

Everything the page shows under the site's header comes from content alone (the page,
its library, labs, levers, tags, sessions and recordings, the site's settings), so it
is rendered once per version of the content and kept in the shared cache
(``cms.fragments``), per page and per address the reader used (the citation's links are
absolute): an uncached render of a case study then costs what its routing and the
site's header and footer cost.
"""

from django.template.loader import render_to_string

from cms.fragments import shared
from cms.jsonld import json_ld
from cms.models import Lever
from sessions.models import SessionPage

from . import vocabulary
from .citations import case_study_citation
from .discussions import discussed_in
from .map import case_marker, lab_map
from .privacy import is_public, public
from .relations import sessions_on_levers

HEAD = "practices/includes/case_study_head.html"
ARTICLE = "practices/includes/case_study_article.html"


def case_study_parts(page, request, context):
    """``{"head": ..., "article": ...}``: the page's HTML for its head and its body.

    A preview shows a draft under the live page's id, and a private page's text stays
    out of the shared cache: both are rendered each time.
    """

    def build():
        full = {**context, **case_study_context(page, request)}
        return {
            "head": render_to_string(HEAD, full, request),
            "article": render_to_string(ARTICLE, full, request),
        }

    if getattr(request, "is_preview", False) or not page.live or not is_public(page):
        return build()
    return shared("practices:case-study", build, page.pk, request.get_host(), request.scheme)


def case_study_context(page, request):
    library = page.get_parent().specific
    locale = page.locale
    tags = vocabulary.localized_tags(page.tags.all(), locale)
    tags = sorted(tags.values(), key=lambda tag: tag.name.lower())
    names = vocabulary.levers(locale)
    links = page.lever_links.select_related("lever")
    levers = [names.get(link.lever.code, link.lever) for link in links]
    sessions = related_sessions(page, levers)
    lab = vocabulary.labs(locale).get(page.lab.slug, page.lab) if page.lab_id else None
    citation = case_study_citation(page, request, lab)
    return {
        "citation": citation,
        "library": library,
        "lab": lab,
        "lab_url": library.lab_url(lab) if lab else None,
        "tags_localized": tags,
        "levers": levers,
        "sessions": sessions,
        "structured_data": structured_data(page, request, lab, tags, levers, citation),
        "discussed_in": discussed_in(page, request),
        "map": lab_map(library, [lab] if lab else [], [case_marker(page, page.url)]),
    }


def related_sessions(page, levers):
    """Sessions the editors linked to this case study, then sessions on its levers.

    Returns ``(linked, on_levers)``, each a list of live, unrestricted session pages in
    the page's language where translated.
    """
    linked = []
    for link in page.session_links.select_related("session"):
        session = link.session.localized
        if session.live and is_public(session):
            linked.append(session)
    codes = {lever.code for lever in levers}
    if not codes:
        return linked, []
    seen = {session.translation_key for session in linked}
    candidates = public(
        SessionPage.objects.live().filter(pk__in=sessions_on_levers(codes), locale=page.locale)
    ).order_by("path")
    on_levers = [s for s in candidates if s.translation_key not in seen]
    return linked, on_levers


def structured_data(page, request, lab, tags, levers, citation):
    """schema.org JSON-LD of the case study, as its script element."""
    place = {"@type": "Place", "name": ", ".join(filter(None, [page.place, page.city]))}
    place["address"] = {
        "@type": "PostalAddress",
        "addressLocality": page.city,
        "addressCountry": page.country.code,
    }
    if page.located:
        place["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(page.latitude),
            "longitude": float(page.longitude),
        }
    end = "" if page.ongoing else str(page.end_year or page.start_year)
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "genre": "case study",
        "headline": page.title[:110],
        "name": page.title,
        "description": page.summary,
        "inLanguage": page.locale.language_code,
        "url": page.get_full_url(request),
        "spatialCoverage": place,
        "temporalCoverage": f"{page.start_year}/{end or '..'}",
        "keywords": [tag.name for tag in tags],
        "about": [
            {
                "@type": "DefinedTerm",
                "name": lever.name,
                "termCode": lever.code,
                "inDefinedTermSet": str(Lever._meta.verbose_name_plural),
            }
            for lever in levers
        ],
        "isPartOf": {
            "@type": "Collection",
            "name": page.get_parent().title,
            "url": page.get_parent().get_full_url(request),
        },
    }
    if page.first_published_at:
        data["datePublished"] = page.first_published_at.isoformat()
    if page.last_published_at:
        data["dateModified"] = page.last_published_at.isoformat()
    if lab is not None:
        data["sourceOrganization"] = {"@type": "ResearchProject", "name": lab.name}
    # Authors, publisher, licence and DOI: the same facts as "cite this".
    data.update(citation.schema_org())
    if page.first_published_at:
        data["datePublished"] = page.first_published_at.isoformat()
    return json_ld(data)
