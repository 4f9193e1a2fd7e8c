"""Questions for the speakers (issue 18 §4): a session's extra questions in its form, in
the visitor's language, answers seen by registration managers only, in the export, and
gone with the registration."""

import csv
import io
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command

from cms.translation import translate
from sessions.models import RegistrationAnswer, RegistrationRequest, SessionPage, SessionQuestion

from .conftest import soup, starting_in, text
from .test_admin import LISTING, login

pytestmark = pytest.mark.django_db

SPEAKERS_FR = "Votre question pour les intervenant·es"
SPEAKERS_EN = "Your question for the speakers"
WORKSHOP_FR = "Quel atelier ?"
WORKSHOP_EN = "Which workshop?"
OPTIONS_FR = "Habitat\nMobilités"
OPTIONS_EN = "Housing\nMobility"


@pytest.fixture
def asking(example_fr, example_en):
    """The example session asks a free-text question and a required choice, in French and
    (translated as an editor does) English."""
    page = SessionPage.objects.get(pk=example_fr.pk)
    page.questions = [
        SessionQuestion(text=SPEAKERS_FR, kind="text", sort_order=0),
        SessionQuestion(
            text=WORKSHOP_FR, kind="choice", options=OPTIONS_FR, required=True, sort_order=1
        ),
    ]
    page.save_revision().publish()
    page = SessionPage.objects.get(pk=page.pk)
    strings = {SPEAKERS_FR: SPEAKERS_EN, WORKSHOP_FR: WORKSHOP_EN, OPTIONS_FR: OPTIONS_EN}
    # wagtail-localize keeps a text field's line breaks as <br/> in its segment.
    strings["Habitat<br/>Mobilités"] = "Housing<br/>Mobility"
    translate(page, "en", strings, strict=False)
    return page


def names(page):
    first, second = SessionQuestion.objects.filter(page=page).order_by("sort_order")
    return f"question-{first.pk}", f"question-{second.pk}"


def test_the_form_asks_in_the_visitors_language_and_keeps_the_answers(
    client, asking, example_en, register, submit
):
    speakers, workshop = names(asking)
    french = soup(client.get(asking.url))
    assert SPEAKERS_FR in text(french) and WORKSHOP_FR in text(french)
    english = soup(client.get(SessionPage.objects.get(pk=example_en.pk).url))
    legends = text(english.select_one("form.registration__form"))
    assert SPEAKERS_EN in legends and WORKSHOP_EN in legends and "Housing" in legends
    assert SPEAKERS_FR not in legends

    # The required choice, unanswered: the error in the reader's language, nothing kept.
    answer = "<script>alert(1)</script> Qu'en pensent les élu·es ? 🌍"
    response = submit(example_en, language="en", **{speakers: answer})
    assert response.status_code == 200
    assert "This field is required." in text(soup(response))
    assert RegistrationRequest.objects.count() == 0
    response = submit(asking, **{speakers: answer, workshop: "7"})
    assert "Sélectionnez un choix valide" in text(soup(response))

    # From the English page, the second option: stored as the source's, for one export.
    register(example_en, language="en", **{speakers: answer, workshop: "1"})
    stored = {a.question_text: a.value for a in RegistrationAnswer.objects.all()}
    assert stored == {SPEAKERS_FR: answer, WORKSHOP_FR: "Mobilités"}


def test_only_managers_see_answers_the_export_has_them_and_the_purge_takes_them(
    client, django_user_model, asking, register, set_session
):
    speakers, workshop = names(asking)
    register(asking, **{speakers: "Comment financer ?", workshop: "0"})
    (answer,) = RegistrationAnswer.objects.filter(question_text=SPEAKERS_FR)
    registration = answer.registration

    login(client, django_user_model, "Editors")
    for url in (
        f"{LISTING}?export=csv",
        f"{LISTING}inspect/{registration.pk}/",
        f"{LISTING}edit/{registration.pk}/",
    ):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        body = b"".join(getattr(response, "streaming_content", [response.content]))
        assert b"Comment financer" not in body

    client.logout()
    login(client, django_user_model, "Registration managers")
    exported = client.get(LISTING, {"export": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(exported.streaming_content).decode("utf-8-sig"))))
    column = rows[0].index("Réponses aux questions de la session")
    assert rows[1][column] == f"{SPEAKERS_FR}: Comment financer ?\n{WORKSHOP_FR}: Habitat"
    inspect = client.get(f"{LISTING}inspect/{registration.pk}/")
    assert f"{SPEAKERS_FR}: Comment financer ?" in text(soup(inspect))

    set_session(**starting_in(-timedelta(days=31)))
    call_command("purge_registrations", stdout=StringIO())
    assert not RegistrationAnswer.objects.exists()


def test_a_request_never_confirmed_takes_its_answers_with_it(asking, submit):
    speakers, workshop = names(asking)
    submit(asking, **{speakers: "Une question jamais confirmée", workshop: "0"})
    (pending,) = RegistrationRequest.objects.all()
    assert "Une question jamais confirmée" in str(pending.details)
    RegistrationRequest.objects.update(requested_at=pending.requested_at - timedelta(days=2))
    call_command("purge_registrations", stdout=StringIO())
    assert not RegistrationRequest.objects.exists()
    assert not RegistrationAnswer.objects.exists()
