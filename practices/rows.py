"""The rows of the library's results (the library, a lab's page): each case study's HTML
and its marker on the map, rendered from content alone and kept in the shared cache
(``cms.fragments``) per case study and reader's language.

A page of results then reads twenty rows instead of loading twenty case studies with
their lab, tags and levers, working out their addresses and rendering them; the case
studies are loaded (in one go) only for the rows not kept yet.
"""

from dataclasses import dataclass

from django.template.loader import get_template
from django.utils.translation import get_language

from cms.fragments import shared

from .map import Marker, case_marker

TEMPLATE = "practices/includes/case_row.html"


@dataclass
class Row:
    pk: int
    html: str
    marker: Marker | None


def listed_rows(listing, pks, request):
    """The rows of the case studies ``pks`` (in that order) of ``listing``."""
    loaded = {}

    def build(pk):
        if not loaded:  # the first row not kept: load every row of the page at once
            loaded.update({page.pk: page for page in listing.decorate(listing.load(pks))})
            loaded[None] = None
        case = loaded.get(pk)
        if case is None:  # unpublished since the index was read: no row
            return None
        url = case.get_url(request)
        case.listed_url = url
        language = case.locale.language_code
        # Set when the case study is listed in another language than the reader's.
        foreign = language if language != get_language() else ""
        html = get_template(TEMPLATE).render({"case": case, "foreign": foreign})
        return Row(pk, html, case_marker(case, url))

    host = request.get_host()
    rows = [
        shared("practices:row", lambda pk=pk: build(pk), pk, listing.locale.pk, host) for pk in pks
    ]
    return [row for row in rows if row is not None]
