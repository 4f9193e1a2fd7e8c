"""Walk the public site the way a visitor (or a search engine, or an API client) can reach it."""

import json
import warnings
from urllib.parse import urldefrag, urljoin, urlsplit

from bs4 import BeautifulSoup, XMLParsedAsHTMLWarning

from cms import ratelimit

SKIP_PREFIXES = ("/admin/", "/django-admin/", "/static/", "/media/")


START = ("/fr/", "/en/", "/robots.txt", "/sitemap.xml")


def crawl(client, start=START, limit=3000):
    """Fetch every same-site URL reachable from ``start``; return {url: response}.

    Links are read from HTML (``href``/``src``), from XML (``<loc>``, ``href``
    attributes), so feeds and sitemaps lead on to what they list, and from JSON (the
    API's ``detail_url``, ``html_url`` and ``next``). Anonymous only: pass a fresh client.
    """
    seen, queue, responses = set(start), list(start), {}
    while queue and len(responses) < limit:
        url = queue.pop(0)
        # Every citation and export, hundreds a minute from one client: limited, they
        # would answer 429 and go unchecked. The limits have their own tests.
        with ratelimit.exempt():
            response = client.get(url)
        responses[url] = response
        for link in _links(url, response):
            if link not in seen:
                seen.add(link)
                queue.append(link)
    return responses


LINK_TAGS = ["a", "link", "script", "img", "source", "track", "iframe", "video"]


def _links(base, response):
    if response.status_code in (301, 302, 303, 307, 308):
        found = [response["Location"]]
    else:
        content_type = response.get("Content-Type", "")
        if "json" in content_type and response.status_code == 200:
            found = list(_json_links(json.loads(response.content)))
        elif "html" not in content_type and "xml" not in content_type:
            return []
        else:
            found = _markup_links(response)
    links = []
    for href in filter(None, found):
        parts = urlsplit(urldefrag(urljoin(base, href)).url)
        if parts.scheme not in ("", "http", "https"):
            continue
        if parts.netloc not in ("", "testserver", "localhost"):
            continue
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if not path.startswith(SKIP_PREFIXES):
            links.append(path)
    return links


def _markup_links(response):
    with warnings.catch_warnings():
        # No XML parser is installed; html.parser reads <loc> and href well enough.
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        soup = BeautifulSoup(response.content, "html.parser")
    found = [tag.get("href") or tag.get("src") for tag in soup.find_all(LINK_TAGS)]
    return found + [loc.get_text(strip=True) for loc in soup.find_all("loc")]


JSON_LINK_KEYS = {"detail_url", "html_url", "next"}


def _json_links(data):
    if isinstance(data, dict):
        for key, value in data.items():
            if key in JSON_LINK_KEYS and isinstance(value, str):
                yield value
            else:
                yield from _json_links(value)
    elif isinstance(data, list):
        for value in data:
            yield from _json_links(value)
