"""What a page costs when the page cache does not hold it: database queries and CPU time
per render, for each kind of page, with the shared parts kept (cms/fragments.py) and
without them, in the same process.

    .venv/bin/python benchmarks/render_cost.py [--rounds 5] [--renders 10]
    .venv/bin/python benchmarks/render_cost.py --baseline f945c9a   # before/after

CPU time (``time.process_time``) is the steady measure on a shared machine: what other
processes do slows the clock, not this process's own CPU use. Each round measures every
kind once; the figure is the median over rounds. With ``--baseline REF`` the same
measure runs, interleaved round by round, in a throwaway worktree of REF (``git worktree
add --detach``, removed at the end), and the table shows both and their ratio.

The database is a fresh SQLite one holding the demo site; the cache is the test
settings' local-memory one (Redis adds a round trip per read). 100 renders a second
through nginx on 2 cores leave at most 20 ms of CPU per render for everything: Django,
nginx, TLS and the database.
"""

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GIT = shutil.which("git") or "/usr/bin/git"
KINDS = ("home", "series", "session", "recording", "recordings-index", "library",
         "library-filtered", "case-study", "lab")  # fmt: skip


# --- the worker: runs inside one source tree ---------------------------------------------


def worker(renders):
    sys.path.insert(0, str(Path.cwd()))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings, setup_databases

    from cms.demo import DemoLoader

    setup_databases(verbosity=0, interactive=False)
    DemoLoader().run()
    urls = page_urls()
    client = Client()

    def one(url):
        count = [0]

        def counted(execute, sql, params, many, context):
            count[0] += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counted):
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return count[0]

    def measure(fragments):
        figures = {}
        overrides = {"FAIRVILLE_PAGE_CACHE_SECONDS": 0}
        if fragments is not None:  # a tree from before the fragments has no setting
            overrides["FAIRVILLE_FRAGMENT_CACHE_SECONDS"] = fragments
        with override_settings(**overrides):
            for kind, url in urls.items():
                one(url)  # renditions, fragments: made once, on a first visit
                queries = one(url)
                started = time.process_time()
                for _ in range(renders):
                    one(url)
                cpu = (time.process_time() - started) / renders * 1000
                figures[kind] = {"queries": queries, "cpu_ms": cpu}
        return figures

    has_fragments = hasattr(settings, "FAIRVILLE_FRAGMENT_CACHE_SECONDS")
    print(json.dumps({"ready": urls}), flush=True)
    for line in sys.stdin:
        if line.strip() != "round":
            break
        result = {"kept": measure(300 if has_fragments else None)}
        if has_fragments:
            result["built"] = measure(0)
        print(json.dumps(result), flush=True)


def page_urls():
    from django.test import Client
    from django.utils import translation
    from wagtail.models import Locale

    from cms.models.pages import HomePage
    from practices.models import CaseStudyPage, Lab
    from practices.models.library import LibraryPage
    from sessions.models import RecordingPage, SeriesPage, SessionPage
    from sessions.models.archive import RecordingsIndexPage

    fr = Locale.objects.get(language_code="fr")

    def first(model):
        pages = model.objects.live().public().filter(locale=fr)
        if model is SessionPage:  # session #1: the richest page (ten contributors)
            pages = pages.exclude(number=None).order_by("number", "path")
        return pages.first().url

    urls = {
        "home": first(HomePage),
        "series": first(SeriesPage),
        "session": first(SessionPage),
        "recording": first(RecordingPage),
        "recordings-index": first(RecordingsIndexPage),
        "library": first(LibraryPage),
        "case-study": first(CaseStudyPage),
    }
    # Two of the library's own filter links together, as a visitor combines them.
    html = Client().get(urls["library"]).content.decode()
    links = sorted(
        {
            link.replace("&amp;", "&").split("?", 1)[1]
            for link in re.findall(r'href="([^"#]*\?[^"#]+)"', html)
            if "page=" not in link and link.split("?")[0] in ("", urls["library"])
        }
    )
    urls["library-filtered"] = f"{urls['library']}?{links[3]}&{links[len(links) // 2]}"
    library = LibraryPage.objects.live().get(locale=fr)
    with translation.override("fr"):
        urls["lab"] = library.lab_url(Lab.objects.filter(locale=fr).order_by("slug").first())
    return dict(sorted(urls.items(), key=lambda item: KINDS.index(item[0])))


