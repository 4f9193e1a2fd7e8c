"""Pieces every app builds on: rate limits, the honeypot, the levers taxonomy."""

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.test import override_settings
from django.utils import translation

from cms.forms import HoneypotMixin
from cms.models import Lever
from cms.ratelimit import client_address, ratelimit


@ratelimit("demo")
def view(request):
    return HttpResponse("ok")


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


@override_settings(FAIRVILLE_RATE_LIMITS={"demo": (2, 60)})
@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "text"), [("fr", "Trop de requêtes"), ("en", "Too many requests")]
)
def test_rate_limit_answers_429_in_the_visitors_language(rf, language, text):
    with translation.override(language):
        assert view(rf.post("/")).status_code == 200
        assert view(rf.post("/")).status_code == 200
        assert view(rf.get("/")).status_code == 200  # only POSTs count here
        limited = view(rf.post("/"))
    assert limited.status_code == 429
    assert limited["Retry-After"] == "60"
    assert text in limited.content.decode()
    # Another client is not affected.
    assert view(rf.post("/", REMOTE_ADDR="10.0.0.9")).status_code == 200


@override_settings(FAIRVILLE_TRUSTED_PROXIES=1)
def test_client_address_behind_a_trusted_proxy(rf):
    request = rf.get("/", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.7", REMOTE_ADDR="10.0.0.1")
    assert client_address(request) == "198.51.100.7"
    assert client_address(rf.get("/", REMOTE_ADDR="10.0.0.1")) == "10.0.0.1"


def test_spoofed_forwarded_header_is_ignored_without_a_proxy(rf):
    request = rf.get("/", HTTP_X_FORWARDED_FOR="6.6.6.6", REMOTE_ADDR="10.0.0.1")
    assert client_address(request) == "10.0.0.1"


def test_honeypot_flags_bots_only():
    assert HoneypotMixin(data={"website": "http://spam.example"}).is_bot()
    assert not HoneypotMixin(data={"website": "  "}).is_bot()
    assert not HoneypotMixin(data={}).is_bot()


@pytest.mark.django_db
def test_levers_exist_in_both_languages_with_shared_codes(fr, en):
    levers = Lever.objects.filter(locale=fr, kind=Lever.Kind.LEVER).order_by("number")
    assert [lever.code for lever in levers] == [
        "ancrer",
        "financer",
        "reguler",
        "defendre",
        "grande-echelle",
    ]
    entry = Lever.objects.get(locale=en, code="reseaux-citoyens")
    assert entry.name == "Strong citizen networks"
    assert entry.parent.locale == en and entry.parent.code == "ancrer"


@pytest.mark.django_db
def test_an_entry_point_needs_a_lever(fr):
    with pytest.raises(ValidationError):
        Lever(locale=fr, name="X", code="x", kind=Lever.Kind.ENTRY_POINT, number=9).full_clean()


@pytest.mark.django_db
def test_apps_add_sections_to_pages_through_the_hook(client, tmp_path, settings):
    from wagtail import hooks

    from cms.models.pages import PAGE_SECTIONS_HOOK, PageSection

    (tmp_path / "section.html").write_text("<p class=added>{{ section.word }}</p>")
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "DIRS": [*engine["DIRS"], tmp_path]}]

    def only_home(request, page, context):
        if page.specific_class.__name__ == "HomePage":
            return PageSection("section.html", {"word": page.title})

    with hooks.register_temporarily(PAGE_SECTIONS_HOOK, only_home):
        assert b"<p class=added>Home</p>" in client.get("/en/").content
        assert b"class=added" not in client.get("/en/about-the-dialogues/").content


@override_settings(FAIRVILLE_RATE_LIMITS={"demo": (2, 60)})
@pytest.mark.django_db
def test_rate_limit_window_runs_from_the_clients_first_request(rf, monkeypatch):
    """No clock boundary resets the count: the window closes 60 s after it opened.

    The cache's own clock is moved (the local-memory cache reads time.time for expiry)."""
    from django.core.cache.backends import locmem

    now = [1_000_000_059.5]  # half a second before a minute boundary of the clock
    monkeypatch.setattr(locmem.time, "time", lambda: now[0])
    assert view(rf.post("/")).status_code == 200
    now[0] += 1  # across the boundary
    assert view(rf.post("/")).status_code == 200
    assert view(rf.post("/")).status_code == 429
    now[0] += 59  # the window has closed
    assert view(rf.post("/")).status_code == 200
