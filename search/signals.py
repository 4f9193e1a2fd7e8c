"""Keep the public flag right when a page's privacy changes.

A view restriction on a page hides it and its descendants from the public search; adding
or removing one saves no page, so Wagtail's own signal handlers do not re-index them.
Objects whose flag follows a page (a recording's transcript segments, see
``registry.register_page_dependents``) are re-indexed with it, and when the page is published or
unpublished.
"""

from django.db.models.signals import post_delete, post_save
from modelsearch.backends import get_search_backends
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished

from . import registry

CHUNK = 500


def reindex_subtree(sender, instance, **kwargs):
    root = Page.objects.filter(pk=instance.page_id).first()
    if root is None:
        return
    pages = Page.objects.descendant_of(root, inclusive=True).order_by("path")
    by_model = {}
    for page in pages.specific().iterator(chunk_size=CHUNK):
        by_model.setdefault(type(page), []).append(page)
    for dependents in registry.PAGE_DEPENDENTS:
        for obj in dependents([page for objects in by_model.values() for page in objects]):
            by_model.setdefault(type(obj), []).append(obj)
    _add(by_model)


def reindex_dependents(sender, instance, **kwargs):
    by_model = {}
    for dependents in registry.PAGE_DEPENDENTS:
        for obj in dependents([instance.specific_deferred]).iterator(chunk_size=CHUNK):
            by_model.setdefault(type(obj), []).append(obj)
    _add(by_model)


def _add(by_model):
    for backend in get_search_backends(with_auto_update=True):
        for model, objects in by_model.items():
            for start in range(0, len(objects), CHUNK):
                backend.add_bulk(model, objects[start : start + CHUNK])


def connect():
    post_save.connect(reindex_subtree, sender=PageViewRestriction)
    post_delete.connect(reindex_subtree, sender=PageViewRestriction)
    page_published.connect(reindex_dependents)
    page_unpublished.connect(reindex_dependents)
