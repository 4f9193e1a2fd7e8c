import pytest

pytestmark = pytest.mark.django_db


def test_every_linked_public_url_answers_without_error(public_responses):
    responses = public_responses
    assert {"/fr/", "/en/", "/en/privacy-notice/", "/fr/politique-de-confidentialite/"} <= set(
        responses
    )
    broken = {url: r.status_code for url, r in responses.items() if r.status_code >= 500}
    assert not broken
    assert responses["/robots.txt"].status_code == 200
    assert responses["/sitemap.xml"].status_code == 200
    missing = {url: r.status_code for url, r in responses.items() if r.status_code == 404}
    assert not missing
