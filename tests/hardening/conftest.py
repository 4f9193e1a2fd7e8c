import pytest
from django.test import Client

from tests.crawl import crawl


@pytest.fixture(scope="session")
def public_responses(django_db_setup, django_db_blocker):
    """Every public URL a visitor can reach, fetched once anonymously: {url: response}."""
    with django_db_blocker.unblock():
        return crawl(Client())


def is_html_page(response):
    return response.status_code == 200 and "text/html" in response.get("Content-Type", "")
