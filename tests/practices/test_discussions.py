# ruff: noqa: F811 (the fixtures imported below are arguments of the tests)
"""Case studies and the minute they were discussed (issue 17 §4): linked from either
editor, shown on both pages in both languages, in a constant number of queries."""

from datetime import timedelta

import pytest

from practices.models import CaseStudyDiscussion, CaseStudyPage
from tests.helpers import soup, text
from tests.recordings.conftest import make_recording, recording_en, recording_fr  # noqa: F401
from tests.sessions.conftest import series_fr, session_fr  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@fairville.invalid", "pw")
    client.force_login(user)
    return client


def link(case, recording, start, end, note=""):
    return CaseStudyDiscussion.objects.create(
        case_study=case,
        recording=recording,
        locale=case.locale,
        start=timedelta(seconds=start),
        end=timedelta(seconds=end),
        note=note,
    )


def example_case(language):
    demo = CaseStudyDiscussion.objects.get(locale__language_code="fr", note__startswith="Exemple")
    return CaseStudyPage.objects.get(
        translation_key=demo.case_study.translation_key, locale__language_code=language
    )


def test_the_demo_links_its_example_recording_to_an_example_case_study(
    client, recording_fr, recording_en
):
    for language, recording, expected in (
        ("fr", recording_fr, "Discutée dans « Enregistrement d'exemple » à 0:06"),
        ("en", recording_en, "Discussed in “Example recording” at 0:06"),
    ):
        case = example_case(language)
        assert case.summary.startswith(("Étude de cas d'exemple", "Example case study"))
        page = soup(client.get(case.url))
        (item,) = page.select(".discussed li")
        assert text(item.a) == expected
        assert item.a["href"] == f"{recording.url}?t=6#player"
        assert ("Exemple :" if language == "fr" else "Example:") in text(item)

        # The recording's transcript shows the case study beside the span, in its language.
        transcript = soup(client.get(recording.url)).select_one("#transcript")
        (aside,) = transcript.select(".transcript__span")
        assert aside.find_next_sibling("p")["id"] == "t-6"  # before the paragraph at 0:06
        assert aside.select_one("a")["href"] == case.url and text(aside.a) == case.title
        assert text(aside.select_one(".timestamp")) == (
            "Discutée de 0:06 à 0:12" if language == "fr" else "Discussed from 0:06 to 0:12"
        )
        assert aside.select_one(".timestamp")["data-seek"] == "6"
        assert ("personne n'en a parlé" if language == "fr" else "nobody talked") in text(aside)


def test_a_numbered_session_reads_session_number_and_time(
    client, session_fr, make_recording, recording_fr
):
    recording = make_recording(session_fr(2), transcripts={"fr": [(2500, "Avant."), (2530, "Là.")]})
    case = example_case("fr")
    link(case, recording, 42 * 60 + 10, 45 * 60)
    items = soup(client.get(case.url)).select(".discussed li a")
    assert [text(a) for a in items] == [  # by series, session, time
        "Discutée lors de la session #2 à 42:10",
        "Discutée dans « Enregistrement d'exemple » à 0:06",
    ]
    assert items[0]["href"] == f"{recording.url}?t=2530#player"
    # That address opens the recording at that moment, the case study beside it.
    page = soup(client.get(items[0]["href"].split("#")[0]))
    assert page.select_one(".player__start") is None or "42:10" in text(
        page.select_one(".player__start")
    )
    current = page.select_one(".transcript__paragraph.is-current")
    assert "Là." in text(current)
    assert text(page.select_one(".transcript__span a")) == case.title


