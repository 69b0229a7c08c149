#!/usr/bin/env bash
# Rehearse docs/deploy.md on a fresh Debian 12 machine, end to end.
#
#   sudo deploy/rehearse-debian.sh [WORKDIR]      # default /var/tmp/newsroom-rehearsal
#
# Needs root, debootstrap and systemd-container (apt-get install debootstrap
# systemd-container) and about 2 GB of disk. It:
#   1. builds a fresh Debian bookworm root with debootstrap in WORKDIR/rootfs
#      (any earlier one is deleted first);
#   2. boots it with systemd as PID 1 (systemd-nspawn --boot) in a private
#      network namespace: inside, only its own loopback exists, so its
#      PostgreSQL, Redis, gunicorn and Caddy never meet the host's;
#   3. follows docs/deploy.md steps 1-9 as written, as root inside the machine,
#      with the committed code of the current branch as the git remote;
#   4. checks the site through Caddy: /readyz and the front page 200 over HTTPS,
#      plain HTTP redirected, the security headers present and no Server
#      header, images under /media/ served and documents not, the worker active,
#      every timer listed and every scheduled job runnable once;
#   5. powers the machine off (KEEP=1 leaves it running to look around:
#      `nsenter -t LEADER -a bash`, LEADER printed below).
#
# Only the downloads leave the machine's network namespace: apt-get downloads
# with the host's network and installs inside (so the packages' scripts and the
# services they start see only the machine's ports), and the Python packages
# that deploy.sh installs are fetched by the machine's own Python (host
# network) into a wheelhouse that pip in deploy.sh then reads offline
# (PIP_NO_INDEX, PIP_FIND_LINKS). docs/deploy.md, "Rehearsing all of this",
# lists what else differs from a real server: a made-up host name with Caddy's
# internal CA (tls internal), placeholder Stripe keys, console email.
# Timings go to WORKDIR/timings.txt.
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
WORK=${1:-/var/tmp/newsroom-rehearsal}
MIRROR=${MIRROR:-http://deb.debian.org/debian}
HOST=news.example.org
ROOTFS=$WORK/rootfs
KEEP=${KEEP:-0}

[ "$(id -u)" = 0 ] || { echo "run as root" >&2; exit 1; }
command -v debootstrap >/dev/null && command -v systemd-nspawn >/dev/null ||
    { echo "apt-get install debootstrap systemd-container" >&2; exit 1; }

mkdir -p "$WORK"
: > "$WORK/timings.txt"
t0=$(date +%s)
t_step=$t0
step_name=""
step() {
    local now
    now=$(date +%s)
    if [ -n "$step_name" ]; then
        printf '%4ss  %s\n' "$((now - t_step))" "$step_name" | tee -a "$WORK/timings.txt"
    fi
    step_name=$*
    t_step=$now
    printf '\n######## %s\n' "$*"
}
fail() { echo "REHEARSAL FAILED: $*" >&2; exit 1; }

step "debootstrap bookworm into $ROOTFS"
if [ -e "$ROOTFS" ]; then rm -rf --one-file-system "$ROOTFS"; fi
debootstrap --include=systemd-sysv,dbus,ca-certificates bookworm "$ROOTFS" "$MIRROR" \
    > "$WORK/debootstrap.log" 2>&1 || { tail "$WORK/debootstrap.log"; fail debootstrap; }
cat > "$ROOTFS/etc/apt/sources.list" <<EOF
deb $MIRROR bookworm main
deb $MIRROR bookworm-updates main
deb ${MIRROR%/debian}/debian-security bookworm-security main
EOF
echo newsroom-rehearsal > "$ROOTFS/etc/hostname"
printf '127.0.0.1\tlocalhost\n127.0.1.1\tnewsroom-rehearsal\n::1\tlocalhost ip6-localhost\n' \
    > "$ROOTFS/etc/hosts"
cp /etc/resolv.conf "$ROOTFS/etc/resolv.conf"

step "the code for the machine to clone (a git bundle of this branch)"
branch=$(git -C "$REPO" rev-parse --abbrev-ref HEAD)
# A bundle, not a bare repository: git refuses to clone, as newsroom, from a
# repository that root owns.
git -C "$REPO" bundle create --quiet "$ROOTFS/var/tmp/newsroom.bundle" HEAD "$branch"
chmod a+r "$ROOTFS/var/tmp/newsroom.bundle"
echo "code: $branch at $(git -C "$REPO" rev-parse --short HEAD) (committed state only)"

step "boot with systemd as PID 1 (systemd-nspawn --boot --private-network)"
systemd-nspawn --boot --register=no --keep-unit --private-network --console=passive \
    -M newsroom-rehearsal -D "$ROOTFS" > "$WORK/nspawn.log" 2>&1 &
nspawn_pid=$!
leader=""
for _ in $(seq 50); do
    leader=$(pgrep -P "$nspawn_pid" || true)
    [ -n "$leader" ] && break
    sleep 0.2
done
[ -n "$leader" ] || { cat "$WORK/nspawn.log"; fail "the machine did not start"; }
stop_machine() {
    if [ "$KEEP" = 1 ]; then
        echo "machine left running: nsenter -t $leader -a bash; kill -s RTMIN+4 $leader to power off"
        return
    fi
    kill -s RTMIN+4 "$leader" 2>/dev/null || true
    wait "$nspawn_pid" 2>/dev/null || true
}
trap stop_machine EXIT
# Inside the machine: its namespaces, its network (loopback only).
inside() { nsenter -t "$leader" -a env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root TERM=dumb "$@"; }
# Inside the machine's file system and processes, with the host's network: downloads only.
inside_with_network() {
    nsenter -t "$leader" -m -u -i -p -C env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
        DEBIAN_FRONTEND=noninteractive "$@"
}
# Wait for the boot to finish (until then systemd-tmpfiles may still be
# cleaning /tmp under apt's feet).
state=""
for _ in $(seq 120); do
    state=$(inside systemctl is-system-running 2>/dev/null || true)
    case "$state" in running | degraded) break ;; esac
    sleep 1
