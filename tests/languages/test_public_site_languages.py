"""The public site in the language these settings add (Arabic under test_ar, German under
test_de, its pages made by editors: see conftest.py), as a set: every page, feed and API
answer a visitor or a program reaches in that language, from the language's home page,
the sitemap and the API's listings.

Every page answers in the language (``lang`` and ``dir`` on ``<html>``) with the interface
in its words (no sentence of the French catalogues, Django's fallback), stays within the
100 KB page budget of tests/hardening/test_page_budget.py, and every link from it works;
the feeds are well-formed feeds in the language that list its case studies; the API lists
exactly the language's live public pages.
"""

import html
import re
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

import polib
import pytest
from bs4 import BeautifulSoup
from defusedxml import ElementTree as ET
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.translation import get_language_info
from wagtail.models import Page
from wagtail_localize.models import String

from cms import ratelimit
from cms.api import endpoints
from practices.models import CaseStudyPage, LibraryPage
from tests.crawl import _links
from tests.hardening.test_page_budget import BUDGET, assets, body

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Downloads, not pages (tests/security/test_open_data_floods.py and the practices tests
# check them): the crawl does not fetch them.
NOT_PAGES = ("/export/", "/cite/")
# Of pages that differ only by a lab, a topic to follow or a query string's values, the
# crawl fetches the first few: the rest are the same template with other data. Filters
# combine without end (search's facets): at most two parameters.
SAMPLES = 2
MAX_PARAMETERS = 2


def sampled_parents(language):
    """The addresses under which pages differ only by their data: the library's labs (a
    route named in the language) and the topics to follow."""
    library = LibraryPage.objects.live().get(locale__language_code=language)
    return (library.route_url("lab", "x").removesuffix("x/"), "/follow/")


def kind(path, sampled):
    """What makes a page a page of its own kind, for sampling."""
    base, _, query = path.partition("?")
    names = tuple(sorted({name for name, _value in parse_qsl(query)}))
    parent = base.rstrip("/").rsplit("/", 1)[0] + "/"
    if any(prefix in parent for prefix in sampled):
        return parent, names
    return base, names


def in_language(language, path):
    if path.startswith("/api/"):
        query = dict(parse_qsl(urlsplit(path).query))
        return query.get("locale", language) == language
    if len(parse_qsl(urlsplit(path).query)) > MAX_PARAMETERS:
        return False
    return path.startswith(f"/{language}/") and not any(part in path for part in NOT_PAGES)


# A translation's placeholders and markup, which a page shows filled in.
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}|<[^>]+>")


def french_sentences(language):
    """The sentences of the French catalogues that ``language``'s catalogues word otherwise
    or lack: what its pages would show, under its ``lang``, where Django falls back to the
    source language's. Four words or more, placeholders aside, so that no title or name
    shared by both languages counts."""
    root = Path(settings.BASE_DIR)
    found = set()
    for path in root.glob("*/locale/fr/LC_MESSAGES/django.po"):
        own_path = path.parents[2] / language / "LC_MESSAGES" / "django.po"
        own = {}
        if own_path.exists():
            own = {(e.msgctxt, e.msgid): e.msgstr for e in polib.pofile(str(own_path))}
        for entry in polib.pofile(str(path)):
            text = entry.msgstr
            if entry.msgid_plural or PLACEHOLDER.search(text) or len(text.split()) < 4:
                continue
            if own.get((entry.msgctxt, entry.msgid)) != text:
                found.add(text)
    return found


def search_url(language, query):
    with translation.override(language):
        return f"{reverse('search')}?{urlencode({'q': query})}"


def crawl_language(client, language):
    """{url: response} of what a visitor reaches in ``language`` from its home page, the
    sitemap and the API's listings in it (search's box is a form: its page is added)."""
    api = [f"/api/v2/{name}/?locale={language}" for name in sorted(endpoints())]
    start = [f"/{language}/", "/sitemap.xml", search_url(language, "Fairville"), *api]
    sampled = sampled_parents(language)
    seen, queue, responses, kinds = set(start), list(start), {}, {}
    while queue:
        url = queue.pop(0)
        with ratelimit.exempt():
            response = client.get(url)
        responses[url] = response
        for link in _links(url, response):
            if link in seen or not in_language(language, link):
                continue
            seen.add(link)
            shape = kind(link, sampled)
            kinds[shape] = kinds.get(shape, 0) + 1
            if kinds[shape] <= SAMPLES:
                queue.append(link)
    return responses


@pytest.fixture(scope="module")
def crawled(django_db_setup, django_db_blocker, added_language):
    """The crawl, done once for this module's tests: it only reads."""
    # From an empty cache, as every test starts (tests/conftest.py): this runs before the
    # first test's own clearing, and a cache left by the previous test (site root paths
    # of a home page it made and rolled back) would give the language's pages no address.
    cache.clear()
    with django_db_blocker.unblock():
        return crawl_language(Client(), added_language)


def html_pages(crawled, language):
    return {
        url: response
        for url, response in crawled.items()
        if url.startswith(f"/{language}/")
        and response.status_code == 200
        and "text/html" in response["Content-Type"]
    }


