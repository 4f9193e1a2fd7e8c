"""How the library page's render time grows from 100 to 10,000 case studies.

    .venv/bin/python benchmarks/library_render.py                 # SQLite
    scripts/with-postgres.sh .venv/bin/python benchmarks/library_render.py   # PostgreSQL
    .venv/bin/python benchmarks/library_render.py --large 20000 --repeat 9

It builds a throwaway test database (the suite's settings), loads the demo, tops
the library up to ``--small`` case studies per language with
``practices.factories.bulk_case_studies``, times each URL below (median of
``--repeat`` renders, page cache off), then grows the library to ``--large`` and
times them again. It prints the figures, the ratio large/small for each URL, and
the number of queries of each render, which must not change with the size.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

URLS = {
    "no filter": "/en/library/",
    "one tag": "/en/library/?tag=housing",
    "lab + lever": "/en/library/?lab=marseille&lever=ancrer",
    "five facets": "/en/library/?lab=marseille&lab=berlin&tag=housing&tag=water"
    "&lever=financer&country=FR&country=DE&period=2010&lang=fr&sort=title",
    "keywords": "/fr/bibliotheque/?q=logement",
    "page 20": "/fr/bibliotheque/?page=20",
}


def measure(client, repeat):
    figures = {}
    for name, url in URLS.items():
        client.get(url)  # warm the site-root and template caches
        times = []
        for _ in range(repeat):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(url)
                times.append(time.perf_counter() - started)
            assert response.status_code == 200, (url, response.status_code)
        figures[name] = (statistics.median(times), len(queries.captured_queries))
    return figures


def top_up(target, seed):
    from practices.factories import bulk_case_studies
    from practices.models import CaseStudyPage

    current = CaseStudyPage.objects.filter(locale__language_code="fr").count()
    if target > current:
        started = time.perf_counter()
        bulk_case_studies(target - current, seed=seed)
        print(
            f"  generated {target - current} case studies in each language "
            f"in {time.perf_counter() - started:.1f} s"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--small", type=int, default=100)
    parser.add_argument("--large", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from cms.demo import DemoLoader

        DemoLoader().run()
        client = Client()
        results = {}
        with override_settings(FAIRVILLE_PAGE_CACHE_SECONDS=0, DEBUG=False):
            for label, size, seed in (("small", args.small, 1), ("large", args.large, 2)):
                print(f"{label}: {size} case studies per language ({connection.vendor})")
                top_up(size, seed)
                results[label] = measure(client, args.repeat)
        print()
        print(f"{'URL':<14}{args.small:>10} {'':<6}{args.large:>10} {'':<6}{'ratio':>7}")
        for name in URLS:
            small, small_queries = results["small"][name]
            large, large_queries = results["large"][name]
            print(
                f"{name:<14}{small * 1000:>8.1f}ms ({small_queries:>2}q)"
                f"{large * 1000:>8.1f}ms ({large_queries:>2}q){large / small:>7.1f}x"
            )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
