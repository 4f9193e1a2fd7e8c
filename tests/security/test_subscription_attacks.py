"""A script against following by email: subscribing others, flooding inboxes, forging
origins, guessing or altering links, huge input, and looking for addresses.

Double opt-in (community/service.py): the form records a request and emails a link;
only a POST on that link's page subscribes. The form answers the same for any address.
"""

import re
import secrets
from urllib.parse import quote

from bs4 import BeautifulSoup
from django.core import mail, signing
from django.test import Client

from community import tokens
from community.models import Follow, Subscriber, SubscriptionRequest, Unsubscription
from community.service import subscribe
from tests.crawl import START, crawl

FOLLOW = "/fr/follow/lever/financer/"


def text(answer):
    return " ".join(BeautifulSoup(answer.body, "html.parser").get_text(" ").split())


def form(email, **fields):
    return {
        "email": email,
        "language": "fr",
        "frequency": "weekly",
        "privacy_consent": "on",
        "website": "",
        **fields,
    }


def email_link(message, kind):
    found = re.search(rf"^https?://[^/\s]+(/\w\w/subscriptions/{kind}/\S+/)$", message.body, re.M)
    assert found, f"the email carries a {kind} link"
    return found.group(1)


def a_subscriber(email="kept@example.org"):
    return subscribe(email, "fr", [("lever", "k"), ("library", "")], frequency="weekly")


def test_a_hundred_scripted_follows_subscribe_nobody(attacker):
    mail.outbox.clear()
    statuses = [attacker.post(FOLLOW, form(f"bot{n}@throwaway.example")).status for n in range(100)]
    assert set(statuses) <= {302, 429}, statuses
    assert 429 in statuses  # the per-client limit (20 a minute in the suite) stopped it
    assert not Subscriber.objects.exists()
    # What got through is only requests, each asking its own address.
    assert SubscriptionRequest.objects.count() == len(mail.outbox) == statuses.count(302) <= 20


def test_resend_flooding_sends_one_email_to_the_victim(attacker, settings):
    # The script rotates its client address (a botnet): the per-address limit stops it.
    settings.FAIRVILLE_TRUSTED_PROXIES = 1
    settings.FAIRVILLE_RATE_LIMITS = {"follow-all": (1000, 600)}
    mail.outbox.clear()
    for n in range(30):
        forwarded = {"X-Forwarded-For": f"198.51.100.{n}"}
        answer = attacker.post(FOLLOW, form("victim@example.org"), headers=forwarded)
        assert answer.status == 302 and answer.header("Location") == "/fr/follow-sent/"
    assert [message.to for message in mail.outbox] == [["victim@example.org"]]
    assert not Subscriber.objects.exists()


def test_a_crowd_is_bounded_by_the_limit_of_all_clients_together(attacker, settings):
    settings.FAIRVILLE_TRUSTED_PROXIES = 1
    settings.FAIRVILLE_RATE_LIMITS = {"follow-all": (10, 600)}
    mail.outbox.clear()
    statuses = [
        attacker.post(
            FOLLOW, form(f"v{n}@example.org"), headers={"X-Forwarded-For": f"203.0.113.{n}"}
        ).status
        for n in range(25)
    ]
    assert statuses.count(302) == 10 and statuses.count(429) == 15
    assert len(mail.outbox) == 10


def test_forged_origins_are_refused_before_anything_is_stored(attacker):
    mail.outbox.clear()
    for headers in (
        {"Origin": "https://evil.example"},
        {"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"},
        {"Origin": "null"},
    ):
        answer = attacker.post(FOLLOW, form("forged@example.org"), headers=headers)
        assert answer.status == 403
    assert not SubscriptionRequest.objects.exists() and not mail.outbox

    # A genuine request, then a hostile page posts its confirmation and management links.
    attacker.post(FOLLOW, form("target@example.org"))
    confirm = email_link(mail.outbox[0], "confirm")
    evil = {"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"}
    assert attacker.post(confirm, {}, headers=evil).status == 403
    assert not Subscriber.objects.exists()
    subscriber = a_subscriber()
    manage = f"/fr/subscriptions/{tokens.make(subscriber, tokens.MANAGE)}/"
    assert attacker.post(manage, {"leave": "1"}, headers=evil).status == 403
    assert Subscriber.objects.filter(pk=subscriber.pk).exists()


