"""The same renders timed on two checkouts of the site, interleaved in one run.

    .venv/bin/python benchmarks/before_after.py --before DIR [--after DIR]
    scripts/with-postgres.sh .venv/bin/python benchmarks/before_after.py --before DIR

``--before`` is another checkout of the project (``--after`` defaults to this one), for
instance the commit before a refactoring::

    git worktree add --detach /tmp/fairville-before COMMIT
    ln -s "$PWD/.venv" /tmp/fairville-before/.venv
    (cd /tmp/fairville-before && .venv/bin/python manage.py compilemessages --ignore=.venv -v0)

Each checkout gets a worker process running its own code (this file, started with the
checkout as its working directory and first import path), on its own throwaway test
database (SQLite in memory; on PostgreSQL a database per side): the demo site, then
``--pages`` generated case studies per language (``practices.factories``) and
``--sessions`` past sessions with transcripts (``sessions.factories``), all indexed
with ``update_index``. The page cache and the search results cache are off.

Then ``--rounds`` rounds ask the two workers in turn (before, after; then after,
before...) to render every URL below ``--repeat`` times with Django's test client.
Each round keeps each URL's median wall time and CPU time (of the worker process: on
PostgreSQL the server's own work is not in it); the figures printed are the medians
over the rounds, with the ratio after/before. A ratio above 1 is a slowdown. On a
loaded machine the wall times wander; the CPU times and the ratios of interleaved
rounds are the steadier figures. Queries per render are counted once per URL; with
``--queries`` the tables that one side reads more often than the other are listed too.

The URLs use the demo's slugs; a page a checkout does not have (status other than
200) is reported, not timed.
"""

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

HERE = Path(__file__).resolve()

LIBRARY = {
    "library, no filter": "/en/library/",
    "library, one tag": "/en/library/?tag=housing",
    "library, lab + lever": "/en/library/?lab=marseille&lever=ancrer",
    "library, five facets": "/en/library/?lab=marseille&lab=berlin&tag=housing&tag=water"
    "&lever=financer&country=FR&country=DE&period=2010&lang=fr&sort=title",
    "library, keywords": "/fr/bibliotheque/?q=logement",
    "library, page 5": "/fr/bibliotheque/?page=5",
}
SEARCHES = {
    "search, common word (fr)": ("fr", "logement"),
    "search, two words (en)": ("en", "participatory budget"),
    "search, transcripts (fr)": ("fr", "habitants quartier"),
    "search, no result (en)": ("en", "zzyzxqv"),
}


# The worker: runs inside one checkout.


class NoLimits(dict):
    """FAIRVILLE_RATE_LIMITS that no scope reaches: the search page counts each client
    (20 a minute by default), and the benchmark is one client rendering it hundreds of
    times. Requests are still counted, as on a live site."""

    def get(self, scope, default=None):
        return (10**9, 3600)


