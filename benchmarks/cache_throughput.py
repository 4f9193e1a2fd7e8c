"""Throughput of a session page served from the anonymous page cache, against a bare
Django view that returns the same bytes, in the same process.

    .venv/bin/python benchmarks/cache_throughput.py [--rounds 5] [--seconds 1]

Each request goes through Django's WSGI handler and the project's whole middleware
stack; the bare view is the floor of what Django can do per request, so the ratio
says how close to free the cache makes a page. The page rendered without the cache is
shown for scale. The database is a fresh SQLite one holding the demo site; the cache
is the test settings' local-memory one (Redis adds a network round trip per lookup).
"""

import argparse
import os
import statistics
import sys
import time
import types
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.core.handlers.wsgi import WSGIHandler  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.test import RequestFactory, override_settings  # noqa: E402
from django.test.utils import setup_databases, teardown_databases  # noqa: E402
from django.urls import path  # noqa: E402

from cms import urls as project_urls  # noqa: E402
from cms.demo import DemoLoader  # noqa: E402
from sessions.models import SessionPage  # noqa: E402


def wsgi_get(handler, url):
    environ = RequestFactory()._base_environ(PATH_INFO=url, REQUEST_METHOD="GET")
    status = []
    body = b"".join(handler(environ, lambda s, headers, exc=None: status.append(s)))
    return status[0], body


def throughput(handler, url, seconds):
    count, deadline = 0, time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        wsgi_get(handler, url)
        count += 1
    return count / seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=1.0)
    args = parser.parse_args()

    old_config = setup_databases(verbosity=0, interactive=False)
    try:
        DemoLoader().run()
        # Session #1: the richest page on the site (ten contributors, entry points, levers).
        session = SessionPage.objects.live().exclude(number=None).order_by("number", "path").first()
        url = session.get_url()
        handler = WSGIHandler()
        status, page_bytes = wsgi_get(handler, url)
        assert status.startswith("200"), status

        def bare(request):
            return HttpResponse(page_bytes, content_type="text/html; charset=utf-8")

        urls = types.ModuleType("benchmark_urls")
        urls.urlpatterns = [path("bare/", bare), *project_urls.urlpatterns]
        with override_settings(ROOT_URLCONF=urls):
            assert wsgi_get(handler, "/bare/")[1] == page_bytes
            cache.clear()
            assert wsgi_get(handler, url)[1] == page_bytes  # fills the cache
            results = {"bare view": [], "cached page": [], "uncached page": []}
            for _ in range(args.rounds):
                results["bare view"].append(throughput(handler, "/bare/", args.seconds))
                results["cached page"].append(throughput(handler, url, args.seconds))
                with override_settings(FAIRVILLE_PAGE_CACHE_SECONDS=0):
                    results["uncached page"].append(throughput(handler, url, args.seconds))
    finally:
        teardown_databases(old_config, verbosity=0)

    print(f"page: {url} ({len(page_bytes)} bytes), {args.rounds} rounds of {args.seconds} s")
    medians = {name: statistics.median(values) for name, values in results.items()}
    for name, value in medians.items():
        print(f"{name:>14}: {value:8.0f} requests/s (median)")
    print(f"cached page / bare view:     {medians['cached page'] / medians['bare view']:.2f}")
    print(f"cached page / uncached page: {medians['cached page'] / medians['uncached page']:.1f}")


if __name__ == "__main__":
    main()