done
echo "machine leader pid $leader; systemd says: $state"
[ "$state" = running ] || { inside systemctl --failed --no-pager || true; fail "boot: $state"; }
[ "$(inside cat /proc/1/comm)" = systemd ] || fail "PID 1 is not systemd"

step "docs step 1: system packages"
inside_with_network apt-get update -q
packages="python3 python3-venv git curl sudo postgresql redis-server caddy"
# Download with the host's network, install inside: the packages' scripts must
# see the machine's own ports (pg_createcluster takes 5433 when 5432 is busy).
inside_with_network apt-get install -y -q --download-only $packages > "$WORK/apt-install.log" 2>&1 ||
    { tail -20 "$WORK/apt-install.log"; fail "apt-get install --download-only"; }
inside env DEBIAN_FRONTEND=noninteractive apt-get install -y -q $packages >> "$WORK/apt-install.log" 2>&1 ||
    { tail -20 "$WORK/apt-install.log"; fail "apt-get install"; }
inside sh -c 'pg_lsclusters | grep -q "^15 *main *5432 *online"' || { inside pg_lsclusters; fail "PostgreSQL not on 5432"; }
inside systemctl is-active postgresql redis-server caddy

step "rehearsal only: Python packages into a wheelhouse (the machine's own Python, host network)"
# The host's trust store, in case its way out goes through an inspecting proxy.
cp /etc/ssl/certs/ca-certificates.crt "$ROOTFS/var/tmp/host-ca-certificates.crt"
inside_with_network env PIP_CERT=/var/tmp/host-ca-certificates.crt sh -ec '
    git clone -q /var/tmp/newsroom.bundle /var/tmp/newsroom-src
    python3 -m venv /var/tmp/wheel-venv
    /var/tmp/wheel-venv/bin/pip download -q --disable-pip-version-check -d /var/cache/newsroom-wheels \
        -c /var/tmp/newsroom-src/requirements/constraints.txt /var/tmp/newsroom-src pip "setuptools>=69"
    chmod -R a+rX /var/cache/newsroom-wheels
    rm -rf /var/tmp/wheel-venv /var/tmp/newsroom-src'
echo "$(ls "$ROOTFS/var/cache/newsroom-wheels" | wc -l) distributions"

step "docs step 2: a user, folders and the database"
inside adduser --system --group --home /srv/newsroom newsroom
inside install -d -o newsroom -g newsroom /srv/newsroom/media /srv/newsroom/static /srv/newsroom/backups
inside sudo -u postgres createuser newsroom
inside sudo -u postgres createdb --owner newsroom newsroom

