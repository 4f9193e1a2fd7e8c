"""The demo content: the seed's sessions, and one upcoming example that says so."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import Page
from wagtail_localize.models import StringTranslation, Translation

from cms.demo import DemoLoader
from cms.models import MenuItem
from sessions.models import (
    ContributorRole,
    Organisation,
    Person,
    SeriesPage,
    SessionContributor,
    SessionLever,
    SessionPage,
)

pytestmark = pytest.mark.django_db

COUNTED = [
    Page,
    Translation,
    StringTranslation,
    MenuItem,
    Person,
    Organisation,
    ContributorRole,
    SessionContributor,
    SessionLever,
]


def test_loading_the_demo_twice_changes_nothing_in_sessions(series_fr):
    before = {model.__name__: model.objects.count() for model in COUNTED}
    example = SessionPage.objects.get(slug="session-d-exemple")
    DemoLoader().run()
    assert {model.__name__: model.objects.count() for model in COUNTED} == before
    # The example keeps the date of the first load.
    assert SessionPage.objects.get(pk=example.pk).starts_at == example.starts_at


def test_a_demo_whose_example_sat_in_the_levers_series_moves_it(client, series_fr, series_en):
    """A demo loaded before the example session had its series kept it in the Levers
    series: loading the demo again moves it, in both languages, and makes no second one."""
    example_series = SeriesPage.objects.get(slug="serie-d-exemple")
    example = SessionPage.objects.get(slug="session-d-exemple")
    english = example.get_translations().get()
    example.move(series_fr, pos="last-child")
    english.move(series_en, pos="last-child")
    assert "Example session" in client.get(series_en.url).content.decode()

    DemoLoader().run()

    examples = SessionPage.objects.filter(slug__in=["session-d-exemple", "example-session"])
    assert examples.count() == 2
    for version in examples:
        assert version.get_parent().specific.translation_key == example_series.translation_key
    assert "Example session" not in client.get(series_en.url).content.decode()
    assert client.get("/en/dialogues/example-series/example-session/").status_code == 200


def test_every_demo_object_exists_in_both_languages(fr, en):
    for model in (Person, Organisation, ContributorRole, SessionPage):
        french = model.objects.filter(locale=fr)
        assert french.exists()
        for item in french:
            assert item.has_translation(en), item


def test_the_example_session_says_it_is_an_example(session_fr):
    example = SessionPage.objects.get(slug="session-d-exemple")
    english = example.get_translations().get()
    assert example.title.startswith("Session d'exemple")
    assert english.title.startswith("Example session")
    assert "exemple" in example.intro and "example" in english.intro
    # It is upcoming, some weeks ahead, and puts no words in a real person's mouth.
    ahead = example.starts_at - timezone.now()
    assert timedelta(weeks=2) < ahead < timedelta(weeks=10)
    assert not example.contributors.exists()
    assert example.number is None


def test_session_one_links_its_lever_and_entry_points(session_fr, session_en):
    codes = [link.lever.code for link in session_fr(1).lever_links.order_by("sort_order")]
    assert codes == ["ancrer", "reseaux-citoyens", "soutien-elargi", "institutions-accessibles"]
    english = session_en(1).lever_links.order_by("sort_order").first().lever
    assert english.name == "Anchoring" and english.locale.language_code == "en"
    # The shared taxonomy sees the session from the lever's side.
    assert english.session_lever_links.get().page.specific == session_en(1)


def test_people_are_recorded_only_as_the_seed_gives_them(fr):
    cities = dict(Person.objects.filter(locale=fr).values_list("name", "city"))
    # The seed gives a city for two people only; nobody else gets a guessed one.
    assert {name: city for name, city in cities.items() if city} == {
        "Richard Lee": "Londres",
        "Manuel Katzer": "Berlin",
    }
    assert not Person.objects.exclude(bio="").exists()
    assert not Person.objects.exclude(photo=None).exists()


def test_the_series_is_in_the_main_menu(client):
    assert b'href="/fr/dialogues/serie-des-leviers/"' in client.get("/fr/").content
    assert b'href="/en/dialogues/levers-series/"' in client.get("/en/").content
