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


def _search(language, text, all_languages=False):
    """The result URLs of the first results page, as the search view builds it."""
    from django.test import RequestFactory
    from django.utils import translation

    from search import service

    params = {"q": text}
    if all_languages:
        params["lang"] = "all"
    with translation.override(language):
        page = service.search(RequestFactory().get(f"/{language}/search/", params))
    return [result.url.split("#")[0] for result in page.results]


def demo_set():
    """{"all": (nDCG@10, recall@10, queries), "expected": (...)} over the judged set."""
    sys.path.insert(0, str(ROOT))
    from tests.search import judgements

    scores = {"all": [], "expected": []}
    for item in judgements.load():
        urls = _search(item["language"], item["query"], item.get("all_languages", False))
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
            pairs.append((_ndcg(urls, relevant), _capped_recall(urls, relevant)))
    return _means(pairs)


def _ndcg(urls, relevant):
    import math

    dcg = sum(1 / math.log2(rank + 2) for rank, url in enumerate(urls[:10]) if url in relevant)
    best = sum(1 / math.log2(rank + 2) for rank in range(min(10, len(relevant))))
    return dcg / best


def _capped_recall(urls, relevant):
    return len(set(urls[:10]) & relevant) / min(10, len(relevant))


def _means(pairs):
    if not pairs:
        return (0.0, 0.0, 0)
    return (
        statistics.fmean(ndcg for ndcg, _ in pairs),
        statistics.fmean(recall for _, recall in pairs),
        len(pairs),
    )


def report_lines(name, report):
    """Lines of the benchmark's table for one engine's ``relevance`` figures."""
    lines = []
    for label, key in (
        ("judged demo set, all queries", "all"),
        ("judged demo set, without 'needs'", "expected"),
        ("generated set (title words)", "generated"),
    ):
        ndcg, recall, count = report.get(key, (0.0, 0.0, 0))
        lines.append(f"  {name:<11} {label:<36} {count:>4} {ndcg:9.3f} {recall:9.3f}")
    return lines


def main():
    parser = argparse.ArgumentParser(description="nDCG@10 and recall@10 of one database")
    parser.add_argument(
        "--pages", type=int, default=300, help="generated case studies per language"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="fairville-relevance-") as directory:
        url = os.environ.get("DATABASE_URL", "")
        if url.startswith("postgres"):
            sys.path.insert(0, str(ROOT / "benchmarks"))
            import search_bench

            search_bench._create_database()
            engine = "postgres"
        else:
            os.environ["DATABASE_URL"] = f"sqlite:///{directory}/relevance.sqlite3"
            engine = "sqlite"
        os.environ["DJANGO_SETTINGS_MODULE"] = "cms.settings.test"
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        from django.core.management import call_command

        from cms.demo import DemoLoader
        from practices.factories import bulk_case_studies

        call_command("migrate", verbosity=0)
        DemoLoader().run()
        call_command("update_index", verbosity=0)
        report = demo_set()
        bulk_case_studies(args.pages, ("fr", "en"))
        call_command("update_index", verbosity=0)
        report["generated"] = generated_set()
        print(f"  {'engine':<11} {'set':<36} {'n':>4} {'nDCG@10':>9} {'recall@10':>9}")
        print("\n".join(report_lines(engine, report)))


if __name__ == "__main__":
    main()
