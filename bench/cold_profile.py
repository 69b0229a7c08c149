"""Where one reader render spends its time, in process: no server, no network
but Redis, CPU time rather than wall time (steady on a shared machine).

    .venv/bin/python bench/cold_profile.py cold / /world/story/
    .venv/bin/python bench/cold_profile.py warm /world/story/ --profile
    .venv/bin/python bench/cold_profile.py html / /world/story/ > before.html

``cold``: each render right after ``purge_all()`` (every fragment and look-up
dropped, as ``bench/pages.py`` measures it); ``warm``: the page cache off, its
fragments and look-ups warm (what a signed-in reader gets). For each path:
the median and best CPU milliseconds (``time.process_time``) of ``--runs``
renders, the median wall milliseconds and the queries of one render.
``--profile`` adds cProfile's top functions over all the renders (by
``--sort``, default tottime). ``html``: each page's HTML, cold then warm,
with the per-request values (CSP nonces) blanked, to compare two trees byte
for byte (``diff``).

Production settings as ``make bench`` runs them (``harness.environment``;
the JSON log lines go to ``var/bench/cold_profile.log``), on the database at
``DATABASE_URL`` (default: the bench's) and the Redis at ``REDIS_URL``. To
compare two commits, run this script against each tree in turn
(``git archive <commit> | tar -x -C <dir>``, then ``PYTHONPATH=<dir>`` from
that directory), alternately, several times.
"""

import argparse
import cProfile
import logging
import os
import pstats
import re
import statistics
import sys
import time

from harness import VAR, environment

NONCE = re.compile(rb'nonce="[^"]*"')

parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
parser.add_argument("mode", choices=("cold", "warm", "html"))
parser.add_argument("paths", nargs="+")
parser.add_argument("--runs", type=int, default=20)
parser.add_argument("--profile", action="store_true")
parser.add_argument("--sort", default="tottime")
parser.add_argument("--top", type=int, default=40)
parser.add_argument("--host", default="127.0.0.1:8077")
args = parser.parse_args()

# The tree being measured (the working directory) before the installed one.
sys.path.insert(1, os.getcwd())
keep = {name: os.environ[name] for name in ("MEDIA_ROOT", "SITE_URL") if name in os.environ}
os.environ.update(environment(PAGE_CACHE="false", **keep))

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from articles.cache import generations  # noqa: E402

VAR.mkdir(parents=True, exist_ok=True)
log = (VAR / "cold_profile.log").open("a")
for handler in logging.getLogger().handlers:
    handler.setStream(log)
client = Client(HTTP_HOST=args.host)


def render(path: str, cold: bool) -> tuple[bytes, float, float, int]:
    """One render of ``path`` (after ``purge_all()`` if ``cold``): its HTML,
    CPU ms, wall ms and queries."""
    if cold:
        generations.purge_all()
    with CaptureQueriesContext(connection) as queries:
        cpu, wall = time.process_time(), time.perf_counter()
        response = client.get(path)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    if response.status_code != 200:
        raise SystemExit(f"{path}: {response.status_code}")
    return response.content, cpu * 1000, wall * 1000, len(queries)


def html(paths: list[str]) -> None:
    for path in paths:
        render(path, cold=True)  # templates loaded, renditions made
        for cold in (True, False):
            content = render(path, cold)[0]
            sys.stdout.buffer.write(f"==== {'cold' if cold else 'warm'} {path}\n".encode())
            sys.stdout.buffer.write(NONCE.sub(b'nonce=""', content) + b"\n")


def measure(paths: list[str], cold: bool, profiler: cProfile.Profile | None) -> None:
    for path in paths:
        for _ in range(3):
            render(path, cold)
        cpus, walls, count = [], [], 0
        for _ in range(args.runs):
            if profiler:
                profiler.enable()
            _, cpu, wall, count = render(path, cold)
            if profiler:
                profiler.disable()
            cpus.append(cpu)
            walls.append(wall)
        print(
            f"{args.mode:4s} {path:45s} cpu p50 {statistics.median(cpus):6.2f} ms"
            f"  best {min(cpus):6.2f}  wall p50 {statistics.median(walls):6.2f} ms"
            f"  queries {count}"
        )


if __name__ == "__main__":
    if args.mode == "html":
        html(args.paths)
    else:
        profiler = cProfile.Profile() if args.profile else None
        measure(args.paths, args.mode == "cold", profiler)
        if profiler:
            pstats.Stats(profiler).sort_stats(args.sort).print_stats(args.top)
