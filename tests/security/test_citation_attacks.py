"""What a script can get from "cite this" and the open-data packages, over HTTP: nothing
private (a restricted page's citation, a draft's, a meeting link), and no 500 whatever
it asks for."""

import io
import urllib.request
import zipfile

from wagtail.models import PageViewRestriction

from practices.models import CaseStudyPage, LibraryPage
from sessions.models import RecordingsIndexPage, SessionPage

FORMATS = ("bibtex", "ris", "csl-json")
MEETING = "https://meeting.invalid/j/CITE-SECRET-42"
PASSCODE = "CITE-PASS-77"


def unzipped(live_server, path):
    """Every file of a zip the site serves at ``path``, as one text."""
    url = live_server.url + path
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - the live server
        assert response.headers["Content-Type"] == "application/zip"
        content = response.read()
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return "".join(archive.read(name).decode() for name in archive.namelist())


def test_guessed_and_malformed_citation_addresses_answer_404_never_500(attacker):
    page = CaseStudyPage.objects.live().filter(locale__language_code="fr").first()
    for suffix in (
        "cite/",
        "cite/pdf/",
        "cite/BIBTEX/",
        "cite/bibtex/extra/",
        "cite/" + "x" * 5000 + "/",
        "cite/%00/",
        "cite/..%2F..%2F/",
        "cite/bib%E2%80%AEtex/",
    ):
        answer = attacker.get(page.url + suffix)
        assert answer.status == 404, (suffix[:40], answer.status)
    assert attacker.get(page.url + "cite/bibtex/").status == 200


def test_a_restricted_or_unpublished_page_gives_no_citation(attacker, live_server):
    restricted, draft = CaseStudyPage.objects.live().filter(locale__language_code="fr")[:2]
    restricted.title = "Titre secret RESTRICTED-CITE"
    restricted.save_revision().publish()
    PageViewRestriction.objects.create(
        page=restricted, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    draft_title = draft.title
    draft.unpublish()
    for fmt in FORMATS:
        answer = attacker.get(restricted.url + f"cite/{fmt}/")
        assert "RESTRICTED-CITE" not in answer.body
        assert answer.header("Content-Disposition") == ""
        assert attacker.get(draft.url + f"cite/{fmt}/").status == 404
    # Nor are they in the library's open data.
    library = LibraryPage.objects.get(locale__language_code="fr")
    assert "RESTRICTED-CITE" not in attacker.get(library.url + "export/datacite/").body
    package = unzipped(live_server, library.url + "export/datapackage/")
    assert "RESTRICTED-CITE" not in package and draft_title not in package


def test_no_citation_or_package_carries_a_meeting_link(attacker, live_server):
    for session in SessionPage.objects.live():
        session.meeting_url = MEETING
        session.meeting_passcode = PASSCODE
        session.save_revision().publish()
    texts = []
    for session in SessionPage.objects.live():
        texts.append(attacker.get(session.url).body)
        texts += [attacker.get(session.url + f"cite/{fmt}/").body for fmt in FORMATS]
    for archive in RecordingsIndexPage.objects.live():
        texts.append(unzipped(live_server, archive.url + "export/transcripts/"))
    for library in LibraryPage.objects.live():
        texts.append(unzipped(live_server, library.url + "export/datapackage/"))
    assert len(texts) > 10
    assert not [text[:80] for text in texts if "meeting.invalid" in text or PASSCODE in text]
