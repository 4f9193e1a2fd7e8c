"""The library as a dataset: its DataCite metadata record (kernel 4.6, XML).

Ready to deposit with the data package in a repository that issues DOIs. Until the
editors enter the DOI they were given (site settings), the record's identifier is the
library's address (identifierType "URL"): a repository replaces it with the DOI it
issues. The record describes only what the site knows: the Fairville project as creator
and publisher, the titles in both languages, the licence, the case studies' years,
places and levers.
"""

import datetime
from xml.etree import ElementTree as ET

from django.utils import translation
from django.utils.translation import gettext as _

from cms import languages
from cms.citation import fairville_project
from cms.datapackage import version_of
from cms.licences import site_doi, site_licence

from .models import CaseStudyPage

NAMESPACE = "http://datacite.org/schema/kernel-4"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SCHEMA_LOCATION = f"{NAMESPACE} https://schema.datacite.org/meta/kernel-4.6/metadata.xsd"


def _element(parent, tag, text=None, **attributes):
    node = ET.SubElement(parent, f"{{{NAMESPACE}}}{tag}", attributes)
    if text is not None:
        node.text = str(text)
    return node


def datacite_xml(request, library):
    """The DataCite XML record of the library (all its languages), as bytes."""
    versions = list(library.get_translations(inclusive=True).live().order_by("locale_id"))
    pages = []
    for version in versions:
        pages += (
            CaseStudyPage.objects.live()
            .public()
            .descendant_of(version)
            .only("first_published_at", "last_published_at")
        )
    ET.register_namespace("", NAMESPACE)
    ET.register_namespace("xsi", XSI)
    root = ET.Element(f"{{{NAMESPACE}}}resource", {f"{{{XSI}}}schemaLocation": SCHEMA_LOCATION})

    doi = site_doi(request)
    if doi:
        _element(root, "identifier", doi, identifierType="DOI")
    else:
        _element(root, "identifier", library.get_full_url(request), identifierType="URL")

    project = {}
    for version in versions:
        with translation.override(version.locale.language_code):
            project[version.locale.language_code] = fairville_project()
    source = versions[0].locale.language_code if versions else languages.source()
    creators = _element(root, "creators")
    creator = _element(creators, "creator")
    _element(
        creator, "creatorName", project[source], nameType="Organizational", **{XML_LANG: source}
    )

    titles = _element(root, "titles")
    for index, version in enumerate(versions):
        attributes = {XML_LANG: version.locale.language_code}
        if index:
            attributes["titleType"] = "TranslatedTitle"
        _element(titles, "title", f"Fairville Dialogues – {version.title}", **attributes)

    _element(root, "publisher", project[source], **{XML_LANG: source})
    first = min((p.first_published_at for p in pages if p.first_published_at), default=None)
    latest = max((p.last_published_at for p in pages if p.last_published_at), default=None)
    _element(root, "publicationYear", (first or datetime.datetime.now()).year)
    _element(
        root, "resourceType", _("Case studies of co-production"), resourceTypeGeneral="Dataset"
    )

    dates = _element(root, "dates")
    if first:
        _element(dates, "date", first.date().isoformat(), dateType="Created")
    if latest:
        _element(dates, "date", latest.date().isoformat(), dateType="Updated")
    _element(root, "language", source)

    alternates = _element(root, "alternateIdentifiers")
    for version in versions:
        _element(
            alternates,
            "alternateIdentifier",
            version.get_full_url(request),
            alternateIdentifierType="URL",
        )

    related = _element(root, "relatedIdentifiers")
    for version in versions:
        codebook = request.build_absolute_uri(version.route_url("codebook"))
        _element(
            related,
            "relatedIdentifier",
            codebook,
            relatedIdentifierType="URL",
            relationType="IsDocumentedBy",
        )
    sizes = _element(root, "sizes")
    _element(sizes, "size", _("%(count)s case studies") % {"count": len(pages)})
    formats = _element(root, "formats")
    for mime in ("text/csv", "application/json"):
        _element(formats, "format", mime)
    _element(root, "version", version_of([latest]))

    licence = site_licence(request)
    rights = _element(root, "rightsList")
    _element(
        rights,
        "rights",
        licence.name,
        rightsURI=licence.url,
        rightsIdentifier=licence.spdx_id,
        rightsIdentifierScheme="SPDX",
        schemeURI="https://spdx.org/licenses/",
    )

    descriptions = _element(root, "descriptions")
    for version in versions:
        with translation.override(version.locale.language_code):
            text = _(
                "Case studies of co-production collected by the Fairville project's labs and "
                "partners: where and when, the actors, what was done, outcomes and lessons."
            )
        _element(
            descriptions,
            "description",
            text,
            descriptionType="Abstract",
            **{XML_LANG: version.locale.language_code},
        )

    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
