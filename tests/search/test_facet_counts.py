"""Facet counts of a results page, decoded from the hits' facet characters (one per
facet value, search.backends.interning): exact whichever characters the values have."""

import pytest

from search.backends.interning import decode_facets
from search.models import FacetValue, facet_char

pytestmark = pytest.mark.django_db


def aggregated(counts):
    """The hits' facet characters as a database returns them: documents' strings
    concatenated, {FacetValue: number of hits with it}."""
    documents = [[] for _ in range(max(counts.values()))]
    for value, count in counts.items():
        for document in documents[:count]:
            document.append(facet_char(value.pk))
    return "".join("".join(document) for document in documents)


def test_each_facet_value_is_counted_once_per_hit():
    lab = FacetValue.objects.create(facet="lab", value="example lab")
    tag = FacetValue.objects.create(facet="tags", value="example tag")
    other = FacetValue.objects.create(facet="tags", value="other example")
    facets, _labels = decode_facets(aggregated({lab: 3, tag: 7, other: 1}))
    assert facets == {"lab": {"example lab": 3}, "tags": {"example tag": 7, "other example": 1}}
    assert decode_facets("") == ({}, {})


@pytest.mark.parametrize("pk", [1, 223, 224, 5000])
def test_values_past_one_byte_are_counted_as_exactly(pk):
    """The first 223 values' characters are Latin-1 (one byte: counted as bytes), the
    224th's is not (counted as characters); a page may mix both."""
    first = FacetValue.objects.create(facet="lab", value="example lab")
    FacetValue.objects.filter(pk=pk).delete()  # a demo value may hold this id
    value = FacetValue.objects.create(pk=pk, facet="tags", value=f"example {pk}")
    facets, _labels = decode_facets(aggregated({first: 2, value: 1_000}))
    assert facets == {"lab": {"example lab": 2}, "tags": {f"example {pk}": 1_000}}
