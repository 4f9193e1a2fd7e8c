"""A database host that does not answer gives up after a few seconds (production settings).

Not a refused connection (PostgreSQL stopped: that fails at once, tests/hardening/
test_outages.py) but a host gone quiet: the connection is made by the kernel and nothing
answers. psycopg's default would wait 130 s, past gunicorn's 30-s timeout, so every
request was held until its worker was killed. The hanging server here is a real socket
that nobody answers; the production settings run in their own process, as deployed.
"""

import os
import socket
import subprocess
import sys

from django.conf import settings

CONNECT = "from django.db import connection; connection.ensure_connection()"


def test_a_database_that_does_not_answer_is_an_error_not_a_hang():
    with socket.socket() as hanging:
        hanging.bind(("127.0.0.1", 0))
        hanging.listen(16)
        port = hanging.getsockname()[1]
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))},
            "DJANGO_SETTINGS_MODULE": "cms.settings.production",
            "SECRET_KEY": "x" * 64 + "-a-long-random-production-secret",
            "DATABASE_URL": f"postgres://fairville@127.0.0.1:{port}/fairville",
            "DATABASE_CONNECT_TIMEOUT": "2",
            "WAGTAILADMIN_BASE_URL": "https://dialogues.example.org",
        }
        # The guard is far above the 2 s asked for, far below psycopg's own 130 s.
        result = subprocess.run(  # noqa: S603 - fixed arguments
            [sys.executable, "manage.py", "shell", "-c", CONNECT],
            cwd=settings.BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode != 0
    assert "OperationalError" in result.stderr
    assert "timeout expired" in result.stderr
