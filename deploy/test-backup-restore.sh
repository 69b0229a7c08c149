#!/usr/bin/env bash
# Proves the backup and restore procedure end to end on a local PostgreSQL:
# build a site (demo content + an uploaded image), back it up with backup.sh,
# restore it with restore.sh into a fresh database and media folder, and
# compare every table's row count, the media files and the restored site.
#
#   deploy/test-backup-restore.sh            # uses postgres@127.0.0.1:5432
#   PG=postgres://postgres@db:5432 DB_PREFIX=newsroom_bk deploy/test-backup-restore.sh
set -euo pipefail
cd "$(dirname "$0")/.."

PG=${PG:-postgres://postgres@127.0.0.1:5432}
PREFIX=${DB_PREFIX:-newsroom_ops_backup}
PY=${PY:-.venv/bin/python}
SRC_DB=${PREFIX}_src
DST_DB=${PREFIX}_restored
work=$(mktemp -d)
export DJANGO_SETTINGS_MODULE=newsroom.settings.dev SECRET_KEY=backup-test TASKS_BACKEND=immediate

cleanup() {
    psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS $SRC_DB WITH (FORCE)" \
        -c "DROP DATABASE IF EXISTS $DST_DB WITH (FORCE)" >/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
step() { printf '\n--> %s\n' "$*"; }

step "Build a source site in $SRC_DB"
psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS $SRC_DB WITH (FORCE)" -c "CREATE DATABASE $SRC_DB" \
    -c "DROP DATABASE IF EXISTS $DST_DB WITH (FORCE)" -c "CREATE DATABASE $DST_DB" >/dev/null
export DATABASE_URL=$PG/$SRC_DB MEDIA_ROOT=$work/media
"$PY" manage.py migrate --noinput -v0
"$PY" manage.py load_demo_content >/dev/null
"$PY" manage.py shell -v0 -c "
import io
from PIL import Image as P
from django.core.files.images import ImageFile
from wagtail.images.models import Image
buf = io.BytesIO(); P.new('RGB', (64, 32), (200, 30, 30)).save(buf, 'PNG')
img = Image.objects.create(title='Backup probe', file=ImageFile(buf, name='probe.png'))
img.get_rendition('fill-32x16')
"

step "Back up"
BACKUP_DIR=$work/backups "$(pwd)/deploy/backup.sh"
backup=$(ls -d "$work"/backups/2*)

step "Restore into $DST_DB and a new media folder"
deploy/restore.sh "$backup" "$PG/$DST_DB" "$work/media-restored"

step "A second restore onto the now non-empty target is refused"
if deploy/restore.sh "$backup" "$PG/$DST_DB" "$work/media-other" 2>"$work/refused"; then
    echo "FAIL: restore overwrote a non-empty database" >&2; exit 1
fi
grep -q "refusing" "$work/refused"

step "Compare"
counts() {
    psql "$1" -At -c "SELECT table_name FROM information_schema.tables
                      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1" |
    while read -r t; do printf '%s %s\n' "$t" "$(psql "$1" -Atc "SELECT count(*) FROM \"$t\"")"; done
}
counts "$PG/$SRC_DB" > "$work/src.counts"
counts "$PG/$DST_DB" > "$work/dst.counts"
diff -u "$work/src.counts" "$work/dst.counts"
echo "tables: $(wc -l < "$work/src.counts"), rows: $(awk '{s+=$2} END {print s}' "$work/src.counts"), all equal"
(cd "$work/media" && find . -type f -exec sha256sum {} + | sort -k2) > "$work/src.media"
(cd "$work/media-restored" && find . -type f -exec sha256sum {} + | sort -k2) > "$work/dst.media"
diff -u "$work/src.media" "$work/dst.media"
echo "media files: $(wc -l < "$work/src.media"), all identical"

DATABASE_URL=$PG/$DST_DB MEDIA_ROOT=$work/media-restored "$PY" manage.py shell -v0 -c "
from django.test import Client
from wagtail.images.models import Image
from newsroom.health import pending_migrations
assert pending_migrations() == [], pending_migrations()
img = Image.objects.get(title='Backup probe')
assert img.file.storage.exists(img.file.name) and img.renditions.count() == 1
c = Client(SERVER_NAME='127.0.0.1')
assert c.get('/readyz').status_code == 200
home = c.get('/')
assert home.status_code == 200, home.status_code
print('restored site: /readyz 200, front page 200, image and rendition present')
"
step "Backup and restore verified"
