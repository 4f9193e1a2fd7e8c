"""The case-study proposal form against another site's pages and against floods.

Unlike registration (tests/security/test_cross_site_forms.py), the proposal page is not
cached: its form carries Django's CSRF token, and Django's CSRF check refuses a POST that
lacks the token and its cookie, or that a browser says comes from another origin
(``Origin``; on HTTPS, ``Referer`` too). Every refusal must happen before the view runs:
no draft case study, no proposer's contact details kept, no email to the reviewers.
Past the check, one client's proposals are limited (scope ``case_study_proposal``),
while other clients still get through.
"""

from http.cookies import SimpleCookie

import pytest
from bs4 import BeautifulSoup
from django.core import mail

from practices.models import CaseStudyPage, Submission

HOSTILE = "https://hostile.example"
PATHS = {"fr": "/fr/bibliotheque/proposer/", "en": "/en/library/propose/"}


def proposal(title="Une épicerie solidaire", email="camille@example.org"):
    return {
        "title": title,
        "summary": "Des habitant·e·s ouvrent une épicerie à prix libres.",
        "city": "Lyon",
        "country": "FR",
        "lab": "",
        "start_year": "2021",
        "end_year": "",
        "story": "Premier paragraphe.\n\nSecond paragraphe.",
        "actors": "Un collectif.",
        "lessons": "",
        "name": "Camille Exemple",
        "email": email,
        "organisation": "",
        "consent": "on",
        "licence_agreement": "on",
        "website": "",
    }


def text(answer):
    return " ".join(BeautifulSoup(answer.body, "html.parser").get_text(" ").split())


def own_origin(attacker, scheme="http"):
    return f"{scheme}://{attacker.base_url.split('://', 1)[1].rstrip('/')}"


class Visit:
    """What a visitor's browser holds after opening the form: the CSRF cookie and the
    token in the page (a script can fetch both for itself, but never a victim's)."""

    def __init__(self, attacker, language="fr", headers=None):
        answer = attacker.get(PATHS[language], headers=headers)
        assert answer.status == 200, answer.status
        form = BeautifulSoup(answer.body, "html.parser").select_one("main form[method=post]")
        self.token = form.select_one("input[name=csrfmiddlewaretoken]")["value"]
        cookie = SimpleCookie(answer.header("Set-Cookie"))
        self.cookie = f"csrftoken={cookie['csrftoken'].value}"

    def data(self, **changes):
        return {**proposal(**changes), "csrfmiddlewaretoken": self.token}


def nothing_kept():
    assert not Submission.objects.exists()
    assert not CaseStudyPage.objects.filter(title__startswith="Une épicerie").exists()
    assert not mail.outbox


def kept(count):
    assert Submission.objects.count() == count
    assert CaseStudyPage.objects.filter(title__startswith="Une épicerie", live=False).count() == (
        count
    )


# A hostile page that auto-posts the form: the victim's browser sends the fields, never the
# token (the page cannot read it) and, with SameSite cookies, not the cookie either.
WITHOUT_TOKEN = {
    "no token, no cookie": {},
    "no token, no cookie, forged Origin": {"Origin": HOSTILE, "Sec-Fetch-Site": "cross-site"},
    "no token, sandboxed page": {"Origin": "null"},
}


@pytest.mark.parametrize("headers", WITHOUT_TOKEN.values(), ids=WITHOUT_TOKEN.keys())
def test_a_proposal_without_the_csrf_token_keeps_nothing(attacker, reviewer, headers):
    mail.outbox.clear()
    answer = attacker.post(PATHS["fr"], proposal(), headers=headers)
    assert answer.status == 403
    # Django's refusal, on the site's page in the page's language (templates/403_csrf.html),
    # and no echo of what was sent.
    assert "Votre formulaire n'a pas pu être envoyé" in text(answer)
    assert "épicerie" not in answer.body
    nothing_kept()


