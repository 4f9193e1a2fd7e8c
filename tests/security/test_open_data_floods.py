"""A script flooding the open data: the library's data package and DataCite record, the
transcripts' package, "cite this" downloads and the search vocabulary (SKOS).

Each whole-data download reads everything public of its kind: it is built once per
version of its data (cms/exportcache.py), whatever the query string, and every route
here is limited per client (scopes "open-data", "citation", "search-vocabulary"; 20 a
minute in the suite). The builders are wrapped to count their calls (they still run):
the live server runs in this process, so the count is the server's.
"""

import io
import zipfile

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from cms import ratelimit
from practices import views as library_views
from practices.models import CaseStudyPage, LibraryPage
from sessions import datapackage as transcripts
from sessions.captions import Cue
from sessions.models import RecordingsIndexPage, Transcript
from sessions.recording_import import write_transcript

LIMIT = 20  # the suite's limit for every scope (cms/settings/test.py)
TOO_MANY = {"fr": "Trop de requêtes", "en": "Too many requests"}


def heading(answer):
    return BeautifulSoup(answer.body, "html.parser").h1.get_text(strip=True)


def zip_text(answer_bytes):
    with zipfile.ZipFile(io.BytesIO(answer_bytes)) as archive:
        return "".join(archive.read(name).decode() for name in sorted(archive.namelist()))


@pytest.fixture
def builds(monkeypatch):
    """{name: number of times the server built it}."""
    counted = {}

    def counting(module, name):
        real = getattr(module, name)

        def wrapper(*args, **kwargs):
            counted[name] = counted.get(name, 0) + 1
            return real(*args, **kwargs)

        monkeypatch.setattr(module, name, wrapper)

    counting(library_views, "library_package")
    counting(library_views, "datacite_xml")
    counting(transcripts, "transcripts_package")
    return counted


def raw_get(attacker, path, headers=None):
    """The body as bytes (a zip): the shared Attacker decodes bodies as text."""
    import http.client
    import urllib.parse

    url = urllib.parse.urlsplit(attacker.base_url)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
    try:
        connection.request("GET", path, headers={"User-Agent": "attack-suite", **(headers or {})})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def flood(attacker, path, count, headers=None):
    """``count`` GETs of ``path``, each with its own query string (past any page cache)."""
    separator = "&" if "?" in path else "?"
    return [attacker.get(f"{path}{separator}z={n}", headers=headers) for n in range(count)]


def test_a_flood_of_library_packages_builds_each_once_and_is_limited_per_client(
    attacker, builds, settings
):
    settings.FAIRVILLE_TRUSTED_PROXIES = 1
    library = LibraryPage.objects.get(locale__language_code="fr")
    script = {"X-Forwarded-For": "198.51.100.7"}
    answers = flood(attacker, library.url + "export/datapackage/", LIMIT + 5, script)
    assert [a.status for a in answers] == [200] * LIMIT + [429] * 5
    assert {a.header("Content-Type") for a in answers[:LIMIT]} == {"application/zip"}
    # Twenty downloads, one build: the package and its DataCite record were made once.
    assert builds == {"library_package": 1, "datacite_xml": 1}
    assert heading(answers[-1]) == TOO_MANY["fr"] and answers[-1].header("Retry-After")
    # The record alone has the same limit (shared scope) and its own single build.
    assert attacker.get(library.url + "export/datacite/", headers=script).status == 429
    assert attacker.get(library.url + "export/csv/", headers=script).status == 429

    # Someone else is not held back by the script, and gets the same bytes, unbuilt.
    status, first = raw_get(attacker, library.url + "export/datapackage/")
    status_again, again = raw_get(attacker, library.url + "export/datapackage/?q=" + "x" * 5000)
    assert (status, status_again) == (200, 200) and first == again
    assert builds["library_package"] == 1
    datacite = [attacker.get(library.url + "export/datacite/?z=1") for _ in range(3)]
    assert {a.status for a in datacite} == {200}
    assert builds["datacite_xml"] == 2  # once inside the package, once on its own

    # A change to the library is in the next download, built once more.
    case = CaseStudyPage.objects.live().filter(locale__language_code="fr").first()
    case.title = "Une étude de cas renommée FLOOD-RENAMED"
    case.save_revision().publish()
    status, changed = raw_get(attacker, library.url + "export/datapackage/")
    assert status == 200 and "FLOOD-RENAMED" in zip_text(changed)
    assert "FLOOD-RENAMED" not in zip_text(first)
    assert builds["library_package"] == 2
    assert "FLOOD-RENAMED" not in attacker.get(library.url + "export/datacite/").body
    # A new default licence (site settings) is named by the next package too.
    from wagtail.models import Site

    from cms.models import Licence, SiteSettings

    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.default_licence = Licence.objects.get(spdx_id="CC0-1.0")
    site_settings.save()
    status, relicensed = raw_get(attacker, library.url + "export/datapackage/")
    assert "CC0-1.0" in zip_text(relicensed) and "CC0-1.0" not in zip_text(changed)


