"""Every public page weighs at most 100 KB of HTML, CSS and JavaScript.

The weight is what a first visit downloads before images and video: the HTML itself
and every same-site stylesheet and script it links to, uncompressed. New pages are
covered as soon as the crawl can reach them.
"""

from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from .conftest import is_html_page

pytestmark = pytest.mark.django_db

BUDGET = 100 * 1024


def body(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def assets(url, html):
    """Same-site stylesheets and scripts the page loads."""
    soup = BeautifulSoup(html, "html.parser")
    found = [
        link.get("href")
        for link in soup.find_all("link", href=True)
        if {"stylesheet", "modulepreload", "preload"} & set(link.get("rel", []))
        and (link.get("as") in (None, "style", "script"))
    ]
    found += [script.get("src") for script in soup.find_all("script", src=True)]
    local = set()
    for href in found:
        parts = urlsplit(urljoin(url, href))
        if parts.netloc in ("", "testserver", "localhost"):
            local.add(parts.path + (f"?{parts.query}" if parts.query else ""))
    return local


def test_every_public_page_fits_the_budget(client, public_responses):
    sizes, weights = {}, {}
    for url, response in public_responses.items():
        if not is_html_page(response):
            continue
        total = len(response.content)
        for asset in assets(url, response.content):
            if asset not in sizes:
                fetched = client.get(asset)
                assert fetched.status_code == 200, (url, asset, fetched.status_code)
                sizes[asset] = len(body(fetched))
            total += sizes[asset]
        weights[url] = total
    assert len(weights) >= 8, weights
    assert sizes, "the pages should link at least their stylesheet"
    over = {url: weight for url, weight in weights.items() if weight > BUDGET}
    assert not over, f"over {BUDGET} bytes of HTML+CSS+JS: {over}"


def test_the_budget_counts_linked_assets():
    html = (
        b'<link rel="stylesheet" href="/static/cms/css/site.css">'
        b'<link rel="icon" href="/favicon.ico"><script src="/static/x.js"></script>'
        b'<script src="https://elsewhere.example/x.js"></script>'
    )
    assert assets("/fr/", html) == {"/static/cms/css/site.css", "/static/x.js"}
