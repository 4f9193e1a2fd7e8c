"""The anonymous page cache cannot be grown, or emptied, by a visitor's script.

The attacks: a random query string on every request (``?z=<random>``) forced a render
and stored a new entry each time; every saved registration emptied the whole cache, and
anyone may register (or, with double opt-in, confirm) twenty times a minute. And the
guarantee that must survive: a new visitor never sees a session's places from before the
last one was taken.

The test settings' cache is local memory, counted directly (``_cache``): what the attack
would make Redis hold.
"""

import uuid

from django.core.cache import cache
from wagtail.models import Page

from cms.models import HomePage
from cms.pagecache import MAX_VARIANTS
from cms.translation import sync
from sessions.models import RecordingPage, Registration, SessionPage


def entries():
    return len(cache._cache)


def test_random_query_strings_do_not_grow_the_cache(attacker):
    recording = RecordingPage.objects.get(locale__language_code="fr", slug="enregistrement")
    assert attacker.get("/fr/").status == 200
    assert attacker.get(recording.url).status == 200
    before = entries()

    # Parameters no page reads: answered, never stored.
    for _ in range(100):
        answer = attacker.get(f"/fr/?z={uuid.uuid4().hex}")
        assert answer.status == 200
    assert entries() == before

    # Random values of a parameter the page reads (the recording's moment): at most
    # MAX_VARIANTS of them are kept, the rest are answered uncached.
    for second in range(3 * MAX_VARIANTS):
        assert attacker.get(f"{recording.url}?t={second}").status == 200
    assert entries() <= before + MAX_VARIANTS + 1

    # One entry whatever the order of the parameters.
    library = "/fr/bibliotheque/"
    cache.clear()
    attacker.get(f"{library}?period=2020s&lang=fr")
    stored = entries()
    attacker.get(f"{library}?lang=fr&period=2020s")
    assert entries() == stored


def test_a_registration_forgets_its_sessions_pages_only_and_never_shows_stale_places(
    attacker,
):
    session_fr = SessionPage.objects.get(locale__language_code="fr", slug="session-d-exemple")
    session_fr.capacity = 1
    session_fr.save_revision().publish()
    sync(session_fr)
    session_fr = SessionPage.objects.get(pk=session_fr.pk)
    session_en = SessionPage.objects.get(locale__language_code="en", slug="example-session")
    other = (
        SessionPage.objects.live()
        .filter(locale=session_fr.locale)
        .exclude(pk=session_fr.pk)
        .order_by("path")
        .first()
    )
    home = HomePage.objects.get(locale=session_fr.locale)

    for page in (session_fr, session_en, other, home):
        assert attacker.get(page.url).status == 200  # now in the cache
    assert "La session est complète" not in attacker.get(session_fr.url).body
    assert "The session is full" not in attacker.get(session_en.url).body

    # A change that sends no signal (a bulk update): only a page forgotten by the cache
    # shows it, which tells below which pages a registration forgot.
    Page.objects.filter(pk__in=[home.pk, other.pk]).update(title="Titre-sans-signal")
    assert "Titre-sans-signal" not in attacker.get(home.url).body

    # The last place is taken (the record that holds it, however the form gets there).
    Registration.objects.create(
        session=session_fr,
        first_name="Alice",
        last_name="Martin",
        email="alice@example.org",
        role="researcher",
        language="fr",
        privacy_consent=True,
        status=Registration.Status.CONFIRMED,
    )

    # Both languages of the session say so at once, to a new visitor...
    assert "La session est complète" in attacker.get(session_fr.url).body
    assert "The session is full" in attacker.get(session_en.url).body
    # ...and the rest of the site is still served from the cache.
    before = entries()
    assert "Titre-sans-signal" not in attacker.get(home.url).body
    assert "Titre-sans-signal" not in attacker.get(other.url).body
    assert entries() == before
