#!/usr/bin/env bash
# Dump the PostgreSQL database at DATABASE_URL into DIRECTORY (default var/backups),
# as fairville-YYYYmmddTHHMMSSZ.dump in pg_dump's custom format, and print its path.
# Restore with pg_restore (docs/deploy.md); prove a dump restores whole with
# scripts/backup-restore-check.py.
set -euo pipefail
: "${DATABASE_URL:?Set DATABASE_URL to the PostgreSQL database to back up (postgres://...).}"
directory=${1:-var/backups}
mkdir -p "$directory"
file="$directory/fairville-$(date -u +%Y%m%dT%H%M%SZ).dump"
# Written under a temporary name first, so a half-written dump never looks complete.
pg_dump --format=custom --file="$file.partial" "$DATABASE_URL"
mv "$file.partial" "$file"
echo "$file"
