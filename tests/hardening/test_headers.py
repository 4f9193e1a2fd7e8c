"""Every public URL carries the security headers, in the settings the suite runs with.

HSTS is production's alone (it needs HTTPS): `check --deploy` in tests/cms/test_quality.py
proves it is set there. The production policy is checked here through the settings it
loads from the environment.
"""

import json

import pytest

from tests.cms.test_quality import PRODUCTION_ENV, manage

from .conftest import is_html_page

pytestmark = pytest.mark.django_db

THIRD_PARTY_FRAMES = {"https://www.youtube-nocookie.com", "https://player.vimeo.com"}


def directives(header):
    policy = {}
    for part in filter(None, (chunk.strip() for chunk in header.split(";"))):
        name, *values = part.split()
        policy[name] = values
    return policy


def test_the_crawl_reaches_the_public_site(public_responses):
    pages = [url for url, response in public_responses.items() if is_html_page(response)]
    assert {"/fr/", "/en/", "/en/about-the-dialogues/"} <= set(pages)
    # The feeds the pages announce, and the API's listings and every detail they link to.
    kinds = {url: response.get("Content-Type", "") for url, response in public_responses.items()}
    feeds = [
        url
        for url, kind in kinds.items()
        if kind.startswith(("application/rss", "application/atom"))
    ]
    assert {url.split("/")[1] for url in feeds} == {"fr", "en"}
    api = [url for url, kind in kinds.items() if kind == "application/json"]
    assert {"/api/v2/sessions/", "/api/v2/case-studies/"} <= set(api)
    assert any(url.startswith("/api/v2/case-studies/") and url[-2].isdigit() for url in api)


def test_every_public_url_sends_a_strict_content_security_policy(public_responses):
    for url, response in public_responses.items():
        policy = directives(response.get("Content-Security-Policy", ""))
        assert policy, f"{url} has no Content-Security-Policy"
        if url.startswith("/documents/"):
            # Wagtail serves an uploaded file with a policy that allows nothing at all.
            assert policy == {"default-src": ["'none'"]}, url
            continue
        assert policy["default-src"] == ["'self'"], url
        # Scripts only from the site itself: no inline script, no eval, no other host.
        assert policy["script-src"] == ["'self'"], url
        assert policy["object-src"] == ["'none'"], url
        assert policy["frame-ancestors"] == ["'none'"], url
        assert policy["base-uri"] == ["'self'"], url
        assert set(policy["frame-src"]) == THIRD_PARTY_FRAMES, url
        for directive, sources in policy.items():
            assert "'unsafe-inline'" not in sources, (url, directive)
            assert "'unsafe-eval'" not in sources, (url, directive)
            others = [s for s in sources if s.startswith(("http:", "https:", "*"))]
            if directive != "frame-src":
                assert not others, (url, directive, others)


def test_every_public_url_sends_the_other_security_headers(public_responses):
    for url, response in public_responses.items():
        assert response.get("X-Content-Type-Options") == "nosniff", url
        assert response.get("Referrer-Policy") == "strict-origin-when-cross-origin", url
        if is_html_page(response):
            assert response.get("X-Frame-Options") == "DENY", url


def test_error_pages_carry_the_headers_too(client):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert directives(response["Content-Security-Policy"])["script-src"] == ["'self'"]
    assert response["X-Content-Type-Options"] == "nosniff"


def production_policy(**extra_env):
    result = manage(
        "shell",
        "-c",
        "import json; from django.conf import settings; "
        "print(json.dumps([settings.CONTENT_SECURITY_POLICY['DIRECTIVES'], "
        "settings.SECURE_HSTS_SECONDS, settings.SECURE_HSTS_INCLUDE_SUBDOMAINS]))",
        env={**PRODUCTION_ENV, **extra_env},
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_adds_hsts_and_keeps_the_policy():
    directives_, hsts_seconds, subdomains = production_policy()
    assert hsts_seconds >= 31536000 and subdomains
    assert directives_["script-src"] == ["'self'"]
    assert directives_["img-src"] == ["'self'", "data:"]


def test_production_allows_media_from_its_own_bucket_only():
    directives_, *_ = production_policy(
        AWS_STORAGE_BUCKET_NAME="fairville-media", AWS_S3_CUSTOM_DOMAIN="media.example.org"
    )
    # The public media's domain, and the bucket's own host for the signed addresses that
    # documents (self-hosted video) redirect to (cms/documents.py).
    bucket = "https://fairville-media.s3.amazonaws.com"
    assert directives_["img-src"] == ["'self'", "data:", "https://media.example.org", bucket]
    assert directives_["media-src"] == ["'self'", "https://media.example.org", bucket]
    assert directives_["script-src"] == ["'self'"]
