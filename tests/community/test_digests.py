"""Digests: what each subscriber follows, in their language, once, and nothing otherwise."""

from datetime import timedelta
from io import StringIO
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from community import digests, emails
from community.models import Subscriber
from community.service import subscribe
from community.topics import resolve
from practices.models import Lab
from sessions.models import RecordingPage, SeriesPage, SessionPage

pytestmark = pytest.mark.django_db


def subscriber(email, language, follows, frequency="immediate", since=timedelta(0)):
    """A confirmed subscriber of ``follows`` ([(topic, code)]) since ``since`` ago (the
    demo's content, loaded with the test database, is older than a subscriber of now)."""
    pairs = [(topic, resolve(topic, code)) for topic, code in follows]
    return subscribe(email, language, pairs, frequency, now=timezone.now() - since)


def send_digests():
    call_command("send_digests", stdout=StringIO())


def test_items_only_in_the_other_language_are_marked_and_each_goes_to_its_followers(
    publish_case, outbox
):
    subscriber("en@example.org", "en", [("lab", "marseille")])
    subscriber("fr@example.org", "fr", [("lever", "reguler"), ("tag", "housing")])
    subscriber("none@example.org", "fr", [("lab", "athenes")])
    publish_case("Seulement en français", lab="marseille", tags=["logement"])
    publish_case("Dans les deux langues", english="In both languages", lab="marseille")
    send_digests()
    by_address = {message.to[0]: message for message in outbox}
    assert set(by_address) == {"en@example.org", "fr@example.org"}  # none for Athens

    english = by_address["en@example.org"]
    assert "New: Seulement en français (French only)" in english.body
    assert "New: In both languages\n" in english.body and "Dans les deux" not in english.body
    assert "<em>(French only)</em>" in english.alternatives[0][0]
    assert english.subject == "Fairville Dialogues: 2 new items for you"

    french = by_address["fr@example.org"]
    assert french.subject == "Dialogues Fairville : 1 nouveauté pour vous"
    assert "Nouveau : Seulement en français" in french.body
    assert "Études de cas" in french.body and "en français seulement" not in french.body
    assert "Se désabonner de tout :" in french.body


def test_series_sessions_recordings_and_labs_reach_their_followers(fr, en, outbox):
    series = SeriesPage.objects.filter(locale=fr).first()
    session = SessionPage.objects.child_of(series).live().filter(locale=fr).first()
    recording = RecordingPage.objects.live().filter(locale=en).first()
    subscriber("series@example.org", "fr", [("series", str(series.pk))])
    subscriber("all@example.org", "en", [("dialogues", None)])
    subscriber("labs@example.org", "en", [("library", None)])
    session.save_revision().publish()
    recording.save_revision().publish()
    lab = Lab.objects.get(locale=fr, slug="athenes")
    lab.save()
    send_digests()
    by_address = {message.to[0]: message.body for message in outbox}
    assert f"Mis à jour : {session.title}" in by_address["series@example.org"]
    assert "Sessions" in by_address["series@example.org"]
    assert f"Updated: {recording.title}" in by_address["all@example.org"]
    assert "Recordings" in by_address["all@example.org"]
    english_lab = Lab.objects.get(locale=en, slug="athenes")
    assert f"Updated: {english_lab.name}" in by_address["labs@example.org"]
    assert "/en/library/labs/athenes/" in by_address["labs@example.org"]


def test_weekly_and_monthly_digests_wait_for_their_time(publish_case, outbox):
    subscriber("weekly@example.org", "fr", [("library", None)], "weekly", since=timedelta(days=3))
    subscriber("monthly@example.org", "fr", [("library", None)], "monthly", timedelta(days=8))
    publish_case("Une nouveauté")
    send_digests()
    assert outbox == []
    week_ago = timezone.now() - timedelta(days=7, minutes=-30)  # an hourly run's slack
    Subscriber.objects.filter(email="weekly@example.org").update(digest_until=week_ago)
    publish_case("Une autre")
    send_digests()
    assert [m.to for m in outbox] == [["weekly@example.org"]]
    assert "Une nouveauté" in outbox[0].body and "Une autre" in outbox[0].body
    send_digests()
    assert len(outbox) == 1
    month_ago = timezone.now() - timedelta(days=30, minutes=-30)
    Subscriber.objects.filter(email="monthly@example.org").update(digest_until=month_ago)
    send_digests()
    assert [m.to for m in outbox] == [["weekly@example.org"], ["monthly@example.org"]]


def test_nothing_new_nothing_sent_and_restricted_pages_never(publish_case, outbox):
    subscriber("ines@example.org", "fr", [("library", None)])
    send_digests()
    assert outbox == []
    page = publish_case("Réservé aux membres")
    PageViewRestriction.objects.create(page=page, restriction_type="login")
    send_digests()
    assert outbox == []


def test_an_item_unpublished_before_the_email_goes_out_is_not_sent(publish_case, outbox):
    subscriber("ines@example.org", "fr", [("library", None)])
    page = publish_case("Retirée aussitôt")
    # The task runs later than the command in production; here it runs at once, so the
    # page is unpublished while the digest is chosen, just before the task renders it.
    real_run = digests.choose

    def choose_then_unpublish(*args):
        chosen = real_run(*args)
        page.unpublish()
        return chosen

    with mock.patch.object(digests, "choose", choose_then_unpublish):
        send_digests()
    assert outbox == []


def test_a_second_run_sends_nothing_and_a_crashed_run_is_finished_by_the_next(publish_case, outbox):
    for n in range(4):
        subscriber(f"s{n}@example.org", "fr", [("library", None)])
    publish_case("Un seul envoi")
    task_class = emails.send_digest_email.__class__
    enqueue = task_class.enqueue
    calls = []

    def crash_on_the_third(self, *args, **kwargs):
        calls.append(args)
        if len(calls) == 3:
            raise RuntimeError("the machine stopped")
        return enqueue(self, *args, **kwargs)

    with mock.patch.object(task_class, "enqueue", crash_on_the_third):
        with pytest.raises(RuntimeError):
            digests.run()
    assert len(outbox) == 2
    digests.run()
    digests.run()
    assert sorted(m.to[0] for m in outbox) == [f"s{n}@example.org" for n in range(4)]
    assert all(m.body.count("Nouveau : Un seul envoi") == 1 for m in outbox)


def test_queries_do_not_grow_with_the_number_of_follows(publish_case, outbox):
    from cms.models import Lever
    from practices.models import CaseStudyTag

    codes = [("lever", code) for code in Lever.objects.values_list("code", flat=True)]
    codes += [("tag", slug) for slug in CaseStudyTag.objects.values_list("slug", flat=True)]
    codes += [("lab", slug) for slug in Lab.objects.values_list("slug", flat=True)]
    assert len(codes) > 20

    runs = []

    def queries(follows):
        runs.append(follows)
        Subscriber.objects.all().delete()
        for n in range(10):
            subscriber(f"q{n}@example.org", "fr", [*follows, ("library", None)])
        publish_case(f"Pour tout le monde {len(runs)}", levers=["financer"])
        with CaptureQueriesContext(connection) as captured:
            considered, queued = digests.run()
        assert (considered, queued) == (10, 10)
        return [
            query["sql"]
            for query in captured.captured_queries
            if "django_tasks" not in query["sql"]
        ]

    queries([])  # the first run fills the caches (site root paths, locales)
    few, many = queries([]), queries(codes)
    assert len(few) == len(many)
