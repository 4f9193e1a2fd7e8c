"""The rehearsal's nginx (scripts/rehearsal/stack.py, the configuration docs/deploy.md
prescribes) gives the static 503 page to a form sent while no worker answers.

nginx serves files to GET and HEAD only: through a named location, a POST that met a
dead or timed-out worker (a registration, a confirmation) got "405 Not Allowed" rather
than the 503 page in its language, and the rehearsal counted no 5xx for it.
"""

import pytest
from bs4 import BeautifulSoup

from tests.helpers import refused


@pytest.mark.parametrize(
    ("path", "language", "heading"),
    [
        ("/fr/registration/12/", "fr", "Service momentanément indisponible"),
        ("/en/registration/confirm/token/", "en", "Service temporarily unavailable"),
    ],
)
def test_a_form_sent_while_no_worker_answers_gets_the_503_page(
    nginx_without_gunicorn, path, language, heading
):
    status, headers, body = refused(nginx_without_gunicorn + path, data=b"email=a%40example.org")
    assert (status, headers["Retry-After"]) == (503, "10")
    page = BeautifulSoup(body, "html.parser")
    assert (page.html["lang"], page.h1.get_text()) == (language, heading)
