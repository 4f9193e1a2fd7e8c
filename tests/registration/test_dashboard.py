"""The organisers' dashboard (issue 18 §5): right totals over kept registrations and purged
tallies, "fewer than 5" in table, chart and CSV, and only for editors."""

import csv
import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from sessions.models import Registration, RegistrationTally, SessionPage

from .conftest import soup, text

pytestmark = pytest.mark.django_db

URL = "/admin/dashboard/"
FEWER = "moins de 5"


def person(session, n, **fields):
    return Registration(
        session=session,
        first_name=f"Personne {n}",
        last_name="Test",
        email=f"p{n}-{session.pk}@example.org",
        **fields,
    )


@pytest.fixture
def generated(example_fr, fr):
    """21 registrations kept for the example session, 9 purged ones for another."""
    now = timezone.now()
    people = []
    for i in range(12):
        people.append(
            person(
                example_fr,
                i,
                status="confirmed",
                role="resident" if i < 8 else "academic",
                country="FR" if i < 9 else "SN",
                language="fr" if i < 7 else "en",
                interpretation=i < 6,
                attended_at=now if i < 7 else None,
            )
        )
    for i, country in enumerate(("FR", "FR", "SN")):
        people.append(
            person(
                example_fr,
                20 + i,
                status="waiting",
                role="resident",
                country=country,
                language="fr",
                accessibility="Sous-titres" if i < 2 else "",
            )
        )
    for i in range(6):  # cancelled: counted per session, in no breakdown
        people.append(
            person(
                example_fr,
                30 + i,
                status="cancelled",
                role="academic",
                country="SN",
                language="en",
                interpretation=True,
                accessibility="x",
            )
        )
    Registration.objects.bulk_create(people)
    past = SessionPage.objects.filter(locale=fr).exclude(pk=example_fr.pk).first()
    RegistrationTally.objects.create(
        session=past,
        role="resident",
        country="BE",
        language="en",
        status="confirmed",
        count=9,
        attended=5,
        interpretation=1,
    )
    return example_fr, past


def login(client, django_user_model, group=None):
    user = django_user_model.objects.create_user("dashboard-user", password="pw")
    if group:
        user.groups.add(Group.objects.get(name=group))
    else:  # into the admin, but no editor
        user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    return client


def table(page, slug):
    rows = page.select(f"#panel-{slug} table tbody tr")
    return {text(row.th): [text(cell) for cell in row.select("td")] for row in rows}


def test_the_dashboard_shows_the_right_totals_and_hides_small_numbers(
    client, django_user_model, generated
):
    example, past = generated
    login(client, django_user_model, "Editors")
    response = client.get(URL)
    assert response.status_code == 200
    page = soup(response)

    assert table(page, "sessions") == {
        example.title: ["21", "12", FEWER, "6", "7"],
        past.title: ["9", "9", "0", "0", "5"],
    }
    assert table(page, "roles") == {"Habitant·e": ["20"], "Universitaire": [FEWER]}
    assert table(page, "countries") == {"France": ["11"], "Belgique": ["9"], "Sénégal": [FEWER]}
    assert table(page, "languages") == {"English": ["14"], "Français": ["10"]}
    assert list(table(page, "needs").values()) == [["24"], ["7"], [FEWER], ["12"]]

    # The chart beside each table: no bar for a hidden number, its words instead.
    roles = page.select_one("#panel-roles svg")
    assert roles["role"] == "img" and roles.title.get_text()
    assert len(roles.select("rect.bar")) == 1
    assert [value.get_text() for value in roles.select("text.value")] == ["20", FEWER]
    sessions = page.select_one("#panel-sessions svg")
    assert len(sessions.select("rect.bar")) == 7  # ten figures: 3 and the 0s have none
    # Counts only: nobody's name or address anywhere.
    assert "example.org" not in response.content.decode()
    assert "Personne" not in response.content.decode()

    exported = client.get(URL, {"export": "csv"})
    assert exported["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert ["Par rôle", "Universitaire", "Inscriptions", FEWER] in rows
    assert ["Par session", example.title, "Liste d'attente", FEWER] in rows
    assert ["Par pays", "France", "Inscriptions", "11"] in rows
    assert not any("example.org" in cell for row in rows for cell in row)

    # One session at a time.
    only = soup(client.get(URL, {"session": past.pk}))
    assert table(only, "countries") == {"Belgique": ["9"]}


@pytest.mark.parametrize("who", ["anonymous", "admin user, not an editor"])
def test_the_dashboard_is_refused_to_anyone_but_editors(client, django_user_model, generated, who):
    if who != "anonymous":
        login(client, django_user_model)
    for url in (URL, f"{URL}?export=csv"):
        response = client.get(url)
        assert response.status_code in (302, 403), (who, url)
        assert b"Par session" not in response.content and b"moins de 5" not in response.content
    if who == "anonymous":
        assert client.get(URL)["Location"].startswith("/admin/login/")
    else:
        assert URL not in client.get("/admin/").content.decode()


def test_subscribers_per_followed_item(client, django_user_model):
    from cms.models import Lever
    from community.models import Follow, Subscriber

    lever = Lever.objects.filter(locale__language_code="fr").first()
    now = timezone.now()
    subscribers = Subscriber.objects.bulk_create(
        Subscriber(email=f"s{n}@example.org", language="fr", confirmed_at=now, digest_until=now)
        for n in range(6)
    )
    Follow.objects.bulk_create(
        [Follow(subscriber=s, topic="library") for s in subscribers]
        + [
            Follow(subscriber=s, topic="lever", key=str(lever.translation_key))
            for s in subscribers[:3]
        ]
    )
    login(client, django_user_model, "Editors")
    page = soup(client.get(URL))
    followed = table(page, "subscribers")
    assert followed["Toute la bibliothèque d'études de cas"] == ["6"]
    assert followed[f"Levier : {lever.name}"] == [FEWER]
    assert "s0@example.org" not in text(page)
