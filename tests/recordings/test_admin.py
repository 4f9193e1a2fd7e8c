"""Editors add a recording under a session in the admin; a wrong video address is refused."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, querydict_from_html

from sessions.models import RecordingPage

from .conftest import FILES

pytestmark = pytest.mark.django_db


def add(client, session, videos, language_title="Enregistrement"):
    url = reverse("wagtailadmin_pages:add", args=("event_sessions", "recordingpage", session.pk))
    response = client.get(url)
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    data.update(nested_form_data({"videos": inline_formset(videos)}))
    data.update(title=language_title, slug="enregistrement", duration="1:58:30")
    data["action-publish"] = "action-publish"
    return client.post(url, dict(data.lists()))


def test_an_editor_adds_a_hosted_recording(editor, session_fr):
    client = editor("fr")
    session = session_fr(1)
    response = add(
        client, session, [{"language": "original", "url": "https://youtu.be/aBcDeFgHiJk"}]
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    recording = RecordingPage.objects.child_of(session).get()
    assert recording.live and recording.duration.total_seconds() == 7110
    assert recording.recorded_at == session.starts_at  # from the session, when left empty
    assert recording.video_list[0].hosted.video_id == "aBcDeFgHiJk"
    assert client.get(recording.url).status_code == 200


@pytest.mark.parametrize(
    ("language", "url", "message"),
    [
        ("fr", "https://example.com/v/1", "Indiquez l'adresse d'une vidéo YouTube ou Vimeo"),
        ("en", "https://example.com/v/1", "Give the address of a YouTube or Vimeo video"),
        ("en", "", "Give either a YouTube or Vimeo address, or a video file."),
    ],
)
def test_a_wrong_video_is_refused_in_the_editors_language(
    editor, session_fr, language, url, message
):
    client = editor(language)
    response = add(client, session_fr(1), [{"language": "original", "url": url}])
    assert response.status_code == 200
    errors = BeautifulSoup(response.content, "html.parser").select(".error-message")
    assert message in " ".join(" ".join(e.get_text(" ").split()) for e in errors)
    assert not RecordingPage.objects.child_of(session_fr(1)).exists()


def upload(client, recording, language, name, content, pk=None):
    from django.core.files.uploadedfile import SimpleUploadedFile

    if pk is None:
        url = reverse("wagtailsnippets_event_sessions_transcript:add")
    else:
        url = reverse("wagtailsnippets_event_sessions_transcript:edit", args=(pk,))
    return client.post(
        url,
        {
            "recording": recording.pk,
            "language": language,
            "file": SimpleUploadedFile(name, content),
        },
    )


def test_an_editor_uploads_a_transcript(editor, recording_fr):
    from sessions.models import Transcript

    client = editor("fr")
    recording_fr.transcripts.filter(language="en").delete()
    response = upload(client, recording_fr, "en", "en.srt", (FILES / "edge-cases.srt").read_bytes())
    assert response.status_code == 302, response.content.decode()[:2000]
    transcript = Transcript.objects.get(recording=recording_fr, language="en")
    assert transcript.source_name == "en.srt" and transcript.segments.count() == 4
    page = client.get(recording_fr.url + "?transcript=en")
    assert "More than a hundred hours." in page.content.decode()


def test_a_malformed_upload_says_where_and_changes_nothing(editor, recording_fr):
    client = editor("fr")
    transcript = recording_fr.transcripts.get(language="fr")
    before = list(transcript.segments.values_list("text", flat=True))
    response = upload(
        client,
        recording_fr,
        "fr",
        "bad-timing.srt",
        (FILES / "bad-timing.srt").read_bytes(),
        pk=transcript.pk,
    )
    assert response.status_code == 200
    errors = BeautifulSoup(response.content, "html.parser").select(".error-message")
    assert "bad-timing.srt, ligne 6 : « 00:00:02.5 --> 00:00:03,000 » n'est pas" in " ".join(
        " ".join(e.get_text(" ").split()) for e in errors
    )
    assert list(transcript.segments.values_list("text", flat=True)) == before
