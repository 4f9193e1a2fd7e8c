"""After the session (issue 18 §3): "the recording is online" once to those who asked,
attendance counted at the first use of the join link, and its counts after the purge."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from cms.translation import translate
from sessions.models import RecordingPage, RecordingVideo, Registration, RegistrationTally
from sessions.registration import followup, tokens

from .conftest import starting_in

pytestmark = pytest.mark.django_db

RECORDING_TITLE = "Enregistrement de la session d'exemple"


def publish_recording(session):
    """An editor adds the session's recording and publishes it (one video, as the admin
    requires)."""
    page = RecordingPage(
        title=RECORDING_TITLE,
        slug="enregistrement-exemple",
        duration=timedelta(minutes=90),
        videos=[RecordingVideo(language="original", url="https://vimeo.com/76979871")],
    )
    session.add_child(instance=page)
    page.save_revision().publish()
    return RecordingPage.objects.get(pk=page.pk)


def recording_emails(outbox):
    return [
        m
        for m in outbox
        if "enregistrement est en ligne" in m.subject or "recording is online" in m.subject
    ]


def test_the_recording_is_online_goes_once_to_those_who_asked(client, example_fr, register, outbox):
    register(example_fr, email="awa@example.org", recording_consent="on")
    register(example_fr, email="bob@example.org", language="en", recording_consent="on")
    register(example_fr, email="cyd@example.org")  # did not ask
    register(example_fr, email="dee@example.org", recording_consent="on")
    dee = Registration.objects.get(email="dee@example.org")
    client.post(reverse("event_sessions:cancel", args=[tokens.make(dee, tokens.CANCEL)]))
    outbox.clear()

    recording = publish_recording(example_fr)

    sent = recording_emails(outbox)
    assert sorted(m.to[0] for m in sent) == ["awa@example.org", "bob@example.org"]
    french = next(m for m in sent if m.to == ["awa@example.org"])
    english = next(m for m in sent if m.to == ["bob@example.org"])
    assert french.subject == f"L'enregistrement est en ligne : {example_fr.title}"
    assert "l'enregistrement de la session est en ligne" in french.body
    assert english.subject.startswith("The recording is online: ")
    assert "the recording of the session is online" in english.body
    for message in sent:
        html = message.alternatives[0][0]
        assert recording.url in message.body and recording.url in html
        assert "/registration/cancel/" not in message.body  # the session is over
    assert client.get(recording.url).status_code == 200

    # Published again, translated (the English page's publish), the task run again as a
    # retry would: nobody hears twice.
    outbox.clear()
    recording.save_revision().publish()
    english_page = translate(
        recording, "en", {RECORDING_TITLE: "Recording of the example"}, strict=False
    )
    assert english_page.live
    followup.announce_recording.enqueue(recording.pk)
    followup.announce_recording.enqueue(english_page.pk)
    # Two runs at once both list Awa before either claims her: the claim decides.
    awa = Registration.objects.get(email="awa@example.org")
    assert followup.tell(awa.pk, recording.pk) is False
    assert recording_emails(outbox) == []

    # Someone who asks later (a new registration) is told at the next publish only.
    register(example_fr, email="eve@example.org", language="en", recording_consent="on")
    outbox.clear()
    english_page.save_revision().publish()
    (late,) = recording_emails(outbox)
    assert late.to == ["eve@example.org"] and english_page.url in late.body


def test_nothing_is_announced_for_a_recording_nobody_may_see(example_fr, register, outbox):
    register(example_fr, email="awa@example.org", recording_consent="on")
    outbox.clear()
    recording = publish_recording(example_fr)
    outbox.clear()
    Registration.objects.update(recording_sent_at=None)
    recording.unpublish()
    assert followup.announce_recording.enqueue(recording.pk).return_value == 0
    assert recording_emails(outbox) == []


def join_path(registration):
    return reverse("event_sessions:join", args=[tokens.make(registration, tokens.JOIN)])


def test_attendance_is_the_first_use_of_the_join_link_and_survives_the_purge(
    client, example_fr, register, set_session, outbox
):
    set_session(capacity=2)
    register(example_fr, email="awa@example.org")
    register(example_fr, email="bob@example.org", language="en", interpretation="on")
    register(example_fr, email="cyd@example.org", accessibility="Sous-titres")  # waiting
    awa, cyd = (Registration.objects.get(email=f"{n}@example.org") for n in ("awa", "cyd"))

    # Before the meeting opens, the link is no attendance.
    assert client.get(join_path(awa)).status_code == 200
    assert not Registration.objects.filter(attended_at__isnull=False).exists()

    set_session(**starting_in(timedelta(minutes=10)))
    client.get(join_path(awa))
    first = Registration.objects.get(pk=awa.pk).attended_at
    assert first is not None
    client.get(join_path(awa))  # a reload, a second device: still one
    assert Registration.objects.get(pk=awa.pk).attended_at == first
    client.get(join_path(cyd))  # on the waiting list: no way in, no attendance
    assert Registration.objects.filter(attended_at__isnull=False).count() == 1

    set_session(**starting_in(-timedelta(days=31)))
    call_command("purge_registrations", stdout=StringIO())
    assert not Registration.objects.exists()
    tallies = RegistrationTally.objects.filter(session=example_fr)
    totals = {
        name: sum(getattr(t, name) for t in tallies)
        for name in ("count", "attended", "interpretation", "accessibility")
    }
    assert totals == {"count": 3, "attended": 1, "interpretation": 1, "accessibility": 1}
    by_language = {(t.language, t.status): t.count for t in tallies}
    assert by_language == {("fr", "confirmed"): 1, ("en", "confirmed"): 1, ("fr", "waiting"): 1}
    # Anonymous: nothing of who they were.
    assert not any("example.org" in str(vars(t)) for t in tallies)
