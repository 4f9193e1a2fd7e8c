"""``{% fragment %}`` (cms_tags): a block rendered once per content version and key, never
one holding a visitor's token, never in a preview."""

import itertools
import re

import pytest
from django.middleware.csrf import get_token
from django.template import Context, Template

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_off")]

TEMPLATE = Template(
    '{% load cms_tags %}{% fragment "a-test" key unless=personal %}'
    "[{{ counter.next }}]{% endfragment %}"
)


class Counter:
    def __init__(self):
        self.numbers = itertools.count(1)

    def next(self):
        return next(self.numbers)


def render(rf, template=TEMPLATE, preview=False, **context):
    request = rf.get("/fr/")
    request.is_preview = preview
    # What the CSRF context processor gives a template: this visitor's token.
    context = {"request": request, "csrf_token": get_token(request), **context}
    return template.render(Context(context))


def test_a_block_is_rendered_once_per_key(rf):
    counter = Counter()
    assert render(rf, key=1, counter=counter) == "[1]"
    assert render(rf, key=1, counter=counter) == "[1]"
    assert render(rf, key=2, counter=counter) == "[2]"


def test_a_personal_block_or_a_preview_is_rendered_every_time(rf):
    counter = Counter()
    assert render(rf, key=1, counter=counter) == "[1]"
    assert render(rf, key=1, counter=counter, personal=True) == "[2]"
    assert render(rf, key=1, counter=counter, preview=True) == "[3]"
    assert render(rf, key=1, counter=counter) == "[1]"


def test_a_change_of_content_forgets_it(rf):
    from cms import pagecache

    counter = Counter()
    assert render(rf, key=1, counter=counter) == "[1]"
    pagecache.invalidate()
    assert render(rf, key=1, counter=counter) == "[2]"


def test_a_block_holding_a_csrf_token_is_never_kept(rf):
    template = Template(
        '{% load cms_tags %}{% fragment "a-form" %}<form>{% csrf_token %}</form>{% endfragment %}'
    )
    tokens = {re.search(r'value="([^"]+)"', render(rf, template))[1] for _ in range(3)}
    assert len(tokens) == 3
