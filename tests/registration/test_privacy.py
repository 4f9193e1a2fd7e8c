"""The private meeting link never leaves the admin and the personal join page."""

import pytest
from django.urls import reverse
from django.utils import translation

from .conftest import MEETING_URL, PASSCODE, confirm_path, form_data, register_url

pytestmark = pytest.mark.django_db

SECRETS = (MEETING_URL, "meeting.invalid", PASSCODE)


def body(response):
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def test_no_public_url_shows_the_meeting_link_or_passcode(
    client, public_responses, example_fr, example_en
):
    # Every URL reachable from the home pages, robots.txt and the sitemap (shared crawl),
    # then what no link reaches: search results, answers to the form.
    responses = dict(public_responses)
    assert example_fr.url in responses and example_en.url in responses
    assert any(url.endswith(".ics") for url in responses)
    for page in (example_fr, example_en):
        with translation.override(page.locale.language_code):
            for url in (
                reverse("search") + "?q=" + page.title.split()[0],
                reverse("search") + "?q=meeting",
                reverse("event_sessions:registered", args=[page.pk]),
            ):
                responses[url] = client.get(url)
        responses[f"errors {page.pk}"] = client.post(register_url(page), form_data(email="x"))
        for url in (f"/api/v2/sessions/{page.pk}/", "/api/v2/sessions/?fields=*&limit=20"):
            responses[url] = client.get(url)
            assert responses[url].status_code == 200, url
    assert all(r.status_code < 500 for r in responses.values())
    leaks = {
        url: [secret for secret in SECRETS if secret.encode() in body(response)]
        for url, response in responses.items()
    }
    assert not {url: found for url, found in leaks.items() if found}
    assert len(responses) > 30


# The session page with its form, uncached: 38 queries measured with the demo data.
FORM_PAGE_QUERIES = 40


def test_the_form_page_reads_a_bounded_number_of_queries(
    client, example_fr, register, django_assert_max_num_queries
):
    with django_assert_max_num_queries(FORM_PAGE_QUERIES):
        assert client.get(example_fr.url).status_code == 200
    for number in range(5):
        register(example_fr, email=f"p{number}@example.org")
    # More registrations cost no more queries, and a cached answer costs none.
    with django_assert_max_num_queries(FORM_PAGE_QUERIES):
        client.get(example_fr.url)
    with django_assert_max_num_queries(0):
        client.get(example_fr.url)


def test_a_sign_up_reads_and_writes_a_bounded_number_of_queries(
    client, example_fr, register, submit, outbox, django_assert_max_num_queries
):
    register(example_fr, email="first@example.org")
    # Each step of the double opt-in: the form's request, then its confirmation.
    with django_assert_max_num_queries(30):
        assert submit(example_fr, email="second@example.org").status_code == 302
    with django_assert_max_num_queries(30):
        assert client.post(confirm_path(outbox[-1])).status_code == 302
