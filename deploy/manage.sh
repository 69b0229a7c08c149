#!/usr/bin/env bash
# Run a management command on a server with the production environment:
#   sudo -u newsroom /srv/newsroom/app/deploy/manage.sh createsuperuser
# ENV_FILE (default /etc/newsroom/newsroom.env) and VENV (/srv/newsroom/venv)
# as for deploy.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
. deploy/load-env.sh
load_env_file "${ENV_FILE:-/etc/newsroom/newsroom.env}"
export DJANGO_SETTINGS_MODULE=newsroom.settings.production
exec "${VENV:-/srv/newsroom/venv}/bin/python" manage.py "$@"