def test_a_link_not_yet_translated_shows_on_the_english_pages_with_the_english_pages(
    client, session_fr, make_recording, recording_en
):
    from cms.translation import translate

    recording = make_recording(session_fr(3), transcripts={"fr": [(60, "Une minute.")]})
    english_recording = translate(
        recording, recording_en.locale, {recording.title: "Test recording", recording.slug: "test"}
    )
    link(example_case("fr"), recording, 60, 90, note="Seulement en français.")
    english_case = example_case("en")
    items = soup(client.get(english_case.url)).select(".discussed li")
    (item,) = [item for item in items if item.a["href"].startswith(english_recording.url)]
    assert item.a["href"] == f"{english_recording.url}?t=60#player"
    assert text(item.a) == "Discussed in session #3 at 1:00"
    assert item.select_one('[lang="fr"]').get_text() == "Seulement en français."
    aside = soup(client.get(english_recording.url, {"transcript": "fr"})).select_one(
        ".transcript__span"
    )
    assert aside.a["href"] == english_case.url
    assert aside.select_one('[lang="fr"]').get_text() == "Seulement en français."


def test_unpublished_pages_are_not_shown(client, recording_fr):
    case = example_case("fr")
    case.unpublish()
    assert soup(client.get(recording_fr.url)).select(".transcript__span") == []
    recording_fr.unpublish()
    case.save_revision().publish()
    assert soup(client.get(case.url)).select(".discussed") == []


def test_both_pages_cost_the_same_queries_with_one_link_or_many(
    client, session_fr, make_recording, library_fr, django_assert_max_num_queries
):
    from cms.pagecache import invalidate

    recording = make_recording(
        session_fr(2), transcripts={"fr": [(s, f"Phrase {s}.") for s in range(0, 600, 5)]}
    )
    demo = example_case("fr")
    cases = list(
        CaseStudyPage.objects.child_of(library_fr).filter(locale=demo.locale).exclude(pk=demo.pk)
    )[:6]
    link(cases[0], recording, 10, 20)
    counts = []
    for more in (False, True):
        if more:
            for case in cases[1:]:
                link(case, recording, 30, 40)
                link(cases[0], make_recording(session_fr(3)), 5, 6)
        invalidate()
        for url in (cases[0].url, recording.url):
            with django_assert_max_num_queries(200) as captured:
                assert client.get(url).status_code == 200
            counts.append(len(captured))
    assert counts[:2] == counts[2:], counts
    page = soup(client.get(recording.url))
    assert len(page.select(".transcript__span")) == 6
    assert len(soup(client.get(cases[0].url)).select(".discussed li")) == 6


def test_editors_link_them_from_either_side(editor, session_fr, make_recording):
    recording = make_recording(session_fr(2))
    case = example_case("fr")

    # From the case study's editor: the panel's button opens the form with it filled in.
    edit = soup(editor.get(f"/admin/pages/{case.pk}/edit/"))
    button = next(a for a in edit.select(".discussions-panel a") if "?" in a["href"])
    assert f"case_study={case.pk}" in button["href"]
    form = soup(editor.get(button["href"]))
    assert form.select_one('input[name="case_study"]')["value"] == str(case.pk)
    data = {
        "case_study": case.pk,
        "recording": recording.pk,
        "start": "42:10",
        "end": "45:00",
        "note": "Cité en exemple.",
    }
    response = editor.post(button["href"], data)
    assert response.status_code == 302
    row = CaseStudyDiscussion.objects.get(recording=recording)
    assert row.start == timedelta(minutes=42, seconds=10) and row.locale == case.locale

    # The recording's editor lists it, and links another one with the recording filled in.
    panel = soup(editor.get(f"/admin/pages/{recording.pk}/edit/")).select_one(".discussions-panel")
    assert case.title in text(panel) and "42:10–45:00" in text(panel)
    add = next(a for a in panel.select("a") if "?" in a["href"])
    assert f"recording={recording.pk}" in add["href"]
    form = soup(editor.get(add["href"]))
    assert form.select_one('input[name="recording"]')["value"] == str(recording.pk)

    # The end must come after the start: a clear error, nothing saved.
    response = editor.post(add["href"], {**data, "start": "45:00", "end": "42:10"})
    assert response.status_code == 200
    assert "La fin doit venir après le début." in response.content.decode()
    assert CaseStudyDiscussion.objects.filter(recording=recording).count() == 1