# --- the parent: starts the workers, interleaves their rounds, prints -------------------


class Tree:
    def __init__(self, name, path, renders):
        self.name, self.path = name, path
        self.process = subprocess.Popen(  # noqa: S603 (this file, this interpreter)
            [str(ROOT / ".venv" / "bin" / "python"), str(Path(__file__).resolve()),
             "--worker", "--renders", str(renders)],
            cwd=path, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
            env={**os.environ, "PYTHONPATH": str(path)},
        )  # fmt: skip
        self.rounds = []

    def ready(self):
        return json.loads(self._line())["ready"]

    def round(self):
        self.process.stdin.write("round\n")
        self.process.stdin.flush()
        self.rounds.append(json.loads(self._line()))

    def _line(self):
        while True:
            line = self.process.stdout.readline()
            if not line:
                raise RuntimeError(f"the {self.name} worker stopped")
            if line.startswith("{"):
                return line

    def close(self):
        if self.process.poll() is None:
            self.process.stdin.close()
            self.process.wait(30)

    def median(self, variant, kind, figure):
        values = [r[variant][kind][figure] for r in self.rounds if variant in r]
        return statistics.median(values) if values else None


def baseline_tree(ref, folder):
    subprocess.run(  # noqa: S603
        [GIT, "worktree", "add", "--detach", str(folder), ref],
        cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    (folder / ".venv").symlink_to(ROOT / ".venv")
    subprocess.run(  # noqa: S603
        [str(ROOT / ".venv" / "bin" / "python"), "manage.py", "compilemessages",
         "--ignore=.venv", "-v0"],
        cwd=folder, check=True,
    )  # fmt: skip


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--renders", type=int, default=10)
    parser.add_argument("--baseline", help="a git commit to compare with, in the same run")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        return worker(args.renders)

    scratch = Path(tempfile.mkdtemp(prefix="render-cost."))
    trees = []
    try:
        if args.baseline:
            baseline_tree(args.baseline, scratch / "baseline")
            trees.append(Tree(f"baseline {args.baseline}", scratch / "baseline", args.renders))
        trees.append(Tree("this tree", ROOT, args.renders))
        urls = [tree.ready() for tree in trees][-1]
        for _ in range(args.rounds):
            for tree in trees:  # interleaved: both see the same moments of machine load
                tree.round()
    finally:
        for tree in trees:
            tree.close()
        if args.baseline:
            subprocess.run(  # noqa: S603
                [GIT, "worktree", "remove", "--force", str(scratch / "baseline")],
                cwd=ROOT, check=False,
            )  # fmt: skip

    print(f"{args.rounds} rounds of {args.renders} renders per page; page cache off; medians")
    for kind, url in urls.items():
        print(f"  {kind:<17} {url}")
    current = trees[-1]
    header = f"{'page':<17} {'kept: queries':>13} {'CPU ms':>7} {'built: queries':>14} {'CPU':>7}"
    if args.baseline:
        header += f" {'baseline: queries':>17} {'CPU ms':>7} {'CPU kept/baseline':>17}"
    print(header)
    for kind in urls:
        kept_q, kept_cpu = (current.median("kept", kind, f) for f in ("queries", "cpu_ms"))
        built_q, built_cpu = (current.median("built", kind, f) for f in ("queries", "cpu_ms"))
        line = f"{kind:<17} {kept_q:>13.0f} {kept_cpu:>7.1f} {built_q:>14.0f} {built_cpu:>7.1f}"
        if args.baseline:
            base_q = trees[0].median("kept", kind, "queries")
            base_cpu = trees[0].median("kept", kind, "cpu_ms")
            line += f" {base_q:>17.0f} {base_cpu:>7.1f} {kept_cpu / base_cpu:>17.2f}"
        print(line)


if __name__ == "__main__":
    main()
