"""A form Django's CSRF check refuses, in the language these settings add: the site's page
(templates/403_csrf.html) in the reader's language, and nothing kept
(tests/security/test_csrf_refusal_page.py has French and English over HTTP)."""

import pytest
from django.test import Client

from practices.models import LibraryPage, Submission
from tests import helpers
from tests.languages.catalogues import own_words
from tests.languages.test_search_and_forms_languages import proposal

pytestmark = pytest.mark.django_db


def test_a_proposal_the_csrf_check_refuses_is_told_in_the_language(added_language):
    """A proposal sent without its token (the page open too long, cookies refused)."""
    library = LibraryPage.objects.live().get(locale__language_code=added_language)
    browser = Client(enforce_csrf_checks=True)
    page = helpers.soup(browser.post(library.route_url("propose"), proposal()), status=403)
    assert page.html["lang"] == added_language
    assert helpers.text(page.h1) == own_words(added_language, "Your form could not be sent")
    assert "Une épicerie" not in helpers.text(page)
    assert not Submission.objects.exists()