def test_a_stolen_token_with_a_forged_origin_keeps_nothing(attacker, reviewer):
    """The script fetched a token and cookie for itself and replays them with a browser's
    cross-site headers: the origin alone is refused."""
    visit = Visit(attacker)
    mail.outbox.clear()
    for origin in (HOSTILE, "null", "http://x.localhost", own_origin(attacker, "https")):
        answer = attacker.post(
            PATHS["fr"],
            visit.data(),
            headers={"Cookie": visit.cookie, "Origin": origin, "Sec-Fetch-Site": "cross-site"},
        )
        assert answer.status == 403, origin
    # The token without its cookie, and a guessed token with the cookie, are refused too.
    assert attacker.post(PATHS["fr"], visit.data()).status == 403
    guessed = {**visit.data(), "csrfmiddlewaretoken": "a" * 64}
    assert attacker.post(PATHS["fr"], guessed, headers={"Cookie": visit.cookie}).status == 403
    nothing_kept()

    # The same token and cookie from the site's own page are taken: the refusals above
    # were for the origin and the token, not for the proposal.
    answer = attacker.post(
        PATHS["fr"],
        visit.data(),
        headers={
            "Cookie": visit.cookie,
            "Origin": own_origin(attacker),
            "Sec-Fetch-Site": "same-origin",
        },
    )
    assert answer.status == 302 and answer.header("Location").endswith("/proposer/merci/")
    kept(1)
    assert [message.to for message in mail.outbox] == [["reviewer@fairville.invalid"]]


@pytest.fixture
def https(settings):
    """As deployed: behind nginx, which says the visitor came over HTTPS."""
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    return {"X-Forwarded-Proto": "https"}


def test_over_https_a_forged_or_missing_referer_keeps_nothing(attacker, reviewer, https):
    """Over HTTPS Django also reads ``Referer`` when there is no ``Origin`` (an older
    browser): another site's address, or none at all, is refused."""
    visit = Visit(attacker, headers=https)
    mail.outbox.clear()
    refused = {
        "forged Referer": {"Referer": f"{HOSTILE}/free-prize/"},
        "plain-HTTP Referer of the site": {"Referer": own_origin(attacker) + PATHS["fr"]},
        "no Referer": {},
    }
    for label, headers in refused.items():
        answer = attacker.post(
            PATHS["fr"], visit.data(), headers={**https, "Cookie": visit.cookie, **headers}
        )
        assert answer.status == 403, label
    nothing_kept()

    own = {"Referer": own_origin(attacker, "https") + PATHS["fr"]}
    answer = attacker.post(
        PATHS["fr"], visit.data(), headers={**https, "Cookie": visit.cookie, **own}
    )
    assert answer.status == 302, answer.status
    kept(1)


def test_a_flood_of_proposals_is_limited_per_client_in_the_visitors_language(
    attacker, reviewer, settings
):
    """A script that fetches its own token can propose, but only so often; every refused
    proposal keeps nothing and sends nothing, and other clients still get through."""
    settings.FAIRVILLE_RATE_LIMITS = {"case_study_proposal": (3, 600)}
    settings.FAIRVILLE_TRUSTED_PROXIES = 1  # the client is the X-Forwarded-For address
    script = {"X-Forwarded-For": "198.51.100.20"}
    visit = Visit(attacker, "en", headers=script)
    mail.outbox.clear()
    statuses = [
        attacker.post(
            PATHS["en"],
            visit.data(title=f"Une épicerie {n}", email=f"flood{n}@example.org"),
            headers={**script, "Cookie": visit.cookie},
        ).status
        for n in range(12)
    ]
    assert statuses == [302] * 3 + [429] * 9
    kept(3)
    assert len(mail.outbox) == 3  # one per draft, to the one reviewer

    answer = attacker.post(
        PATHS["en"], visit.data(title="Une épicerie 99"), headers={**script, "Cookie": visit.cookie}
    )
    assert answer.status == 429
    assert "Too many requests" in text(answer)
    assert "Nothing you entered has been lost" in text(answer)
    assert answer.header("Retry-After")

    other = {"X-Forwarded-For": "203.0.113.20"}
    neighbour = Visit(attacker, "fr", headers=other)
    answer = attacker.post(
        PATHS["fr"],
        neighbour.data(title="Une épicerie voisine"),
        headers={**other, "Cookie": neighbour.cookie},
    )
    assert answer.status == 302
    kept(4)
