#!/usr/bin/env bash
# The cheap part of the Debian rehearsal (deploy/rehearse-debian.sh), run by CI:
#   - `systemd-analyze verify` of every unit in deploy/systemd, as installed
#     by docs/deploy.md step 7 (in a scratch root with the paths they name);
#   - every timer starts a unit that exists, and docs/deploy.md lists every timer;
#   - `caddy validate` of deploy/Caddyfile, then the Caddyfile served on
#     loopback ports in front of gunicorn (deploy/gunicorn.conf.py, a small
#     echo app): image renditions and originals served from a scratch
#     MEDIA_ROOT, documents and anything else under /media/ a 404, no Server
#     header, a client's X-Forwarded-For replaced by the address Caddy sees
#     (skipped with a note when caddy is not installed: apt-get install caddy).
#   - deploy/redis: the cache evicts (allkeys-lru), the counters never do
#     (noeviction), both have a maxmemory, on the ports .env.example names;
#     each started once by redis-server when it is installed.
set -euo pipefail
cd "$(dirname "$0")/.."

root=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$root"
}
trap cleanup EXIT

echo "systemd units (systemd-analyze verify):"
mkdir -p "$root/etc/systemd/system" "$root/usr/lib/systemd" "$root/bin" \
    "$root/srv/newsroom/venv/bin" "$root/srv/newsroom/app/deploy"
cp -a /lib/systemd/system "$root/usr/lib/systemd/"
cp /bin/kill "$root/bin/"
for exe in venv/bin/gunicorn venv/bin/python app/deploy/backup.sh; do
    printf '#!/bin/sh\n' > "$root/srv/newsroom/$exe"
    chmod +x "$root/srv/newsroom/$exe"
done
cp deploy/systemd/newsroom-* "$root/etc/systemd/system/"
units=()
for path in deploy/systemd/newsroom-*; do
    name=$(basename "$path")
    case "$name" in
    *@.service) name=${name/@./@clearsessions.} ;; # a template is verified as an instance
    esac
    units+=("$name")
done
# verify only warns about many mistakes (an unknown Type=, a misspelt key):
# any message at all fails the check.
if ! out=$(cd "$root/etc/systemd/system" && systemd-analyze verify --root="$root" "${units[@]}" 2>&1) ||
    [ -n "$out" ]; then
    echo "${out//$root/}" >&2
    exit 1
fi
echo "  ${#units[@]} units verified"

echo "timers:"
for timer in deploy/systemd/newsroom-*.timer; do
    name=$(basename "$timer")
    target=$(sed -n 's/^Unit=//p' "$timer")
    target=${target:-${name%.timer}.service}
    case "$target" in
    *@*.service) file=deploy/systemd/${target%%@*}@.service ;;
    *) file=deploy/systemd/$target ;;
    esac
    [ -f "$file" ] || { echo "$name starts $target, which deploy/systemd does not have" >&2; exit 1; }
    grep -q "\`$name\`" docs/deploy.md || { echo "docs/deploy.md does not list $name" >&2; exit 1; }
    echo "  $name -> $target"
done

echo "Redis (deploy/redis):"
redis_conf() { # file port policy env-variable
    local file=deploy/redis/$1 port=$2 policy=$3 variable=$4
    grep -qx "port $port" "$file" || { echo "$file: not on port $port" >&2; exit 1; }
    grep -qx "maxmemory-policy $policy" "$file" || { echo "$file: policy is not $policy" >&2; exit 1; }
    grep -Eqx 'maxmemory [1-9][0-9]*[mg]b' "$file" || { echo "$file: no maxmemory" >&2; exit 1; }
    grep -qx "$variable=redis://127.0.0.1:$port/0" .env.example ||
        { echo ".env.example: $variable is not redis://127.0.0.1:$port/0" >&2; exit 1; }
    if command -v redis-server > /dev/null; then
        # Started on a free port, as the service would start it: a typo fails here.
        local test_port
        test_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
        redis-server "$file" --port "$test_port" --pidfile "$root/$1.pid" --daemonize yes \
            --logfile "$root/$1.log" > /dev/null
        for _ in $(seq 50); do redis-cli -p "$test_port" ping > /dev/null 2>&1 && break; sleep 0.1; done
        local running
        running=$(redis-cli -p "$test_port" config get maxmemory-policy | tail -1)
        redis-cli -p "$test_port" shutdown nosave > /dev/null 2>&1 || true
        [ "$running" = "$policy" ] || { echo "$file: redis-server runs it with '$running'" >&2; exit 1; }
    fi
    echo "  $1: port $port, $policy"
}
redis_conf redis-newsroom-cache.conf 6380 allkeys-lru REDIS_URL
redis_conf redis-newsroom-counters.conf 6381 noeviction REDIS_RATELIMIT_URL

