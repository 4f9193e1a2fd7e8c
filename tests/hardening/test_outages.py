"""What visitors and registrants get while a part of the production stack is away.

The production rehearsal (scripts/rehearsal/, issue 16) stops the real services under
load; these tests keep each behaviour it found in the suite: a lost database is a
friendly 503 in the visitor's language, a lost Redis is a cache miss, an email that met
a closed SMTP server goes out later, once, and a task held by a killed worker runs
again, once. Real parts throughout: a Redis client and an SMTP client talking to a port
where nothing listens, a real SMTP server (aiosmtpd), the real task queue. Only the
database outage is simulated, with Django's own execute_wrapper hook, since the suite's
database cannot be stopped under it.

The tests that run the worker use committed data (``transactional_db``): the worker
closes its database connection as a deployed one does, which on PostgreSQL would end a
test's rolled-back transaction under it.
"""

import asyncio
import os
import socket
import subprocess
import sys
import threading
from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.db import OperationalError, connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from cms.cache import FailSoftRedisCache
from cms.management.commands.task_worker import MAX_RUNS, requeue_orphans
from cms.views import server_error
from sessions.models import Registration, SessionPage
from sessions.registration.service import register
from tests.helpers import database_url

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_away(execute, sql, params, many, context):
    raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")


@pytest.mark.parametrize(
    ("path", "language", "words"),
    [("/fr/", "fr", "momentanément indisponible"), ("/en/", "en", "temporarily unavailable")],
)
def test_database_away_is_a_friendly_503_in_the_visitors_language(
    db, client, path, language, words
):
    client.raise_request_exception = False
    with connection.execute_wrapper(database_away):
        response = client.get(path)
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert f'<html lang="{language}" dir="ltr">' in html
    assert words in html.lower()
    assert "Traceback" not in html and "OperationalError" not in html


def test_other_errors_stay_500(db, rf):
    request = rf.get("/en/")
    try:
        raise ValueError("a bug, not an outage")
    except ValueError:
        response = server_error(request)
    assert response.status_code == 500
    assert "Retry-After" not in response


def test_redis_away_is_a_cache_miss_and_pages_still_render(db, client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "cms.cache.FailSoftRedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    settings.FAIRVILLE_PAGE_CACHE_SECONDS = 300
    for path in ("/fr/", "/en/", "/fr/", "/en/"):
        response = client.get(path)
        assert response.status_code == 200, path
    away = FailSoftRedisCache(f"127.0.0.1:{closed_port()}", {})
    away._servers = [f"redis://127.0.0.1:{closed_port()}/0"]
    assert away.get("key", "missing") == "missing"
    assert away.add("key", 1) is False
    away.set("key", 1)  # dropped, no error
    with pytest.raises(ValueError):
        away.incr("key")


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos, envelope.content))
        return "250 OK"


@pytest.fixture
def smtp_settings(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5
    settings.TASKS = DB_TASKS
    return settings


def test_an_email_that_meets_a_closed_smtp_server_goes_out_later_once(
    transactional_db, smtp_settings
):
    port = closed_port()
    smtp_settings.EMAIL_PORT = port
    example = SessionPage.objects.get(slug="session-d-exemple")
    registration = register(example, registration_data("late@example.org"))
    first = DBTaskResult.objects.get()
    before = timezone.now()
    call_command("db_worker", "--batch", "--worker-id", "test", "--no-startup-delay", "-v0")

    first.refresh_from_db()
    assert first.status == "SUCCESSFUL"  # not failed: queued again
    retry = DBTaskResult.objects.exclude(pk=first.pk).get()
    assert retry.status == "READY"
    assert retry.args_kwargs["kwargs"] == {"attempt": 1}
    delay = retry.run_after - before
    assert timedelta(seconds=25) < delay < timedelta(seconds=40)

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())
        call_command("db_worker", "--batch", "--worker-id", "test", "--no-startup-delay", "-v0")
        call_command("db_worker", "--batch", "--worker-id", "test", "--no-startup-delay", "-v0")
    finally:
        controller.stop()
    retry.refresh_from_db()
    assert retry.status == "SUCCESSFUL"
    assert [rcpt for rcpt, _ in inbox.messages] == [[registration.email]]
    assert b"late@example.org" in inbox.messages[0][1]


