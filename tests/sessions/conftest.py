import pytest
from bs4 import BeautifulSoup

from sessions.models import SeriesPage, SessionPage


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def text(node):
    return " ".join(node.get_text(" ", strip=True).split())


@pytest.fixture
def series_fr(fr):
    return SeriesPage.objects.get(locale=fr, slug="serie-des-leviers")


@pytest.fixture
def series_en(en):
    return SeriesPage.objects.get(locale=en, slug="levers-series")


@pytest.fixture
def session_fr(fr):
    """A function giving the French session with this number."""
    return lambda number: SessionPage.objects.get(locale=fr, number=number)


@pytest.fixture
def session_en(en):
    return lambda number: SessionPage.objects.get(locale=en, number=number)
