"""Pages written in bulk, for generated data (benchmarks, tests): tree paths computed here,
rows written with ``bulk_create``, no revision and no signal. Callers update the parent's
``numchild`` and the search index themselves.
"""

import uuid

from wagtail.models import Page

BATCH = 500


def child_paths(parent, count):
    """Treebeard paths for ``count`` new children of ``parent``, after its last child."""
    last = parent.get_children().order_by("-path").values_list("path", flat=True).first()
    start = Page._str2int(last[-Page.steplen :]) + 1 if last else 1
    for number in range(start, start + count):
        yield parent.path + Page._int2str(number).rjust(Page.steplen, "0")


def insert_pages(model, pages):
    """bulk_create for a multi-table page model: the Page rows, then the model's own."""
    base_fields = [field.attname for field in Page._meta.concrete_fields if field.attname != "id"]
    own_fields = [field for field in model._meta.local_concrete_fields if field.model is model]
    for start in range(0, len(pages), BATCH):
        batch = pages[start : start + BATCH]
        bases = [Page(**{name: getattr(page, name) for name in base_fields}) for page in batch]
        Page.objects.bulk_create(bases)
        for page, base in zip(batch, bases, strict=True):
            page.pk = page.page_ptr_id = page.id = base.pk
        model.objects.all()._batched_insert(batch, own_fields, BATCH)


def lever_links(model, pages, specs, locale, source_locale, levers):
    """Unsaved ``model`` rows (a page's ordered levers) for each page's ``spec["levers"]``.

    ``levers`` maps a lever code to its versions by locale id; a page takes the lever in
    its own locale, or the source's. Keys derive from the spec's, so reruns agree.
    """
    links = []
    for page, spec in zip(pages, specs, strict=True):
        for order, code in enumerate(spec["levers"]):
            lever = levers[code].get(locale.pk) or levers[code][source_locale.pk]
            links.append(
                model(
                    page_id=page.pk,
                    lever=lever,
                    sort_order=order,
                    locale=locale,
                    translation_key=uuid.uuid5(spec["key"], code),
                )
            )
    return links
