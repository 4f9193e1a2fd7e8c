"""Case studies and labs on the public search page, and the labels of the library's facets.

Registered from ``PracticesConfig.ready()`` through ``search.registry``.
"""

import datetime

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from cms.models import Lever
from search.registry import Kind, register, register_labels, register_shown
from sessions.search_kinds import lever_names

from . import vocabulary
from .models import CaseStudyPage, CaseStudyTag, Lab, LabPartner, LibraryPage


def _names(shared, language, name, queryset):
    key = (name, language)
    if key not in shared:
        shared[key] = dict(queryset.filter(locale__language_code=language))
    return shared[key]


def _case_study_text(page, language, shared):
    """Its country in the page's language; its lab's, tags' and levers' names (labels)."""
    if page.country:
        with translation.override(language or None):
            yield "body", str(page.country.name)
    if page.lab_id:
        labs = _names(shared, language, "labs", Lab.objects.values_list("slug", "name"))
        yield "labels", labs.get(page.lab.slug, page.lab.name)
    # A translation carries its source's tag rows: each is named in the page's language.
    tags = _names(
        shared, language, "tags", CaseStudyTag.objects.values_list("translation_key", "name")
    )
    for tag in page.tags.all():
        yield "labels", tags.get(tag.translation_key, tag.name)
    levers = lever_names(language, shared)
    for link in page.lever_links.all():
        yield "labels", levers.get(link.lever.code, link.lever.name)


def _case_studies_showing_lab(lab):
    yield CaseStudyPage.objects.filter(lab__slug=lab.slug)


def _lab_of_partner(partner):
    yield Lab.objects.filter(pk=partner.lab_id)


def _case_studies_showing_tag(tag):
    yield CaseStudyPage.objects.filter(tags__translation_key=tag.translation_key)


def _case_studies_showing_lever(lever):
    yield CaseStudyPage.objects.filter(lever_links__lever__code=lever.code)


def _case_study_facets(page):
    if page.lab_id:
        yield ("lab", page.lab.slug)
    # A translation carries its source's tag rows (see practices.models.tags), so the slug
    # names the same tag in both languages; the label is looked up in the reader's.
    for tag in page.tags.all():
        yield ("tag", tag.slug)
    for link in page.lever_links.all():
        yield from (("lever", code) for code in link.lever.codes)
    if page.start_year:
        yield ("year", page.start_year)


def _case_study_date(page):
    if page.start_year:
        return datetime.date(page.start_year, 1, 1)
    return None


def _lab_url(lab, request, lookups):
    # A lab's page is a route of the library in its language: one lookup per language
    # for a page of results.
    key = ("library", lab.locale_id)
    if key not in lookups:
        lookups[key] = (
            LibraryPage.objects.live().filter(locale_id=lab.locale_id).order_by("path").first()
        )
    library = lookups[key]
    return library.lab_url(lab) if library else None


def register_search_kinds():
    register(
        CaseStudyPage,
        Kind(
            "case_study",
            _("Case studies"),
            facets=_case_study_facets,
            date=_case_study_date,
            text=_case_study_text,
            prefetch=("lab", "tags", "lever_links__lever__parent"),
            order=20,
        ),
    )
    register(
        Lab,
        Kind(
            "lab",
            _("Labs"),
            facets=lambda lab: [("lab", lab.slug)],
            url=_lab_url,
            order=40,
        ),
    )
    # Labels kept with the index, forgotten when their source changes.
    register_labels("lab", vocabulary.lab_labels, sources=(Lab,))
    register_labels("tag", vocabulary.tag_labels, sources=(CaseStudyTag,))
    register_labels("lever", vocabulary.lever_labels, sources=(Lever,))
    # What a case study shows of them is in its document: re-index it when they change.
    register_shown(Lab, _case_studies_showing_lab)
    register_shown(LabPartner, _lab_of_partner)
    register_shown(CaseStudyTag, _case_studies_showing_tag)
    register_shown(Lever, _case_studies_showing_lever)
