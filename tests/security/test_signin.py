"""Password guessing against every sign-in path of the live site (cms/signin.py).

The live server sees every request from 127.0.0.1, so each test sets
FAIRVILLE_TRUSTED_PROXIES=1 and plays its clients through X-Forwarded-For, as the load
balancer would write it. The forms are CSRF-protected; a script passes with a token of
its own choosing in both the cookie and the form, as any script can (CSRF protects
victims' browsers, not the site from scripts).
"""

import http.client
import re
import time
import urllib.parse

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import override_settings
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction

from tests.helpers import RATELIMIT_STORE_DOWN
from tests.security.conftest import Answer

TOKEN = "a" * 32
PASSWORD = "the-right-one"  # noqa: S105


class Target:
    """What the attacker guesses at: an editor, a password page, a password collection."""

    def __init__(self):
        get_user_model().objects.create_superuser("boss", "boss@example.org", PASSWORD)
        self.page = Page.objects.filter(locale__language_code="en", depth=3).live().first()
        restriction = PageViewRestriction.objects.create(
            page=self.page, restriction_type=PageViewRestriction.PASSWORD, password=PASSWORD
        )
        self.page_form = f"/en/_util/authenticate_with_password/{restriction.id}/{self.page.id}/"
        collection = Collection.get_first_root_node().add_child(name="Guarded")
        restriction = CollectionViewRestriction.objects.create(
            collection=collection,
            restriction_type=CollectionViewRestriction.PASSWORD,
            password=PASSWORD,
        )
        self.document_form = f"/documents/authenticate_with_password/{restriction.id}/"

    def paths(self):
        """Each sign-in path: (name, URL, the form's fields for a password)."""
        return [
            ("admin", "/admin/login/", lambda p: {"username": "boss", "password": p}),
            ("front-end", "/en/_util/login/", lambda p: {"username": "boss", "password": p}),
            ("page", self.page_form, lambda p: {"password": p, "return_url": "/en/"}),
            ("document", self.document_form, lambda p: {"password": p, "return_url": "/en/"}),
        ]


@pytest.fixture
def target(demo_live):
    return Target()


