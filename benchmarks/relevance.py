"""Relevance figures for benchmarks/search_bench.py: nDCG@10 and recall@10 of one engine.

Two sets:

- the judged queries of tests/search/judgements/demo.json over the demo site (run on the
  demo alone, before the generated pages are added), with grade 2 for a page that must be
  in the top 3 and 1 for the top 10; figures for all queries, and for those the engine is
  expected to pass today (without "needs": typos and most cross-language queries wait for
  their features);
- a larger generated set over ``practices.factories.bulk_case_studies``' pages, judged by
  construction: a title is "Topic theme · City · 000123", so the query "topic theme city"
  (first words of each) must find the pages with that title's topic, theme and city
  (grade 1). Its recall@10 is over min(10, relevant pages): a query with 30 relevant
  pages is complete when its first ten results are relevant.

Run alone, it prints these figures for one database without the speed runs (SQLite in a
temporary file, or PostgreSQL through scripts/with-postgres.sh)::

    .venv/bin/python benchmarks/relevance.py --pages 300
    scripts/with-postgres.sh .venv/bin/python benchmarks/relevance.py --pages 300
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.search import judgements  # noqa: E402 - the repository root is on the path now


def _search(language, text, all_languages=False, typo=False):
    """The result URLs of the first results page, as the search view builds it; for a
    ``typo``, those of the page its "Did you mean" link gives, as a reader follows it (and
    as tests/search/test_judgements.py judges it): without the link, a typo finds nothing."""
    from django.test import RequestFactory
    from django.utils import translation

    from search import service

    params = {"q": text}
    if all_languages:
        params["lang"] = "all"
    with translation.override(language):
        page = service.search(RequestFactory().get(f"/{language}/search/", params))
        if typo and page.suggestion_url:
            address = f"/{language}/search/{page.suggestion_url}"
            page = service.search(RequestFactory().get(address))
    return [result.url.split("#")[0] for result in page.results]


def demo_set():
    """{"all": (nDCG@10, recall@10, queries), "expected": (...)} over the judged set."""
    scores = {"all": [], "expected": []}
    for item in judgements.load():
        urls = _search(
            item["language"],
            item["query"],
            item.get("all_languages", False),
            typo="typos" in item["covers"],
        )
        pair = (judgements.ndcg_at_10(item, urls), judgements.recall_at_10(item, urls))
        scores["all"].append(pair)
        if not item.get("needs"):
            scores["expected"].append(pair)
    return {name: _means(pairs) for name, pairs in scores.items()}


def generated_set(queries_per_language=30, seed=1):
    """nDCG@10 and recall@10 over queries made from the generated titles."""
    from practices.factories import THEMES, TOPICS
    from practices.models import CaseStudyPage

    rng = random.Random(seed)  # noqa: S311 - a sample of queries, not secrets
    pairs = []
    for index, language in enumerate(("fr", "en")):
        pages = CaseStudyPage.objects.filter(
            locale__language_code=language, reference__startswith="GEN-"
        )
        cities = sorted(set(pages.values_list("city", flat=True)))
        for _ in range(queries_per_language):
            topic = rng.choice(TOPICS)[index]
            theme = rng.choice(THEMES)[index]
            city = rng.choice(cities)
            prefix = f"{topic} {theme} · {city} ·"
            relevant = {page.url for page in pages.filter(title__startswith=prefix)}
            if not relevant:
                continue
            # "du logement" -> "logement", "on housing" -> "housing": the theme's noun.
            query = f"{topic} {theme.split()[-1].split(chr(39))[-1]} {city}"
            urls = _search(language, query)
            item = {"top10": sorted(relevant)}  # judged as the demo set is: grade 1 each
            pairs.append((judgements.ndcg_at_10(item, urls), judgements.recall_at_10(item, urls)))
    return _means(pairs)


def _means(pairs):
    if not pairs:
        return (0.0, 0.0, 0)
    return (
        statistics.fmean(ndcg for ndcg, _ in pairs),
        statistics.fmean(recall for _, recall in pairs),
        len(pairs),
    )


def report_lines(name, report):
    """Lines of the benchmark's table for one engine's ``relevance`` figures. The judged
    queries without "needs" get their own line only when some query waits for a feature
    (otherwise it is the same set, and the line would repeat the one above)."""
    rows = [("judged demo set, all queries", "all")]
    if report.get("expected", report["all"])[2] != report["all"][2]:
        rows.append(("judged demo set, without 'needs'", "expected"))
    rows.append(("generated set (title words)", "generated"))
    lines = []
    for label, key in rows:
        ndcg, recall, count = report.get(key, (0.0, 0.0, 0))
        lines.append(f"  {name:<11} {label:<36} {count:>4} {ndcg:9.3f} {recall:9.3f}")
    return lines


def prepare(engine):
    """Django on a new database (``engine`` "postgres": the database of DATABASE_URL's
    server, made anew; "sqlite": DATABASE_URL as set by the caller), the demo site loaded
    and indexed; returns the judged set's figures, measured on the demo alone."""
    if engine == "postgres":
        _create_database()
    os.environ["DJANGO_SETTINGS_MODULE"] = "cms.settings.test"
    import django

    django.setup()
    from django.core.management import call_command

    from cms.demo import DemoLoader

    call_command("migrate", verbosity=0)
    DemoLoader().run()
    call_command("update_index", verbosity=0)
    return demo_set()


def _create_database():
    import psycopg

    url = os.environ["DATABASE_URL"]
    server, _ = url.rsplit("/", 1)
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute("DROP DATABASE IF EXISTS fairville_bench")
        connection.execute("CREATE DATABASE fairville_bench")
    os.environ["DATABASE_URL"] = f"{server}/fairville_bench"


def main():
    parser = argparse.ArgumentParser(description="nDCG@10 and recall@10 of one database")
    parser.add_argument(
        "--pages", type=int, default=300, help="generated case studies per language"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="fairville-relevance-") as directory:
        engine = "postgres" if os.environ.get("DATABASE_URL", "").startswith("postgres") else None
        if engine is None:
            os.environ["DATABASE_URL"] = f"sqlite:///{directory}/relevance.sqlite3"
            engine = "sqlite"
        report = prepare(engine)
        from django.core.management import call_command

        from practices.factories import bulk_case_studies

        bulk_case_studies(args.pages, ("fr", "en"))
        call_command("update_index", verbosity=0)
        report["generated"] = generated_set()
        print(f"  {'engine':<11} {'set':<36} {'n':>4} {'nDCG@10':>9} {'recall@10':>9}")
        print("\n".join(report_lines(engine, report)))


if __name__ == "__main__":
    main()
