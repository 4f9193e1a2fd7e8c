"""Practitioners propose case studies: a draft in moderation, never published unreviewed."""

import csv
import io
from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from wagtail.models import WorkflowState

from practices import submissions
from practices.models import CaseStudyPage, Submission
from practices.retention import DEFAULT_DAYS

from .conftest import soup

pytestmark = pytest.mark.django_db

URL_FR = "/fr/bibliotheque/proposer/"
URL_EN = "/en/library/propose/"


def proposal(**changes):
    data = {
        "title": "Une épicerie solidaire",
        "summary": "Des habitant·e·s ouvrent une épicerie à prix libres.",
        "city": "Lyon",
        "country": "FR",
        "lab": "",
        "start_year": "2021",
        "end_year": "",
        "story": "Premier paragraphe.\n\nSecond <b>paragraphe</b>.",
        "actors": "Un collectif.",
        "lessons": "",
        "name": "Camille Exemple",
        "email": "camille@example.org",
        "organisation": "",
        "consent": "on",
        "licence_agreement": "on",
        "website": "",
    }
    data.update(changes)
    return data


def test_a_proposal_becomes_a_draft_in_the_review_workflow(client, reviewer, library_fr):
    response = client.post(URL_FR, proposal())
    assert response.status_code == 302
    assert response["Location"] == "/fr/bibliotheque/proposer/merci/"
    page = CaseStudyPage.objects.get(title="Une épicerie solidaire")
    assert not page.live and page.locale.language_code == "fr"
    assert page.slug == "une-epicerie-solidaire"
    assert page.get_parent().specific == library_fr
    assert page.body.raw_data[0]["value"] == (
        "<p>Premier paragraphe.</p><p>Second &lt;b&gt;paragraphe&lt;/b&gt;.</p>"
    )
    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "Relecture des études de cas / Case study review"
    assert state.current_task_state.revision == page.latest_revision
    # Not public: neither the page nor the listing shows it.
    assert client.get("/fr/bibliotheque/une-epicerie-solidaire/").status_code == 404
    listing = soup(client.get("/fr/bibliotheque/?q=épicerie"))
    assert listing.select(".case") == []
    # Who sent it is kept apart from the page.
    submission = Submission.objects.get(page=page)
    assert (submission.name, submission.email, submission.language) == (
        "Camille Exemple",
        "camille@example.org",
        "fr",
    )
    assert "camille@example.org" not in str(page.latest_revision.content)


def test_reviewers_are_emailed(client, reviewer):
    client.post(URL_EN, proposal(title="A solidarity grocery"))
    sent = [message for message in mail.outbox if "reviewer@fairville.invalid" in message.to]
    assert len(sent) == 1
    assert "A solidarity grocery" in sent[0].subject + sent[0].body


@pytest.mark.parametrize(
    "language, words",
    [
        ("fr", ("soumise", "Relecture par l'équipe de la bibliothèque")),
        ("en", ("submitted", "Library editors review")),
    ],
)
def test_a_reviewer_reads_the_review_named_in_their_admin_language(
    client, reviewer, language, words
):
    # Wagtail writes the workflow task's name as it was saved, in every admin language.
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(reviewer)
    profile.preferred_language = language
    profile.save()
    client.post(URL_FR, proposal(title="Une épicerie solidaire"))
    (sent,) = [message for message in mail.outbox if reviewer.email in message.to]
    for word in words:
        assert word in sent.subject + sent.body


def test_the_review_workflow_named_in_english_only_is_renamed(db):
    from importlib import import_module

    from django.apps import apps
    from wagtail.models import GroupApprovalTask, Workflow

    migration = import_module("practices.migrations.0009_bilingual_review_workflow")
    # The demo's, as an install made before the migration named them.
    Workflow.objects.filter(name=submissions.REVIEW_WORKFLOW).update(name="Case study review")
    GroupApprovalTask.objects.filter(name=submissions.REVIEW_TASK).update(
        name="Library editors review"
    )
    Workflow.objects.create(name="Our own workflow")
    migration.rename(apps, None)
    names = set(Workflow.objects.values_list("name", flat=True))
    assert {submissions.REVIEW_WORKFLOW, "Our own workflow"} <= names
    assert "Case study review" not in names
    tasks = set(GroupApprovalTask.objects.values_list("name", flat=True))
    assert submissions.REVIEW_TASK in tasks and "Library editors review" not in tasks
    migration.rename_back(apps, None)
    assert Workflow.objects.filter(name="Case study review").exists()


