"""The judged queries over the demo content (demo.json), and how a ranking is judged.

Each query is what a reader types, in one language (``all_languages``: with "include
results in other languages"), with the pages (by URL path) that must rank in the first
three (``top3``) or the first ten (``top10``). ``covers`` says what it tests (names,
organisations, places, themes, levers, accents, no accents, typos, crosslang, phrases);
``needs`` names a feature the query depends on that the engine may not have yet
("suggest": "did you mean"; "crosslang": query translation): tests/search/test_judgements.py
expects those to fail until the feature lands, and then to pass.

The pages and people are the demo's and the seed's own: the names, organisations and
places are those the programme gives.

``benchmarks/search_bench.py`` reports nDCG@10 and recall@10 on the same set, with grade
2 for a top-3 page and 1 for a top-10 page; ``benchmarks/relevance.py`` judges its
generated set with the same two functions (every relevant page a top-10 page).
"""

import json
import math
from pathlib import Path

HERE = Path(__file__).parent


def load(name="demo.json"):
    queries = json.loads((HERE / name).read_text())
    for number, item in enumerate(queries, 1):
        item["id"] = f"{number:02d}-{item['language']}-{item['query']}"
    return queries


def grades(item):
    """{url: grade}: 2 for a page that must be in the top 3, 1 for the top 10."""
    found = dict.fromkeys(item.get("top10", ()), 1)
    found.update(dict.fromkeys(item.get("top3", ()), 2))
    return found


def misses(item, urls):
    """The pages out of their place in ``urls`` (the ranked result URLs), as messages."""
    missing = []
    for limit in (3, 10):
        shown = [url.split("#")[0] for url in urls[:limit]]
        for url in item.get(f"top{limit}", ()):
            if url not in shown:
                place = shown.index(url) + 1 if url in shown else None
                missing.append(f"{url} not in the top {limit} (place: {place})")
    return missing


def ndcg_at_10(item, urls):
    relevant = grades(item)
    dcg = sum(
        (2 ** relevant.get(url, 0) - 1) / math.log2(rank + 2) for rank, url in enumerate(urls[:10])
    )
    ideal = sorted(relevant.values(), reverse=True)[:10]
    best = sum((2**grade - 1) / math.log2(rank + 2) for rank, grade in enumerate(ideal))
    return dcg / best if best else 0.0


def recall_at_10(item, urls):
    """The share of the relevant pages in the first ten, over at most ten: a query with
    thirty relevant pages is complete when its first ten results are relevant."""
    relevant = grades(item)
    found = len(set(urls[:10]) & set(relevant))
    return found / min(10, len(relevant)) if relevant else 0.0
