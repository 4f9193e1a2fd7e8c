"""Following by email without an account: the form in both languages, double opt-in,
the manage page, leaving, the registration's news consent, and the 48-hour purge."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from cms.models import Lever
from community import digests
from community.models import Follow, Subscriber, SubscriptionRequest, Unsubscription
from practices.models import Lab
from sessions.models import RecordingPage, SeriesPage, SessionLever, SessionPage
from tests.clock import frozen
from tests.registration.conftest import form_data as registration_form

from .conftest import follow_path, link, soup, text

pytestmark = pytest.mark.django_db


def follow_links(client, url):
    return [a["href"] for a in soup(client.get(url)).select(".follow a")]


def test_pages_offer_to_follow_what_they_show(client, fr, en):
    series = SeriesPage.objects.filter(locale=fr).first()
    assert follow_links(client, series.url) == [f"/fr/follow/series/{series.pk}/"]
    # New recordings are news of the Dialogues (community.topics.NEWS).
    assert follow_links(client, "/en/dialogues/recordings/") == ["/en/follow/dialogues/"]
    assert follow_links(client, "/en/library/?lever=financer&tag=housing") == [
        "/en/follow/lever/financer/",
        "/en/follow/tag/housing/",
        "/en/follow/library/",
    ]
    lab = Lab.objects.get(locale=en, slug="marseille")
    assert "/en/follow/lab/marseille/" in follow_links(client, f"/en/library/labs/{lab.slug}/")
    # An unknown filter value offers nothing to follow for it.
    assert follow_links(client, "/fr/bibliotheque/?lever=nope") == ["/fr/follow/library/"]


def test_a_session_page_offers_to_follow_its_series_in_the_readers_language(client, fr, en):
    for locale in (fr, en):
        series = SeriesPage.objects.get(locale=locale, translation_key=levers_key(fr))
        session = SessionPage.objects.child_of(series).live().first()
        lang = locale.language_code
        assert follow_links(client, session.url) == [f"/{lang}/follow/series/{series.pk}/"]
        offer = soup(client.get(session.url)).select_one(".follow a")
        assert series.title in text(offer)


def test_a_new_sessions_preview_offers_its_own_series(rf, admin_user, fr):
    # Unsaved pages have no id: what one preview shows must not be kept for the next.
    from tests.cms.test_previews import new_page

    request = rf.get("/admin/")
    request.user = admin_user
    for series in SeriesPage.objects.filter(locale=fr).order_by("path"):
        session = new_page(SessionPage.objects.child_of(series).first())
        html = session.make_preview_request(request, session.default_preview_mode)
        links = [a["href"] for a in soup(html).select(".follow a")]
        assert links == [f"/fr/follow/series/{series.pk}/"], series.title


def levers_key(fr):
    return SeriesPage.objects.get(locale=fr, slug="serie-des-leviers").translation_key


def test_the_librarys_follow_links_read_its_filters_in_one_query(rf, en):
    """Up to three values of a filter are offered to follow; their number costs no query.
    The codes they name are kept under the content version (cms/fragments.py): once
    kept, following a filter already offered costs no query at all."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import translation

    from community.sections import follow_section
    from practices.models import LibraryPage

    library = LibraryPage.objects.get(locale=en)

    def follow_urls(query):
        request = rf.get(library.url + query)
        with translation.override("en"), CaptureQueriesContext(connection) as queries:
            section = follow_section(request, library, {})
        return [link["url"] for link in section.context["links"]], len(queries)

    follow_urls("?lab=dakar")  # keeps every filter code
    one, one_value = follow_urls("?lever=financer")
    three, three_values = follow_urls("?lever=financer&lever=reguler&lever=defendre")
    assert one == ["/en/follow/lever/financer/", "/en/follow/library/"]
    assert sorted(three) == [
        "/en/follow/lever/defendre/",
        "/en/follow/lever/financer/",
        "/en/follow/lever/reguler/",
        "/en/follow/library/",
    ]
    assert three_values == one_value
    assert follow_urls("?lever=financer") == (one, 0)


