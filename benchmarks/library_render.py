"""How the library page's render time grows from 100 to 10,000 case studies.

    .venv/bin/python benchmarks/library_render.py                 # SQLite
    scripts/with-postgres.sh .venv/bin/python benchmarks/library_render.py   # PostgreSQL
    .venv/bin/python benchmarks/library_render.py --large 20000 --repeat 9

It builds two throwaway databases (the suite's settings), each with the demo, one topped
up to ``--small`` case studies per language and the other to ``--large`` with
``practices.factories.bulk_case_studies``, then renders each URL below ``--repeat`` times
on each (page cache off; the keywords once more just after the search index's generation
changed: a first search), interleaved: the two sizes take turns, so a machine whose speed
changes (other work, a shared host) slows both alike. Each database keeps its connection
from turn to turn, as production keeps its connections (DATABASE_CONN_MAX_AGE): a new one
would charge its first search with what a connection pays once (PostgreSQL's statements
parsed and planned, its catalogs and dictionaries loaded; SQLite's page cache). It
prints the medians, the ratio large/small for each URL, the CPU time of this process per
render (the steadier figure on a loaded machine; on PostgreSQL it leaves out the server's
own work), and the number of queries of each render, which must not change with the size.
Last, the engine's share of a first search, timed alone at each size (``engine_share``),
against the growth the target leaves the whole page: the floor under that row's ratio.
"""

import argparse
import os
import re
import statistics
import sys
import tempfile
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")

import django  # noqa: E402

django.setup()

from django.db import DEFAULT_DB_ALIAS, connection, connections  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

from search import results_cache  # noqa: E402

URLS = {
    "no filter": "/en/library/",
    "one tag": "/en/library/?tag=housing",
    "lab + lever": "/en/library/?lab=marseille&lever=ancrer",
    "five facets": "/en/library/?lab=marseille&lab=berlin&tag=housing&tag=water"
    "&lever=financer&country=FR&country=DE&period=2010&lang=fr&sort=title",
    "keywords": "/fr/bibliotheque/?q=logement",
    "keywords miss": "/fr/bibliotheque/?q=logement",
    "page 20": "/fr/bibliotheque/?page=20",
}

# Rendered just after the search index's generation changed (as after any index write):
# the keywords searched for the first time, the results cache's other entries (the facet
# values, the sites) kept, as in production. "keywords" is the same URL asked again, as a
# reader who ticks a facet or turns a page asks its keywords again (and visitors repeat
# queries): read from the results cache.
FIRST_SEARCH = "keywords miss"

TARGET_RATIO = 1.5
TARGET_MS = 60


@dataclass
class Database:
    """One of the two throwaway databases, and what this process keeps for it."""

    label: str
    name: str = ""
    connection: object = None  # its own, kept open between turns
    index: object = None  # practices.library_index's kept index
    # The local-memory cache's entries and expiry times.
    cache: tuple = field(default_factory=lambda: (OrderedDict(), {}))
    wall: dict = field(default_factory=lambda: {name: [] for name in URLS})
    cpu: dict = field(default_factory=lambda: {name: [] for name in URLS})
    queries: dict = field(default_factory=dict)
    listed: dict = field(default_factory=dict)
    engine: list = field(default_factory=list)  # the first search's engine share, alone


_current = None


def use(database):
    """Point the connection, the library's kept index and the cache at ``database``."""
    global _current
    from django.core.cache import cache

    from practices import library_index

    if _current is not None:
        _current.index = library_index._current
        _current.cache = (cache._cache, cache._expire_info)
    connections[DEFAULT_DB_ALIAS] = database.connection
    library_index._current = database.index
    cache._cache, cache._expire_info = database.cache
    _current = database


def measure_once(client, database):
    """Render each URL once on ``database``."""
    use(database)
    for name, url in URLS.items():
        if name == FIRST_SEARCH:
            results_cache.bump()
        with CaptureQueriesContext(connection) as queries:
            started, cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            database.cpu[name].append(time.process_time() - cpu)
            database.wall[name].append(time.perf_counter() - started)
        assert response.status_code == 200, (url, response.status_code)
        heading = re.search(r'id="results-heading"[^>]*>([^<]*)', response.content.decode())
        listed = re.sub(r"\D", "", heading.group(1).split(" case")[0]) if heading else "?"
        database.queries[name] = len(queries.captured_queries)
        database.listed[name] = listed
    database.engine.append(engine_share())


