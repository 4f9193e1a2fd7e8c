"""Frictionless Data Packages (https://specs.frictionlessdata.io/): a ``datapackage.json``
describing CSV files, with a Table Schema for each, the licence and a version.

The apps describe their tables (``practices.datapackage``: the library, from the same
codebook as its CSV export; ``sessions.datapackage``: the transcripts) and build the
package with these helpers. A builder returns ``(descriptor, files)``: the
``datapackage.json`` content as a dict and ``{relative path: bytes}`` of the data files,
so that a caller can serve it as a zip (``package_zip``) or write it into a folder (the
static archive).
"""

import io
import json
import zipfile

from django.utils import timezone

from .licences import site_doi

DESCRIPTOR = "datapackage.json"


def version_of(moments):
    """The data's version: the date of its latest change, as YYYY.M.D (a semantic
    version's form; the same data gives the same version, any change a higher one)."""
    latest = max((moment for moment in moments if moment), default=None) or timezone.now()
    return f"{latest.year}.{latest.month}.{latest.day}"


def licences_entry(licence):
    return {"name": licence.spdx_id, "path": licence.url, "title": licence.name}


def descriptor(*, name, title, description, homepage, licence, version, resources, request):
    """The package's ``datapackage.json`` (the DOI from the site settings, when issued)."""
    data = {
        "profile": "tabular-data-package",
        "name": name,
        "title": title,
        "description": description,
        "homepage": homepage,
        "version": version,
        "created": timezone.now().replace(microsecond=0).isoformat(),
        "licenses": [licences_entry(licence)],
        "resources": resources,
    }
    doi = site_doi(request)
    if doi:
        data["id"] = f"https://doi.org/{doi}"
    return data


def csv_resource(*, name, path, title, schema, description=""):
    resource = {
        "name": name,
        "path": path,
        "profile": "tabular-data-resource",
        "title": title,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": schema,
    }
    if description:
        resource["description"] = description
    return resource


def package_zip(descriptor_data, files, extra=None):
    """The package as a zip: ``datapackage.json`` at the top, the files beside it."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(DESCRIPTOR, json.dumps(descriptor_data, ensure_ascii=False, indent=1))
        for path, content in {**files, **(extra or {})}.items():
            archive.writestr(path, content)
    return buffer.getvalue()