@pytest.mark.parametrize(
    ("language", "topic", "code", "heading"),
    [
        ("fr", "dialogues", None, "Tous les Dialogues"),
        ("en", "library", None, "The whole case-study library"),
        ("fr", "lever", "financer", "Levier : Financer et soutenir"),
        ("en", "lab", "marseille", "Lab: Fairville Lab Marseille"),
        ("en", "tag", "logement", "Theme: housing"),  # a French slug, the English name
    ],
)
def test_the_follow_page_names_the_item_in_the_visitors_language(
    client, language, topic, code, heading
):
    page = client.get(follow_path(language, topic, code))
    assert page.status_code == 200
    assert heading in text(soup(page))
    assert soup(page).select_one("html")["lang"] == language


def test_a_wrong_form_says_so_in_the_visitors_language_and_sends_nothing(client, follow, outbox):
    response = follow("lever", "financer", "fr", email="not-an-address", privacy_consent=None)
    assert response.status_code == 400
    page = text(soup(response))
    assert "Saisissez une adresse de courriel valide." in page
    assert "Veuillez accepter la politique de confidentialité pour suivre." in page
    response = follow("lever", "financer", "en", privacy_consent=None)
    assert "Please accept the privacy notice to follow." in text(soup(response))
    assert not outbox and not SubscriptionRequest.objects.exists()


def test_the_same_answer_whatever_the_address(client, follow, subscribe, outbox):
    subscribe("library")
    outbox.clear()
    known = follow("lever", "financer")  # the subscribed address
    unknown = follow("lever", "financer", email="someone-else@example.org")
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    # The subscriber is asked to confirm the new follow like anyone: no follow without it.
    assert [m.to for m in outbox] == [["ines@example.org"], ["someone-else@example.org"]]
    assert [f.topic for f in Follow.objects.all()] == ["library"]


def test_an_address_gets_one_email_per_ten_minutes_and_three_a_day(follow, outbox):
    """The same limit as registration's (cms.optin, tests/registration/test_double_opt_in.py)."""

    def minutes_later(minutes):
        shift = timedelta(minutes=minutes)
        for pending in SubscriptionRequest.objects.all():
            pending.requested_at -= shift
            pending.last_sent_at = pending.last_sent_at and pending.last_sent_at - shift
            pending.day_started_at = pending.day_started_at and pending.day_started_at - shift
            pending.save()

    for _ in range(5):
        assert follow("lever", "financer", email="target@example.org").status_code == 302
    assert len(outbox) == 1
    for expected in (2, 3, 3, 3):  # ten minutes later each time: three in a day at most
        minutes_later(11)
        follow("library", email="TARGET@example.org")
        assert len(outbox) == expected
    minutes_later(24 * 60)
    follow("library", email="target@example.org")
    assert len(outbox) == 4
    # One request per address, holding what every form of the day asked for.
    (pending,) = SubscriptionRequest.objects.all()
    assert sorted(topic for topic, _key in pending.follows) == ["library"]


def test_the_manage_page_changes_follows_frequency_language_and_leaves(client, subscribe, outbox):
    subscribe("library")
    manage = subscribe("lever", "financer", frequency="weekly")
    assert "?confirmed=1" in manage
    page = soup(client.get(manage))
    assert "Votre abonnement est confirmé." in text(page)
    assert "ines@example.org" in text(page)
    boxes = {
        box.parent.get_text(" ", strip=True): box["value"] for box in page.select("[name=follows]")
    }
    assert set(boxes) == {"Toute la bibliothèque d'études de cas", "Levier : Financer et soutenir"}
    path = manage.split("?")[0]
    keep = boxes["Levier : Financer et soutenir"]
    saved = client.post(path, {"follows": [keep], "language": "en", "frequency": "monthly"})
    assert saved.status_code == 302
    (ines,) = Subscriber.objects.all()
    assert (ines.language, ines.frequency) == ("en", "monthly")
    assert [f.topic for f in ines.follows.all()] == ["lever"]
    assert "Vos choix sont enregistrés." in text(soup(client.get(saved["Location"])))

    # Bad values are refused in the visitor's language; nothing changes.
    wrong = client.post(path, {"follows": ["999999"], "language": "de", "frequency": "often"})
    assert wrong.status_code == 400 and "Veuillez corriger" in text(soup(wrong))
    assert Subscriber.objects.get().frequency == "monthly"

    left = client.post(path, {"leave": "1"})
    assert "Vous êtes désabonné·e" in text(soup(left))
    assert not Subscriber.objects.exists() and not Follow.objects.exists()
    assert Unsubscription.objects.get().count == 1
    assert client.get(path).status_code == 404