def test_an_english_proposal_is_an_english_draft(client, library_en):
    client.post(URL_EN, proposal(title="A grocery", lab="marseille"))
    page = CaseStudyPage.objects.get(title="A grocery")
    assert page.locale.language_code == "en" and page.get_parent().specific == library_en
    assert page.lab.locale.language_code == "en" and not page.live


def test_the_thank_you_page_follows(client):
    response = client.post(URL_EN, proposal(), follow=True)
    assert "Thank you for your proposal" in response.content.decode()


def test_errors_are_in_the_visitors_language_and_nothing_is_kept(client):
    page = soup(client.post(URL_FR, proposal(email="pas-un-email", consent="", end_year="2019")))
    summary = page.select_one(".error-summary").get_text(" ", strip=True)
    assert summary.startswith("Veuillez corriger les points suivants")
    assert "Saisissez une adresse de courriel valide." in summary
    assert "L'année de fin ne peut pas précéder l'année de début." in summary
    assert "J'accepte" in summary and "Champ requis." in summary
    # Each field in error names its message (and its help) for assistive technology, and
    # the summary's links lead to the fields.
    for name, message in (
        ("email", "Saisissez une adresse de courriel valide."),
        ("consent", "Champ requis."),
        ("end_year", "L'année de fin ne peut pas précéder l'année de début."),
    ):
        field = page.select_one(f"#id_{name}")
        assert field["aria-invalid"] == "true"
        described = [page.select_one(f"#{ref}") for ref in field["aria-describedby"].split()]
        assert all(described), field["aria-describedby"]
        assert message in " ".join(node.get_text(" ", strip=True) for node in described)
        assert page.select_one(f".error-summary a[href='#id_{name}']") is not None
    # A field without an error still names its help.
    help_id = page.select_one("#id_story")["aria-describedby"]
    assert page.select_one(f"#{help_id}").get_text().startswith("Comment cela a commencé")
    english = soup(client.post(URL_EN, proposal(email="nope")))
    assert "Enter a valid email address" in english.select_one(".error-summary").get_text()
    assert not CaseStudyPage.objects.filter(title="Une épicerie solidaire").exists()
    assert not Submission.objects.exists()


@pytest.mark.parametrize(("url", "optional"), [(URL_FR, "(facultatif)"), (URL_EN, "(optional)")])
def test_the_form_marks_the_fields_a_proposer_may_leave_empty(client, url, optional):
    """A label says "(optional)" exactly where the form takes an empty answer (the
    control without ``required``), as the registration form does."""
    page = soup(client.get(url))
    marked = {}
    for label in page.select("form[method=post] label[for]"):
        control = page.find(id=label["for"])
        # The honeypot is for bots; the lab's empty choice says "None, or I don't know".
        if control["name"] in ("website", "lab") or control.get("type") == "checkbox":
            continue
        marked[control["name"]] = (optional in label.get_text(), not control.has_attr("required"))
    assert {"end_year", "actors", "lessons", "organisation", "title", "story"} <= set(marked)
    assert all(says == empty_allowed for says, empty_allowed in marked.values()), marked
    assert marked["organisation"] == (True, True) and marked["title"] == (False, False)


def test_a_bot_filling_the_honeypot_is_thanked_and_ignored(client):
    response = client.post(URL_FR, proposal(website="http://spam.example"))
    assert response.status_code == 302
    assert not CaseStudyPage.objects.filter(title="Une épicerie solidaire").exists()
    assert not Submission.objects.exists()


