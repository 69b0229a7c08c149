"""Per-request time through Django's WSGI handler, no server, no network:
the steadier figure on a busy machine, where wrk's rates swing with the load.

    .venv/bin/python bench/inprocess.py cached /static/css/site.<hash>.css / /world/story/
    .venv/bin/python bench/inprocess.py uncached / /world/story/

Production settings as `make bench` runs them (``harness.environment``: Redis
at ``REDIS_URL``, JSON log lines, here into ``var/bench/inprocess.log``) on the
bench dataset (run ``make bench`` once first). Each path is requested 30
times to warm up, then in ``BENCH_BATCHES`` batches (default 20); the best
batch's mean is printed, in µs. To compare two commits, run it from each
tree in turn (``git archive <commit> | tar -x -C <dir>``), alternately.
"""

import io
import logging
import os
import sys
import time

from harness import VAR, environment

mode, paths = sys.argv[1], sys.argv[2:]
os.environ.update(environment(PAGE_CACHE="true" if mode == "cached" else "false"))

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
log = (VAR / "inprocess.log").open("a")
for handler in logging.getLogger().handlers:
    handler.setStream(log)


def environ(path: str) -> dict:
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8077",
        "HTTP_HOST": "127.0.0.1:8077",
        "REMOTE_ADDR": "127.0.0.1",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
    }


def request(path: str) -> None:
    body = application(environ(path), lambda status, headers, exc_info=None: None)
    b"".join(body)
    body.close()


def best_us(path: str, batches: int, size: int) -> float:
    for _ in range(30):
        request(path)
    best = float("inf")
    for _ in range(batches):
        started = time.perf_counter()
        for _ in range(size):
            request(path)
        best = min(best, (time.perf_counter() - started) / size)
    return best * 1e6


if __name__ == "__main__":
    batches = int(os.environ.get("BENCH_BATCHES", "20"))
    size = 50 if mode == "cached" else 10
    for path in paths:
        print(f"{mode:8s} {path:50s} {best_us(path, batches, size):8.0f} µs")
