"""Blocks the library adds to other apps' pages, through cms's page-sections hook."""

from django.db.models import Q
from django.template.loader import render_to_string

from cms.fragments import shared, shared_html
from cms.models import HomePage, Lever
from cms.models.pages import PageSection
from sessions.models import SessionPage

from .models import CaseStudyPage, Lab, LibraryPage
from .relations import session_lever_codes

HOME_FEATURED = 3
SESSION_LIMIT = 12
SESSION_CASES = "practices/sections/session_case_studies.html"
KEPT = "practices/sections/kept.html"  # a section's HTML, rendered and kept beforehand


def home_section(request, page, context):
    if not isinstance(page, HomePage):
        return None
    # Content only: kept between renders until content changes (cms/fragments.py).
    found = shared("home-library", lambda: home_library(page.locale_id), page.locale_id)
    if found is None:
        return None
    return PageSection("practices/sections/home_library.html", found, order=50)


def home_library(locale_id):
    library = LibraryPage.objects.live().filter(locale=locale_id).first()
    if library is None:
        return None
    featured = list(
        CaseStudyPage.objects.live()
        .public()
        .filter(locale=locale_id, featured=True)
        .select_related("lab")
        .order_by("-first_published_at")[:HOME_FEATURED]
    )
    labs = list(Lab.objects.filter(locale=locale_id).order_by("name"))
    for lab in labs:
        lab.url = library.lab_url(lab)
    return {"library": library, "featured": featured, "labs": labs}


def session_section(request, page, context):
    if getattr(page, "specific_class", None) is not SessionPage:
        return None
    # Content only (case studies, their links and levers, the library's address): rendered
    # once per version of the content and kept, per page and reader's language
    # (cms/fragments.py). A preview is rendered each time, as the fragments are.
    html = shared_html(
        "practices:session-cases", lambda: session_cases_html(page), page.pk, request=request
    )
    if not html:
        return None
    return PageSection(KEPT, {"html": html}, order=60)


def session_cases(page, codes):
    """The live public case studies in the session page's language that are linked to its
    session or to its levers (``codes``, entry points included)."""
    linked_here = Q(session_links__session__translation_key=page.translation_key)
    on_levers = Q(lever_links__lever__in=Lever.objects.covering(codes))
    cases = (
        CaseStudyPage.objects.live()
        .public()
        .filter(locale=page.locale_id)
        .filter(linked_here | on_levers if codes else linked_here)
        .select_related("lab")
        .distinct()
        .order_by("-start_year", "title")[:SESSION_LIMIT]
    )
    return list(cases)


def session_cases_html(page):
    """The section's HTML, or "" when no case study relates to the session."""
    codes = session_lever_codes(page)
    cases = session_cases(page, codes)
    if not cases:
        return ""
    section = {"cases": cases, "library": cases[0].get_parent(), "lever_codes": sorted(codes)}
    return render_to_string(SESSION_CASES, {"section": section})
