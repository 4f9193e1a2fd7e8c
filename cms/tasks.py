"""Background work the site adds to Wagtail's."""

from django.core.exceptions import ObjectDoesNotExist
from django_tasks import task
from modelsearch.tasks import insert_or_update_object_task
from wagtail.tasks import update_reference_index_task


@task()
def update_reference_index(app_label, model_name, pk):
    """Wagtail's ``update_reference_index_task``, for an object that may be gone when the
    worker runs it. wagtail-localize saves a page's inline objects into a new translation,
    then replaces them as it syncs the translation, and Wagtail's task failed on each
    replaced one (a failed task in the worker's log for every translated recording).
    Wagtail removed a deleted object's references when it was deleted: nothing is left
    to do."""
    _unless_gone(update_reference_index_task, app_label, model_name, pk)


@task()
def insert_or_update_object(app_label, model_name, pk):
    """The search index's ``insert_or_update_object_task`` (modelsearch), likewise: an
    object saved, then deleted before the worker reached it (an editor's draft deleted at
    once, a busy worker) was taken out of the index when it was deleted."""
    _unless_gone(insert_or_update_object_task, app_label, model_name, pk)


def _unless_gone(wrapped, *args):
    try:
        wrapped.call(*args)
    except ObjectDoesNotExist:
        pass  # deleted since it was queued: its post_delete handler did what was needed


def connect():
    """Queue these tasks where the libraries' signal handlers queue theirs: they name
    them when a model is saved, whenever that model was registered."""
    from modelsearch import signal_handlers as search_handlers
    from wagtail import signal_handlers as reference_handlers

    reference_handlers.update_reference_index_task = update_reference_index
    search_handlers.insert_or_update_object_task = insert_or_update_object