def engine_share():
    """The seconds of what a first search of FIRST_SEARCH's keywords asks of the engine,
    timed alone: its ids (the first ranked and every match, one statement) and their bits,
    as the listing asks for them (``Listing.search_keywords``). The floor under that
    row's growth with the size."""
    from urllib.parse import urlsplit

    from django.http import QueryDict
    from wagtail.models import Locale

    from practices.listing import Filters, Listing

    address = urlsplit(URLS[FIRST_SEARCH])
    locale = Locale.objects.get(language_code=address.path.split("/")[1])
    listing = Listing(locale, Filters.from_query(QueryDict(address.query)))
    started = time.perf_counter()
    listing.search_keywords()
    return time.perf_counter() - started


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


def create(database, base, base_name):
    """Create ``database`` as a test database of its own (a file on SQLite), with ``base``,
    the settings' connection, and give it a connection of its own."""
    connections[DEFAULT_DB_ALIAS] = base
    test = base.settings_dict.setdefault("TEST", {})
    if base.vendor == "sqlite":
        test["NAME"] = str(
            Path(tempfile.gettempdir()) / f"library_render_{os.getpid()}_{database.label}.db"
        )
    else:
        test["NAME"] = f"test_library_render_{os.getpid()}_{database.label}"
    base.settings_dict["NAME"] = base_name
    database.name = base.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    base.close()
    database.connection = connections.create_connection(DEFAULT_DB_ALIAS)
    database.connection.settings_dict = {**base.settings_dict, "NAME": database.name}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--small", type=int, default=100)
    parser.add_argument("--large", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()

    setup_test_environment()
    base = connections[DEFAULT_DB_ALIAS]
    base_name = base.settings_dict["NAME"]
    databases = [Database("small"), Database("large")]
    created = []
    try:
        from cms.demo import DemoLoader

        for database, size, seed in zip(databases, (args.small, args.large), (1, 2), strict=True):
            print(f"{database.label}: {size} case studies per language ({connection.vendor})")
            create(database, base, base_name)
            created.append(database)
            use(database)
            DemoLoader().run()
            top_up(size, seed)
        client = Client()
        # One client asks for the keywords far more often than a reader may (cms.ratelimit).
        unlimited = {"library-search": (1_000_000, 60)}
        with override_settings(
            FAIRVILLE_PAGE_CACHE_SECONDS=0, DEBUG=False, FAIRVILLE_RATE_LIMITS=unlimited
        ):
            for database in databases:  # warm the site-root caches and the library's index
                use(database)
                for url in URLS.values():
                    client.get(url)
            for turn in range(args.repeat):
                for database in databases if turn % 2 else reversed(databases):
                    measure_once(client, database)
        report(args, *databases)
    finally:
        connections[DEFAULT_DB_ALIAS] = base
        for database in created:
            database.connection.close()
            base.settings_dict["NAME"] = database.name
            base.creation.destroy_test_db(base_name, verbosity=0)


def report(args, small, large):
    print()
    print(
        f"median of {args.repeat} renders, interleaved; wall time (CPU time of this process); "
        f"q: queries; n: case studies listed; target at {args.large}: <= {TARGET_RATIO}x "
        f"and <= {TARGET_MS} ms"
    )
    print(f"{'URL':<13}{args.small:>27} {args.large:>30}   ratio wall (cpu)  target")
    for name in URLS:
        figures = []
        for database in (small, large):
            figures.append(
                (
                    statistics.median(database.wall[name]),
                    statistics.median(database.cpu[name]),
                )
            )
        (small_wall, small_cpu), (large_wall, large_cpu) = figures
        ratio, cpu_ratio = large_wall / small_wall, large_cpu / small_cpu
        met = ratio <= TARGET_RATIO and large_wall * 1000 <= TARGET_MS
        print(
            f"{name:<13}{small_wall * 1000:>7.1f} ({small_cpu * 1000:>5.1f}) ms "
            f"{small.queries[name]:>2}q n={small.listed[name]:<6}"
            f"{large_wall * 1000:>7.1f} ({large_cpu * 1000:>5.1f}) ms "
            f"{large.queries[name]:>2}q n={large.listed[name]:<7}"
            f"{ratio:>6.2f}x ({cpu_ratio:.2f}x)  {'met' if met else 'MISSED'}"
        )
    small_engine, large_engine = (statistics.median(d.engine) * 1000 for d in (small, large))
    small_first = statistics.median(small.wall[FIRST_SEARCH]) * 1000
    print(
        f"{FIRST_SEARCH}: the engine's share alone (its ids and their bits) "
        f"{small_engine:.1f} ms at {args.small}, {large_engine:.1f} ms at {args.large}: "
        f"+{large_engine - small_engine:.1f} ms, where {TARGET_RATIO}x leaves the whole page "
        f"+{(TARGET_RATIO - 1) * small_first:.1f} ms"
    )


if __name__ == "__main__":
    main()
