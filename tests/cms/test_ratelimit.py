"""The rate limits' client identity, their store, and what they do when it is down
(cms/ratelimit.py). Sign-in's own throttle is attacked in tests/security/test_signin.py."""

import pytest
from django.core.cache import caches
from django.http import HttpResponse
from django.test import override_settings
from django.utils import translation

from cms.ratelimit import client_address, client_id, ratelimit
from tests.helpers import RATELIMIT_STORE_DOWN


@ratelimit("demo")
def view(request):
    return HttpResponse("ok")


@ratelimit("demo-form", key=lambda request, form: form)
def per_form(request, form):
    return HttpResponse("ok")


@ratelimit("demo-closed", fail_open=False)
def closed(request):
    return HttpResponse("ok")


@pytest.fixture(autouse=True)
def fresh_counters():
    caches["ratelimit"].clear()


@override_settings(FAIRVILLE_TRUSTED_PROXIES=1)
@pytest.mark.parametrize(
    ("forwarded", "client"),
    [
        ("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64"),
        ("2001:DB8:1:2::1", "2001:db8:1:2::/64"),
        ("[2001:db8:1:2::9]:443", "2001:db8:1:2::/64"),
        ("::ffff:198.51.100.7", "198.51.100.7"),
        ("198.51.100.7:5678", "198.51.100.7"),
        ("6.6.6.6, 198.51.100.7", "198.51.100.7"),
        # Malformed: counted under the proxy's own address, never trusted, never a 500.
        ("not-an-address", "10.0.0.1"),
        ("2001:db8:::1", "10.0.0.1"),
        ("1.2.3.4.5", "10.0.0.1"),
        ("é" * 10_000, "10.0.0.1"),
        (" , ,", "10.0.0.1"),
    ],
)
def test_a_client_is_an_ipv4_address_or_an_ipv6_64(rf, forwarded, client):
    request = rf.get("/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR="10.0.0.1")
    assert client_id(request) == client


def test_without_a_trusted_proxy_the_connection_is_the_client(rf):
    request = rf.get("/", HTTP_X_FORWARDED_FOR="6.6.6.6", REMOTE_ADDR="2001:db8:5::1")
    assert client_address(request) == "2001:db8:5::1"
    assert client_id(request) == "2001:db8:5::/64"
    assert client_id(rf.get("/", REMOTE_ADDR="")) == "unknown"


@pytest.mark.django_db
@override_settings(FAIRVILLE_RATE_LIMITS={"demo-form": (2, 60)})
def test_a_key_function_counts_what_it_names(rf):
    # Per form, whatever the client: the form that reached its limit refuses everyone.
    assert per_form(rf.post("/", REMOTE_ADDR="192.0.2.1"), form="a").status_code == 200
    assert per_form(rf.post("/", REMOTE_ADDR="192.0.2.2"), form="a").status_code == 200
    assert per_form(rf.post("/", REMOTE_ADDR="192.0.2.3"), form="a").status_code == 429
    assert per_form(rf.post("/", REMOTE_ADDR="192.0.2.3"), form="b").status_code == 200


FLOODABLE = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "p"},
    "ratelimit": {
        "BACKEND": "cms.ratelimit.NoEvictionLocMemCache",
        "LOCATION": "r",
        "OPTIONS": {"MAX_ENTRIES": 50},
    },
}


@pytest.mark.django_db
@override_settings(CACHES=FLOODABLE, FAIRVILLE_RATE_LIMITS={"demo": (2, 60)})
def test_a_flood_of_new_clients_does_not_erase_a_limited_clients_count(rf):
    guesser = "192.0.2.1"
    for _ in range(2):
        view(rf.post("/", REMOTE_ADDR=guesser))
    assert view(rf.post("/", REMOTE_ADDR=guesser)).status_code == 429
    # Four times as many fresh clients as the store holds counters, and page-cache churn.
    for number in range(200):
        caches["default"].set(f"page-{number}", "x")
        assert view(rf.post("/", REMOTE_ADDR=f"10.1.{number}.1")).status_code == 200
    assert view(rf.post("/", REMOTE_ADDR=guesser)).status_code == 429


DOWN = RATELIMIT_STORE_DOWN


@pytest.mark.django_db
@override_settings(CACHES=DOWN, FAIRVILLE_RATE_LIMITS={"demo": (0, 60), "demo-closed": (0, 60)})
@pytest.mark.parametrize(
    ("language", "text"),
    [("en", "Temporarily unavailable"), ("fr", "Momentanément indisponible")],
)
def test_with_the_store_down_a_scope_fails_open_or_closed_as_it_chose(rf, language, text):
    with translation.override(language):
        assert view(rf.post("/")).status_code == 200  # fails open, though its limit is 0
        refused = closed(rf.post("/"))
    assert refused.status_code == 503
    assert refused["Retry-After"] == "60"
    assert text in refused.content.decode()
