"""Translating a recording, or deleting what was just saved, leaves no failed task behind.

wagtail-localize copies a page's inline objects into the translation, then syncs them,
which replaces the copies: Wagtail's reference index task, queued for each copy when it
was saved, then finds nothing when the worker runs it; so does the search index's task
for an object deleted before the worker reached it (cms.tasks). These tests use
production's task backend and its real worker, with real transactions.
"""

import pytest
from django_tasks_db.models import DBTaskResult
from wagtail.models import ReferenceIndex

from cms.translation import translate
from sessions.models import RecordingVideo
from tests.helpers import run_worker

pytestmark = pytest.mark.usefixtures("database_tasks")


def test_translating_a_recording_leaves_no_failed_task(session_fr, make_recording, en):
    from wagtail.documents import get_document_model

    document = get_document_model().objects.create(title="Vidéo de test", file="test.mp4")
    page = make_recording(session_fr(1), videos=[("original", "")])
    video = page.videos.get()
    video.url, video.file = "", document
    video.save()
    page.save_revision().publish()
    run_worker()

    translation = translate(page, en, {page.title: "Test recording"}, strict=False)
    run_worker()

    failed = DBTaskResult.objects.filter(status="FAILED")
    assert not failed.exists(), [(task.args_kwargs, task.exception_class_path) for task in failed]
    # What the task is for is still done: the translation's video is in the index.
    assert RecordingVideo.objects.filter(page=translation).exists()
    assert ReferenceIndex.get_references_to(document).filter(object_id=str(translation.pk)).exists()


def test_an_object_deleted_before_the_worker_reaches_it_leaves_no_failed_task():
    from wagtail.documents import get_document_model

    # Saved (its search and reference tasks queued), then deleted before the worker ran.
    get_document_model().objects.create(title="Brouillon supprimé", file="gone.pdf").delete()
    assert DBTaskResult.objects.filter(status="READY").count() >= 2
    run_worker()
    failed = DBTaskResult.objects.filter(status="FAILED")
    assert not failed.exists(), [(task.args_kwargs, task.exception_class_path) for task in failed]