def test_a_permanent_refusal_is_not_retried(transactional_db, smtp_settings):
    class Refuser:
        async def handle_RCPT(self, server, session, envelope, address, options):
            return "550 No such user"

    port = closed_port()
    smtp_settings.EMAIL_PORT = port
    controller = Controller(Refuser(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        example = SessionPage.objects.get(slug="session-d-exemple")
        register(example, registration_data("nobody@example.org"))
        call_command("db_worker", "--batch", "--worker-id", "test", "--no-startup-delay", "-v0")
    finally:
        controller.stop()
    assert list(DBTaskResult.objects.values_list("status", flat=True)) == ["FAILED"]


def test_a_task_left_running_by_a_killed_worker_runs_again_once(
    transactional_db, settings, mailoutbox
):
    settings.TASKS = DB_TASKS
    example = SessionPage.objects.get(slug="session-d-exemple")
    register(example, registration_data("held@example.org"))
    register(example, registration_data("other@example.org"))
    held, other = DBTaskResult.objects.order_by("enqueued_at")
    # The state a SIGKILL leaves: claimed, RUNNING, never finished.
    held.claim("web-1")
    other.claim("web-2")  # another worker's, alive: not ours to take

    assert requeue_orphans("web-1", "default") == 1
    held.refresh_from_db()
    other.refresh_from_db()
    assert (held.status, other.status) == ("READY", "RUNNING")

    call_command("task_worker", "--batch", "--worker-id", "web-1", "--no-startup-delay", "-v0")
    held.refresh_from_db()
    assert held.status == "SUCCESSFUL"
    assert [message.to for message in mailoutbox] == [["held@example.org"]]
    assert Registration.objects.filter(email="held@example.org").count() == 1


def database_away_once(table, failures):
    """Stand-in for a database that drops the connection (it cannot be stopped inside the
    test's own process): the first query on ``table`` fails as a lost connection does."""

    def wrapper(execute, sql, params, many, context):
        if table in sql and not failures:
            failures.append(sql)
            raise OperationalError("server closed the connection unexpectedly")
        return execute(sql, params, many, context)

    return wrapper


def test_a_task_that_meets_the_database_away_runs_again_later_once(
    transactional_db, settings, mailoutbox
):
    settings.TASKS = DB_TASKS
    example = SessionPage.objects.get(slug="session-d-exemple")
    register(example, registration_data("away@example.org"))
    queued = DBTaskResult.objects.get()
    failures = []
    with connection.execute_wrapper(database_away_once(Registration._meta.db_table, failures)):
        call_command("task_worker", "--batch", "--worker-id", "w", "--no-startup-delay", "-v0")
    queued.refresh_from_db()
    assert failures and not mailoutbox
    assert queued.status == "READY"  # not FAILED: the email is not lost
    assert queued.run_after > timezone.now()

    DBTaskResult.objects.filter(pk=queued.pk).update(run_after=timezone.now())
    call_command("task_worker", "--batch", "--worker-id", "w", "--no-startup-delay", "-v0")
    queued.refresh_from_db()
    assert queued.status == "SUCCESSFUL"
    assert [message.to for message in mailoutbox] == [["away@example.org"]]


def test_a_task_that_keeps_meeting_the_database_away_fails_in_the_end(
    transactional_db, settings, mailoutbox
):
    settings.TASKS = DB_TASKS
    example = SessionPage.objects.get(slug="session-d-exemple")
    register(example, registration_data("never@example.org"))
    # Eleven runs already: the next one is the last.
    DBTaskResult.objects.update(worker_ids=["w"] * (MAX_RUNS - 1))
    with connection.execute_wrapper(database_away_once(Registration._meta.db_table, [])):
        call_command("task_worker", "--batch", "--worker-id", "w", "--no-startup-delay", "-v0")
    assert DBTaskResult.objects.get().status == "FAILED"
    assert not mailoutbox


def registration_data(email):
    return {
        "first_name": "Test",
        "last_name": "Person",
        "email": email,
        "organisation": "",
        "role": "resident",
        "language": "en",
        "interpretation": False,
        "accessibility": "",
        "privacy_consent": True,
        "news_consent": False,
    }


def test_requeue_leaves_finished_tasks_alone(transactional_db, settings):
    settings.TASKS = DB_TASKS
    example = SessionPage.objects.get(slug="session-d-exemple")
    register(example, registration_data("done@example.org"))
    call_command("db_worker", "--batch", "--worker-id", "web-1", "--no-startup-delay", "-v0")
    assert requeue_orphans("web-1", "default") == 0
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


WORKER = """
import sys
import django
from django.core.management import call_command
from django.test.utils import override_settings

django.setup()
with override_settings(
    TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}},
    EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
    EMAIL_HOST="127.0.0.1",
    EMAIL_PORT=int(sys.argv[1]),
    EMAIL_USE_TLS=False,
    EMAIL_TIMEOUT=60,
):
    call_command("task_worker", "--batch", "--worker-id", "web-1", "--no-startup-delay", "-v0")
"""


class SlowGoodbye(Inbox):
    """Keeps each message, then holds the goodbye (QUIT) until the test has seen it."""

    def __init__(self):
        super().__init__()
        self.at_goodbye, self.released = threading.Event(), threading.Event()

    async def handle_QUIT(self, server, session, envelope):
        self.at_goodbye.set()
        while not self.released.is_set():
            await asyncio.sleep(0.05)
        return "221 Bye"


@pytest.mark.skipif(
    "connection.vendor != 'postgresql'",
    reason="the worker runs in its own process, which cannot share SQLite's in-memory test "
    "database; PostgreSQL's test database it can",
)
def test_a_worker_killed_once_the_server_accepted_the_email_does_not_send_it_again(
    transactional_db, settings
):
    """A real worker process, SIGKILLed while it says goodbye to a real SMTP server that
    has accepted its email: the task was recorded done first, and nothing runs it again."""
    settings.TASKS = DB_TASKS
    example = SessionPage.objects.get(slug="session-d-exemple")
    register(example, registration_data("killed@example.org"))
    task = DBTaskResult.objects.get()

    port = closed_port()
    inbox = SlowGoodbye()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.test"}
    env["DATABASE_URL"] = database_url()
    worker = subprocess.Popen(  # noqa: S603 - this interpreter, a fixed script
        [sys.executable, "-c", WORKER, str(port)], env=env, cwd=settings.BASE_DIR
    )
    try:
        assert inbox.at_goodbye.wait(60), "the worker never reached the SMTP server"
        worker.kill()
        worker.wait(10)
    finally:
        inbox.released.set()
        controller.stop()
        if worker.poll() is None:
            worker.kill()
    task.refresh_from_db()
    assert task.status == "SUCCESSFUL"
    assert requeue_orphans("web-1", "default") == 0
    assert [rcpt for rcpt, _ in inbox.messages] == [["killed@example.org"]]


def test_an_email_sent_again_by_a_rerun_task_is_the_same_message(
    transactional_db, settings, mailoutbox
):
    """The limit that is left (docs/deploy.md, Exactly once): a worker killed in the
    moment between the server's acceptance and the record of it. The task runs again
    and sends again, under the same Message-ID, so that it is one message twice."""
    settings.TASKS = DB_TASKS
    example = SessionPage.objects.get(slug="session-d-exemple")
    register(example, registration_data("twice@example.org"))
    call_command("task_worker", "--batch", "--worker-id", "web-1", "--no-startup-delay", "-v0")
    task = DBTaskResult.objects.get()
    # What that moment leaves: the email sent, the task still RUNNING under web-1.
    DBTaskResult.objects.filter(pk=task.pk).update(status="RUNNING", finished_at=None)
    assert requeue_orphans("web-1", "default") == 1
    call_command("task_worker", "--batch", "--worker-id", "web-1", "--no-startup-delay", "-v0")

    ids = [message.message()["Message-ID"] for message in mailoutbox]
    assert [message.to for message in mailoutbox] == [["twice@example.org"]] * 2
    assert ids[0] == ids[1]
    assert ids[0].startswith(f"<task-{task.pk}@")
    register(example, registration_data("other@example.org"))
    call_command("task_worker", "--batch", "--worker-id", "web-1", "--no-startup-delay", "-v0")
    assert mailoutbox[2].message()["Message-ID"] != ids[0]
