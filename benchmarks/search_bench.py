"""Search benchmark: this project's search against the stock backend and the raw FTS5 floor.

One command runs everything, SQLite and PostgreSQL::

    scripts/with-postgres.sh .venv/bin/python benchmarks/search_bench.py

(Without ``scripts/with-postgres.sh`` the PostgreSQL half is skipped.) Each engine runs in
its own process on a fresh database: the demo site, then 10,000 case studies in French
and 10,000 in English from ``practices.factories.bulk_case_studies`` (about 450 words each,
with labs, tags, levers and years), then 40 past sessions in each language from
``sessions.factories.bulk_sessions``, each with a recording whose transcripts (French and
English) have 100 segments each (8,000 transcript segments), all indexed once with
``update_index``. Then a fixed query set (common, rare, two-word, unaccented, hyphenated
words, and words of the transcripts) is run ``--runs`` times (the two processes time the
results-page misses in turns, query by query, so that both meet the machine as it is
within the same few seconds; the rest one process after the other) and p50/p95 latencies are
printed for:

- ours: a results page as the search view builds it (hits, total, facet counts with their
  labels and links, objects, URLs, highlighted snippets, editors' picks), in one language;
- stock: Wagtail's database backend, top 20 of ``Page.objects.live().filter(locale=...)
  .search(q)`` (SQLite only; it takes seconds a query, so one run of one query per kind);
- floor: a raw FTS5 ``MATCH`` with bm25 and ``LIMIT 20`` on the same text;
- autocomplete: the suggestions endpoint's work for prefixes;
- relevance: nDCG@10 and recall@10 of the judged queries (tests/search/judgements/) on
  the demo site alone, and of queries made from the generated titles
  (benchmarks/relevance.py);
- indexing: ``update_index`` of all of it (and the demo site), with the number of indexed
  documents of each kind (case studies, sessions, recordings, transcript segments).

Options: ``--pages N`` case studies per language (default 10,000), ``--sessions N`` per
language (default 40), ``--segments N`` per transcript (default 100), ``--runs N``
(default 10), ``--no-stock`` to skip the stock backend, ``--stock-timeout S`` (default
120 s a query).
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import relevance

ROOT = Path(__file__).resolve().parent.parent

# Words of practices.factories' generated case studies, which draw on a small bilingual
# phrase book: most words are in nearly every page (the hardest case for facet counts), the
# references are in one page each. The "transcripts" words are in sessions.factories'
# generated transcripts (its own phrase book), not in the case studies.
QUERIES = {
    "fr": {
        "common": ["habitants", "logement", "quartier"],
        "rare": ["000042", "004242", "009999"],
        "two words": ["coopérative logement", "jardin eau", "assemblée rue"],
        "unaccented": ["renovation", "universite", "negocie"],
        "hyphenated": ["voisin·e·s", "habitant-e-s", "l'accès"],
        "transcripts": ["friches", "cantines solidaires", "riverains"],
    },
    "en": {
        "common": ["residents", "housing", "neighbourhoods"],
        "rare": ["000042", "004242", "009999"],
        "two words": ["cooperative housing", "garden water", "street assembly"],
        "unaccented": ["RENOVATION", "Universities", "negotiates"],
        "hyphenated": ["low-income", "low income", "city-hall"],
        "transcripts": ["wastelands", "solidarity canteens", "consultation"],
    },
}
STOCK_QUERIES = ["habitants", "004242", "coopérative logement", "renovation", "voisin·e·s"]
# Typos of the generated pages' words: each finds nothing, so the page offers "did you mean".
TYPOS = {
    "fr": ["habitnats", "logemnet", "quartiers rénvation", "coopérativs", "assmeblée"],
    "en": ["residnets", "housnig", "neighbuorhoods", "cooperatvie housing", "assmebly"],
}
# Prefixes with one wrong letter, for autocomplete.
PREFIX_TYPOS = {
    "fr": ["jra", "cop", "asem", "fno", "rsé"],
    "en": ["gra", "cop", "asem", "fnu", "ntw"],
}
# A day's visitors: queries repeat, a few often (Zipf-like: the k-th most asked query is
# asked 1/k as often). Replayed once through the results cache for its hit rate.
VISITS = 1000
PREFIXES = {
    "fr": ["ja", "jar", "coop", "ass", "ob", "fon", "per", "rés", "ate", "mar"],
    "en": ["ga", "gar", "coop", "ass", "ob", "fun", "hel", "net", "wor", "mar"],
}


def percentiles(samples):
    samples = sorted(samples)
    if not samples:
        return None, None
    p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
    return statistics.median(samples), p95


def timed(function, *args, **kwargs):
    start = time.perf_counter()
    result = function(*args, **kwargs)
    return (time.perf_counter() - start) * 1000, result


# -- one engine, in its own process ---------------------------------------------------------


# Indexed documents counted by kind in the report, in this order; the rest is "other".
KINDS = {
    "case_study": "case studies",
    "session": "sessions",
    "recording": "recordings",
    "transcript": "transcript segments",
}


def run_engine(engine, pages, sessions, segments, runs, stock, stock_timeout):
    # Relevance of the judged queries, on the demo alone (tests/search/judgements/).
    relevance_report = relevance.prepare(engine)
    from django.core.management import call_command
    from django.db.models import Count
    from django.test import RequestFactory
    from django.utils import translation

    from practices.factories import bulk_case_studies
    from search import results_cache, service
    from search.models import IndexedDocument
    from sessions.factories import bulk_sessions

    seconds, made = timed(bulk_case_studies, pages, ("fr", "en"))
    report = {"engine": engine, "pages": 2 * len(made), "generate_ms": seconds}
    report["sessions_ms"], made = timed(bulk_sessions, sessions, ("fr", "en"), segments=segments)
    report["sessions"] = 2 * len(made)
    report["segments"] = len(made) * 2 * segments  # a French and an English transcript each
    report["index_ms"], _ = timed(call_command, "update_index", verbosity=0)
    settle()
    relevance_report["generated"] = relevance.generated_set()
    report["relevance"] = relevance_report
    kinds = IndexedDocument.objects.values_list("kind").annotate(count=Count("id"))
    report["indexed"] = {kind if kind in KINDS else "other": 0 for kind in [*KINDS, "other"]}
    for kind, count in kinds:
        report["indexed"][kind if kind in KINDS else "other"] += count

    factory = RequestFactory()
    report["ours"], report["totals"] = serve_misses(factory, service, results_cache)
    hits = {}
    for language, kinds in QUERIES.items():
        with translation.override(language):
            for kind, queries in kinds.items():
                for query in queries:
                    request = factory.get(f"/{language}/search/", {"q": query})
                    service.search(request)  # kept for this generation of the index
                    for _ in range(runs):
                        hits.setdefault(kind, []).append(timed(service.search, request)[0])
    report["hits"] = hits

    typos, suggestions = [], {}
    for language, queries in TYPOS.items():
        with translation.override(language):
            for query in queries:
                request = factory.get(f"/{language}/search/", {"q": query})
                service.search(request)
                for _ in range(runs):
                    results_cache.bump()
                    ms, found = timed(service.search, request)
                    typos.append(ms)
                suggestions[f"{language}:{query}"] = [found.total, found.suggestion]
    report["typos"] = typos
    report["suggestions"] = suggestions

    report["cache"] = visit(factory, service, results_cache)

    suggest = []
    for language, prefixes in PREFIXES.items():
        with translation.override(language):
            for prefix in prefixes:
                request = factory.get(f"/{language}/search/suggestions/", {"q": prefix})
                service.suggestions(request, prefix)
                for _ in range(runs):
                    suggest.append(timed(service.suggestions, request, prefix)[0])
    report["autocomplete"] = suggest
    typed, typed_kept, found_titles = [], [], {}
    for language, prefixes in PREFIX_TYPOS.items():
        with translation.override(language):
            for prefix in prefixes:
                request = factory.get(f"/{language}/search/suggestions/", {"q": prefix})
                found_titles[f"{language}:{prefix}"] = len(service.suggestions(request, prefix))
                for _ in range(runs):
                    # The correction's words and counts are kept per index generation: the
                    # target is measured after a write, as the results page's miss is.
                    results_cache.bump()
                    typed.append(timed(service.suggestions, request, prefix)[0])
                for _ in range(runs):
                    typed_kept.append(timed(service.suggestions, request, prefix)[0])
    report["autocomplete_typos"] = typed
    report["autocomplete_typos_kept"] = typed_kept
    report["autocomplete_typo_counts"] = found_titles

    if engine == "sqlite":
        report["floor"] = floor(runs)
        if stock:
            report.update(stock_backend(stock_timeout))
    else:
        report["parts"] = statement_parts(runs)
    print("RESULT " + json.dumps(report))


# The CTEs of PostgreSQL's results-page statement (postgres.page_sql), in order: each part
# is timed as the statement up to it, which then selects from it.
PARTS = ["found", "titled", "candidates", "ranked"]


def statement_parts(runs):
    """Where PostgreSQL's results-page statement spends the server's CPU: for the broad
    queries (a word in most pages), the server backend's CPU time (from
    /proc/<pid>/schedstat, nanoseconds) of the statement cut after each of its CTEs, and of
    the whole, each prepared as the site's are. What a part costs is its figure minus the
    one before."""
    from django.db import connection
    from wagtail.search.backends import get_search_backend

    from search.backends.postgres import prepared_cursor
    from search.backends.site import SiteQuery

    backend = get_search_backend()
    connection.ensure_connection()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (pid,) = cursor.fetchone()

    def server_ms():
        with open(f"/proc/{pid}/schedstat") as stat:
            return int(stat.read().split()[0]) / 1e6

    parts = {}
    for language, kinds in QUERIES.items():
        for kind in ("common", "two words", "unaccented", "hyphenated"):
            for query in kinds[kind]:
                _, expressions = backend.site_plans(SiteQuery(query, (language,), {}, 0, 10, ""))
                sql, params = backend.site_sql(expressions, [], 0, 10)
                cuts = _cut_statement(sql, params)
                cuts.append(("whole statement", sql, params))
                with prepared_cursor() as cursor:
                    for name, cut, cut_params in cuts:
                        # Warm-up: prepared, then planned five times, as the site's are
                        # (postgres.PreparedCursor), before its generic plan.
                        for _ in range(6):
                            cursor.execute(cut, cut_params)
                            cursor.fetchall()
                        started = server_ms()
                        for _ in range(runs):
                            cursor.execute(cut, cut_params)
                            cursor.fetchall()
                        parts.setdefault(name, []).append((server_ms() - started) / runs)
    return parts


def _cut_statement(sql, params):
    """The statement ending after each of PARTS that it has, with its parameters (those of
    the CTEs kept: every parameter after the cut belongs to the CTEs and SELECT cut off)."""
    cuts, kept = [], []
    for index, name in enumerate(PARTS):
        marker = f", {PARTS[index + 1]} AS " if index + 1 < len(PARTS) else ", top AS ("
        if marker not in sql:
            continue
        kept.append(name)
        head = sql[: sql.index(marker)]
        # Every part so far is read, every column of it (a whole-row count): PostgreSQL
        # skips a CTE that nothing reads, and a column that nothing reads.
        counts = ", ".join(f"(SELECT count({part}) FROM {part})" for part in kept)  # noqa: S608
        cut = f"{head} SELECT {counts}"  # noqa: S608 (the backend's statement, CTE names)
        cuts.append((f"up to {name}", cut, params[: head.count("%s")]))
    return cuts


def serve_misses(factory, service, results_cache):
    """Time results-page misses as the parent asks, a query at a time, in turns with the
    other engine's process: each ``["miss", language, kind, query, runs]`` (a warm-up,
    then ``runs`` misses) is answered ``OK`` once timed, until ``["done"]``. Both engines
    meet the machine as it is within the same few seconds, so a noisy moment slows both,
    not one (each used to run alone, one after the other, and a run's ratio moved with
    whatever the machine did in either half); a query's runs follow one another, so each
    engine meets it with its own caches warm, as a server answering searches does.

    ({kind: [ms]}, {"language:query": total}).
    """
    from django.utils import translation

    print("READY", flush=True)
    latencies, totals = {}, {}
    for line in sys.stdin:
        command = json.loads(line)
        if command[0] == "done":
            break
        _, language, kind, query, runs = command
        with translation.override(language):
            request = factory.get(f"/{language}/search/", {"q": query})
            service.search(request)  # warm-up
            for _ in range(runs):
                # A cache miss: every index write changes the generation, as here.
                results_cache.bump()
                ms, found = timed(service.search, request)
                latencies.setdefault(kind, []).append(ms)
        totals[f"{language}:{query}"] = found.total
        print("OK", flush=True)
    return latencies, totals


def settle():
    """Do now what the bulk load left for later, before anything is timed: on PostgreSQL,
    autovacuum's work on every table the 20,000 pages filled (pages, revisions,
    translations: it would start within a minute, in the middle of the timings) and the
    checkpoint of their writes. A visitor's search meets a server long past its last
    bulk load. (SQLite has no background work.)"""
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)")
        cursor.execute("CHECKPOINT")


def visit(factory, service, results_cache):
    """Replay a day's visitors (VISITS searches, Zipf-like) through the results cache: its
    hit and miss counts, and the latency of the whole replay per search."""
    import random

    from django.utils import translation

    asked = [
        (language, q) for language, kinds in QUERIES.items() for qs in kinds.values() for q in qs
    ]
    weights = [1 / rank for rank in range(1, len(asked) + 1)]
    chosen = random.Random(15).choices(asked, weights, k=VISITS)
    results_cache.bump()
    results_cache.reset_stats()
    latencies = []
    for language, query in chosen:
        with translation.override(language):
            request = factory.get(f"/{language}/search/", {"q": query})
            latencies.append(timed(service.search, request)[0])
    return {**results_cache.stats(), "latencies": latencies}


def floor(runs):
    """A raw FTS5 table of the same text, unicode61 without diacritics: MATCH, bm25, LIMIT 20."""
    from django.db import connection

    latencies = {}
    with connection.cursor() as cursor:
        for language in QUERIES:
            table = f"bench_raw_{language}"
            cursor.execute(
                f"CREATE VIRTUAL TABLE IF NOT EXISTS {table} USING fts5("
                "title, body, tokenize = 'unicode61 remove_diacritics 2')"
            )
            cursor.execute(
                f"INSERT INTO {table} (rowid, title, body) "  # noqa: S608 (constants)
                "SELECT d.id, d.title, t.text FROM search_indexeddocument d "
                "JOIN search_indexedtext t ON t.document_id = d.id "
                "WHERE d.language = %s AND d.kind <> ''",
                [language],
            )
            for kind, queries in QUERIES[language].items():
                for query in queries:
                    expression = " ".join(f'"{word}"' for word in query.split())
                    sql = (
                        f"SELECT rowid, bm25({table}) AS score FROM {table} "  # noqa: S608
                        f"WHERE {table} MATCH %s ORDER BY score LIMIT 20"
                    )
                    cursor.execute(sql, [expression])
                    for _ in range(runs):
                        start = time.perf_counter()
                        cursor.execute(sql, [expression])
                        cursor.fetchall()
                        latencies.setdefault(kind, []).append((time.perf_counter() - start) * 1000)
    return latencies


def stock_backend(timeout):
    """Wagtail's own database backend on the same pages: build its index, time one run each.

    A query still running after ``timeout`` seconds is interrupted and counted as taking
    ``timeout`` (the figure is then a lower bound, marked with ">").
    """
    from django.core.management import call_command
    from django.db import OperationalError, connection
    from wagtail.models import Locale, Page

    backend = "wagtail.search.backends.database"
    index_ms, _ = timed(call_command, "update_index", backend_name=backend, verbosity=0)
    french = Locale.objects.get(language_code="fr")
    queryset = Page.objects.live().filter(locale=french)
    latencies, interrupted, counts = [], 0, {}
    connection.ensure_connection()
    for query in STOCK_QUERIES:
        started = time.perf_counter()
        connection.connection.set_progress_handler(
            lambda started=started: int(time.perf_counter() - started > timeout), 100_000
        )
        found = None
        try:
            found = len(list(queryset.search(query, backend=backend)[:20]))
            ms = (time.perf_counter() - started) * 1000
        except OperationalError:
            ms, interrupted = timeout * 1000, interrupted + 1
        connection.connection.set_progress_handler(None, 0)
        latencies.append(ms)
        counts[query] = found
        print(
            f"  stock backend: {query!r} took {ms / 1000:.1f} s, {found} results", file=sys.stderr
        )
    return {
        "stock": latencies,
        "stock_index_ms": index_ms,
        "stock_interrupted": interrupted,
        "stock_counts": counts,
    }


# -- the parent: run both engines, print the table --------------------------------------------


class Child:
    """One engine's process (``--engine``): it builds its data, then times the misses the
    parent asks for (serve_misses), then measures the rest alone and prints its report."""

    def __init__(self, engine, args):
        self.engine = engine
        # The SQLite database (about 500 MB) lives only as long as its run.
        self.directory = tempfile.TemporaryDirectory(prefix="fairville-bench-")
        env = dict(os.environ)
        if engine == "sqlite":
            env["DATABASE_URL"] = f"sqlite:///{self.directory.name}/bench.sqlite3"
        command = [sys.executable, __file__, "--engine", engine]
        for option in ("pages", "sessions", "segments", "runs", "stock_timeout"):
            command += [f"--{option.replace('_', '-')}", str(getattr(args, option))]
        if args.no_stock:
            command.append("--no-stock")
        print(f"Running {engine}…", file=sys.stderr)
        # Its messages go to a file: a pipe nobody reads while it works would fill up.
        self.errors = open(Path(self.directory.name) / "stderr.log", "w+")
        self.process = subprocess.Popen(  # noqa: S603
            command,
            env=env,
            cwd=ROOT,
            text=True,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.errors,
        )

    def expect(self, token):
        """Read the child's output up to a line starting with ``token``; that line."""
        for line in self.process.stdout:
            if line.startswith(token):
                return line
        self.fail()

    def fail(self):
        self.errors.seek(0)
        raise SystemExit(f"The {self.engine} run failed:\n{self.errors.read()[-3000:]}")

    def ask(self, *command):
        self.process.stdin.write(json.dumps(command) + "\n")
        self.process.stdin.flush()

    def miss(self, language, kind, query, runs):
        self.ask("miss", language, kind, query, runs)
        self.expect("OK")

    def finish(self):
        """Let it measure the rest; its report."""
        self.ask("done")
        line = self.expect("RESULT ")
        self.process.wait()
        self.errors.seek(0)
        sys.stderr.write(self.errors.read())
        return json.loads(line[len("RESULT ") :])

    def close(self):
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.errors.close()
        self.directory.cleanup()