def test_mail_scanners_opening_links_change_nothing(attacker):
    mail.outbox.clear()
    attacker.post(FOLLOW, form("scanned@example.org"))
    confirm = email_link(mail.outbox[0], "confirm")
    subscriber = a_subscriber()
    unsubscribe = f"/fr/subscriptions/unsubscribe/{tokens.make(subscriber, tokens.UNSUBSCRIBE)}/"
    for path in (confirm, unsubscribe):
        for method in ("GET", "HEAD", "GET"):
            assert attacker.request(method, path).status == 200
    assert Subscriber.objects.get() == subscriber  # still there, and nobody else
    assert SubscriptionRequest.objects.count() == 1


def test_one_click_unsubscribe_is_a_bare_post_from_the_mail_provider(attacker):
    subscriber = a_subscriber()
    path = f"/en/subscriptions/unsubscribe/{tokens.make(subscriber, tokens.UNSUBSCRIBE)}/"
    # RFC 8058: the provider's server POSTs this body; no cookie, no Origin, no token.
    answer = attacker.post(
        path,
        body="List-Unsubscribe=One-Click",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert answer.status == 200 and "You are unsubscribed" in text(answer)
    assert not Subscriber.objects.exists() and not Follow.objects.exists()
    assert Unsubscription.objects.get().count == 1
    # Again (the provider retries): nothing more to delete, nothing counted twice.
    assert attacker.post(path, body="List-Unsubscribe=One-Click").status == 200
    assert Unsubscription.objects.get().count == 1


def test_guessed_altered_and_misused_links_find_nothing(attacker):
    subscriber = a_subscriber()
    manage = tokens.make(subscriber, tokens.MANAGE)
    unsubscribe = tokens.make(subscriber, tokens.UNSUBSCRIBE)
    forged = signing.dumps([subscriber.key.hex, None], salt=tokens.MANAGE, key="guessed-secret")
    value, _, signature = manage.rpartition(":")
    tampered = f"{value}:{signature[:-2]}{'AA' if signature[-2:] != 'AA' else 'BB'}"
    attempts = {
        "/fr/subscriptions/{}/": [
            secrets.token_urlsafe(40),
            forged,
            tampered,
            unsubscribe,  # an unsubscribe link is no manage link
            "x" * 5000,
            "%00%0d%0a<script>",
        ],
        "/fr/subscriptions/unsubscribe/{}/": [manage, secrets.token_urlsafe(40), quote("é" * 300)],
        "/fr/subscriptions/confirm/{}/": [manage, unsubscribe, secrets.token_urlsafe(60)],
    }
    for pattern, guesses in attempts.items():
        for guess in guesses:
            path = pattern.format(guess)
            for method in ("GET", "POST"):
                answer = attacker.request(
                    method, path, data={"leave": "1"} if method == "POST" else None
                )
                assert answer.status in (200, 404), (path, answer.status)
                assert "kept@example.org" not in answer.body
    assert Subscriber.objects.filter(pk=subscriber.pk).exists()
    assert not Unsubscription.objects.exists()


def test_huge_and_malformed_input_gets_a_clear_error_never_a_500(attacker):
    mail.outbox.clear()
    bad = [
        form("x" * 10_000 + "@example.org"),
        form("<script>alert(1)</script>@example.org"),
        form("a@b.c\r\nBcc: everyone@example.org"),
        form("ok@example.org", language="xx", frequency="hourly"),
        form("ok@example.org", privacy_consent=""),
        form("日本語@例え.テスト" * 200),
        {"email": ["a@example.org"] * 500},
    ]
    for data in bad:
        answer = attacker.post(FOLLOW, data)
        assert answer.status == 400, (data, answer.status)
        assert "Veuillez corriger" in text(answer)
    for path in (
        "/fr/follow/lever/" + "a" * 10_000 + "/",
        "/fr/follow/series/99999999999999999999999/",
        "/fr/follow/tag/%F0%9F%92%A5%00/",
        "/fr/follow/nothing/",
        "/fr/follow/library/extra/",
        "/fr/follow/lever/",
    ):
        assert attacker.get(path).status == 404, path
        assert attacker.post(path, form("ok@example.org")).status == 404, path
    assert not SubscriptionRequest.objects.exists() and not mail.outbox


def body(response):
    if response.streaming:  # documents
        return b"".join(response.streaming_content)
    return response.content


def test_no_subscribers_address_appears_on_any_public_url(attacker):
    # A confirmed subscriber and one waiting for confirmation, with the demo's content.
    a_subscriber("kept-address@example.org")
    attacker.post(FOLLOW, form("waiting-address@example.org"))
    assert SubscriptionRequest.objects.exists()
    responses = crawl(Client(), start=(*START, FOLLOW, "/en/follow/library/"))
    assert "/fr/follow/dialogues/" in responses  # the follow links are crawled
    leaks = [url for url, response in responses.items() if b"-address@" in body(response)]
    assert leaks == []
