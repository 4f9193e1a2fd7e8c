"""Error pages in the reader's language: Django's 500 from the address's language (the
source language elsewhere, and a plain page if even that fails), and the static 503 pages
nginx serves when no Django process answers, one per language, picked from the address."""

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.template import loader

from cms import views
from cms.views import server_error
from tests import helpers


def error_page(rf, path, **headers):
    request = rf.get(path, **headers)
    try:
        raise ValueError("a bug")
    except ValueError:
        return server_error(request)


@pytest.mark.parametrize(
    ("path", "language", "heading"),
    [
        ("/fr/seminaires/", "fr", "Erreur du serveur"),
        ("/en/library/", "en", "Server error"),
        # No language in the address: the source language.
        ("/api/v2/pages/", "fr", "Erreur du serveur"),
        ("/xx/", "fr", "Erreur du serveur"),
    ],
)
def test_the_500_page_is_in_the_addresss_language(rf, path, language, heading):
    response = error_page(rf, path)
    assert response.status_code == 500
    page = helpers.soup(response, status=500)
    assert (page.html["lang"], page.html["dir"]) == (language, "ltr")
    assert page.h1.get_text() == heading
    # One language only: no English under a French page any more.
    assert not page.select("[lang]")[1:]


def test_the_500_page_without_a_language_in_the_address_follows_the_request(rf):
    request = rf.get("/admin/")
    request.LANGUAGE_CODE = "en"
    try:
        raise ValueError("a bug")
    except ValueError:
        page = helpers.soup(server_error(request), status=500)
    assert page.html["lang"] == "en"


def test_a_500_page_that_cannot_be_rendered_is_still_a_plain_500(rf, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("the template engine is what failed")

    monkeypatch.setattr(loader, "render_to_string", broken)
    response = error_page(rf, "/en/")
    assert response.status_code == 500
    assert b"Server Error (500)" in response.content
    assert views.loader is loader  # the view renders through the patched module


def test_the_static_503_pages_exist_in_each_language_and_all_of_them(tmp_path):
    call_command("error_pages", str(tmp_path), stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "503.en.html",
        "503.fr.html",
        "503.html",
    ]
    french = BeautifulSoup((tmp_path / "503.fr.html").read_text(), "html.parser")
    assert (french.html["lang"], french.h1.get_text()) == (
        "fr",
        "Service momentanément indisponible",
    )
    assert "temporarily" not in french.get_text()
    english = BeautifulSoup((tmp_path / "503.en.html").read_text(), "html.parser")
    assert (english.html["lang"], english.h1.get_text()) == (
        "en",
        "Service temporarily unavailable",
    )
    both = BeautifulSoup((tmp_path / "503.html").read_text(), "html.parser")
    assert both.html["lang"] == "fr"
    headings = [(h1.find_parent(lang=True)["lang"], h1.get_text()) for h1 in both.select("h1")]
    assert headings == [
        ("fr", "Service momentanément indisponible"),
        ("en", "Service temporarily unavailable"),
    ]


def test_nginx_serves_the_static_503_in_the_addresss_language(nginx_without_gunicorn):
    for path, language, heading in [
        ("/fr/bibliotheque/?q=logement", "fr", "Service momentanément indisponible"),
        ("/en/library/", "en", "Service temporarily unavailable"),
    ]:
        status, headers, body = helpers.refused(nginx_without_gunicorn + path)
        assert (status, headers["Retry-After"]) == (503, "10")
        page = BeautifulSoup(body, "html.parser")
        assert (page.html["lang"], page.h1.get_text()) == (language, heading)
        assert len(page.select("h1")) == 1
    # Elsewhere, and in a language the site does not have: every language, each marked.
    for path in ("/", "/api/v2/pages/", "/de/", "/zz-top/", "/x/../fr/"):
        status, _headers, body = helpers.refused(nginx_without_gunicorn + path)
        page = BeautifulSoup(body, "html.parser")
        assert status == 503
        assert [h1.find_parent(lang=True)["lang"] for h1 in page.select("h1")] == ["fr", "en"]