def attempt(attacker, url, fields, client=None, cookies="", language="en", method="POST"):
    """One POST of ``fields`` to ``url`` as ``client`` (its address). Unlike the shared
    Attacker's, the answer keeps every Set-Cookie header (a sign-in sets three)."""
    headers = {
        "User-Agent": "attack-suite",
        "Cookie": f"csrftoken={TOKEN}" + (f"; {cookies}" if cookies else ""),
        "Accept-Language": language,
    }
    if client is not None:
        headers["X-Forwarded-For"] = client
    body = None
    if method == "POST":
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        body = urllib.parse.urlencode({**fields, "csrfmiddlewaretoken": TOKEN})
    server = urllib.parse.urlsplit(attacker.base_url)
    connection = http.client.HTTPConnection(server.hostname, server.port, timeout=30)
    try:
        connection.request(method, url, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        received = {}
        for name, value in response.getheaders():
            name = name.lower()
            received[name] = f"{received[name]}, {value}" if name in received else value
        return Answer(response.status, received, text)
    finally:
        connection.close()


def signed_in(answer):
    """The answer opened a session: a redirect that sets the session cookie."""
    return answer.status == 302 and "sessionid=" in answer.header("set-cookie")


def cookie(answer, name):
    for part in answer.header("set-cookie").replace(",", ";").split(";"):
        if part.strip().startswith(f"{name}="):
            return part.strip()
    return ""


@override_settings(
    FAIRVILLE_TRUSTED_PROXIES=1,
    FAIRVILLE_RATE_LIMITS={"signin": (3, 900), "signin-account": (100, 900)},
)
def test_brute_force_on_each_sign_in_path_is_refused_after_the_limit(attacker, target):
    for number, (name, url, fields) in enumerate(target.paths()):
        client = f"203.0.113.{number + 1}"
        for guess in range(3):
            answer = attempt(attacker, url, fields(f"guess-{guess}"), client)
            assert not signed_in(answer), name
        # The limit is reached: even the right password is not checked.
        refused = attempt(attacker, url, fields(PASSWORD), client)
        assert not signed_in(refused), name
        if name == "front-end":
            # Turned off: it signs nobody in, and sends to the admin's (throttled) form.
            assert refused.status == 302, name
            assert refused.header("location").startswith("/admin/login/"), name
        else:
            assert refused.status == 429, name
            assert refused.header("retry-after") == "900", name
            expected = {
                "admin": "Too many sign-in attempts from your address. Please wait 15 minutes",
                "page": "Too many requests",
                "document": "Too many requests",
            }
            assert expected[name] in refused.body, name

    # One throttle for all paths: guesses spread over them count together.
    spreader = "203.0.113.50"
    for _name, url, fields in [p for p in target.paths() if p[0] != "front-end"]:
        attempt(attacker, url, fields("spread"), spreader)
    refused = attempt(attacker, "/admin/login/", target.paths()[0][2](PASSWORD), spreader)
    assert refused.status == 429 and not signed_in(refused)

    # An honest client elsewhere is not affected, on any path that checks a password.
    for number, (name, url, fields) in enumerate(target.paths()):
        if name == "front-end":
            continue
        answer = attempt(attacker, url, fields(PASSWORD), f"198.51.100.{number + 1}")
        assert answer.status == 302, name
        # This browser is now trusted on that form, and only there.
        prefix = url.rpartition("authenticate_with_password/")[0] + "authenticate_with_password/"
        form = "/admin/" if name == "admin" else prefix
        assert f"Path={form};" in answer.header("set-cookie"), name
    # Pages restricted to signed-in users send visitors to the throttled sign-in.
    target.page.view_restrictions.all().delete()
    PageViewRestriction.objects.create(page=target.page, restriction_type="login")
    answer = attacker.get(target.page.get_url())
    assert answer.status == 302 and answer.header("location").startswith("/admin/login/?next=")


@override_settings(FAIRVILLE_TRUSTED_PROXIES=1, FAIRVILLE_RATE_LIMITS={"signin": (3, 900)})
def test_an_ipv6_64_rotating_its_addresses_is_counted_as_one_client(attacker, target):
    url, fields = "/admin/login/", target.paths()[0][2]
    # Guesses at different account names, each from a fresh address of one /64.
    for number in range(3):
        answer = attempt(
            attacker,
            url,
            {**fields("guess"), "username": f"user{number}"},
            f"2001:db8:1:2:{number:x}::{number + 7:x}",
        )
        assert answer.status == 200
    refused = attempt(attacker, url, fields(PASSWORD), "2001:db8:1:2:ffff:1:2:3")
    assert refused.status == 429 and not signed_in(refused)
    # The neighbouring /64 is someone else.
    assert signed_in(attempt(attacker, url, fields(PASSWORD), "2001:db8:1:3::1"))
    # Forged or broken forwarded addresses never give a 500, nor a fresh counter.
    for forged in ["not-an-address", "2001:db8:::1", "[2001:db8:1:2::9]:443", "é" * 50, ""]:
        answer = attempt(attacker, url, fields("guess"), forged)
        assert answer.status in {200, 429}, forged


@override_settings(
    FAIRVILLE_TRUSTED_PROXIES=1,
    FAIRVILLE_RATE_LIMITS={"signin": (3, 900), "signin-account": (3, 900)},
    FAIRVILLE_SIGNIN_MAX_DELAY=300,
)
def test_a_distributed_guess_at_one_account_is_slowed_without_locking_the_editor_out(
    attacker, target, monkeypatch
):
    # The clock stands still unless the test moves it (the store and the throttle read
    # time.time), so that how fast the requests go changes nothing.
    frozen, offset = time.time(), [0]
    monkeypatch.setattr(time, "time", lambda: frozen + offset[0])
    url, fields = "/admin/login/", target.paths()[0][2]
    # The editor signed in from their own browser last week: it keeps a trust cookie.
    editor = attempt(attacker, url, fields(PASSWORD), "192.0.2.1")
    assert signed_in(editor)
    trust = cookie(editor, "fairville_signin")
    assert trust
    # Sent to the admin only: public pages (and their cache) never see it.
    assert "HttpOnly; Max-Age=15552000; Path=/admin/" in editor.header("set-cookie")

    # A botnet: each address guesses once, which no per-client limit sees.
    bots = (f"10.9.{n}.1" for n in range(250))
    answers = [attempt(attacker, url, fields(f"guess-{n}"), next(bots)) for n in range(20)]
    checked = [a for a in answers if a.status == 200]  # the form again: a password was checked
    delayed = [a for a in answers if a.status == 429]
    assert len(checked) == 3 and len(delayed) == 17  # 3 free failures, then it waits
    assert "Too many failed attempts for this account" in delayed[-1].body
    assert delayed[-1].header("retry-after") == "1"
    # The right password from another bot is not even checked while the account waits.
    assert not signed_in(attempt(attacker, url, fields(PASSWORD), next(bots)))
    # Each opening admits one attempt, and each failure doubles the wait.
    for wait in (1, 2, 4, 8):
        offset[0] += wait
        assert attempt(attacker, url, fields("guess"), next(bots)).status == 200
        refused = attempt(attacker, url, fields("guess"), next(bots))
        assert refused.status == 429 and refused.header("retry-after") == str(wait * 2)

    # Meanwhile the editor signs in at once from the trusted browser...
    assert signed_in(attempt(attacker, url, fields(PASSWORD), "192.0.2.1", cookies=trust))
    # ...and a forged trust cookie does not help the bots.
    forged = "fairville_signin=" + trust.split("=", 1)[1][:-4] + "abcd"
    assert not signed_in(attempt(attacker, url, fields(PASSWORD), "10.9.201.1", cookies=forged))

    # It is a delay, not a lock: at most FAIRVILLE_SIGNIN_MAX_DELAY later, a new
    # browser's attempt is checked, and the right password works.
    offset[0] += 300
    assert signed_in(attempt(attacker, url, fields(PASSWORD), "192.0.2.77"))


@override_settings(
    FAIRVILLE_TRUSTED_PROXIES=1,
    FAIRVILLE_RATE_LIMITS={
        "signin-account": (1, 900),
        "password-reset": (3, 3600),
        "password-reset-address": (2, 3600),
    },
)
def test_on_a_new_browser_the_password_reset_email_lets_the_editor_in_during_an_attack(
    attacker, target, monkeypatch
):
    frozen = time.time()
    monkeypatch.setattr(time, "time", lambda: frozen)  # no opening comes by itself
    url, fields = "/admin/login/", target.paths()[0][2]
    for bot in range(3):
        attempt(attacker, url, fields("guess"), f"10.8.{bot}.1")
    laptop = "192.0.2.44"  # the editor's new laptop: no trust cookie
    assert attempt(attacker, url, fields(PASSWORD), laptop).status == 429

    # The reset request sends one email; a flood of requests, from one client or many,
    # sends no more than the limit for that address.
    reset = "/admin/password_reset/"
    assert attempt(attacker, reset, {"email": "boss@example.org"}, laptop).status == 302
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+(/admin/password_reset/confirm/\S+/)", mail.outbox[0].body)
    for flooder in range(5):
        attempt(attacker, reset, {"email": "boss@example.org"}, f"203.0.113.{flooder}")
    assert len(mail.outbox) == 2

    # The link, opened on the laptop, sets a new password and trusts that browser.
    opened = attempt(attacker, link.group(1), {}, laptop, method="GET")
    session = cookie(opened, "sessionid")
    new = {"new_password1": "An0ther-long-secret", "new_password2": "An0ther-long-secret"}
    done = attempt(attacker, opened.header("location"), new, laptop, cookies=session)
    assert done.status == 302
    trust = cookie(done, "fairville_signin")
    assert trust
    fields = {"username": "boss", "password": new["new_password1"]}
    assert signed_in(attempt(attacker, url, fields, laptop, cookies=trust))
    # The bots still wait.
    assert attempt(attacker, url, fields, "10.8.9.1").status == 429


DOWN = RATELIMIT_STORE_DOWN


@override_settings(CACHES=DOWN, FAIRVILLE_TRUSTED_PROXIES=1)
def test_with_the_rate_limit_store_down_sign_in_fails_closed_and_public_forms_open(
    attacker, target
):
    for name, url, fields in target.paths():
        answer = attempt(attacker, url, fields(PASSWORD), "203.0.113.9")
        assert not signed_in(answer), name
        if name == "front-end":
            continue
        assert answer.status == 503, name
        assert "unavailable" in answer.body, name
    french = attempt(attacker, "/admin/login/", target.paths()[0][2](PASSWORD), language="fr")
    assert french.status == 503
    assert "La connexion est momentanément indisponible" in french.body
    # Search, rate-limited per client too, keeps answering.
    assert attacker.get("/en/search/?q=budget").status == 200