def worker(args):
    # Only the protocol's lines go to the real stdout; everything else to stderr.
    out = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)
    sys.path.insert(0, os.getcwd())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")

    import django

    django.setup()

    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    import cms

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    started = time.perf_counter()
    try:
        from cms.demo import DemoLoader
        from practices.factories import bulk_case_studies
        from sessions.factories import bulk_sessions

        DemoLoader().run()
        if args.pages:
            bulk_case_studies(args.pages, seed=1)
        if args.sessions:
            bulk_sessions(args.sessions, segments=args.segments, seed=1)
        call_command("update_index", verbosity=0)
        urls = page_urls()
        client = Client()
        with override_settings(
            DEBUG=False,
            FAIRVILLE_PAGE_CACHE_SECONDS=0,
            FAIRVILLE_SEARCH_CACHE_SECONDS=0,
            FAIRVILLE_RATE_LIMITS=NoLimits(),
        ):
            queries, tables, status = {}, {}, {}
            for name, url in urls.items():
                with CaptureQueriesContext(connection) as captured:
                    response = client.get(url)  # also warms the caches a live site keeps
                status[name] = response.status_code
                queries[name] = len(captured.captured_queries)
                tables[name] = [first_table(query["sql"]) for query in captured.captured_queries]
            ready = {
                "root": str(Path(cms.__file__).resolve().parent.parent),
                "database": connection.vendor,
                "setup_s": round(time.perf_counter() - started, 1),
                "urls": urls,
                "status": status,
                "queries": queries,
                "tables": tables,
                "page_cache": settings.FAIRVILLE_PAGE_CACHE_SECONDS,
            }
            out.write(json.dumps(ready) + "\n")
            timed = [name for name in urls if status[name] == 200]
            for line in sys.stdin:
                if line.strip() != "measure":
                    break
                out.write(json.dumps(measure(client, urls, timed, args.repeat)) + "\n")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def first_table(sql):
    found = re.search(r'\b(?:FROM|INTO|UPDATE)\s+"?([\w.]+)"?', sql)
    return found.group(1) if found else sql[:40]


def page_urls():
    """The URLs to time, by name: a page of each kind, the library, the search page."""
    from django.urls import reverse
    from django.utils import translation

    from practices.models import CaseStudyPage
    from sessions.models import RecordingPage, SessionPage

    def first(model, language):
        page = (
            model.objects.live()
            .public()
            .filter(locale__language_code=language)
            .order_by("path")
            .first()
        )
        return page.url if page else f"/{language}/missing-{model.__name__}/"

    urls = {
        "home (fr)": "/fr/",
        "home (en)": "/en/",
        "session (fr)": first(SessionPage, "fr"),
        "session (en)": first(SessionPage, "en"),
        "recording (en)": first(RecordingPage, "en"),
        "case study (fr)": first(CaseStudyPage, "fr"),
        "case study (en)": first(CaseStudyPage, "en"),
    }
    urls.update(LIBRARY)
    for name, (language, text) in SEARCHES.items():
        with translation.override(language):
            urls[name] = f"{reverse('search')}?{urlencode({'q': text})}"
    with translation.override("fr"):
        urls["suggestions (fr)"] = f"{reverse('search_suggestions')}?q=loge"
    return urls


def measure(client, urls, names, repeat):
    """{name: [median wall ms, median CPU ms, statuses other than 200]} of ``repeat``
    renders of each URL."""
    figures = {}
    for name in names:
        wall, cpu, other = [], [], []
        for _ in range(repeat):
            wall_start, cpu_start = time.perf_counter(), time.process_time()
            response = client.get(urls[name])
            cpu.append(time.process_time() - cpu_start)
            wall.append(time.perf_counter() - wall_start)
            if response.status_code != 200:
                other.append(response.status_code)
        figures[name] = [statistics.median(wall) * 1000, statistics.median(cpu) * 1000, other]
    return figures


# The driver: starts one worker per checkout and alternates between them.


def database_url(side):
    """DATABASE_URL for one side: its own PostgreSQL database, so two test databases."""
    url = os.environ.get("DATABASE_URL")
    if not url:
        return None
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"{parts.path.rstrip('/')}_{side}"))


def start(side, root, args):
    env = dict(os.environ)
    if database_url(side):
        env["DATABASE_URL"] = database_url(side)
    command = [sys.executable, str(HERE), "--worker", "--repeat", str(args.repeat)]
    command += ["--pages", str(args.pages), "--sessions", str(args.sessions)]
    command += ["--segments", str(args.segments)]
    return subprocess.Popen(  # noqa: S603 - this same script, with the caller's options
        command, cwd=root, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )


def read(process, side):
    line = process.stdout.readline()
    if not line:
        raise SystemExit(f"the {side} worker stopped (its output is above)")
    return json.loads(line)


