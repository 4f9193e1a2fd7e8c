"""Keep the index right when what a page shows changes without the page being saved.

A person's organisation, a tag's or a lever's name, a lab: the pages that show them are
re-indexed when they change or go (``registry.register_shown``), through the task queue
(the worker in production, at once in tests), as Wagtail's own updates are.

A view restriction on a page hides it and its descendants from the public search; adding
or removing one saves no page, so Wagtail's own signal handlers do not re-index them.
Objects whose flag follows a page (a recording's transcript segments, see
``registry.register_page_dependents``) are re-indexed with it, and when the page is published or
unpublished.

Editors' picks (Wagtail's search promotions) are kept with the results pages: adding,
editing or removing one changes the index's generation, so no cached page shows an old pick.
"""

from django.db.models.signals import post_delete, post_save
from django_tasks import task
from modelsearch.backends import get_search_backends
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished

from . import registry, results_cache

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


def _showing(sender, instance):
    """{"app_label.model": [pk, ...]} of the objects whose documents show ``instance``."""
    found = {}
    for showing in registry.SHOWN_BY.get(sender, ()):
        for queryset in showing(instance):
            label = queryset.model._meta.label_lower
            pks = found.setdefault(label, set())
            pks.update(str(pk) for pk in queryset.values_list("pk", flat=True))
    return {label: sorted(pks) for label, pks in found.items() if pks}


def remember_showing(sender, instance, **kwargs):
    # After the delete, the links that lead to the pages are gone with it.
    instance._search_showing = _showing(sender, instance)


def reindex_showing(sender, instance, raw=False, **kwargs):
    if raw:
        return
    showing = getattr(instance, "_search_showing", None)
    if showing is None:
        showing = _showing(sender, instance)
    if showing:
        reindex_objects.enqueue(showing)


@task()
def reindex_objects(objects):
    """Re-index ``{"app_label.model": [pk, ...]}`` in every auto-updated backend."""
    from django.apps import apps

    by_model = {}
    for label, pks in objects.items():
        model = apps.get_model(label)
        for start in range(0, len(pks), CHUNK):
            found = model._default_manager.filter(pk__in=pks[start : start + CHUNK])
            by_model.setdefault(model, []).extend(found.order_by("pk"))
    _add(by_model)


def _add(by_model):
    for backend in get_search_backends(with_auto_update=True):
        for model, objects in by_model.items():
            for start in range(0, len(objects), CHUNK):
                backend.add_bulk(model, objects[start : start + CHUNK])


def promotions_changed(sender, **kwargs):
    # Editors' picks are kept with the results pages (search.service): a new, edited or
    # removed pick must show on the very next search.
    results_cache.promotions_changed()


def sites_changed(sender, **kwargs):
    # A results page's links are made for the request's site, kept for its host
    # (search.service): a new, moved or removed site must show at once.
    results_cache.sites_changed()


def connect():
    post_save.connect(sites_changed, sender=Site)
    post_delete.connect(sites_changed, sender=Site)
    post_save.connect(promotions_changed, sender=SearchPromotion)
    post_delete.connect(promotions_changed, sender=SearchPromotion)
    post_save.connect(reindex_subtree, sender=PageViewRestriction)
    post_delete.connect(reindex_subtree, sender=PageViewRestriction)
    page_published.connect(reindex_dependents)
    page_unpublished.connect(reindex_dependents)
