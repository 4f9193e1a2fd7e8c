"""Forms without a CSRF token refuse POSTs that another site makes a browser send.

The registration and "tell me when it opens" forms are CSRF-exempt so that the session
page stays in the shared cache. A hostile page that auto-posts them would otherwise turn
each of its visitors into a new client; browsers name the sending site in ``Origin`` and
``Sec-Fetch-Site``, and the site refuses what another site sent (cms/crosssite.py).
"""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.utils import timezone

from sessions.demo import EXAMPLE_SLUG
from sessions.models import OpeningNotice, Registration, RegistrationRequest, SessionPage

HOSTILE = "https://hostile.example"


def text(answer):
    return " ".join(BeautifulSoup(answer.body, "html.parser").get_text(" ").split())


def example(language):
    source = SessionPage.objects.get(slug=EXAMPLE_SLUG)
    return SessionPage.objects.get(
        translation_key=source.translation_key, locale__language_code=language
    )


def registration(email, language="fr"):
    return {
        "first_name": "Awa",
        "last_name": "Diallo",
        "email": email,
        "role": "resident",
        "country": "SN",
        "language": language,
        "privacy_consent": "on",
        "website": "",
    }


def register_path(language="fr"):
    return f"/{language}/registration/{example(language).pk}/"


def own_origin(attacker):
    return attacker.base_url.rstrip("/")


FORGED = {
    "forged Origin": {"Origin": HOSTILE},
    "cross-site fetch": {"Sec-Fetch-Site": "cross-site"},
    "sibling subdomain": {"Sec-Fetch-Site": "same-site", "Origin": "https://x.fairville.eu"},
    "sandboxed page": {"Origin": "null"},
    "both": {"Origin": HOSTILE, "Sec-Fetch-Site": "cross-site"},
}


@pytest.mark.parametrize("headers", FORGED.values(), ids=FORGED.keys())
def test_a_cross_site_registration_stores_nothing_and_sends_nothing(attacker, headers):
    mail.outbox.clear()
    answer = attacker.post(register_path(), registration("victim@example.org"), headers=headers)
    assert answer.status == 403
    assert "Formulaire envoyé depuis un autre site" in text(answer)
    assert "rien n'a été enregistré" in text(answer)
    assert not Registration.objects.exists() and not RegistrationRequest.objects.exists()
    assert not mail.outbox


def test_the_refusal_is_in_the_visitors_language(attacker):
    answer = attacker.post(
        register_path("en"), registration("victim@example.org", "en"), headers=FORGED["both"]
    )
    assert answer.status == 403
    assert "Form sent from another website" in text(answer)
    assert "nothing has been recorded" in text(answer)
    assert not Registration.objects.exists()


def test_a_cross_site_opening_notice_stores_nothing(attacker):
    session = SessionPage.objects.get(slug=EXAMPLE_SLUG)
    SessionPage.objects.filter(pk=session.pk).update(
        registration_opens_at=timezone.now() + timedelta(days=2)
    )
    data = {"email": "victim@example.org", "language": "fr", "privacy_consent": "on"}
    path = f"/fr/registration/{session.pk}/notify/"
    assert attacker.post(path, data, headers=FORGED["both"]).status == 403
    assert not OpeningNotice.objects.exists()
    # The same form from the site's own page is taken.
    answer = attacker.post(
        path, data, headers={"Origin": own_origin(attacker), "Sec-Fetch-Site": "same-origin"}
    )
    assert answer.status == 302 and answer.header("Location").endswith("/noted/")
    assert OpeningNotice.objects.count() == 1


def test_the_sites_own_page_and_trusted_origins_are_taken(attacker, settings):
    own = {"Origin": own_origin(attacker), "Sec-Fetch-Site": "same-origin"}
    assert attacker.post(register_path(), registration("a@example.org"), headers=own).status == 302
    # No header at all: not a browser's page (a script); rate limits bound it.
    assert attacker.post(register_path(), registration("b@example.org")).status == 302
    # An origin the operator trusts (CSRF_TRUSTED_ORIGINS), e.g. the site's other name.
    settings.CSRF_TRUSTED_ORIGINS = ["https://*.fairville.eu"]
    trusted = {"Origin": "https://www.fairville.eu", "Sec-Fetch-Site": "same-site"}
    answer = attacker.post(register_path(), registration("c@example.org"), headers=trusted)
    assert answer.status == 302
    other_scheme = {"Origin": "http://www.fairville.eu"}  # another scheme, another origin
    answer = attacker.post(register_path(), registration("d@example.org"), headers=other_scheme)
    assert answer.status == 403
    assert sorted(RegistrationRequest.objects.values_list("email", flat=True)) == [
        "a@example.org",
        "b@example.org",
        "c@example.org",
    ]


def test_the_session_page_stays_cacheable_without_a_csrf_token(attacker, settings):
    settings.FAIRVILLE_PAGE_CACHE_SECONDS = 300
    page = attacker.get(example("fr").url)
    assert page.status == 200 and 'id="registration-first_name"' in page.body
    assert "csrfmiddlewaretoken" not in page.body and not page.header("Set-Cookie")
    # Served from the page cache: the same bytes, even after the database changed behind it.
    SessionPage.objects.filter(slug=EXAMPLE_SLUG).update(title="Changed without a signal")
    assert attacker.get(example("fr").url).body == page.body
