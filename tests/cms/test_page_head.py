"""What Lighthouse and the Nu HTML Checker found missing (issue 16): a favicon, a meta
description on every page, forms with a real action."""

import re

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation

from cms.models import StandardPage


def head(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize(("path", "words"), [("/fr/", "séminaires"), ("/en/", "seminars")])
def test_every_page_has_a_description_in_its_language(db, client, path, words):
    page = StandardPage.objects.live().filter(locale__language_code=path.strip("/")).first()
    assert not page.search_description and not page.social_text  # the fallback is used
    response = client.get(page.url)
    description = head(response).find("meta", attrs={"name": "description"})
    assert description is not None
    assert words in description["content"]
    home = head(client.get(path)).find("meta", attrs={"name": "description"})
    assert home is not None and home["content"]


def test_the_favicon_is_linked_and_served(db, client):
    link = head(client.get("/fr/")).find("link", rel="icon")
    assert link is not None
    icon = client.get(link["href"])
    assert icon.status_code == 200
    assert b"<svg" in b"".join(icon.streaming_content)
    redirect = client.get("/favicon.ico")
    assert redirect.status_code == 301
    assert redirect["Location"] == link["href"]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_search_form_posts_to_the_search_page(db, client, language):
    with translation.override(language):
        url = reverse("search")
    html = client.get(url, {"q": "dialogue"}).content.decode()
    actions = re.findall(r'<form class="search-form"[^>]* action="([^"]*)"', html)
    assert actions == [url]
