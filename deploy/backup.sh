#!/usr/bin/env bash
# Back up Newsroom: a PostgreSQL dump plus an archive of the media folder.
#
#   DATABASE_URL=postgres://... MEDIA_ROOT=/srv/newsroom/media \
#   BACKUP_DIR=/srv/newsroom/backups deploy/backup.sh
#
# Writes BACKUP_DIR/<UTC timestamp>/{database.dump,media.tar.gz,SHA256SUMS} and
# deletes backups older than KEEP_DAYS (default 14). Copy BACKUP_DIR off the
# server (rsync, restic, object storage): a backup on the same disk is not one.
# With MEDIA_STORAGE=s3 the media live in the bucket; use the provider's
# versioning or replication for them, and this script skips the archive.
set -euo pipefail

: "${DATABASE_URL:?DATABASE_URL must name the database to back up}"
MEDIA_ROOT=${MEDIA_ROOT:-/srv/newsroom/media}
BACKUP_DIR=${BACKUP_DIR:-/srv/newsroom/backups}
KEEP_DAYS=${KEEP_DAYS:-14}

stamp=$(date -u +%Y%m%dT%H%M%SZ)
target="$BACKUP_DIR/$stamp"
partial="$target.partial"
mkdir -p "$partial"
trap 'rm -rf "$partial"' EXIT

# Custom format: compressed, restorable table by table, consistent snapshot.
pg_dump --format=custom --no-owner --no-acl --file "$partial/database.dump" "$DATABASE_URL"

if [ "${MEDIA_STORAGE:-local}" = "local" ]; then
    if [ -d "$MEDIA_ROOT" ]; then
        tar -C "$MEDIA_ROOT" -czf "$partial/media.tar.gz" .
    else
        echo "warning: MEDIA_ROOT $MEDIA_ROOT does not exist; no media archived" >&2
    fi
fi

(cd "$partial" && sha256sum -- * > SHA256SUMS)
mv "$partial" "$target"
trap - EXIT
echo "Backup written to $target"

# Rotate: only directories named like our timestamps, older than KEEP_DAYS.
find "$BACKUP_DIR" -mindepth 1 -maxdepth 1 -type d -name '20??????T??????Z' \
    -mtime "+$KEEP_DAYS" -exec rm -rf {} +
