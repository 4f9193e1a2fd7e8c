"""Facet values interned as single characters (``FacetValue``), for the database engines.

A document stores its facet values as a string of characters (U+0021 + the value's id),
so one string aggregate over the hits counts every facet at once.
"""

import json
from collections import Counter

from django.db import connection
from PIL import Image

from .. import results_cache
from ..models import FACET_CHAR_BASE, MAX_FACET_VALUES, FacetValue, facet_id


def facet_tokens(facets):
    """Index tokens of a document's facet values ("_12"): no analysed word has a "_"."""
    return [f"_{facet_id(char)}" for char in facets]


def facet_chars(pairs):
    """Intern (facet, value) pairs; returns {(facet, value): char}."""
    pairs = set(pairs)
    if not pairs:
        return {}
    known = _lookup(pairs)
    missing = pairs - set(known)
    if missing:
        FacetValue.objects.bulk_create(
            [FacetValue(facet=facet, value=value[:255]) for facet, value in missing],
            ignore_conflicts=True,
        )
        results_cache.facet_values_changed()
        known = _lookup(pairs)
    return {pair: char for pair, char in known.items()}


def _lookup(pairs):
    facets = {facet for facet, _ in pairs}
    values = {value[:255] for _, value in pairs}
    found = {}
    for value in FacetValue.objects.filter(facet__in=facets, value__in=values):
        if value.pk < MAX_FACET_VALUES and (value.facet, value.value) in pairs:
            found[(value.facet, value.value)] = value.char
    return found


def filter_values(filters):
    """The ids of the facet values every result must have, or None if a value is unknown.

    Read from the facet values kept for results pages (``cached_facet_values``) when the
    results cache is on: every library keyword search filters by its kind, and the ORM's
    query for it cost about 1 ms. A value interned since they were kept, or any value
    with the cache off (which would read every value each time), is looked up in the
    database."""
    pairs = {(facet, str(value)) for facet, value in filters.items()}
    if results_cache.timeout() > 0:
        values = results_cache.cached_facet_values(_read_values)
        kept = {(facet, value): pk for pk, (facet, value, _labels) in values.items()}
        if pairs <= kept.keys():
            return [kept[pair] for pair in pairs]
    ids = []
    for pk, facet, value in FacetValue.objects.filter(
        facet__in={facet for facet, _ in pairs}, value__in={value for _, value in pairs}
    ).values_list("pk", "facet", "value"):
        if (facet, value) in pairs:
            ids.append(pk)
    return ids if len(ids) == len(pairs) else None


def _count_chars(aggregated):
    """{facet value id: count} of the facet characters (90,000 for a common word at 10,000
    pages per language). The first 223 facet values are Latin-1, one byte each, and a
    byte string's values are counted in C by Pillow's histogram (Pillow is installed for
    Wagtail's images): 0.05 ms where ``Counter`` takes 2.8 ms, a fifth of a results page."""
    if not aggregated:
        return {}
    try:
        encoded = aggregated.encode("latin-1")
    except UnicodeEncodeError:
        return {facet_id(char): count for char, count in Counter(aggregated).items()}
    histogram = Image.frombytes("L", (len(encoded), 1), encoded).histogram()
    return {code - FACET_CHAR_BASE: count for code, count in enumerate(histogram) if count}


def decode_facets(aggregated):
    """({facet: Counter(value: count)}, {facet: {value: stored labels}}) of the hits."""
    ids = _count_chars(aggregated or "")
    if not ids:
        return {}, {}
    facets, labels = {}, {}
    values = results_cache.cached_facet_values(_read_values)
    if not ids.keys() <= values.keys():
        # Interned by another process since the values were kept, before its commit
        # renewed them.
        values = {**values, **_read_values(ids.keys() - values.keys())}
    for pk, count in ids.items():
        if pk in values:
            facet, value, stored = values[pk]
            facets.setdefault(facet, Counter())[value] = count
            labels.setdefault(facet, {})[value] = stored
    return facets, labels


def _read_values(ids=None):
    """{id: (facet, value, kept labels)} of the facet values ``ids`` (all of them for
    None: a few hundred, the labs, tags, levers, years and kinds of the site). A plain
    query: the ORM's overhead shows on a results page."""
    table = FacetValue._meta.db_table
    sql, params = f"SELECT id, facet, value, labels FROM {table}", []
    if ids is not None:
        sql += f" WHERE id IN ({', '.join(['%s'] * len(ids))})"
        params = list(ids)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {
            pk: (facet, value, json.loads(stored) if isinstance(stored, str) else stored)
            for pk, facet, value, stored in cursor.fetchall()
        }