def run_engines(args, engines):
    """Every engine's report: the processes build their data side by side, then time the
    misses in turns (query by query), then measure the rest one at a time."""
    children = {}
    try:
        for engine in engines:
            children[engine] = Child(engine, args)
        for child in children.values():
            child.expect("READY")
        for language, kinds in QUERIES.items():
            for kind, queries in kinds.items():
                for query in queries:
                    for child in children.values():
                        child.miss(language, kind, query, args.runs)
        return {engine: child.finish() for engine, child in children.items()}
    finally:
        for child in children.values():
            child.close()


def row(label, samples):
    p50, p95 = percentiles(samples)
    if p50 is None:
        return f"  {label:<44} {'-':>9} {'-':>9}"
    return f"  {label:<44} {p50:9.1f} {p95:9.1f}"


def every_hit(report):
    return [ms for samples in report["hits"].values() for ms in samples]


def print_report(sqlite, postgres):
    print(
        f"\nSearch benchmark: {sqlite['pages']:,} generated case studies and "
        f"{sqlite['sessions']:,} sessions, each with a recording ({sqlite['segments']:,} "
        "transcript segments),\nhalf French, half English, on the demo site; top results "
        "within one language"
    )
    print(f"\n  {'latency in ms':<44} {'p50':>9} {'p95':>9}")
    for name, report in (("SQLite", sqlite), ("PostgreSQL", postgres)):
        if report is None:
            continue
        every = [ms for samples in report["ours"].values() for ms in samples]
        print(row(f"{name}: this project, results page + facets (miss)", every))
        for kind, samples in report["ours"].items():
            print(row(f"    {kind}", samples))
        if name == "SQLite":
            floor_all = [ms for samples in report["floor"].values() for ms in samples]
            print(row("SQLite: raw FTS5 MATCH bm25 LIMIT 20 (floor)", floor_all))
            for kind, samples in report["floor"].items():
                print(row(f"    {kind}", samples))
            if "stock" in report:
                label = "SQLite: stock Wagtail database backend"
                if report["stock_interrupted"]:
                    label += f" ({report['stock_interrupted']} stopped, >)"
                print(row(label, report["stock"]))
        print(row(f"{name}: results page, cache hit", every_hit(report)))
        print(row(f"{name}: did you mean (query with no result)", report["typos"]))
        print(row(f"{name}: autocomplete", report["autocomplete"]))
        print(row(f"{name}: autocomplete, one wrong letter", report["autocomplete_typos"]))
        print(row(f"{name}:   the same, asked again", report["autocomplete_typos_kept"]))

    def ratio(a, b):
        return f"{a / b:6.1f}x" if a and b else "     -"

    ours_sqlite = percentiles([ms for s in sqlite["ours"].values() for ms in s])
    floor_sqlite = percentiles([ms for s in sqlite["floor"].values() for ms in s])
    print("\n  ratios (p50, p95)")
    print(
        f"  this project / raw floor, SQLite           "
        f"{ratio(ours_sqlite[0], floor_sqlite[0])} {ratio(ours_sqlite[1], floor_sqlite[1])}"
    )
    if "stock" in sqlite:
        stock = percentiles(sqlite["stock"])
        print(
            f"  stock backend / this project, SQLite       "
            f"{ratio(stock[0], ours_sqlite[0])} {ratio(stock[1], ours_sqlite[1])}"
        )
    if postgres is not None:
        ours_pg = percentiles([ms for s in postgres["ours"].values() for ms in s])
        print(
            f"  PostgreSQL / SQLite, this project          "
            f"{ratio(ours_pg[0], ours_sqlite[0])} {ratio(ours_pg[1], ours_sqlite[1])}"
        )
    heading = "relevance (benchmarks/relevance.py)"
    print(f"\n  {heading:<48} {'n':>4} {'nDCG@10':>9} {'recall@10':>9}")
    for name, report in (("SQLite", sqlite), ("PostgreSQL", postgres)):
        if report is not None:
            print("\n".join(relevance.report_lines(name, report["relevance"])))
    print_targets(sqlite, postgres)
    if postgres is not None and postgres.get("parts"):
        print(
            "\n  PostgreSQL results-page statement, broad queries: server CPU (ms, mean of the"
            " queries) of the statement cut after each part"
        )
        for name, samples in postgres["parts"].items():
            print(f"  {name:<44} {statistics.mean(samples):9.2f}")
    print("\n  indexing (update_index of everything)")
    for name, report in (("SQLite", sqlite), ("PostgreSQL", postgres)):
        if report is not None:
            documents = sum(report["indexed"].values())
            print(f"  {name:<12} {documents:,} documents in {report['index_ms'] / 1000:.1f} s")
    print("\n  generating (case studies; sessions, recordings and transcripts)")
    for name, report in (("SQLite", sqlite), ("PostgreSQL", postgres)):
        if report is not None:
            print(
                f"  {name:<12} {report['generate_ms'] / 1000:.1f} s; "
                f"{report['sessions_ms'] / 1000:.1f} s"
            )
    print("\n  indexed documents by kind, with the demo site's (SQLite / PostgreSQL)")
    for kind in [*KINDS, "other"]:
        other = postgres["indexed"][kind] if postgres else "-"
        label = KINDS.get(kind, "other (demo pages, labs, ...)")
        print(f"  {label:<30} {sqlite['indexed'][kind]:>6} {other:>6}")
    if "stock_index_ms" in sqlite:
        print(
            f"  {'stock SQLite':<12} {sqlite['pages']:,} pages in "
            f"{sqlite['stock_index_ms'] / 1000:.1f} s"
        )
    print("\n  result counts (SQLite / PostgreSQL)")
    for key, total in sqlite["totals"].items():
        other = postgres["totals"].get(key) if postgres else None
        print(f"  {key:<30} {total:>6} {other if other is not None else '-':>6}")
    if "stock_counts" in sqlite:
        print("\n  stock backend's result counts (top 20, French pages) beside this project's")
        for query, count in sqlite["stock_counts"].items():
            ours = sqlite["totals"].get(f"fr:{query}", "-")
            shown = "stopped" if count is None else count
            print(f"  {query:<30} stock {shown!s:>7}   this project (total) {ours!s:>6}")
    print("\n  did you mean (SQLite / PostgreSQL): results, suggestion")
    for key, (total, suggestion) in sqlite["suggestions"].items():
        other = postgres["suggestions"].get(key) if postgres else None
        print(f"  {key:<30} {total:>3} {suggestion!s:<24} {other if other else '-'}")
    print("\n  autocomplete with one wrong letter: titles suggested (SQLite / PostgreSQL)")
    for key, count in sqlite["autocomplete_typo_counts"].items():
        other = postgres["autocomplete_typo_counts"].get(key) if postgres else "-"
        print(f"  {key:<30} {count:>3} {other!s:>3}")


