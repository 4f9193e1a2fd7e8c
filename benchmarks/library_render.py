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
import re
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


TARGET_RATIO = 1.5
TARGET_MS = 60


def measure(client, repeat):
    """{name: (median s, fastest s, queries, case studies listed)} for each URL."""
    figures = {}
    for name, url in URLS.items():
        client.get(url)  # warm the site-root and template caches, and the library's index
        times = []
        for _ in range(repeat):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(url)
                times.append(time.perf_counter() - started)
            assert response.status_code == 200, (url, response.status_code)
        heading = re.search(r'id="results-heading"[^>]*>([^<]*)', response.content.decode())
        listed = re.sub(r"\D", "", heading.group(1).split(" case")[0]) if heading else "?"
        figures[name] = (
            statistics.median(times),
            min(times),
            len(queries.captured_queries),
            listed,
        )
    return figures


def top_up(target, seed):
    from django.core.management import call_command

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
        # The keyword box searches the site's index, which bulk_create does not fill.
        started = time.perf_counter()
        call_command("update_index", verbosity=0)
        print(f"  indexed them in {time.perf_counter() - started:.1f} s")


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
        print(
            f"median (fastest) of {args.repeat} renders; q: queries; n: case studies listed; "
            f"target at {args.large}: <= {TARGET_RATIO}x and <= {TARGET_MS} ms"
        )
        print(f"{'URL':<13}{args.small:>30} {args.large:>33} {'ratio':>7}  target")
        for name in URLS:
            small, small_min, small_queries, small_n = results["small"][name]
            large, large_min, large_queries, large_n = results["large"][name]
            ratio = large / small
            met = ratio <= TARGET_RATIO and large * 1000 <= TARGET_MS
            print(
                f"{name:<13}{small * 1000:>7.1f} ({small_min * 1000:>5.1f}) ms "
                f"{small_queries:>2}q n={small_n:<6}"
                f"{large * 1000:>7.1f} ({large_min * 1000:>5.1f}) ms "
                f"{large_queries:>2}q n={large_n:<9}{ratio:>6.2f}x  {'met' if met else 'MISSED'}"
            )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