def test_unticking_everything_is_leaving(client, subscribe):
    manage = subscribe("library").split("?")[0]
    client.post(manage, {"language": "fr", "frequency": "weekly"})
    assert not Subscriber.objects.exists()
    assert Unsubscription.objects.get().count == 1


def test_the_news_consent_of_a_registration_is_a_subscription_that_survives_the_purge(
    client, fr, outbox
):
    from tests.registration.conftest import confirm_path, register_url

    session = SessionPage.objects.get(locale=fr, slug="session-d-exemple")
    client.post(
        register_url(session), registration_form(email="news@example.org", news_consent="on")
    )
    client.post(register_url(session), registration_form(email="quiet@example.org"))
    assert not Subscriber.objects.exists()  # not before the registration is confirmed
    for message in list(outbox):
        client.post(confirm_path(message))
    (news,) = Subscriber.objects.all()
    assert news.email == "news@example.org" and news.language == "fr"
    assert [(f.topic, f.key) for f in news.follows.all()] == [("dialogues", "")]

    SessionPage.objects.filter(translation_key=session.translation_key).update(
        ends_at=timezone.now() - timedelta(days=40)
    )
    call_command("purge_registrations", stdout=StringIO())
    assert not session.registrations.exists()
    assert Subscriber.objects.get().email == "news@example.org"


def test_unconfirmed_requests_are_purged_after_48_hours(client, follow, outbox):
    follow("library", email="old@example.org")
    old = link(outbox[0], "confirm")
    with frozen(timezone.now() + timedelta(hours=48, minutes=1)):
        follow("library", email="new@example.org")
        assert client.get(old).status_code == 410  # the link expired with it
        assert client.post(old).status_code == 410
        out = StringIO()
        call_command("purge_registrations", stdout=out)
        assert "1 unconfirmed subscription request(s) purged." in out.getvalue()
        emails = SubscriptionRequest.objects.values_list("email", flat=True)
        assert list(emails) == ["new@example.org"]
        assert not Subscriber.objects.exists()


@pytest.mark.parametrize(
    ("url", "follow"),
    [
        ("/fr/bibliotheque/laboratoires/marseille/", "/fr/follow/lab/marseille/"),
        ("/en/library/labs/marseille/", "/en/follow/lab/marseille/"),
        ("/fr/bibliotheque/labs/marseille/", "/fr/follow/lab/marseille/"),
    ],
)
def test_a_labs_page_offers_to_follow_the_lab_under_each_of_its_addresses(client, url, follow):
    assert follow in follow_links(client, url)


# The words of the follow page that name each kind of news (English, then French).
KIND_WORDS = {
    "session": ("sessions", "sessions"),
    "recording": ("recordings", "enregistrements"),
    "case_study": ("case studies", "études de cas"),
    "lab": ("lab", "laboratoire"),
}


@pytest.mark.parametrize(
    ("topic", "code"),
    [
        ("dialogues", None),
        ("series", "levers"),
        ("lever", "financer"),
        ("lab", "marseille"),
        ("tag", "logement"),
        ("library", None),
    ],
)
def test_the_follow_page_promises_the_news_the_digests_send(client, fr, en, topic, code):
    """The follow page names the kinds of news that the digests file under its topic
    (community.digests.changes, over every page and lab of the demo), and no other: a
    theme's follower is not promised sessions, nor the Dialogues' follower case studies."""
    if code == "levers":
        code = str(SeriesPage.objects.get(locale=fr, slug="serie-des-leviers").pk)
    for lab in Lab.objects.all():
        lab.save()  # a lab's news is its change of page (LabChange)
    # The demo's one recording is of a session without levers: give it the lever.
    recorded = RecordingPage.objects.get(locale=fr).get_parent().specific
    SessionLever.objects.create(page=recorded, lever=Lever.objects.get(locale=fr, code="financer"))
    now = timezone.now() + timedelta(seconds=1)
    sent = {
        change.kind
        for change in digests.changes(now - timedelta(days=3650), now)
        if any(kind == topic for kind, _key in change.topics)
    }
    assert sent, topic
    for position, language in enumerate(("en", "fr")):
        page = client.get(follow_path(language, topic, code))
        promise = text(soup(page).select_one("h1").find_next("p"))
        for kind, words in KIND_WORDS.items():
            assert (words[position] in promise) == (kind in sent), (language, kind, promise)