def report(ready, rounds, args):
    names = [name for name in ready["after"]["urls"] if name in ready["before"]["urls"]]
    print()
    print(
        f"{args.rounds} interleaved rounds, each the median of {args.repeat} renders; "
        f"medians over the rounds (ms); ratio = after / before; q: queries per render"
    )
    header = f"{'':<28}{'wall before':>12}{'after':>9}{'ratio':>7}"
    print(header + f"{'cpu before':>12}{'after':>9}{'ratio':>7}{'q before':>10}{'after':>6}")
    wall_ratios, cpu_ratios = [], []
    for name in names:
        statuses = [ready[side]["status"][name] for side in ("before", "after")]
        queries = [ready[side]["queries"][name] for side in ("before", "after")]
        if statuses != [200, 200]:
            print(f"{name:<28}not timed: status {statuses[0]} before, {statuses[1]} after")
            continue
        failed = sorted({code for r in rounds for side in r for code in r[side][name][2]})
        if failed:
            print(f"{name:<28}not reported: answered {failed} while timed")
            continue
        medians = {
            side: [statistics.median(r[side][name][i] for r in rounds) for i in (0, 1)]
            for side in ("before", "after")
        }
        wall = medians["after"][0] / medians["before"][0]
        cpu = medians["after"][1] / medians["before"][1]
        wall_ratios.append(wall)
        cpu_ratios.append(cpu)
        print(
            f"{name:<28}{medians['before'][0]:>12.1f}{medians['after'][0]:>9.1f}{wall:>7.2f}"
            f"{medians['before'][1]:>12.1f}{medians['after'][1]:>9.1f}{cpu:>7.2f}"
            f"{queries[0]:>10}{queries[1]:>6}"
        )
    if wall_ratios:
        wall, cpu = statistics.geometric_mean(wall_ratios), statistics.geometric_mean(cpu_ratios)
        print(f"{'geometric mean of ratios':<28}{'':>21}{wall:>7.2f}{'':>21}{cpu:>7.2f}")
    if args.queries:
        print("\nqueries by first table: + read more often after, - read more often before")
        for name in names:
            before = Counter(ready["before"]["tables"][name])
            after = Counter(ready["after"]["tables"][name])
            changes = [f"+{n} {table}" for table, n in sorted((after - before).items())]
            changes += [f"-{n} {table}" for table, n in sorted((before - after).items())]
            if changes:
                print(f"{name:<28}{', '.join(changes)}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", type=Path, help="the other checkout (required)")
    parser.add_argument("--after", type=Path, default=HERE.parent.parent)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--pages", type=int, default=1000, help="case studies per language")
    parser.add_argument("--sessions", type=int, default=10, help="past sessions per language")
    parser.add_argument("--segments", type=int, default=100, help="segments per transcript")
    parser.add_argument("--queries", action="store_true", help="list the queries that differ")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args)
        return
    if args.before is None:
        parser.error("--before DIR is required")

    roots = {"before": args.before.resolve(), "after": args.after.resolve()}
    # Both set up at once (the slow part), then they take turns.
    processes = {side: start(side, root, args) for side, root in roots.items()}
    try:
        ready = {side: read(process, side) for side, process in processes.items()}
        for side in ("before", "after"):
            info = ready[side]
            print(f"{side}: {info['root']} on {info['database']}, set up in {info['setup_s']} s")
        rounds = []
        for number in range(args.rounds):
            order = ("before", "after") if number % 2 == 0 else ("after", "before")
            figures = {}
            for side in order:
                processes[side].stdin.write("measure\n")
                processes[side].stdin.flush()
                figures[side] = read(processes[side], side)
            rounds.append(figures)
            print(f"  round {number + 1} of {args.rounds} done", file=sys.stderr)
        report(ready, rounds, args)
    finally:
        for process in processes.values():
            if process.stdin and not process.stdin.closed:
                process.stdin.close()
        for process in processes.values():
            process.wait(timeout=600)


if __name__ == "__main__":
    main()
