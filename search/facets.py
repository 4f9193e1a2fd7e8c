"""The facets of the public search page: their values' labels and their order.

Labels come from the apps (``registry.register_labels``), in the reader's language; a
facet whose labels are stored is looked up only for values the index has no label for.
"""

from . import results_cache
from .models import FacetValue
from .registry import KINDS, LABELS, PAGE_KIND, STORED_LABELS


def facet_labels(name, values, language, stored=None):
    """Labels of a facet's values in the reader's language; a value is its own default.

    ``stored`` maps values to the labels kept with the index (``FacetValue.labels``): a
    facet read from the database is looked up only for the values missing there, and
    what is found is kept for the next results page.
    """
    labeller = LABELS.get(name)
    if labeller is None:
        return {}
    if name not in STORED_LABELS:
        return labeller(values, language)
    stored = stored or {}
    labels = {
        value: stored[value][language] for value in values if language in stored.get(value, {})
    }
    missing = [value for value in values if value not in labels]
    if missing:
        found = labeller(missing, language)
        labels.update({value: found.get(value, value) for value in missing})
        _keep_labels(name, language, {value: labels[value] for value in missing})
    return labels


def _keep_labels(name, language, labels):
    rows = list(FacetValue.objects.filter(facet=name, value__in=list(labels)))
    for row in rows:
        row.labels = {**row.labels, language: labels[row.value]}
    if rows:  # a filter's value may be none that the index knows (a made-up link)
        FacetValue.objects.bulk_update(rows, ["labels"])
        results_cache.facet_values_changed()


def facet_order(name, item):
    value, count = item
    if name == "year":
        return (-int(value) if value.isdigit() else 0, value)
    if name == "type":
        kinds = {**KINDS, PAGE_KIND.code: PAGE_KIND}
        return (kinds[value].order if value in kinds else 999, value)
    return (-count, value)
