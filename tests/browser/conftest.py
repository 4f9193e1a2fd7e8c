"""Playwright driving Debian's Chromium, headless, against a live server of the project.

Playwright's own browser download does not work here, so the browser is
/usr/bin/chromium, launched with the flags that keep it from calling home.
Every request the page makes is recorded, so tests can assert that nothing
leaves the site.

Each test using ``site`` gets the demo as loaded (see ``transactional_db`` in
tests/conftest.py) and may change it; the browser is started once per run and each test
gets a fresh context (cookies, storage). A browser test costs seconds: put a journey's
checks in one test, and use the Django test client when a browser proves nothing more.
"""

import time
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "/tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser(django_db_setup):
    # Playwright's sync API runs an event loop in this thread for the rest of the
    # session; the ORM calls of the tests and fixtures are still plain sync code.
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture
def site(demo_live, live_server):
    """The base URL of a live server holding the demo site, as loaded, for this test."""
    return live_server.url


@pytest.fixture
def context_options():
    """Override in a test module to change locale, time zone or JavaScript."""
    return {"locale": "fr-FR", "timezone_id": "Europe/Paris"}


@pytest.fixture
def page(browser, context_options):
    context = browser.new_context(**context_options)
    page = context.new_page()
    page.requested_urls = []
    page.in_flight = set()

    def started(request):
        page.requested_urls.append(request.url)
        page.in_flight.add(request)

    page.on("request", started)
    page.on("requestfinished", lambda request: page.in_flight.discard(request))
    page.on("requestfailed", lambda request: page.in_flight.discard(request))
    yield page
    context.close()


def wait_until_idle(page, timeout=15):
    """Wait until no request of the page (its frames included) is in flight: what a
    click set off has then been recorded, however slow the machine."""
    deadline = time.monotonic() + timeout
    while page.in_flight:
        assert time.monotonic() < deadline, [request.url for request in page.in_flight]
        page.wait_for_timeout(50)  # Playwright delivers the request events meanwhile


def foreign_requests(page, base_url):
    """The requests the page made to any host other than the site itself."""
    own = urlsplit(base_url).netloc
    return [
        url
        for url in page.requested_urls
        if urlsplit(url).scheme in {"http", "https", "ws", "wss"} and urlsplit(url).netloc != own
    ]
