"""``db_worker``, made safe to kill: what a killed worker held runs again, once.

django-tasks-db marks a task RUNNING when a worker takes it and leaves it so if the
worker dies (SIGKILL, the machine stops, the OOM killer): nothing ever runs it again,
and a confirmation email is lost. A worker id names one service instance
(``--worker-id %H-%i`` in docs/deploy.md), and an instance runs one task at a time, so
when it starts, whatever is still RUNNING under its id was held by its previous, dead
self: it goes back to the queue. A database that goes away while a task finishes no
longer crashes the worker with the task marked RUNNING either: the result is written
once the database is back. A task that meets the database away (a connection refused or
lost) is not failed for good either: it goes back to the queue, to run again a little
later, at most ``MAX_RUNS`` times. The project's tasks read before they send, so a task
stopped by the database sent nothing; a task whose work was done and only its result
could not be written is never run again, and a task that records itself done before it
returns (an email, once the SMTP server accepted it: ``cms.taskrun``) is not recorded
twice.
"""

import logging
import time
from datetime import timedelta

from django.db import close_old_connections, transaction
from django.db.utils import DatabaseError, InterfaceError, OperationalError
from django.utils import timezone
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from cms import taskrun

logger = logging.getLogger("django_tasks_db")

PATIENCE_SECONDS = 300
MAX_RUNS = 12
# OperationalError is also SQLite's "no such table": hence the bound on runs.
DATABASE_AWAY = (OperationalError, InterfaceError)


def requeue_orphans(worker_id, backend_name):
    """Put back in the queue the tasks a previous run of ``worker_id`` left RUNNING."""
    with transaction.atomic():
        orphans = list(
            DBTaskResult.objects.running().select_for_update().filter(backend_name=backend_name)
        )
        # Few tasks run at once; JSON containment is not a lookup every database has.
        orphans = [task for task in orphans if task.worker_ids[-1:] == [worker_id]]
        for task in orphans:
            task.status = "READY"
            task.started_at = None
            task.save(update_fields=["status", "started_at"])
    for task in orphans:
        logger.warning("Task id=%s was left running by %s: queued again", task.id, worker_id)
    return len(orphans)


def patient(write):
    """Retry writing a task's result until the database answers again."""

    def wrapper(*args, **kwargs):
        deadline = time.monotonic() + PATIENCE_SECONDS
        delay = 0.5
        while True:
            try:
                return write(*args, **kwargs)
            except DatabaseError:
                if time.monotonic() > deadline:
                    raise
                logger.warning("Database unavailable: retrying the task result in %s s", delay)
                time.sleep(delay)
                close_old_connections()
                delay = min(delay * 2, 10)

    return wrapper


def requeue_later(db_task_result):
    """Back to the queue, to run again after a delay that grows with each run."""
    runs = len(db_task_result.worker_ids)
    db_task_result.status = "READY"
    db_task_result.started_at = None
    db_task_result.run_after = timezone.now() + timedelta(seconds=min(5 * 2**runs, 600))
    db_task_result.save(update_fields=["status", "started_at", "run_after"])


class PatientWorker(db_worker.Worker):
    def run_task(self, db_task_result):
        ran = []  # the task's own work finished: it must never run again
        set_successful = patient(db_task_result.set_successful)
        set_failed = patient(db_task_result.set_failed)

        def successful(value):
            if ran:  # the task recorded itself done already (cms.taskrun.done)
                return
            ran.append(True)
            set_successful(value)

        def failed(error):
            if ran or not isinstance(error, DATABASE_AWAY):
                return set_failed(error)
            if len(db_task_result.worker_ids) >= MAX_RUNS:
                return set_failed(error)
            logger.warning("Task id=%s met the database away: queued again", db_task_result.id)
            patient(requeue_later)(db_task_result)

        db_task_result.set_successful = successful
        db_task_result.set_failed = failed
        with taskrun.running(db_task_result.id, successful):
            return super().run_task(db_task_result)


class Command(db_worker.Command):
    help = (
        "Run background tasks (django-tasks-db's db_worker); with --worker-id, first queue "
        "again what a previous run under that id left unfinished."
    )

    def handle(self, *args, **options):
        self.configure_logging(options["verbosity"])
        # Without --worker-id the id is new and random: nothing can be left under it.
        requeue_orphans(options["worker_id"], options["backend_name"])
        original, db_worker.Worker = db_worker.Worker, PatientWorker
        try:
            return super().handle(*args, **options)
        finally:
            db_worker.Worker = original
