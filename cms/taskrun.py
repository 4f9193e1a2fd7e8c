"""The background task this worker is running, for work that must be recorded as done
the moment it is done.

An email task's work is done when the SMTP server answers 250. The worker writes the
task's result only after the task returns (and the email backend says goodbye to the
server first): a worker killed in between left the task RUNNING, ``task_worker`` put it
back in the queue, and the email went out twice (the production rehearsal's "task worker
killed mid-task" saw it about once in seven runs). ``cms.mail`` now records the task
successful as soon as the server accepted the message, and names the message after the
task, so that a copy sent again by a re-run is the same message (``Message-ID``).
"""

from contextlib import contextmanager
from contextvars import ContextVar

_running = ContextVar("fairville_running_task", default=None)


@contextmanager
def running(task_id, record_success):
    """Within: the task ``task_id`` runs; ``record_success(value)`` writes its result."""
    token = _running.set((str(task_id), record_success))
    try:
        yield
    finally:
        _running.reset(token)


def task_id():
    """The id of the task this worker is running, or None outside a worker's task."""
    current = _running.get()
    return current and current[0]


def done(value):
    """The running task's work is done: record it now, so that it never runs again."""
    current = _running.get()
    if current is not None:
        current[1](value)