def test_a_flood_of_transcript_packages_builds_once_and_a_new_import_is_in_the_next(
    attacker, builds, settings
):
    archive = RecordingsIndexPage.objects.get(locale__language_code="en")
    path = archive.url + "export/transcripts/"
    answers = flood(attacker, path, LIMIT + 3)
    assert [a.status for a in answers] == [200] * LIMIT + [429] * 3
    assert heading(answers[-1]) == TOO_MANY["en"]
    assert builds == {"transcripts_package": 1}

    settings.FAIRVILLE_TRUSTED_PROXIES = 1
    other = {"X-Forwarded-For": "203.0.113.9"}
    status, before = raw_get(attacker, path, other)
    assert status == 200 and builds == {"transcripts_package": 1}
    # An editor uploads a corrected transcript: the next download has it.
    transcript = Transcript.objects.order_by("pk").first()
    cues = [Cue(0, 4000, "Un mot corrigé FLOOD-REIMPORT", "Modératrice")]
    write_transcript(transcript.recording, transcript.language, "corrected.vtt", cues, None)
    status, after = raw_get(attacker, path, other)
    assert status == 200 and builds == {"transcripts_package": 2}
    assert "FLOOD-REIMPORT" in zip_text(after) and "FLOOD-REIMPORT" not in zip_text(before)


def test_a_flood_of_citation_downloads_is_limited_per_client_not_the_page(attacker, settings):
    settings.FAIRVILLE_TRUSTED_PROXIES = 1
    case = CaseStudyPage.objects.live().filter(locale__language_code="en").first()
    script = {"X-Forwarded-For": "198.51.100.8"}
    answers = flood(attacker, case.url + "cite/bibtex/", LIMIT + 5, script)
    assert [a.status for a in answers] == [200] * LIMIT + [429] * 5
    assert heading(answers[-1]) == TOO_MANY["en"]
    # Every format and the moments of a recording share the one limit.
    assert attacker.get(case.url + "cite/ris/", headers=script).status == 429
    # The page itself is still there for the script, and the downloads for anyone else.
    assert attacker.get(case.url, headers=script).status == 200
    other = {"X-Forwarded-For": "198.51.100.9"}
    answer = attacker.get(case.url + "cite/csl-json/", headers=other)
    assert answer.status == 200 and case.title.split(":")[0] in answer.body


def test_a_flood_of_the_vocabulary_is_limited_per_client(attacker, settings):
    settings.FAIRVILLE_TRUSTED_PROXIES = 1
    script = {"X-Forwarded-For": "198.51.100.10", "Accept-Language": "fr"}
    answers = flood(attacker, "/vocabulary.ttl", LIMIT + 5, script)
    assert [a.status for a in answers] == [200] * LIMIT + [429] * 5
    assert answers[0].header("Content-Type").startswith("text/turtle")
    assert answers[-1].header("Retry-After")
    other = {"X-Forwarded-For": "198.51.100.11"}
    answer = attacker.get("/vocabulary.ttl", headers=other)
    assert answer.status == 200 and "skos:Concept" in answer.body


def test_the_archive_command_is_not_held_back_by_the_limits(db):
    """``manage.py export_archive`` fetches every citation in-process from one address:
    ``ratelimit.exempt()`` lets it; a visitor's client is still limited."""
    case = CaseStudyPage.objects.live().filter(locale__language_code="fr").first()
    client = Client()
    with ratelimit.exempt():
        statuses = {client.get(case.url + f"cite/bibtex/?n={n}").status_code for n in range(30)}
    assert statuses == {200}
    statuses = [client.get(case.url + f"cite/bibtex/?n={n}").status_code for n in range(30)]
    assert 429 in statuses
