"""Licences: the site's default (CC BY 4.0 unless the editors choose another), an override
on a case study, a recording and a transcript, and the licence wherever the content goes:
the page (rel="license"), its JSON-LD, the API, the feeds, the exports, the proposal form."""

import csv
import io
import json
from urllib.parse import urlparse

import pytest
from defusedxml import ElementTree as ET
from wagtail.models import Site

from cms.models import Licence, SiteSettings
from cms.translation import sync
from practices.models import CaseStudyPage, LibraryPage, Submission
from sessions.captions import parse_captions
from sessions.models import RecordingPage, SessionPage
from tests.helpers import soup, text

pytestmark = pytest.mark.django_db

CC_RSS = "{http://backend.userland.com/creativeCommonsRssModule}license"
ATOM = "{http://www.w3.org/2005/Atom}"


def path(url):
    return urlparse(url).path


def licence(spdx_id):
    return Licence.objects.get(spdx_id=spdx_id)


def shown(client, page):
    """The licence a reader is shown: (href, name) of the rel="license" links, and the
    JSON-LD's licence (an Event's in its subjectOf)."""
    html = soup(client.get(page.url))
    links = [(a["href"], text(a)) for a in html.find_all("a", rel="license")]
    data = json.loads(html.find("script", type="application/ld+json").string)
    return links, data.get("license") or data["subjectOf"]["license"]


@pytest.fixture
def site_settings():
    return SiteSettings.for_site(Site.objects.get(is_default_site=True))


@pytest.fixture
def pages(fr):
    return {
        "case study": CaseStudyPage.objects.live().filter(locale=fr).first(),
        "session": SessionPage.objects.live().filter(locale=fr).first(),
        "recording": RecordingPage.objects.live().filter(locale=fr).first(),
    }


def test_the_demo_ships_the_creative_commons_licences_and_cc_by_is_the_default(
    client, site_settings, pages
):
    assert set(Licence.objects.values_list("spdx_id", flat=True)) >= {
        "CC-BY-4.0",
        "CC-BY-SA-4.0",
        "CC-BY-NC-4.0",
        "CC-BY-NC-SA-4.0",
        "CC-BY-ND-4.0",
        "CC-BY-NC-ND-4.0",
        "CC0-1.0",
    }
    assert site_settings.default_licence.spdx_id == "CC-BY-4.0"
    cc_by = licence("CC-BY-4.0")
    assert cc_by.url == "https://creativecommons.org/licenses/by/4.0/"
    for page in pages.values():
        assert shown(client, page) == ([(cc_by.url, "CC BY 4.0")], cc_by.url)


def test_the_editors_default_applies_to_every_page_that_names_no_other(
    client, site_settings, pages, en
):
    by_sa = licence("CC-BY-SA-4.0")
    site_settings.default_licence = by_sa
    site_settings.save()
    for page in pages.values():
        assert shown(client, page) == ([(by_sa.url, "CC BY-SA 4.0")], by_sa.url)
        english = page.get_translation(en)
        assert shown(client, english) == ([(by_sa.url, "CC BY-SA 4.0")], by_sa.url)


def test_a_case_study_names_its_own_licence_in_both_languages(client, pages, en):
    page = pages["case study"]
    nc = licence("CC-BY-NC-4.0")
    page.licence = nc
    page.save_revision().publish()
    sync(page)
    english = page.get_translation(en)
    english.refresh_from_db()
    for version in (page, english):
        assert shown(client, version) == ([(nc.url, "CC BY-NC 4.0")], nc.url)
    # Its neighbours keep the site's default.
    other = CaseStudyPage.objects.live().filter(locale=page.locale).exclude(pk=page.pk).first()
    assert shown(client, other)[1] == licence("CC-BY-4.0").url


def test_a_recording_and_a_transcript_name_their_own(client, pages):
    recording = pages["recording"]
    nd = licence("CC-BY-ND-4.0")
    recording.licence = nd
    recording.save_revision().publish()
    assert shown(client, recording) == ([(nd.url, "CC BY-ND 4.0")], nd.url)
    html = soup(client.get(recording.url))
    assert "Licence de cette transcription" not in text(html)  # the recording's applies

    transcript = recording.transcript_list[0]
    transcript.licence = licence("CC0-1.0")
    transcript.save()
    html = soup(client.get(recording.url + f"?transcript={transcript.language}"))
    notice = html.select_one("#transcript .licence")
    assert text(notice) == "Licence de cette transcription : CC0 1.0"
    assert notice.a["href"] == "https://creativecommons.org/publicdomain/zero/1.0/"

    # The captions file (WebVTT) names it too, in a NOTE that players do not show.
    captions = client.get(
        f"/fr/recordings/{recording.pk}/captions-{transcript.language}.vtt"
    ).content.decode()
    assert captions.splitlines()[2] == (
        "NOTE Licence : CC0 1.0 (https://creativecommons.org/publicdomain/zero/1.0/)"
    )
    cues = parse_captions(captions.encode(), "captions.vtt")
    assert len(cues) == transcript.segments.count()

    api = client.get(f"/api/v2/recordings/{recording.pk}/").json()
    assert api["api_licence"]["spdx_id"] == "CC-BY-ND-4.0"
    by_language = {item["language"]: item["licence"] for item in api["api_transcripts"]}
    assert by_language[transcript.language]["spdx_id"] == "CC0-1.0"
    assert {item["spdx_id"] for item in by_language.values()} == {"CC0-1.0", "CC-BY-ND-4.0"}