step "docs step 3: the code and its configuration"
inside sudo -u newsroom git clone -q /var/tmp/newsroom.bundle /srv/newsroom/app
inside install -d -m 750 -o root -g newsroom /etc/newsroom
inside install -m 640 -o root -g newsroom /srv/newsroom/app/.env.example /etc/newsroom/newsroom.env
# The editor session: the values the docs list, placeholders where a real
# server has real accounts (Stripe, mail).
secret=$(python3 -c "import secrets; print(secrets.token_urlsafe(50))")
inside sed -i \
    -e "s|^SECRET_KEY=.*|SECRET_KEY=$secret|" \
    -e "s|^ALLOWED_HOSTS=.*|ALLOWED_HOSTS=$HOST|" \
    -e "s|^DATABASE_URL=.*|DATABASE_URL=postgres:///newsroom|" \
    -e "s|^SITE_URL=.*|SITE_URL=https://$HOST|" \
    -e "s|^CSRF_TRUSTED_ORIGINS=.*|CSRF_TRUSTED_ORIGINS=https://$HOST|" \
    -e "s|^REDIS_URL=.*|REDIS_URL=redis://127.0.0.1:6380/0|" \
    -e "s|^REDIS_RATELIMIT_URL=.*|REDIS_RATELIMIT_URL=redis://127.0.0.1:6381/0|" \
    -e "s|^MEDIA_ROOT=.*|MEDIA_ROOT=/srv/newsroom/media|" \
    -e "s|^STATIC_ROOT=.*|STATIC_ROOT=/srv/newsroom/static|" \
    -e "s|^EMAIL_URL=.*|EMAIL_URL=consolemail://|" \
    -e "s|^DEBUG=.*|DEBUG=false|" \
    -e "s|^STRIPE_SECRET_KEY=.*|STRIPE_SECRET_KEY=sk_test_rehearsal|" \
    -e "s|^STRIPE_WEBHOOK_SECRET=.*|STRIPE_WEBHOOK_SECRET=whsec_rehearsal|" \
    /etc/newsroom/newsroom.env
inside grep -E '^(ALLOWED_HOSTS|DATABASE_URL|SITE_URL|REDIS_URL|STRIPE_SECRET_KEY)=' /etc/newsroom/newsroom.env

step "docs step 3: Redis, a cache that evicts and counters that never do"
inside sh -c 'install -m 640 -o redis -g redis /srv/newsroom/app/deploy/redis/redis-newsroom-*.conf /etc/redis/'
inside systemctl disable --now redis-server.service
inside systemctl enable --now redis-server@newsroom-cache.service redis-server@newsroom-counters.service
[ "$(inside redis-cli -p 6380 config get maxmemory-policy | tail -1)" = allkeys-lru ] || fail "Redis cache policy"
[ "$(inside redis-cli -p 6381 config get maxmemory-policy | tail -1)" = noeviction ] || fail "Redis counters policy"

step "docs steps 4-6: deploy/deploy.sh --smoke-test"
inside sh -c "cd /srv/newsroom/app && sudo -u newsroom ENV_FILE=/etc/newsroom/newsroom.env VENV=/srv/newsroom/venv \
    PIP_NO_INDEX=1 PIP_FIND_LINKS=/var/cache/newsroom-wheels deploy/deploy.sh --smoke-test"
inside sh -c "sudo -u newsroom DJANGO_SUPERUSER_PASSWORD=rehearsal-$secret \
    /srv/newsroom/app/deploy/manage.sh createsuperuser --noinput --email admin@$HOST"
inside sudo -u newsroom /srv/newsroom/app/deploy/manage.sh load_demo_content > /dev/null

