"""Fixtures of the subscription tests: following as a visitor does, the links of emails,
and case studies published as an editor does."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from tests import helpers

text = helpers.text


def soup(response):
    return helpers.soup(response, status=None)


def follow_path(language, topic, code=None):
    with translation.override(language):
        if code is None:
            return reverse("community:follow", args=[topic])
        return reverse("community:follow_item", args=[topic, code])


def form_data(**fields):
    data = {
        "email": "ines@example.org",
        "language": "fr",
        "frequency": "immediate",
        "privacy_consent": "on",
        "website": "",
    }
    data.update(fields)
    return {name: value for name, value in data.items() if value is not None}


def link(message, kind):
    """The path of an email's link of ``kind`` (confirm, manage, unsubscribe)."""
    pattern = {
        "confirm": r"/subscriptions/confirm/[^/\s]+/",
        "unsubscribe": r"/subscriptions/unsubscribe/[^/\s]+/",
        "manage": r"/subscriptions/(?!confirm/|unsubscribe/)[^/\s]+/",
    }[kind]
    found = re.search(r"^http://testserver(/(?:fr|en)" + pattern + ")$", message.body, re.M)
    return found.group(1) if found else None


@pytest.fixture
def outbox():
    mail.outbox.clear()
    return mail.outbox


@pytest.fixture
def follow(client):
    """Post the follow form for ``topic``/``code`` from the ``site`` language's pages."""

    def post(topic, code=None, site="fr", **fields):
        return client.post(follow_path(site, topic, code), form_data(**fields))

    return post


@pytest.fixture
def subscribe(client, follow, outbox):
    """Follow and confirm with the email's button, as a visitor does; return the path of
    the manage page the confirmation leads to. The confirmation email leaves the outbox."""

    def run(topic, code=None, site="fr", **fields):
        before = len(outbox)
        assert follow(topic, code, site, **fields).status_code == 302
        (message,) = outbox[before:]
        outbox.remove(message)
        response = client.post(link(message, "confirm"))
        assert response.status_code == 302
        return response["Location"]

    return run


@pytest.fixture
def publish_case(db):
    """Publish a French case study (and its English version if ``english`` is given):
    ``tests.helpers.publish_case_study``, with no lab and started in 2020 by default."""

    def make(title, *, lab=None, start_year=2020, **fields):
        return helpers.publish_case_study(title, lab=lab, start_year=start_year, **fields)

    return make
