"""Concurrent sign-ups for one session: throughput, and proof that none overbooks.

    scripts/with-postgres.sh .venv/bin/python benchmarks/registration_signups.py \
        [--signups 1000] [--capacity 300] [--threads 8]

Sign-up is double opt-in: the form's request (``service.request``), then the
confirmation from the emailed link (``service.confirm``), which takes the place in
the session's lock. Threads send the requests of distinct people for a copy of the
demo's example session, then confirm them all at once, each thread with its own
database connection. The baseline is the same from one thread, in the same process,
on another fresh session: the ratio says what the lock costs (or gains) under
contention. Emails are queued with the database task backend, as in production (one
task row per request and per confirmation, in the same transaction); they are not
sent. Run it on PostgreSQL: SQLite serialises every writer anyway.
"""

import argparse
import os
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import override_settings  # noqa: E402
from django.test.utils import setup_databases, teardown_databases  # noqa: E402

from cms.demo import DemoLoader  # noqa: E402
from sessions.demo import EXAMPLE_SLUG  # noqa: E402
from sessions.models import Registration, RegistrationRequest, SessionPage  # noqa: E402
from sessions.registration import service  # noqa: E402

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def person(run, number):
    return {
        "first_name": f"Person {number}",
        "last_name": run,
        "email": f"{run}-{number}@example.org",
        "role": "resident",
        "country": "FR",
        "language": "fr" if number % 2 else "en",
        "privacy_consent": True,
    }


def fresh_session(example, run, capacity):
    """A copy of the example session, so each run starts with no registration."""
    session = example.copy(
        update_attrs={"slug": f"bench-{run}", "title": f"Bench {run}", "capacity": capacity},
        keep_live=True,
        reset_translation_key=True,
    )
    return SessionPage.objects.get(pk=session.pk)


def in_threads(items, threads, action):
    """Apply ``action`` to every item from ``threads`` threads; return (seconds, errors)."""
    items = iter(items)
    lock, errors = threading.Lock(), []
    barrier = threading.Barrier(threads + 1)

    def worker():
        barrier.wait()
        try:
            while True:
                with lock:
                    item = next(items, None)
                if item is None:
                    return
                try:
                    action(item)
                except Exception as error:  # noqa: BLE001 - counted and printed
                    errors.append(repr(error))
        finally:
            connection.close()

    workers = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in workers:
        thread.start()
    barrier.wait()
    started = time.perf_counter()
    for thread in workers:
        thread.join()
    return time.perf_counter() - started, errors


def sign_ups(session, run, total, threads):
    """Request then confirm ``total`` sign-ups; return {phase: (seconds, errors)}."""
    page = SessionPage.objects.get(pk=session.pk)
    requested = in_threads(
        range(total), threads, lambda number: service.request(page, person(run, number))
    )
    pending = list(RegistrationRequest.objects.filter(session=session).order_by("?"))
    confirmed = in_threads(pending, threads, service.confirm)
    return {"requests": requested, "confirmations": confirmed}


def counts(session):
    rows = Registration.objects.filter(session=session)
    requests = RegistrationRequest.objects.filter(session=session)
    return {
        "requests": requests.count(),
        "confirmations": requests.filter(confirmed_at__isnull=False).count(),
        "confirmed": rows.confirmed().count(),
        "waiting": rows.waiting().count(),
        "total": rows.count(),
        "distinct emails": rows.values("email").distinct().count(),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--signups", type=int, default=1000)
    parser.add_argument("--capacity", type=int, default=300)
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args()

    old_config = setup_databases(verbosity=0, interactive=False)
    try:
        DemoLoader().run()
        example = SessionPage.objects.get(slug=EXAMPLE_SLUG)
        rows = []
        with override_settings(TASKS=DATABASE_TASKS):
            for run, threads in (("baseline", 1), ("concurrent", args.threads)):
                session = fresh_session(example, run, args.capacity)
                phases = sign_ups(session, run, args.signups, threads)
                rows.append((run, threads, phases, counts(session)))
    finally:
        teardown_databases(old_config, verbosity=0)

    print(f"database: {connection.vendor}; {args.signups} sign-ups for {args.capacity} places")
    for run, threads, phases, found in rows:
        errors = phases["requests"][1] + phases["confirmations"][1]
        request_rate = args.signups / phases["requests"][0]
        confirm_rate = found["confirmations"] / phases["confirmations"][0]
        lost = args.signups - found["total"]
        duplicated = found["total"] - found["distinct emails"]
        print(
            f"{run:>10}: {threads:2d} thread(s); {found['requests']} requests "
            f"({request_rate:.0f}/s), {found['confirmations']} confirmations "
            f"({confirm_rate:.0f}/s, {phases['confirmations'][0]:.2f} s); "
            f"confirmed {found['confirmed']}, waiting {found['waiting']}, "
            f"lost {lost}, duplicated {duplicated}, errors {len(errors)}"
        )
        for error in errors[:3]:
            print("   ", error)
        expected = {
            "requests": args.signups,
            "confirmations": args.signups,
            "confirmed": min(args.capacity, args.signups),
            "waiting": max(0, args.signups - args.capacity),
            "total": args.signups,
            "distinct emails": args.signups,
        }
        assert found == expected and not errors, f"{run}: expected {expected}, found {found}"
    baseline, concurrent = (row[2]["confirmations"][0] for row in rows)
    print(f"confirmations, concurrent / baseline throughput: {baseline / concurrent:.2f}")


if __name__ == "__main__":
    main()
