"""A database host that does not answer gives up after a few seconds (production settings).

Not a refused connection (PostgreSQL stopped: that fails at once, tests/hardening/
test_outages.py) but a host gone quiet: the connection is made by the kernel and nothing
answers. psycopg's default would wait 130 s, past gunicorn's 30-s timeout, so every
request was held until its worker was killed. The hanging server here is a real socket
that nobody answers; the production settings run in their own process, as deployed.
"""

import socket

from tests.helpers import manage_in_production

CONNECT = "from django.db import connection; connection.ensure_connection()"


def test_a_database_that_does_not_answer_is_an_error_not_a_hang():
    with socket.socket() as hanging:
        hanging.bind(("127.0.0.1", 0))
        hanging.listen(16)
        port = hanging.getsockname()[1]
        # The helper's 60-s guard is far above the 2 s asked for, far below psycopg's 130 s.
        result = manage_in_production(
            "shell",
            "-c",
            CONNECT,
            DATABASE_URL=f"postgres://fairville@127.0.0.1:{port}/fairville",
            DATABASE_CONNECT_TIMEOUT="2",
        )
    assert result.returncode != 0
    assert "OperationalError" in result.stderr
    assert "timeout expired" in result.stderr