def print_targets(sqlite, postgres):
    """The issue's target table: each measure, its figure and its ratio to the target."""

    def p95(samples):
        return percentiles(samples)[1]

    def every(report, key):
        return [ms for samples in report[key].values() for ms in samples]

    print("\n  targets (issue 15, Speed), p95 in ms: measure, figure, target, ratio, met")
    rows = []
    miss_sqlite = p95(every(sqlite, "ours"))
    floor_sqlite = p95(every(sqlite, "floor"))
    rows.append(("SQLite results page, miss", miss_sqlite, 1.1 * floor_sqlite, "1.1x floor"))
    if postgres is not None:
        miss_pg = p95(every(postgres, "ours"))
        rows.append(("PostgreSQL results page, miss", miss_pg, 1.2 * miss_sqlite, "1.2x SQLite"))
    for name, report in (("SQLite", sqlite), ("PostgreSQL", postgres)):
        if report is None:
            continue
        rows.append((f"{name} results page, cache hit", p95(every(report, "hits")), 2.0, "2 ms"))
        page = p95(every(report, "ours"))
        rows.append(
            (f"{name} did you mean (no result)", p95(report["typos"]), 1.5 * page, "1.5x page")
        )
        rows.append((f"{name} autocomplete", p95(report["autocomplete"]), 10.0, "10 ms"))
        rows.append(
            (f"{name} autocomplete, one typo", p95(report["autocomplete_typos"]), 10.0, "10 ms")
        )
        rows.append((f"{name} indexing (s)", report["index_ms"] / 1000, 60.0, "60 s"))
    for label, figure, target, said in rows:
        met = "yes" if figure <= target else "NO"
        print(f"  {label:<38} {figure:9.1f} {said:>12} {figure / target:6.2f}x  {met}")
    for name, report in (("SQLite", sqlite), ("PostgreSQL", postgres)):
        if report is None:
            continue
        cache = report["cache"]
        p50, p95_all = percentiles(cache["latencies"])
        print(
            f"  {name} results cache over {VISITS} Zipf-like visits: {cache['hits']} hits, "
            f"{cache['misses']} misses ({cache['hit_rate']:.0%}); "
            f"p50 {p50:.1f} / p95 {p95_all:.1f} ms"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--engine", choices=["sqlite", "postgres"])
    parser.add_argument("--pages", type=int, default=10_000, help="case studies per language")
    parser.add_argument("--sessions", type=int, default=40, help="sessions per language")
    parser.add_argument("--segments", type=int, default=100, help="segments per transcript")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--no-stock", action="store_true")
    parser.add_argument("--stock-timeout", type=int, default=120, help="seconds per query")
    args = parser.parse_args()
    if args.engine:
        run_engine(
            args.engine,
            args.pages,
            args.sessions,
            args.segments,
            args.runs,
            not args.no_stock,
            args.stock_timeout,
        )
        return
    engines = ["sqlite"]
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        engines.append("postgres")
    else:
        print("DATABASE_URL is not PostgreSQL: run through scripts/with-postgres.sh for it.")
    reports = run_engines(args, engines)
    print_report(reports["sqlite"], reports.get("postgres"))


if __name__ == "__main__":
    main()
