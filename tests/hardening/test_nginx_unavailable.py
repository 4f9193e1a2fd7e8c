"""The rehearsal's nginx (scripts/rehearsal/stack.py, the configuration docs/deploy.md
prescribes) gives the static 503 page to a form sent while no worker answers.

nginx serves files to GET and HEAD only: through a named location, a POST that met a
dead or timed-out worker (a registration, a confirmation) got "405 Not Allowed" rather
than the 503 page in its language, and the rehearsal counted no 5xx for it.
"""

import importlib.util
import shutil
import ssl
import urllib.error
import urllib.request

import pytest
from bs4 import BeautifulSoup
from django.conf import settings


def load_stack():
    spec = importlib.util.spec_from_file_location(
        "rehearsal_stack_unavailable", settings.BASE_DIR / "scripts" / "rehearsal" / "stack.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def nginx_without_gunicorn():
    stack_module = load_stack()
    stack = stack_module.Stack()
    try:
        stack._tls()
        stack._add("nginx", ["nginx", "-c", str(stack._nginx_conf())]).start()
        stack_module.wait_for_port(stack.ports["nginx"])
        yield stack.base_url
    finally:
        if "nginx" in stack.services:
            stack.services["nginx"].stop()
        shutil.rmtree(stack.workdir, ignore_errors=True)


def send(url, data=None):
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    try:
        urllib.request.urlopen(url, data=data, context=context, timeout=30)  # noqa: S310
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()
    raise AssertionError(f"{url} answered although gunicorn is down")


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
    status, headers, body = send(nginx_without_gunicorn + path, data=b"email=a%40example.org")
    assert (status, headers["Retry-After"]) == (503, "10")
    page = BeautifulSoup(body, "html.parser")
    assert (page.html["lang"], page.h1.get_text()) == (language, heading)