def test_every_page_in_the_language_answers_in_it(crawled, added_language):
    failed = {url: r.status_code for url, r in crawled.items() if r.status_code >= 400}
    assert not failed, failed
    direction = "rtl" if get_language_info(added_language)["bidi"] else "ltr"
    pages = html_pages(crawled, added_language)
    for url, response in pages.items():
        html = response.content.decode()
        assert f'<html lang="{added_language}" dir="{direction}"' in html, url
    # The set: every live public page in the language (the sitemap lists them), and the
    # library's own pages: labs, codebook, proposal form, a filtered and a second page.
    live = Page.objects.live().public().filter(locale__language_code=added_language)
    expected = {page.url for page in live.specific()}
    assert len(expected) >= 10 and expected <= set(pages), expected - set(pages)
    library = LibraryPage.objects.live().get(locale__language_code=added_language)
    routes = {library.route_url(name) for name in ("codebook", "propose")}
    assert routes <= set(pages), routes - set(pages)
    labs = library.route_url("lab", "le-caire").removesuffix("le-caire/")
    assert any(url.startswith(labs) for url in pages), labs
    queries = {
        urlsplit(url).query.partition("=")[0] for url in pages if url.startswith(library.url)
    }
    assert {"lab", "lever", "tag", "page"} <= queries, queries
    assert search_url(added_language, "Fairville") in pages


def test_no_page_in_the_language_shows_the_french_interface(crawled, added_language):
    french = french_sentences(added_language)
    assert len(french) > 200, len(french)
    # What editors wrote in French and have not translated yet (conftest.py) is content,
    # not the interface: a section of the privacy notice may be titled as a button is.
    content = [
        html.unescape(strip_tags(text)) for text in String.objects.values_list("data", flat=True)
    ]
    french = {sentence for sentence in french if not any(sentence in text for text in content)}
    shown = {}
    for url, response in html_pages(crawled, added_language).items():
        page = BeautifulSoup(response.content, "html.parser")
        text = " ".join(page.get_text(" ").split())
        found = sorted(sentence for sentence in french if sentence in text)
        if found:
            shown[url] = found
    assert not shown, shown


def test_every_page_in_the_language_fits_the_budget(client, crawled, added_language):
    sizes, weights = {}, {}
    for url, response in html_pages(crawled, added_language).items():
        total = len(response.content)
        for asset in assets(url, response.content):
            if asset not in sizes:
                fetched = client.get(asset)
                assert fetched.status_code == 200, (url, asset)
                sizes[asset] = len(body(fetched))
            total += sizes[asset]
        weights[url] = total
    assert len(weights) >= 20 and sizes, weights
    over = {url: weight for url, weight in weights.items() if weight > BUDGET}
    assert not over, f"over {BUDGET} bytes of HTML+CSS+JS: {over}"


def test_the_librarys_feeds_list_the_languages_case_studies(crawled, added_language):
    library = LibraryPage.objects.live().get(locale__language_code=added_language)
    cases = CaseStudyPage.objects.live().public().filter(locale__language_code=added_language)
    expected = {f"http://testserver{case.url}" for case in cases}
    assert expected

    rss = crawled[library.route_url("feed_rss")]
    assert rss["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(rss.content).find("channel")  # a real XML parser
    assert channel.findtext("language") == added_language
    assert library.title in channel.findtext("title")
    assert {item.findtext("link") for item in channel.findall("item")} == expected

    atom = crawled[library.route_url("feed_atom")]
    assert atom["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(atom.content)
    assert feed.get(XML_LANG) == added_language
    links = {entry.find(f"{ATOM}link").get("href") for entry in feed.findall(f"{ATOM}entry")}
    assert links == expected
    titles = {entry.findtext(f"{ATOM}title") for entry in feed.findall(f"{ATOM}entry")}
    assert titles == {case.title for case in cases}


def test_the_api_lists_the_languages_live_public_pages(crawled, added_language):
    for name, viewset in endpoints().items():
        listing = crawled[f"/api/v2/{name}/?locale={added_language}"]
        assert listing["Content-Type"] == "application/json"
        data = listing.json()
        live = viewset.model.objects.live().public().filter(locale__language_code=added_language)
        assert data["meta"]["total_count"] == live.count(), name
        assert sorted(item["id"] for item in data["items"]) == sorted(page.pk for page in live)
        for item in data["items"]:
            assert item["meta"]["locale"] == added_language
            assert urlsplit(item["meta"]["html_url"]).path.startswith(f"/{added_language}/")
            detail = crawled[urlsplit(item["meta"]["detail_url"]).path]
            assert detail.json()["title"] == viewset.model.objects.get(pk=item["id"]).title
    # The demo's example pages in the language are there: the session, the case studies.
    assert crawled[f"/api/v2/sessions/?locale={added_language}"].json()["meta"]["total_count"] >= 1
    assert (
        crawled[f"/api/v2/case-studies/?locale={added_language}"].json()["meta"]["total_count"] >= 2
    )