def test_the_api_names_each_pages_licence(client, pages):
    case = pages["case study"]
    case.licence = licence("CC-BY-SA-4.0")
    case.save_revision().publish()
    detail = client.get(f"/api/v2/case-studies/{case.pk}/").json()
    assert detail["api_licence"] == {
        "name": "CC BY-SA 4.0",
        "url": "https://creativecommons.org/licenses/by-sa/4.0/",
        "spdx_id": "CC-BY-SA-4.0",
    }
    session = client.get(f"/api/v2/sessions/{pages['session'].pk}/").json()
    assert session["api_licence"]["spdx_id"] == "CC-BY-4.0"


def test_the_feeds_name_the_licence_of_the_feed_and_of_each_entry(client, fr, pages):
    library = LibraryPage.objects.get(locale=fr)
    # The newest: the feed lists the 20 newest.
    case = CaseStudyPage.objects.live().filter(locale=fr).order_by("-first_published_at").first()
    case.licence = licence("CC-BY-NC-SA-4.0")
    case.save_revision().publish()
    channel = ET.fromstring(client.get(library.route_url("feed_rss")).content).find("channel")
    assert channel.findtext(CC_RSS) == licence("CC-BY-4.0").url
    items = {path(item.findtext("link")): item.findtext(CC_RSS) for item in channel.findall("item")}
    assert items[case.url] == licence("CC-BY-NC-SA-4.0").url
    assert set(items.values()) == {licence("CC-BY-NC-SA-4.0").url, licence("CC-BY-4.0").url}

    feed = ET.fromstring(client.get(library.route_url("feed_atom")).content)
    assert feed.find(f"{ATOM}link[@rel='license']").get("href") == licence("CC-BY-4.0").url
    for entry in feed.findall(f"{ATOM}entry"):
        href = entry.find(f"{ATOM}link[@rel='alternate']").get("href")
        rights = entry.find(f"{ATOM}link[@rel='license']").get("href")
        expected = "CC-BY-NC-SA-4.0" if path(href) == case.url else "CC-BY-4.0"
        assert rights == licence(expected).url
        assert entry.findtext(f"{ATOM}rights") == licence(expected).name


def test_the_exports_give_each_case_studys_licence(client, fr, pages):
    case = pages["case study"]
    case.licence = licence("CC0-1.0")
    case.save_revision().publish()
    response = client.get("/fr/bibliotheque/export/csv/")
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(content)))
    by_url = {row["url"]: (row["licence"], row["licence_url"]) for row in rows}
    assert by_url[case.get_full_url()] == ("CC0-1.0", licence("CC0-1.0").url)
    assert set(by_url.values()) == {
        ("CC0-1.0", licence("CC0-1.0").url),
        ("CC-BY-4.0", licence("CC-BY-4.0").url),
    }
    data = client.get("/fr/bibliotheque/export/json/").json()
    assert data["licence"]["spdx_id"] == "CC-BY-4.0"
    assert {row["licence"] for row in data["case_studies"]} == {"CC0-1.0", "CC-BY-4.0"}


def test_a_proposer_must_agree_to_the_licence_and_the_draft_keeps_it(client, site_settings):
    from tests.practices.test_submissions import URL_EN, URL_FR, proposal

    site_settings.default_licence = licence("CC-BY-SA-4.0")
    site_settings.save()
    form = soup(client.get(URL_FR))
    label = text(form.select_one("label[for=id_licence_agreement]"))
    assert "CC BY-SA 4.0" in label and "https://creativecommons.org/licenses/by-sa/4.0/" in label

    refused = soup(client.post(URL_FR, proposal(licence_agreement="")))
    summary = text(refused.select_one(".error-summary"))
    assert "Cochez cette case pour accepter la licence" in summary
    assert Submission.objects.count() == 0
    english = soup(client.post(URL_EN, proposal(licence_agreement="")))
    assert "Tick this box to agree to the licence" in text(english.select_one(".error-summary"))

    assert client.post(URL_FR, proposal()).status_code == 302
    draft = CaseStudyPage.objects.get(pk=Submission.objects.get().page_id)
    # Changing the default later does not change what the proposer agreed to.
    site_settings.default_licence = licence("CC-BY-4.0")
    site_settings.save()
    assert draft.licence.spdx_id == "CC-BY-SA-4.0"


def test_each_edit_form_says_what_an_empty_licence_means(client, django_user_model, pages):
    """The licence field is declared once (cms.models.LicensedMixin); what leaving it
    empty means differs by model, and each edit form says so in the editor's language."""
    from django.urls import reverse
    from wagtail.users.models import UserProfile

    editor = django_user_model.objects.create_superuser("licences", "l@fairville.invalid", "pw")
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "fr"
    profile.save()
    client.force_login(editor)

    def help_text(url):
        found = soup(client.get(url)).select_one('[id$="-licence-helptext"]')
        return text(found) if found else ""

    recording = pages["recording"]
    transcript = recording.transcript_list[0]
    edit = "wagtailadmin_pages:edit"
    assert help_text(reverse(edit, args=(pages["case study"].pk,))) == (
        "Laisser vide pour la licence par défaut du site (paramètres du site)."
    )
    assert help_text(reverse(edit, args=(recording.pk,))).startswith(
        "De la vidéo et de ses transcriptions (sauf si une transcription indique la "
    )
    assert help_text(
        reverse("wagtailsnippets_event_sessions_transcript:edit", args=(transcript.pk,))
    ) == ("Laisser vide pour la licence de l'enregistrement.")
