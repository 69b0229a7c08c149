#!/usr/bin/env bash
# Restore a Newsroom backup made by deploy/backup.sh into an EMPTY database and
# an empty (or missing) media folder; it refuses to overwrite anything.
#
#   deploy/restore.sh BACKUP_DIR/<timestamp> postgres://user@host/newsroom_restored /srv/newsroom/media-restored
#
# Then point DATABASE_URL / MEDIA_ROOT at them (or rename: see docs/deploy.md,
# "Restoring"), run `manage.py migrate` (a no-op unless the code is newer than
# the backup) and check /readyz.
set -euo pipefail

if [ $# -ne 3 ]; then
    echo "usage: $0 BACKUP_DIRECTORY TARGET_DATABASE_URL TARGET_MEDIA_ROOT" >&2
    exit 2
fi
backup=$1 target_db=$2 target_media=$3

[ -f "$backup/database.dump" ] || { echo "no database.dump in $backup" >&2; exit 1; }
(cd "$backup" && sha256sum --check --quiet SHA256SUMS) || { echo "checksum mismatch in $backup" >&2; exit 1; }

tables=$(psql "$target_db" -Atc "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
if [ "$tables" != "0" ]; then
    echo "refusing: the target database already has $tables tables; restore into a new, empty one" >&2
    exit 1
fi
if [ -d "$target_media" ] && [ -n "$(ls -A "$target_media")" ]; then
    echo "refusing: $target_media is not empty" >&2
    exit 1
fi

# One transaction: a restore that fails half-way leaves the database empty.
pg_restore --no-owner --no-acl --single-transaction --exit-on-error --dbname "$target_db" "$backup/database.dump"

mkdir -p "$target_media"
if [ -f "$backup/media.tar.gz" ]; then
    tar -C "$target_media" -xzf "$backup/media.tar.gz"
fi
echo "Restored $backup into $target_db and $target_media"
