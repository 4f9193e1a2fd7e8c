"""`make run`, the README's first command, with its commands replaced by a stand-in that
records how it was called (the real ones would install, migrate and serve for ever)."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)

RECORDER = """#!/bin/sh
echo "$1 $WAGTAILADMIN_BASE_URL" >> calls.txt
# The worker runs in the background and is stopped when the server returns.
[ "$1" = runserver ] && sleep 1
exit 0
"""


@pytest.fixture
def checkout(tmp_path):
    shutil.copy(ROOT / "Makefile", tmp_path)
    for name in ("pyproject.toml", "requirements.lock"):
        (tmp_path / name).touch()
        os.utime(tmp_path / name, (0, 0))  # older than the installed stamp: nothing to install
    (tmp_path / ".venv").mkdir()
    (tmp_path / ".venv" / ".installed").touch()
    (tmp_path / "scripts").mkdir()
    for stub in (tmp_path / "scripts" / "system-deps.sh", tmp_path / "manage"):
        stub.write_text(RECORDER if stub.name == "manage" else "#!/bin/sh\nexit 0\n")
        stub.chmod(0o755)
    return tmp_path


def make_run(checkout, *args, **environ):
    env = {k: v for k, v in os.environ.items() if k not in {"WAGTAILADMIN_BASE_URL", "MAKEFLAGS"}}
    subprocess.run(  # noqa: S603 - fixed arguments
        ["make", "-s", "run", "MANAGE=./manage", *args],  # noqa: S607
        cwd=checkout,
        env={**env, **environ},
        check=True,
        capture_output=True,
        timeout=60,
    )
    return dict(line.split(" ", 1) for line in (checkout / "calls.txt").read_text().splitlines())


def test_the_emails_links_go_to_the_port_served(checkout):
    # They went to :8000 whatever PORT said: the settings' default.
    calls = make_run(checkout, "PORT=8123")
    assert calls["runserver"] == calls["db_worker"] == "http://127.0.0.1:8123"
    assert calls["load_demo"] == "http://127.0.0.1:8123"


def test_an_address_given_in_the_environment_is_kept(checkout):
    calls = make_run(checkout, "PORT=8123", WAGTAILADMIN_BASE_URL="https://dialogues.example.org")
    assert calls["runserver"] == calls["db_worker"] == "https://dialogues.example.org"
