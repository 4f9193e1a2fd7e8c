"""Open data that validates: the library and the transcripts as Frictionless Data
Packages (checked by the ``frictionless`` library), and the library's DataCite record
(checked against the DataCite 4.6 XSD, vendored beside this file)."""

import csv
import io
import json
import re
import zipfile
from pathlib import Path

import frictionless
import pytest
from bs4 import BeautifulSoup
from lxml import etree
from wagtail.models import Site

from cms.models import Licence, SiteSettings
from practices.models import CaseStudyPage, LibraryPage
from practices.opendata import FIELD_NAMES
from sessions.models import RecordingPage, RecordingsIndexPage, TranscriptSegment

pytestmark = pytest.mark.django_db

XSD = Path(__file__).parent / "datacite-4.6" / "metadata.xsd"
DATACITE = "{http://datacite.org/schema/kernel-4}"


def unpack(response, folder):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        archive.extractall(folder)
    return json.loads((folder / "datapackage.json").read_text())


def validate(folder):
    report = frictionless.validate(str(folder / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]


@pytest.fixture
def library(fr):
    return LibraryPage.objects.get(locale=fr)


@pytest.fixture
def site_settings():
    return SiteSettings.for_site(Site.objects.get(is_default_site=True))


def test_the_library_is_a_valid_data_package_with_the_codebooks_columns(
    client, library, tmp_path, site_settings
):
    case = CaseStudyPage.objects.live().filter(locale=library.locale).first()
    case.licence = Licence.objects.get(spdx_id="CC0-1.0")
    case.save_revision().publish()
    descriptor = unpack(client.get(library.route_url("export_datapackage")), tmp_path)
    validate(tmp_path)

    assert descriptor["licenses"] == [
        {
            "name": "CC-BY-4.0",
            "path": "https://creativecommons.org/licenses/by/4.0/",
            "title": "CC BY 4.0",
        }
    ]
    assert re.fullmatch(r"\d{4}\.\d{1,2}\.\d{1,2}", descriptor["version"])
    assert "id" not in descriptor  # no DOI issued yet
    by_language = {resource["name"]: resource for resource in descriptor["resources"]}
    assert set(by_language) == {"case-studies-fr", "case-studies-en"}
    for code, resource in (
        ("fr", by_language["case-studies-fr"]),
        ("en", by_language["case-studies-en"]),
    ):
        assert [field["name"] for field in resource["schema"]["fields"]] == FIELD_NAMES
        rows = list(csv.DictReader(io.StringIO((tmp_path / resource["path"]).read_text())))
        published = CaseStudyPage.objects.live().public().filter(locale__language_code=code)
        assert sorted(row["url"] for row in rows) == sorted(p.get_full_url() for p in published)
        # The same columns and values as the CSV export of that language's library.
        export = client.get(
            LibraryPage.objects.get(locale__language_code=code).route_url("export_csv")
        )
        content = b"".join(export.streaming_content).decode("utf-8-sig")
        exported = list(csv.DictReader(io.StringIO(content)))
        assert sorted(map(sorted_items, rows)) == sorted(map(sorted_items, exported))
    licences = {
        row["url"]: row["licence"]
        for row in csv.DictReader(io.StringIO((tmp_path / "data/case-studies-fr.csv").read_text()))
    }
    assert licences[case.get_full_url()] == "CC0-1.0"

    # Once the editors enter the DOI, the package carries it.
    site_settings.doi = "10.5281/zenodo.7654321"
    site_settings.save()
    folder = tmp_path / "with-doi"
    descriptor = unpack(client.get(library.route_url("export_datapackage")), folder)
    assert descriptor["id"] == "https://doi.org/10.5281/zenodo.7654321"
    validate(folder)


def sorted_items(row):
    return tuple(sorted(row.items()))


def test_a_case_study_that_breaks_the_schema_makes_the_package_invalid(client, library, tmp_path):
    """The validation is real: a file that disagrees with its schema is refused."""
    unpack(client.get(library.route_url("export_datapackage")), tmp_path)
    path = tmp_path / "data/case-studies-fr.csv"
    lines = path.read_text().splitlines()
    header = lines[0].split(",")
    cells = next(csv.reader([lines[1]]))
    cells[header.index("start_year")] = "deux mille"
    lines[1] = ",".join(f'"{cell}"' for cell in cells)
    path.write_text("\n".join(lines) + "\n")
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert not report.valid
    assert ["type-error"] in report.flatten(["type"])


def test_the_zip_holds_the_datacite_record_which_validates_against_the_xsd(
    client, library, tmp_path, site_settings
):
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    unpack(client.get(library.route_url("export_datapackage")), tmp_path)
    for content in (
        (tmp_path / "datacite.xml").read_bytes(),
        client.get(library.route_url("export_datacite")).content,
    ):
        record = etree.fromstring(content)
        schema.assertValid(record)
    identifier = record.find(f"{DATACITE}identifier")
    assert identifier.get("identifierType") == "URL" and identifier.text == library.get_full_url()
    rights = record.find(f"{DATACITE}rightsList/{DATACITE}rights")
    assert rights.get("rightsIdentifier") == "CC-BY-4.0"
    assert rights.get("rightsURI") == "https://creativecommons.org/licenses/by/4.0/"
    assert record.find(f"{DATACITE}resourceType").get("resourceTypeGeneral") == "Dataset"
    titles = {
        t.get("{http://www.w3.org/XML/1998/namespace}lang"): t.text
        for t in record.iter(f"{DATACITE}title")
    }
    assert set(titles) == {"fr", "en"}
    count = CaseStudyPage.objects.live().public().count()
    assert record.find(f"{DATACITE}sizes/{DATACITE}size").text.startswith(str(count))

    site_settings.doi = "10.5281/zenodo.7654321"
    site_settings.save()
    record = etree.fromstring(client.get(library.route_url("export_datacite")).content)
    schema.assertValid(record)
    identifier = record.find(f"{DATACITE}identifier")
    assert (identifier.get("identifierType"), identifier.text) == ("DOI", "10.5281/zenodo.7654321")


def test_every_published_transcript_is_a_valid_data_package(client, fr, tmp_path):
    archive = RecordingsIndexPage.objects.get(locale=fr)
    html = client.get(archive.url).content.decode()
    link = archive.url + archive.reverse_subpage("export_transcripts")
    assert f'href="{link}"' in html
    descriptor = unpack(client.get(link), tmp_path)
    validate(tmp_path)
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0"
    rows = list(csv.DictReader(io.StringIO((tmp_path / "data/transcripts.csv").read_text())))
    public = RecordingPage.objects.live().public()
    segments = TranscriptSegment.objects.filter(transcript__recording__in=public)
    assert len(rows) == segments.count() > 0
    first = rows[0]
    assert first["licence"] == "CC-BY-4.0"
    # Each moment's address opens the recording at that moment.
    response = client.get(first["moment"].replace("http://localhost", ""))
    assert response.status_code == 200
    moment = first["moment"].split("#m-")[1]
    span = BeautifulSoup(response.content, "html.parser").find(id=f"m-{moment}")
    assert "is-current" in span["class"]
    assert first["moment"].endswith(f"?moment={moment}#m-{moment}")
