"""Fixtures of the subscription tests: following as a visitor does, the links of emails,
and case studies published as an editor does."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from cms.models import Lever
from cms.translation import translate
from practices.models import CaseStudyLever, CaseStudyPage, Lab, LibraryPage
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
def publish_case(fr, en):
    """Publish a French case study (and its English version if ``english`` is given)."""

    def make(title, *, english=None, levers=(), lab=None, tags=()):
        library = LibraryPage.objects.get(locale=fr)
        page = CaseStudyPage(
            title=title,
            slug=title.lower().replace(" ", "-"),
            locale=fr,
            summary=f"Résumé de {title}.",
            city="Marseille",
            country="FR",
            start_year=2020,
            lab=Lab.objects.get(slug=lab, locale=fr) if lab else None,
            lever_links=[
                CaseStudyLever(lever=Lever.objects.get(code=code, locale=fr), sort_order=i)
                for i, code in enumerate(levers)
            ],
        )
        page.tags.add(*tags)
        library.add_child(instance=page)
        page.save_revision().publish()
        page = CaseStudyPage.objects.get(pk=page.pk)
        if english:
            strings = {
                title: english,
                page.slug: english.lower().replace(" ", "-"),
                page.summary: f"Summary of {english}.",
                "Marseille": "Marseille",
            }
            translate(page, en, strings)
        return page

    return make
