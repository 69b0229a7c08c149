#!/usr/bin/env bash
# Install or upgrade Newsroom on a single server (docs/deploy.md, steps 4-6).
#
#   sudo -u newsroom ENV_FILE=/etc/newsroom/newsroom.env deploy/deploy.sh
#   deploy/deploy.sh --smoke-test        # also start gunicorn briefly and probe it
#
# From the checked-out code in the current directory it: creates or updates
# the virtualenv (exact pins from requirements/constraints.txt), applies
# migrations, collects static files and runs Django's deploy checks. With
# --smoke-test it then starts gunicorn on GUNICORN_BIND, checks /readyz and the
# front page, runs one worker pass and stops gunicorn; without, it prints the
# restart command (run as root: the newsroom user cannot restart services).
set -euo pipefail
cd "$(dirname "$0")/.."

ENV_FILE=${ENV_FILE:-/etc/newsroom/newsroom.env}
VENV=${VENV:-/srv/newsroom/venv}
PYTHON=${PYTHON:-python3}
EXTRAS=${EXTRAS:-}          # "s3" when MEDIA_STORAGE=s3 or FRONTEND_CACHE=cloudfront
smoke=false
[ "${1:-}" = "--smoke-test" ] && smoke=true

step() { printf '\n==> %s\n' "$*"; }

[ -r "$ENV_FILE" ] || { echo "cannot read $ENV_FILE (see .env.example)" >&2; exit 1; }
. deploy/load-env.sh
load_env_file "$ENV_FILE"
export DJANGO_SETTINGS_MODULE=newsroom.settings.production

step "Virtualenv $VENV"
[ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
"$VENV/bin/pip" install --quiet --disable-pip-version-check --upgrade pip
"$VENV/bin/pip" install --quiet --disable-pip-version-check \
    -c requirements/constraints.txt ".${EXTRAS:+[$EXTRAS]}"
PY="$VENV/bin/python"

step "Database migrations"
"$PY" manage.py migrate --noinput

step "Static files into ${STATIC_ROOT:-var/static}"
"$PY" manage.py collectstatic --noinput -v0

step "Deploy checks"
"$PY" manage.py check --deploy --fail-level WARNING

if $smoke; then
    bind=${GUNICORN_BIND:-127.0.0.1:8000}
    host=${ALLOWED_HOSTS%%,*}
    step "Smoke test: gunicorn on $bind (Host: $host)"
    "$VENV/bin/gunicorn" -c deploy/gunicorn.conf.py --pid "${TMPDIR:-/tmp}/newsroom-smoke.pid" \
        newsroom.wsgi > "${TMPDIR:-/tmp}/newsroom-smoke.log" 2>&1 &
    gunicorn_pid=$!
    trap 'kill "$gunicorn_pid" 2>/dev/null; wait "$gunicorn_pid" 2>/dev/null || true' EXIT
    for _ in $(seq 60); do
        curl -fs -o /dev/null -H "Host: $host" "http://$bind/healthz" && break
        sleep 1
    done
    probe() { curl -sS -H "Host: $host" -H "X-Forwarded-Proto: https" "$@"; }
    echo "/healthz: $(probe "http://$bind/healthz")"
    echo "/readyz:  $(probe "http://$bind/readyz")"
    probe -f -o /dev/null "http://$bind/readyz"
    status=$(probe -o /dev/null -w '%{http_code}' "http://$bind/")
    echo "front page over HTTPS (as the proxy forwards it): $status"
    [ "$status" = 200 ]
    probe -D - -o /dev/null "http://$bind/" |
        grep -iE '^(strict-transport-security|content-security-policy|permissions-policy|x-request-id):' |
        cut -c1-110
    redirect=$(curl -sS -o /dev/null -w '%{http_code} %{redirect_url}' -H "Host: $host" "http://$bind/")
    echo "plain HTTP is redirected: $redirect"
    step "Background tasks: one worker pass"
    "$PY" manage.py db_worker --batch --no-startup-delay --no-reload -v0
    "$PY" manage.py retry_failed_tasks --list
    step "Smoke test passed"
else
    step "Done. As root, restart the services and check readiness:"
    echo "  systemctl restart newsroom-web newsroom-worker"
    echo "  curl -s -H 'Host: ${ALLOWED_HOSTS%%,*}' http://${GUNICORN_BIND:-127.0.0.1:8000}/readyz"
fi