echo "Caddyfile (caddy validate):"
if command -v caddy > /dev/null; then
    sed 's|output file /var/log/caddy/newsroom.log|output stderr|' deploy/Caddyfile > "$root/Caddyfile"
    caddy validate --adapter caddyfile --config "$root/Caddyfile" 2>&1 | tail -1
else
    echo "  skipped: caddy is not installed (apt-get install caddy)"
    exit 0
fi

echo "Caddyfile served on loopback (media, headers, X-Forwarded-For):"
gunicorn=${VENV:-.venv}/bin/gunicorn
[ -x "$gunicorn" ] || { echo "  skipped: no $gunicorn (make install)"; exit 0; }
read -r app_port caddy_port < <(python3 -c '
import socket
socks = [socket.socket() for _ in range(2)]
for s in socks: s.bind(("127.0.0.1", 0))
print(*(s.getsockname()[1] for s in socks))')
# The app answers with the X-Forwarded-For it received.
cat > "$root/echo_app.py" <<'PY'
def app(environ, start_response):
    body = environ.get("HTTP_X_FORWARDED_FOR", "-").encode()
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", str(len(body)))])
    return [body]
PY
GUNICORN_BIND=127.0.0.1:$app_port GUNICORN_WORKERS=1 GUNICORN_THREADS=2 \
    "$gunicorn" -c deploy/gunicorn.conf.py --pythonpath "$root" echo_app:app \
    > "$root/gunicorn.log" 2>&1 &
pids+=($!)
media=$root/media
mkdir -p "$media/images" "$media/original_images" "$media/avatar_images" "$media/documents"
for file in images/photo.fill-100x100.jpg original_images/photo.jpg avatar_images/avatar_x.png \
    documents/private-board-minutes.pdf secret.txt; do
    echo "$file" > "$media/$file"
done
{
    printf '{\n\tadmin off\n\tauto_https off\n\tstorage file_system %s\n}\n' "$root/caddy-data"
    sed -e "s|^news.example.org {|http://127.0.0.1:$caddy_port {|" \
        -e "s|root \* /srv/newsroom/media|root * $media|" \
        -e "s|reverse_proxy 127.0.0.1:8000|reverse_proxy 127.0.0.1:$app_port|" \
        -e "s|output file /var/log/caddy/newsroom.log|output discard|" deploy/Caddyfile
} > "$root/Caddyfile.loopback"
XDG_CONFIG_HOME=$root XDG_DATA_HOME=$root \
    caddy run --adapter caddyfile --config "$root/Caddyfile.loopback" > "$root/caddy.log" 2>&1 &
pids+=($!)
site=http://127.0.0.1:$caddy_port
for _ in $(seq 50); do
    curl -fs -o /dev/null "$site/" && break
    sleep 0.2
done
fail() { echo "  FAILED: $*" >&2; tail -n 5 "$root/caddy.log" "$root/gunicorn.log" >&2; exit 1; }
status() { curl -s -o /dev/null -w '%{http_code}' "$@"; }
expect() { # expected-status path [curl options]
    local want=$1 path=$2 got
    shift 2
    got=$(status "$@" "$site$path")
    [ "$got" = "$want" ] || fail "$path: expected $want, got $got"
    echo "  $want $path"
}
expect 200 /media/images/photo.fill-100x100.jpg
expect 200 /media/original_images/photo.jpg
expect 200 /media/avatar_images/avatar_x.png
expect 404 /media/documents/private-board-minutes.pdf
expect 404 /media/secret.txt
expect 404 /media/images/../documents/private-board-minutes.pdf --path-as-is
expect 404 /media/images/%2e%2e/documents/private-board-minutes.pdf --path-as-is
for path in / /media/images/photo.fill-100x100.jpg /media/documents/private-board-minutes.pdf; do
    if curl -s -D - -o /dev/null "$site$path" | grep -qi '^server:'; then
        fail "$path announces a Server header"
    fi
done
echo "  no Server header (gunicorn's or Caddy's)"
seen=$(curl -s -H "X-Forwarded-For: 203.0.113.66" "$site/")
[ "$seen" = 127.0.0.1 ] || fail "a client's X-Forwarded-For reached the app: $seen"
echo "  a client's X-Forwarded-For is replaced: the app sees $seen"
# WSGI maps X_Forwarded_For to the same HTTP_X_FORWARDED_FOR: gunicorn must
# refuse it (400) rather than merge it with the proxy's header.
seen=$(curl -s -H "X_Forwarded_For: 203.0.113.66" "$site/")
case "$seen" in *203.0.113.66*) fail "X_Forwarded_For reached the app: $seen" ;; esac
echo "  a client's X_Forwarded_For never reaches the app"
