"""The case-study library as a Frictionless Data Package, and its DataCite record.

One CSV per language, the same columns as the library's CSV export, with a Table Schema
written from the same codebook (``opendata.FIELDS``): the package, the export, the
codebook page and the importer cannot disagree about a column.

``library_package(request, library) -> (descriptor, files)`` is what the library's
``export/datapackage/`` route serves as a zip and what a static archive can write.
"""

from django.utils import translation
from django.utils.translation import gettext as _

from cms import datapackage
from cms.citation import fairville_project
from cms.licences import site_licence

from . import opendata
from .listing import Filters, Listing

# Codebook kinds -> Table Schema types. Lists are one text cell, separated by ";".
TYPES = {
    "uuid": {"type": "string", "format": "uuid"},
    "text": {"type": "string"},
    "code": {"type": "string"},
    "url": {"type": "string", "format": "uri"},
    "decimal": {"type": "number"},
    "integer": {"type": "integer"},
    "boolean": {"type": "boolean", "trueValues": ["true"], "falseValues": ["false"]},
    "list of codes": {"type": "string"},
    "list of text": {"type": "string"},
    "date": {"type": "date"},
}
# What every exported row has (``required`` in the codebook is about imports: a case
# study written on the site has no reference, for one).
ALWAYS_THERE = {"id", "language", "title", "url", "licence", "licence_url"}


def table_schema():
    fields = []
    for field in opendata.FIELDS:
        entry = {"name": field.name, "description": str(field.description), **TYPES[field.kind]}
        if field.name in ALWAYS_THERE:
            entry["constraints"] = {"required": True}
        fields.append(entry)
    return {"fields": fields, "primaryKey": ["id", "language"], "missingValues": [""]}


def library_package(request, library):
    """The whole library (every language, no filter): ``(descriptor, files)``."""
    schema = table_schema()
    resources, files, changes = [], {}, []
    for version in library.get_translations(inclusive=True).live().order_by("locale_id"):
        code = version.locale.language_code
        # Names (countries) in the language of the rows, as the export of that library.
        with translation.override(code):
            rows = list(opendata.records(request, Listing(version.locale, Filters())))
        path = f"data/case-studies-{code}.csv"
        files[path] = "".join(opendata.csv_lines(rows)).encode("utf-8")
        changes += [row["last_updated"] for row in rows]
        resources.append(
            datapackage.csv_resource(
                name=f"case-studies-{code}",
                path=path,
                title=f"{version.title} ({code})",
                schema=schema,
            )
        )
    descriptor = datapackage.descriptor(
        name="fairville-case-studies",
        title=_("Fairville Dialogues: case studies of co-production"),
        description=_(
            "Case studies of co-production collected by the Fairville project's labs and "
            "partners, in French and English. Columns are documented in the codebook: %(url)s"
        )
        % {"url": request.build_absolute_uri(library.route_url("codebook"))},
        homepage=library.get_full_url(request),
        licence=site_licence(request),
        version=datapackage.version_of(_dates(changes)),
        resources=resources,
        request=request,
    )
    descriptor["contributors"] = [{"title": fairville_project(), "role": "publisher"}]
    return descriptor, files


def _dates(values):
    import datetime

    return [datetime.date.fromisoformat(value) for value in values if value]
