"""Helpers the test packages share (fixtures go in conftest modules)."""

import os
import subprocess
import sys
from io import StringIO
from urllib.parse import quote

from bs4 import BeautifulSoup
from django.conf import settings
from django.core.cache.backends.base import BaseCache
from django.core.management import call_command
from django.db import connection


def soup(response, status=200):
    """The response's HTML, parsed, once it has answered ``status`` (None: any status)."""
    if status is not None:
        assert response.status_code == status, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def text(node):
    """A node's text as a reader sees it: words separated by single spaces."""
    return " ".join(node.get_text(" ", strip=True).split())


def run_worker():
    """Production's task worker (``manage.py db_worker --batch``), until the queue is empty:
    with the ``database_tasks`` fixture."""
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0, stdout=StringIO())


def searched(queries):
    """The statements among captured ``queries`` that searched the full-text index."""
    return [q["sql"] for q in queries if "MATCH" in q["sql"] or "@@" in q["sql"]]


def publish_case_study(title, *, english=None, tags=(), levers=(), lab="marseille", **fields):
    """Publish a French case study in the French library as an editor does (a lab's slug,
    tags, lever codes, any other field), and its English version through the translation
    workflow if ``english`` (the English title) is given. Returns the French page."""
    from wagtail.models import Locale

    from cms.models import Lever
    from cms.translation import translate
    from practices.models import CaseStudyLever, CaseStudyPage, Lab, LibraryPage

    fr = Locale.objects.get(language_code="fr")
    values = {
        "summary": f"Résumé de {title}.",
        "city": "Marseille",
        "country": "FR",
        "start_year": 2015,
        **fields,
    }
    page = CaseStudyPage(
        title=title,
        slug=values.pop("slug", None) or title.lower().replace(" ", "-"),
        locale=fr,
        lab=Lab.objects.get(slug=lab, locale=fr) if lab else None,
        lever_links=[
            CaseStudyLever(lever=Lever.objects.get(code=code, locale=fr), sort_order=i)
            for i, code in enumerate(levers)
        ],
        **values,
    )
    page.tags.add(*tags)
    LibraryPage.objects.get(locale=fr).add_child(instance=page)
    page.save_revision().publish()
    page = CaseStudyPage.objects.get(pk=page.pk)
    if english:
        strings = {
            title: english,
            page.slug: english.lower().replace(" ", "-"),
            values["summary"]: f"Summary of {english}.",
            values["city"]: values["city"],
        }
        translate(page, Locale.objects.get(language_code="en"), strings)
    return page


class DownCache(BaseCache):
    """A cache that cannot be reached, as Redis stopped: every call raises what the Redis
    client raises (redis.exceptions.ConnectionError subclasses ConnectionError). Stands in
    for a stopped Redis server, which the test process cannot run."""

    def __init__(self, location, params):
        super().__init__(params)

    def _down(self, *args, **kwargs):
        raise ConnectionError("Error 111 connecting to localhost:6379. Connection refused.")

    add = get = set = touch = delete = incr = clear = has_key = _down


# The rate-limit store down, the page cache still up.
RATELIMIT_STORE_DOWN = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "ratelimit": {"BACKEND": "tests.helpers.DownCache"},
}


def rehearsal_stack():
    """scripts/rehearsal/stack.py, loaded as a module (scripts/ is not a package)."""
    import importlib.util

    from django.conf import settings

    path = settings.BASE_DIR / "scripts" / "rehearsal" / "stack.py"
    spec = importlib.util.spec_from_file_location("rehearsal_stack", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def refused(url, data=None):
    """(status, headers, body) of an https request the server refuses with an HTTP error
    (the rehearsal's self-signed certificate accepted); fails if it answers 2xx/3xx."""
    import ssl
    import urllib.error
    import urllib.request

    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    try:
        urllib.request.urlopen(url, data=data, context=context, timeout=30)  # noqa: S310
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()
    raise AssertionError(f"{url} answered although gunicorn is down")


def database_url():
    """The URL of the suite's PostgreSQL test database, for a process of its own."""
    db = connection.settings_dict
    credentials = quote(db["USER"] or "")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"])
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgres://{credentials}@{db['HOST'] or ''}{port}/{db['NAME']}"


def manage_in_production(*args, **env):
    """``manage.py args`` in a process of its own with the production settings, as
    deployed, and ``env`` for what they read (the caller's own Django, database and Redis
    variables left out)."""
    own = ("DJANGO_", "DATABASE_", "REDIS_", "RATELIMIT_REDIS_")
    return subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={
            **{k: v for k, v in os.environ.items() if not k.startswith(own)},
            "DJANGO_SETTINGS_MODULE": "cms.settings.production",
            "SECRET_KEY": "x" * 64 + "-a-long-random-production-secret",
            "WAGTAILADMIN_BASE_URL": "https://dialogues.example.org",
            **env,
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
