"""Every page waits for one stylesheet before it can paint, the same on every page.

Each render-blocking stylesheet is one more request a first visit waits for before
anything shows (Lighthouse counted about 280 ms for the two the pages had): the site's
styles are one file, cached a year, and no page links another.
"""

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from .conftest import is_html_page

pytestmark = pytest.mark.django_db


def stylesheets(html):
    soup = BeautifulSoup(html, "html.parser")
    return [
        link["href"] for link in soup.find_all("link", href=True) if "stylesheet" in link["rel"]
    ]


def test_every_public_page_links_one_and_the_same_stylesheet(public_responses):
    found = {
        url: stylesheets(response.content)
        for url, response in public_responses.items()
        if is_html_page(response)
    }
    assert len(found) >= 8
    assert {url: links for url, links in found.items() if len(links) != 1} == {}
    (only,) = {links[0] for links in found.values()}
    answer = Client().get(only)
    assert answer.status_code == 200
    styles = b"".join(answer.streaming_content if answer.streaming else [answer.content])
    # The rules of every kind of page are in it: the header's search box, sessions
    # and recordings, the library.
    for selector in (b".site-search", b".session-list", b".library__filters", b".tag-cloud"):
        assert selector in styles
