"""The kinds of result on the public search page, and the facets each one carries.

This is the one place that knows the content models; the index, the backends and the view
only know kinds and facets. Any page not registered here is a plain "page" result.
"""

from django.utils.translation import gettext_lazy as _

from cms.models import Lever
from sessions.models import SessionPage

from .documents import KINDS, PAGE_KIND, Kind, register  # noqa: F401

# Facets of the search page, in display order, with their labels.
FACETS = {
    "type": _("Type"),
    "lab": _("Lab"),
    "tag": _("Tag"),
    "lever": _("Lever"),
    "year": _("Year"),
}


def _lever_labels(codes, language):
    levers = Lever.objects.filter(code__in=codes, locale__language_code=language)
    return dict(levers.values_list("code", "name"))


def _type_labels(codes, language):
    kinds = {**KINDS, PAGE_KIND.code: PAGE_KIND}
    return {code: str(kinds[code].label) for code in codes if code in kinds}


LABELS = {"type": _type_labels, "lever": _lever_labels}


def facet_labels(name, values, language):
    """Labels of a facet's values in the reader's language; a value is its own default."""
    labeller = LABELS.get(name)
    return labeller(values, language) if labeller else {}


def facet_order(name, item):
    value, count = item
    if name == "year":
        return (-int(value) if value.isdigit() else 0, value)
    if name == "type":
        kinds = {**KINDS, PAGE_KIND.code: PAGE_KIND}
        return (kinds[value].order if value in kinds else 999, value)
    return (-count, value)


# -- sessions ------------------------------------------------------------------------------


def _lever_codes(links):
    for link in links:
        yield link.lever.code
        if link.lever.parent_id:
            # An entry point also belongs to its lever's filter.
            yield link.lever.parent.code


def _session_date(page):
    moment = page.starts_at or page.provisional_month
    return moment.date() if hasattr(moment, "date") else moment


def _session_facets(page):
    yield from (("lever", code) for code in _lever_codes(page.lever_links.all()))
    date = _session_date(page)
    if date:
        yield ("year", date.year)


register(
    SessionPage,
    Kind(
        "session",
        _("Sessions"),
        facets=_session_facets,
        date=_session_date,
        prefetch=("lever_links__lever__parent",),
        order=10,
    ),
)