@pytest.mark.parametrize(
    "changes",
    [
        {"title": "x" * 10_000},
        {"title": "<script>alert(1)</script>", "story": "<img src=x onerror=alert(1)>"},
        {"title": "!!!", "city": "Ça\u0301"},
        {"title": "emoji 🏠🌱", "story": "🏠" * 9_000},
        {"title": "nul\x00byte"},
        {"start_year": "abc", "end_year": "-5", "country": "ZZ", "lab": "atlantis"},
        {"story": "a" * 20_000},
    ],
)
def test_no_input_causes_a_server_error(client, admin_client, changes):
    response = client.post(URL_FR, proposal(**changes))
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        page = CaseStudyPage.objects.get(pk=Submission.objects.get().page_id)
        assert not page.live and page.slug
        # The reviewer reads the draft as it would be published: what was typed is text.
        draft = admin_client.get(f"/admin/pages/{page.pk}/view_draft/")
        assert draft.status_code == 200
        html = draft.content.decode()
        assert "<script>alert" not in html and "<img src=x" not in html


def test_two_proposals_with_the_same_title_get_different_slugs(client):
    client.post(URL_FR, proposal())
    client.post(URL_FR, proposal())
    slugs = set(
        CaseStudyPage.objects.filter(title="Une épicerie solidaire").values_list("slug", flat=True)
    )
    assert slugs == {"une-epicerie-solidaire", "une-epicerie-solidaire-2"}


@override_settings(FAIRVILLE_RATE_LIMITS={"case_study_proposal": (2, 60)})
def test_proposals_are_rate_limited(client):
    from django.core.cache import cache

    cache.clear()
    assert client.post(URL_FR, proposal(email="bad")).status_code == 200
    assert client.post(URL_FR, proposal(email="bad")).status_code == 200
    response = client.post(URL_FR, proposal())
    assert response.status_code == 429
    assert "Trop de requêtes" in response.content.decode()
    assert not Submission.objects.exists()
    # Reading the form is not limited.
    assert client.get(URL_FR).status_code == 200


def test_proposers_contact_details_are_purged_after_the_retention_period(client, admin_client):
    client.post(URL_FR, proposal())
    client.post(URL_EN, proposal(title="A tool library", email="sam@example.org"))
    old = Submission.objects.get(title="Une épicerie solidaire")
    Submission.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=181))
    out = StringIO()
    call_command("purge_submissions", stdout=out)
    assert out.getvalue().startswith("1 proposal(s) purged")

    old.refresh_from_db()
    assert (old.name, old.email, old.organisation) == ("", "", "")
    assert old.page.title == "Une épicerie solidaire"  # the proposal itself stays
    recent = Submission.objects.get(title="A tool library")
    assert (recent.name, recent.email) == ("Camille Exemple", "sam@example.org")

    out = StringIO()
    call_command("purge_submissions", stdout=out)
    assert out.getvalue().startswith("0 proposal(s) purged")
    listing = admin_client.get("/admin/snippets/practices/submission/")
    assert listing.status_code == 200
    assert b"sam@example.org" in listing.content and b"camille@example.org" not in listing.content


def test_the_privacy_notice_gives_the_purge_period(client):
    french = " ".join(soup(client.get("/fr/politique-de-confidentialite/")).get_text().split())
    english = " ".join(soup(client.get("/en/privacy-notice/")).get_text().split())
    assert f"effacés {DEFAULT_DAYS} jours après l'envoi de votre proposition" in french
    assert f"erased {DEFAULT_DAYS} days after you send your proposal" in english


def test_a_proposers_formula_stays_text_in_the_csv_export(client, admin_client):
    client.post(URL_EN, proposal(name='=HYPERLINK("http://x.invalid","Click")', organisation="-3"))
    response = admin_client.get("/admin/snippets/practices/submission/", {"export": "csv"})
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(content)))
    (row,) = rows  # headings in the admin user's language, French by default
    assert row["Nom"] == '\'=HYPERLINK("http://x.invalid","Click")'
    assert row["Organisation"] == "-3"  # a number is not a formula
    assert row["Adresse e-mail"] == "camille@example.org"