step "docs step 7: services (web, task worker)"
inside sh -c 'cp /srv/newsroom/app/deploy/systemd/newsroom-* /etc/systemd/system/'
inside systemctl daemon-reload
inside systemctl enable --now newsroom-web.service newsroom-worker.service
ready=$(inside curl -s -H "Host: $HOST" http://127.0.0.1:8000/readyz)
echo "/readyz: $ready"
inside systemctl is-active newsroom-web.service newsroom-worker.service

step "docs step 8: reverse proxy and HTTPS (Caddy)"
inside cp /srv/newsroom/app/deploy/Caddyfile /etc/caddy/Caddyfile
inside sed -i "s/news.example.org/$HOST/" /etc/caddy/Caddyfile
# Rehearsal only: no public DNS, so Caddy's own CA instead of Let's Encrypt.
inside sed -i 's/^\t# tls internal$/\ttls internal/' /etc/caddy/Caddyfile
inside caddy validate --config /etc/caddy/Caddyfile --adapter caddyfile 2>&1 | tail -1
inside systemctl reload caddy

step "docs step 9: scheduled jobs"
inside systemctl enable --now newsroom-publish-scheduled.timer newsroom-retry-tasks.timer \
    newsroom-update-index.timer newsroom-clearsessions.timer newsroom-backup.timer \
    newsroom-replay-stripe-events.timer newsroom-reconcile-memberships.timer \
    newsroom-send-newsletters.timer newsroom-send-gift-memberships.timer
inside systemctl list-timers --all --no-pager 'newsroom-*' | tee "$WORK/timers.txt"
listed=$(grep -c '^.*newsroom-.*\.timer' "$WORK/timers.txt" || true)
[ "$listed" = 9 ] || fail "expected 9 newsroom timers, got $listed"
for job in publish_scheduled retry_failed_tasks update_index clearsessions \
    replay_stripe_events reconcile_memberships send_gift_memberships; do
    inside systemctl start "newsroom-manage@$job.service" ||
        { inside journalctl -u "newsroom-manage@$job.service" --no-pager | tail -20; fail "job $job"; }
    echo "job $job: $(inside systemctl show -P Result "newsroom-manage@$job.service")"
done
inside systemctl start newsroom-backup.service
echo "backup: $(inside sh -c 'ls /srv/newsroom/backups/*/')"
inside systemctl start newsroom-send-newsletters.service ||
    { inside journalctl -u newsroom-send-newsletters.service --no-pager | tail -20; fail "send_newsletter --due"; }

step "checks through Caddy"
curl_in() { inside curl -sS --resolve "$HOST:443:127.0.0.1" --resolve "$HOST:80:127.0.0.1" "$@"; }
ca=/var/lib/caddy/.local/share/caddy/pki/authorities/local/root.crt
for _ in $(seq 30); do
    curl_in --cacert "$ca" -o /dev/null "https://$HOST/healthz" 2>/dev/null && break
    sleep 1
done
check() { # name expected actual
    if [ "$2" = "$3" ]; then echo "ok   $1: $3"; else fail "$1: expected $2, got $3"; fi
}
check "https /readyz" 200 "$(curl_in --cacert "$ca" -o /dev/null -w '%{http_code}' "https://$HOST/readyz")"
check "https front page" 200 "$(curl_in --cacert "$ca" -o /dev/null -w '%{http_code}' "https://$HOST/")"
check "https article list" 200 "$(curl_in --cacert "$ca" -o /dev/null -w '%{http_code}' "https://$HOST/search/?q=news")"
check "https admin login" 200 "$(curl_in --cacert "$ca" -o /dev/null -w '%{http_code}' -L "https://$HOST/admin/")"
check "http redirect" "308 https://$HOST/" \
    "$(curl_in -o /dev/null -w '%{http_code} %{redirect_url}' "http://$HOST/")"
headers=$(curl_in --cacert "$ca" -D - -o /dev/null "https://$HOST/")
for header in strict-transport-security content-security-policy permissions-policy x-request-id \
    x-frame-options referrer-policy cross-origin-opener-policy; do
    line=$(grep -i "^$header:" <<< "$headers" | tr -d '\r' || true)
    [ -n "$line" ] || fail "header $header missing through Caddy"
    echo "ok   ${line:0:100}"
done
server=$(grep -i '^server:' <<< "$headers" | tr -d '\r' || true)
[ -z "$server" ] || fail "the site announces its server: $server"
echo "ok   no Server header"
# Caddy serves images from MEDIA_ROOT, never documents (collection privacy is
# checked by Django's /documents/ view only).
inside sudo -u newsroom sh -c 'cd /srv/newsroom/media && mkdir -p images documents &&
    echo rehearsal > images/rehearsal.txt && echo private > documents/rehearsal-private.txt'
check "media image" 200 "$(curl_in --cacert "$ca" -o /dev/null -w '%{http_code}' "https://$HOST/media/images/rehearsal.txt")"
check "media document" 404 \
    "$(curl_in --cacert "$ca" -o /dev/null -w '%{http_code}' "https://$HOST/media/documents/rehearsal-private.txt")"
static=$(grep -o '/static/[^"]*\.css' <<< "$(curl_in --cacert "$ca" "https://$HOST/")" | head -1)
check "static file $static" 200 "$(curl_in --cacert "$ca" -o /dev/null -w '%{http_code}' "https://$HOST$static")"
check "worker unit" active "$(inside systemctl is-active newsroom-worker.service)"
check "web unit" active "$(inside systemctl is-active newsroom-web.service)"
check "failed units" 0 "$(inside systemctl list-units --failed --no-legend | wc -l)"
inside journalctl -u newsroom-web --no-pager -n 3 -o cat

step "done"
total=$(($(date +%s) - t0))
echo "total ${total}s" | tee -a "$WORK/timings.txt"
echo "REHEARSAL PASSED (timings in $WORK/timings.txt)"
