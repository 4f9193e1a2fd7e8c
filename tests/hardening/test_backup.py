"""The backup procedure of docs/deploy.md, end to end: dump, restore into a fresh
database, compare the row count of every table. It needs PostgreSQL and its client
tools, so it runs in the PostgreSQL half of `make test`."""

import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from wagtail.models import Page

from cms.models import HomePage
from tests.helpers import database_url

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="pg_dump backups need PostgreSQL: this runs in the PostgreSQL half of make test",
    ),
]

ROOT = Path(settings.BASE_DIR)


def run(*command, **env):
    return subprocess.run(  # noqa: S603 - our own scripts
        command,
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "DATABASE_URL": database_url(), **env},
        capture_output=True,
        text=True,
        timeout=300,
    )


def counts(output):
    table = {}
    for line in output.splitlines()[1:]:
        parts = line.split()
        if len(parts) == 3 and parts[1].isdigit() and parts[2].isdigit():
            table[parts[0]] = (int(parts[1]), int(parts[2]))
    return table


def test_a_backup_restores_into_a_fresh_database_with_every_row(tmp_path):
    dump = tmp_path / "nightly.dump"
    result = run(sys.executable, "scripts/backup-restore-check.py", "--dump", str(dump))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().splitlines()[-1].startswith("OK: ")

    table = counts(result.stdout)
    # The demo site, as the test database holds it, came back row for row.
    pages = Page.objects.count()
    assert table["public.wagtailcore_page"] == (pages, pages)
    homes = HomePage.objects.count()
    assert table["public.cms_homepage"] == (homes, homes) and homes == 2
    assert all(source == restored for source, restored in table.values())
    assert len(table) > 40

    # The kept dump is a real archive, with the pages' data in it.
    listing = run("pg_restore", "--list", str(dump))
    assert "TABLE DATA public wagtailcore_page" in listing.stdout
    # And the scratch database is gone.
    with connection.cursor() as cursor:
        cursor.execute("SELECT datname FROM pg_database WHERE datname LIKE %s", ["%restore_check%"])
        assert cursor.fetchall() == []


def test_the_backup_script_writes_a_timestamped_dump(tmp_path):
    result = run("scripts/backup.sh", str(tmp_path))
    assert result.returncode == 0, result.stderr
    dump = Path(result.stdout.strip())
    assert dump.parent == tmp_path and dump.name.startswith("fairville-")
    assert dump.suffix == ".dump" and not list(tmp_path.glob("*.partial"))
    listing = run("pg_restore", "--list", str(dump))
    assert "TABLE DATA public cms_homepage" in listing.stdout
