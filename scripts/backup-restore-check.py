#!/usr/bin/env python3
"""Prove that a backup of the database restores whole.

    DATABASE_URL=postgres://USER:PASSWORD@HOST/NAME .venv/bin/python scripts/backup-restore-check.py

1. counts the rows of every table and dumps the database with pg_dump (custom format),
   both inside one snapshot, so writes during the run cannot make them disagree;
2. creates a fresh database on the same server and restores the dump into it with
   pg_restore;
3. counts the rows of every table there, prints both counts side by side, drops the
   fresh database, and exits 1 if any table or count differs.

With --dump FILE the dump is kept, so one run can be the nightly backup and its proof.
Needs pg_dump, pg_restore and a role allowed to create databases.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

TABLES = """
    SELECT table_schema, table_name FROM information_schema.tables
    WHERE table_type = 'BASE TABLE'
      AND table_schema NOT IN ('pg_catalog', 'information_schema')
    ORDER BY table_schema, table_name
"""


def run(program, *args):
    executable = shutil.which(program)
    if executable is None:
        sys.exit(f"{program} is not installed (Debian: apt-get install postgresql-client).")
    subprocess.run([executable, *map(str, args)], check=True)  # noqa: S603 - our own arguments


def row_counts(connection):
    counts = {}
    for schema, table in connection.execute(TABLES).fetchall():
        query = sql.SQL("SELECT count(*) FROM {}.{}").format(
            sql.Identifier(schema), sql.Identifier(table)
        )
        counts[f"{schema}.{table}"] = connection.execute(query).fetchone()[0]
    return counts


def with_database(url, name):
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def dump(url, target):
    """Row counts and a pg_dump archive, taken from the same snapshot."""
    with psycopg.connect(url) as connection:
        connection.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        snapshot = connection.execute("SELECT pg_export_snapshot()").fetchone()[0]
        run("pg_dump", "--format=custom", f"--snapshot={snapshot}", f"--file={target}", url)
        return row_counts(connection)


def restore_and_count(url, archive):
    name = f"{urlsplit(url).path.lstrip('/')}_restore_check_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        try:
            restored = with_database(url, name)
            run("pg_restore", "--no-owner", "--no-acl", "--exit-on-error", "-d", restored, archive)
            with psycopg.connect(restored) as connection:
                return row_counts(connection)
        finally:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dump", type=Path, help="keep the dump in this file")
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit("Set DATABASE_URL to the PostgreSQL database to check (postgres://...).")

    with tempfile.TemporaryDirectory() as work:
        archive = args.dump or Path(work) / "backup.dump"
        source = dump(url, archive)
        restored = restore_and_count(url, archive)

    width = max(map(len, source | restored))
    print(f"{'table':<{width}}  {'source':>9}  {'restored':>9}")
    for table in sorted(source | restored):
        mark = "" if source.get(table) == restored.get(table) else "  <-- differs"
        print(f"{table:<{width}}  {source.get(table, '-'):>9}  {restored.get(table, '-'):>9}{mark}")
    if source != restored:
        print("FAILED: the restored database differs from the source.")
        return 1
    print(f"OK: {len(source)} tables, {sum(source.values())} rows, restored identically.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
