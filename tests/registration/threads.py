"""Real threads on a real shared database, for the promises made about concurrency.

On PostgreSQL each thread opens its own connection to the test database. SQLite's test
database lives in memory, where threads would share one cache and its table locks, not
the file locks a deployed SQLite site has: ``shared_database`` copies it to a file for
the duration of the test, and every thread (the test's own included) connects to that
file, as the worker processes of a deployed site do.
"""

import sqlite3
import threading

import pytest
from django.db import connection, connections


@pytest.fixture
def shared_database(transactional_db, tmp_path):
    """A callable each thread calls first: it connects the thread to the shared database."""
    if connection.vendor != "sqlite":
        yield lambda: None
        return
    path = tmp_path / "db.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(path) as copy:
        connection.connection.backup(copy)
    copy.close()
    # A busy timeout longer than the default 5 s: this machine is shared, and the test
    # is about overbooking and duplicates, not about how long a writer waits.
    options = {**connection.settings_dict["OPTIONS"], "timeout": 60}
    file_settings = {**connection.settings_dict, "NAME": str(path), "OPTIONS": options}
    memory = connections["default"]

    def connect():
        # ``connections`` is per thread: this replaces the default database of the
        # calling thread only.
        connections["default"] = memory.__class__(dict(file_settings), "default")

    connect()
    try:
        yield connect
    finally:
        connections["default"].close()
        connections["default"] = memory


def run_together(connect, work, arguments):
    """Run ``work(argument)`` for each argument at once, one thread each, started
    together; return what each returned, or the repr of what it raised."""
    barrier, results = threading.Barrier(len(arguments)), []

    def run(argument):
        try:
            connect()
            barrier.wait()
            results.append(work(argument))
        except Exception as error:  # noqa: BLE001 - reported by the caller's assertions
            results.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(argument,)) for argument in arguments]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results
