#!/usr/bin/env bash
# The cheap part of the Debian rehearsal (deploy/rehearse-debian.sh), run by CI:
#   - `systemd-analyze verify` of every unit in deploy/systemd, as installed
#     by docs/deploy.md step 7 (in a scratch root with the paths they name);
#   - every timer starts a unit that exists, and docs/deploy.md lists every timer;
#   - `caddy validate` of deploy/Caddyfile (skipped with a note when caddy is
#     not installed: apt-get install caddy);
#   - deploy/redis: the cache evicts (allkeys-lru), the counters never do
#     (noeviction), both have a maxmemory, on the ports .env.example names;
#     each started once by redis-server when it is installed.
set -euo pipefail
cd "$(dirname "$0")/.."

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT

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

echo "Caddyfile (caddy validate):"
if command -v caddy > /dev/null; then
    sed 's|output file /var/log/caddy/newsroom.log|output stderr|' deploy/Caddyfile > "$root/Caddyfile"
    caddy validate --adapter caddyfile --config "$root/Caddyfile" 2>&1 | tail -1
else
    echo "  skipped: caddy is not installed (apt-get install caddy)"
fi

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
