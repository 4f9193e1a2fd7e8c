"""What a cached page says about whom it may be shown to: ``Vary: Cookie``, hit or miss.

The page cache picks its answer by the visitor's cookies: only a visitor with no
session (no sign-in, no pending message) is served from it. A page read from the
cache used to go out without ``Vary: Cookie`` (the session middleware adds it only when
a render opened the session), so a shared HTTP cache in front of the site could keep
the anonymous answer and hand it to a signed-in editor, or the other way round.
"""

import gzip

import pytest
from django.test import Client
from django.utils.cache import cc_delim_re

pytestmark = pytest.mark.django_db

ABOUT = "/en/about-the-dialogues/"
HOME = "/fr/"


def vary(response):
    return {value.strip().lower() for value in cc_delim_re.split(response.get("Vary", ""))} - {""}


@pytest.mark.parametrize("path", [ABOUT, HOME])
@pytest.mark.parametrize("accepts", ["gzip, deflate, br", ""])
def test_a_cached_answer_varies_on_cookies_as_the_rendered_one_does(path, accepts):
    rendered = Client().get(path, HTTP_ACCEPT_ENCODING=accepts)
    assert rendered.status_code == 200
    hit = Client().get(path, HTTP_ACCEPT_ENCODING=accepts)
    assert hit.status_code == 200
    body = gzip.decompress(hit.content) if hit.get("Content-Encoding") == "gzip" else hit.content
    assert body == rendered.content  # it did come from the cache
    assert "cookie" in vary(rendered)
    assert "cookie" in vary(hit)
    # Nothing the render varied on is lost in the cache; the hit adds Accept-Encoding.
    assert vary(rendered) <= vary(hit) <= vary(rendered) | {"accept-encoding"}


def test_a_signed_in_editor_is_not_given_the_cached_answer(admin_client):
    anonymous = Client().get(ABOUT)
    assert "cookie" in vary(Client().get(ABOUT))
    editor = admin_client.get(ABOUT)
    assert editor.status_code == 200
    assert "cookie" in vary(editor)
    assert editor.content != anonymous.content  # rendered for them (Wagtail's user bar)
