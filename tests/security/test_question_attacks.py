"""A script against a session's extra questions (issue 18 §4): huge, HTML, unicode and
malformed answers, forged question fields, other sessions' questions. Never a 500, an
error in the visitor's language, nothing stored that the session did not ask, and no
answer on any public page."""

import re

from bs4 import BeautifulSoup
from django.core import mail

from sessions.demo import EXAMPLE_SLUG
from sessions.models import RegistrationAnswer, RegistrationRequest, SessionPage, SessionQuestion
from sessions.registration.questions import MAX_ANSWER


def text(answer):
    return " ".join(BeautifulSoup(answer.body, "html.parser").get_text(" ").split())


def asking():
    """The example session asks one free-text question and one required choice."""
    page = SessionPage.objects.get(slug=EXAMPLE_SLUG, locale__language_code="fr")
    page.questions = [
        SessionQuestion(text="Votre question pour les intervenant·es", sort_order=0),
        SessionQuestion(
            text="Quel atelier ?", kind="choice", options="A\nB", required=True, sort_order=1
        ),
    ]
    page.save_revision().publish()
    free, choice = SessionQuestion.objects.filter(page=page).order_by("sort_order")
    return page, f"question-{free.pk}", f"question-{choice.pk}"


def sign_up(email, language="fr", **answers):
    return {
        "first_name": "Bot",
        "last_name": "Script",
        "email": email,
        "role": "other",
        "language": language,
        "privacy_consent": "on",
        "website": "",
        **answers,
    }


def test_hostile_answers_get_clear_errors_and_store_nothing_unasked(attacker, settings):
    settings.FAIRVILLE_RATE_LIMITS = {}
    page, free, choice = asking()
    other = SessionPage.objects.live().filter(locale=page.locale).exclude(pk=page.pk).first()
    other.questions = [SessionQuestion(text="Question d'une autre session", sort_order=0)]
    other.save_revision().publish()
    elsewhere = f"question-{SessionQuestion.objects.get(page=other).pk}"
    path = f"/fr/registration/{page.pk}/"
    english = f"/en/registration/{page.get_translations().get().pk}/"

    refused = {
        "10,000 characters": {free: "x" * 10_000, choice: "0"},
        "a NUL byte": {free: "avant\x00après", choice: "0"},
        "an option that does not exist": {free: "", choice: "99"},
        "a negative option": {free: "", choice: "-1"},
        "an option that is no number": {free: "", choice: "<b>A</b>"},
        "no answer to the required choice": {free: "Bonjour"},
    }
    for case, answers in refused.items():
        answer = attacker.post(path, sign_up(f"{len(case)}@example.org", **answers))
        assert answer.status == 200, case
        assert "Veuillez corriger les points suivants" in text(answer), case
        assert "Traceback" not in answer.body, case
    # A megabyte is over the site's bound on a request body: refused before any form.
    answer = attacker.post(path, sign_up("mb@example.org", **{free: "é" * 500_000, choice: "0"}))
    assert answer.status == 400
    assert not RegistrationRequest.objects.exists()

    # The same in English: the errors are in English.
    answer = attacker.post(english, sign_up("en@example.org", language="en", **{choice: "99"}))
    assert answer.status == 200 and "Please correct the following" in text(answer)
    assert "Select a valid choice" in text(answer)

    # Accepted: HTML and unicode kept as typed; forged fields and another session's
    # question ignored.
    mail.outbox.clear()
    hostile = "<script>alert('x')</script> 🌍 ‮ العربية " + "ä" * (MAX_ANSWER - 60)
    forged = {
        free: hostile,
        choice: "1",
        "question-999999": "forgé",
        "question-abc": "forgé",
        elsewhere: "pas cette session",
    }
    answer = attacker.post(path, sign_up("ok@example.org", **forged))
    assert answer.status == 302
    (message,) = mail.outbox
    confirm = re.search(
        r"^https?://[^/\s]+(/\S+/registration/confirm/\S+/)$", message.body, re.M
    ).group(1)
    assert attacker.post(confirm, headers={"Origin": attacker.base_url}).status in (302, 303)
    stored = dict(RegistrationAnswer.objects.values_list("question_text", "value"))
    assert stored == {"Votre question pour les intervenant·es": hostile, "Quel atelier ?": "B"}

    # No answer on the public page, in either language.
    for url in (page.url, page.get_translations().first().url):
        body = attacker.get(url).body
        assert "<script>alert('x')</script>" not in body and "ä" * 100 not in body
