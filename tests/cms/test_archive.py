"""manage.py export_archive (issue 17 §6): a static copy of the public site that reads
with no server. Every link inside it resolves; no meeting link is anywhere in it."""

import io
import re
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from wagtail.models import Page

pytestmark = pytest.mark.django_db

CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")
EXTERNAL = re.compile(r"^(https?:|mailto:|tel:|data:|#|javascript:)", re.I)


@pytest.fixture
def archive(tmp_path):
    """The demo exported once as a zip, and unpacked: {name: bytes} and the folder."""
    destination = tmp_path / "archive.zip"
    out = io.StringIO()
    call_command(
        "export_archive", str(destination), "--live-url", "https://dialogues.example", stdout=out
    )
    assert "files written" in out.getvalue()
    with zipfile.ZipFile(destination) as bundle:
        files = {name: bundle.read(name) for name in bundle.namelist()}
        bundle.extractall(tmp_path / "site")
    return files, tmp_path / "site"


def local_links(name, content):
    """Every relative link of an HTML or CSS file of the archive."""
    if name.endswith(".css"):
        values = CSS_URL.findall(content.decode())
    elif name.endswith(".html"):
        soup = BeautifulSoup(content, "html.parser")
        values = [
            tag[attribute]
            for tag in soup.find_all(True)
            for attribute in ("href", "src", "poster", "action")
            if tag.get(attribute)
        ]
        values += [
            candidate.strip().split(" ")[0]
            for tag in soup.find_all(srcset=True)
            for candidate in tag["srcset"].split(",")
        ]
    else:
        return []
    return [value for value in values if not EXTERNAL.match(value.strip())]


def check_every_link_inside_resolves(archive):
    files, folder = archive
    checked, broken = 0, []
    for name, content in files.items():
        for value in local_links(name, content):
            path = unquote(urlsplit(value).path)
            target = (folder / Path(name).parent / path).resolve()
            checked += 1
            if value.startswith("/") or not target.is_file() or folder not in target.parents:
                broken.append((name, value))
    assert broken == [] and checked > 1000, (len(broken), broken[:20])


def check_pages_in_both_languages_transcripts_captions_and_data(archive):
    files, folder = archive
    pages = Page.objects.live().public().filter(depth__gt=1).specific()
    missing = [page.url for page in pages if f"{page.url.strip('/')}/index.html" not in files]
    assert missing == []
    assert {name.split("/")[0] for name in files if name.endswith(".html")} >= {"fr", "en"}
    home = BeautifulSoup(files["index.html"], "html.parser")
    assert [a["href"] for a in home.select("a")] == ["fr/index.html", "en/index.html"]

    # The example recording: each transcript language whole, and the captions.
    base = "fr/dialogues/serie-d-exemple/session-d-exemple-enregistree/enregistrement/"
    english = BeautifulSoup(files[base + "index--transcript-en.html"], "html.parser")
    assert "Hello and welcome" in english.select_one("#transcript").get_text()
    page = BeautifulSoup(files[base + "index.html"], "html.parser")
    tracks = [track["src"] for track in page.select("video track")]
    assert len(tracks) == 2
    for src in tracks:
        assert (folder / base / src).resolve().read_bytes().startswith(b"WEBVTT")
    video = (folder / base / page.select_one("video source")["src"].split("#")[0]).resolve()
    assert video.read_bytes()[:4] == b"\x1a\x45\xdf\xa3"  # WebM, served from the archive
    # A timestamp's link opens the page in the archive (a static file has no ?t=).
    stamp = page.select_one("#transcript a.timestamp")["href"]
    assert stamp.startswith("index.html#")

    # The library's data package, as the site offers it.
    packages = [name for name in files if name.endswith(".zip")]
    assert packages, sorted(files)[:50]
    with zipfile.ZipFile(io.BytesIO(files[packages[0]])) as package:
        assert "datapackage.json" in package.namelist()


def check_no_meeting_link_or_passcode_anywhere(archive):
    from sessions.demo import EXAMPLE_REGISTRATION
    from sessions.models import SessionPage

    secrets = {EXAMPLE_REGISTRATION["meeting_url"], EXAMPLE_REGISTRATION["meeting_passcode"]}
    for url, passcode in SessionPage.objects.values_list("meeting_url", "meeting_passcode"):
        secrets |= {value for value in (url, passcode) if value}
    secrets.add("meeting.invalid")
    files, _folder = archive
    leaks = {
        name: [secret for secret in secrets if secret.encode() in content]
        for name, content in files.items()
    }
    assert {name: found for name, found in leaks.items() if found} == {}
    assert len(files) > 100


def test_the_archive_reads_without_a_server(archive):
    # One export for the three checks: a crawl of the whole demo costs a minute.
    check_every_link_inside_resolves(archive)
    check_pages_in_both_languages_transcripts_captions_and_data(archive)
    check_no_meeting_link_or_passcode_anywhere(archive)
