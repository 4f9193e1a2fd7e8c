"""Open data: the filtered library as CSV or JSON, and the codebook that documents it.

``FIELDS`` is the single description of a case study as data. The exports write
it, the codebook page shows it, and ``import_case_studies`` reads the same column
names, so a file exported from one site can be imported into another.
"""

import csv
import datetime
import json
from dataclasses import dataclass

from django.db.models import Exists
from django.http import HttpResponse, StreamingHttpResponse
from django.utils.html import strip_tags
from django.utils.text import normalize_newlines
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from cms import languages
from cms.exports import spreadsheet_text
from cms.licences import site_licence

from .listing import page_rows

EXPORT_CHUNK = 500
LIST_SEPARATOR = ";"


@dataclass(frozen=True)
class Field:
    name: str
    kind: str
    description: str
    example: str
    importable: bool = True
    required: bool = False


FIELDS = [
    Field(
        "id",
        "uuid",
        _("Identifier of the case study, the same for every language version."),
        "2f1c0c7e-7f6b-4c55-9b7e-0b1f3c1d2e4f",
        importable=False,
    ),
    Field(
        "reference",
        "text",
        _(
            "Stable identifier given by an import (empty for case studies written on the "
            "site). An import updates the case study with the same reference and language."
        ),
        "FV-MRS-2024-01",
        required=True,
    ),
    Field(
        "language",
        "code",
        languages.with_codes(_("Language of this version: %(codes)s.")),
        languages.source(),
        required=True,
    ),
    Field("title", "text", _("Title."), "Un jardin partagé", required=True),
    Field("url", "url", _("Address of the case study on this site."), "", importable=False),
    Field("summary", "text", _("Summary in two or three sentences."), "", required=True),
    Field(
        "lab",
        "code",
        _("Code of the Fairville lab it comes from (see the lab pages); empty if none."),
        "marseille",
    ),
    Field("lab_name", "text", _("Name of the lab, in this language."), "", importable=False),
    Field(
        "lab_is_author",
        "boolean",
        _(
            "true if the lab wrote the case study and is cited as its author (also when "
            "empty); false if someone else did, and the Fairville project is cited."
        ),
        "true",
    ),
    Field("city", "text", _("City."), "Marseille", required=True),
    Field("country", "code", _("Country, as an ISO 3166-1 alpha-2 code."), "FR", required=True),
    Field(
        "country_name", "text", _("Name of the country, in this language."), "", importable=False
    ),
    Field("place", "text", _("Neighbourhood, street or building, if given."), ""),
    Field("latitude", "decimal", _("Latitude in decimal degrees (WGS 84), if located."), "43.2965"),
    Field(
        "longitude", "decimal", _("Longitude in decimal degrees (WGS 84), if located."), "5.3698"
    ),
    Field("start_year", "integer", _("Year the case study starts."), "2019", required=True),
    Field("end_year", "integer", _("Year it ends; empty if ongoing or unknown."), "2023"),
    Field("ongoing", "boolean", _("true if it is still going on, else false."), "false"),
    Field(
        "levers",
        "list of codes",
        _(
            "Codes of the levers and entry points of the Levers series it illustrates, "
            "separated by semicolons."
        ),
        "ancrer;reseaux-citoyens",
    ),
    Field(
        "tags",
        "list of text",
        _("Tags in this language, separated by semicolons."),
        "logement;jardins",
    ),
    Field(
        "available_in",
        "list of codes",
        _("Languages in which the case study is published, separated by semicolons."),
        "fr;en",
        importable=False,
    ),
    Field("body", "text", _("The story, as plain text; paragraphs separated by blank lines."), ""),
    Field("actors", "text", _("Actors involved, as plain text."), ""),
    Field("outcomes", "text", _("Outcomes, as plain text."), ""),
    Field("lessons", "text", _("Lessons, as plain text."), ""),
    Field(
        "first_published",
        "date",
        _("Date of first publication (ISO 8601)."),
        "2026-01-15",
        importable=False,
    ),
    Field(
        "last_updated",
        "date",
        _("Date of the last published change (ISO 8601)."),
        "2026-02-01",
        importable=False,
    ),
    Field(
        "licence",
        "code",
        _(
            "SPDX identifier of the licence under which the case study may be reused "
            "(the site's default unless the editors chose another)."
        ),
        "CC-BY-4.0",
        importable=False,
    ),
    Field(
        "licence_url",
        "url",
        _("Address of the licence's text."),
        "https://creativecommons.org/licenses/by/4.0/",
        importable=False,
    ),
]
FIELD_NAMES = [field.name for field in FIELDS]


