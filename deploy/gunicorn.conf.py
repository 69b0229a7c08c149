"""gunicorn settings for Newsroom, read from the environment.

    gunicorn -c deploy/gunicorn.conf.py newsroom.wsgi

Every value has a default that suits one small server behind a reverse proxy;
docs/deploy.md explains how to size them.
"""

import gc
import multiprocessing
import os


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


# Where to listen. The reverse proxy (Caddy or nginx) connects here; keep it on
# loopback or a unix socket ("unix:/run/newsroom/gunicorn.sock").
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# Processes x threads = concurrent requests. Threads suit a Django app that
# mostly waits on PostgreSQL; each thread may hold one database connection.
workers = _int("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1)
threads = _int("GUNICORN_THREADS", 4)
worker_class = "gthread"

# A request that takes longer than this is killed and its worker replaced.
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _int("GUNICORN_KEEPALIVE", 5)

# Recycle workers now and then so a slow leak can never take the site down.
max_requests = _int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 200)

# Refuse oversized request lines and headers early (gunicorn answers 400).
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190

# The proxy on the same host sets X-Forwarded-Proto; trust it only from there.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Django logs every request itself (JSON, with its request id), so gunicorn's
# access log is off unless asked for; errors go to stderr, i.e. the journal.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")

# Load the application before forking: faster worker start, less memory.
preload_app = True


# The loaded application (Django, Wagtail, the URL conf, the templates: ~200,000
# objects) never becomes garbage, but the cycle collector's full passes walked
# all of it in every worker: a pass cost about 0.3 s, one every few thousand
# requests. Frozen before each fork, it is left out of those passes (and its
# memory pages stay shared with the master).
def pre_fork(server, worker):
    gc.freeze()
