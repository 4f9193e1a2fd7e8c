"""Background work the site adds to Wagtail's."""

from django.core.exceptions import ObjectDoesNotExist
from django_tasks import task
from wagtail.tasks import update_reference_index_task


@task()
def update_reference_index(app_label, model_name, pk):
    """Wagtail's ``update_reference_index_task``, for an object that may be gone when the
    worker runs it. wagtail-localize saves a page's inline objects into a new translation,
    then replaces them as it syncs the translation, and Wagtail's task failed on each
    replaced one (a failed task in the worker's log for every translated recording).
    Wagtail removed a deleted object's references when it was deleted: nothing is left
    to do."""
    try:
        update_reference_index_task.call(app_label, model_name, pk)
    except ObjectDoesNotExist:
        pass


def connect():
    """Queue this task where Wagtail's signal handlers queue theirs: they name it when a
    tracked model is saved, whenever that model was registered."""
    from wagtail import signal_handlers

    signal_handlers.update_reference_index_task = update_reference_index