def plain_text(html):
    """Rich text as plain text, one paragraph per blank line."""
    text = normalize_newlines(html or "")
    for closing in ("</p>", "</li>", "</h2>", "</h3>", "<br/>", "<br>"):
        text = text.replace(closing, f"{closing}\n\n")
    blocks = [" ".join(part.split()) for part in strip_tags(text).split("\n\n")]
    return "\n\n".join(block for block in blocks if block)


def stream_text(stream):
    parts = []
    for block in stream:
        if block.block_type == "paragraph":
            parts.append(plain_text(block.value.source))
        elif block.block_type == "heading":
            parts.append(block.value["text"])
        elif block.block_type == "quote":
            parts.append(block.value["quote"])
    return "\n\n".join(part for part in parts if part)


def _date(value):
    return value.date().isoformat() if value else ""


def record(page, request, listing, default_licence=None):
    """One case study as a dict of FIELDS (values are str, int, float, bool or None)."""
    labs, tags = listing.labs, listing.tag_names
    lab = labs.get(page.lab.slug, page.lab) if page.lab_id else None
    licence = page.licence if page.licence_id else (default_licence or site_licence(request))
    return {
        "id": str(page.translation_key),
        "reference": page.reference,
        "language": page.locale.language_code,
        "title": page.title,
        "url": page.get_full_url(request),
        "summary": page.summary,
        "lab": page.lab.slug if page.lab_id else "",
        "lab_name": lab.name if lab else "",
        "lab_is_author": page.lab_is_author,
        "city": page.city,
        "country": page.country.code,
        "country_name": str(countries.name(page.country.code)) if page.country else "",
        "place": page.place,
        "latitude": float(page.latitude) if page.latitude is not None else None,
        "longitude": float(page.longitude) if page.longitude is not None else None,
        "start_year": page.start_year,
        "end_year": page.end_year,
        "ongoing": page.ongoing,
        "levers": [link.lever.code for link in page.lever_links.all()],
        "tags": [
            tags.get(item.tag.translation_key, item.tag).name for item in page.tagged_items.all()
        ],
        "available_in": [code for code in page.versions if code],
        "body": stream_text(page.body),
        "actors": plain_text(page.actors),
        "outcomes": plain_text(page.outcomes),
        "lessons": plain_text(page.lessons),
        "first_published": _date(page.first_published_at),
        "last_updated": _date(page.last_published_at),
        "licence": licence.spdx_id,
        "licence_url": licence.url,
    }


def records(request, listing):
    from django.conf import settings

    codes = [code for code, _name in settings.LANGUAGES]
    default_licence = site_licence(request)
    queryset = (
        page_rows(listing.results())
        .select_related("licence")
        .annotate(**{f"in_{code}": Exists(listing._version_in(code)) for code in codes})
    )
    # Names for every tag of the listing, loaded once, before the rows stream.
    listing.tag_names  # noqa: B018 - a cached property read for its effect
    for page in queryset.iterator(chunk_size=EXPORT_CHUNK):
        page.versions = [code for code in codes if getattr(page, f"in_{code}")]
        yield record(page, request, listing, default_licence)


def csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        value = LIST_SEPARATOR.join(value)
    return spreadsheet_text(str(value))


class _Echo:
    def write(self, value):
        return value


def csv_lines(rows):
    """The CSV file's lines (header first) for records of FIELDS."""
    writer = csv.writer(_Echo())
    yield writer.writerow(FIELD_NAMES)
    for row in rows:
        yield writer.writerow([csv_cell(row[name]) for name in FIELD_NAMES])


def export_response(request, listing, fmt):
    stamp = datetime.date.today().isoformat()
    filename = f"fairville-case-studies-{listing.locale.language_code}-{stamp}.{fmt}"
    if fmt == "csv":

        def rows():
            yield "\ufeff"  # so spreadsheets read the file as UTF-8
            yield from csv_lines(records(request, listing))

        response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    else:
        data = {
            "generated": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "filters": dict(_pairs(listing.filters)),
            # Each case study names its own licence; this one applies where none is given.
            "licence": site_licence(request).as_dict(),
            "fields": FIELD_NAMES,
            "case_studies": list(records(request, listing)),
        }
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=1),
            content_type="application/json; charset=utf-8",
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _pairs(filters):
    grouped = {}
    for key, value in filters.pairs():
        grouped.setdefault(key, []).append(value)
    return grouped.items()
