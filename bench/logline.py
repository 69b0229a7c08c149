"""What one JSON log line costs: the request summary every request writes
(``newsroom.request_id.log_summary``), through the production logging configuration into
a file, best of five rounds of 20,000. Run: ``.venv/bin/python bench/logline.py``.
Compare with a cache hit (``bench/results.md``: about 1/(cached req/s / 2
workers)); the target is at most 5 % of it."""

import logging
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.test")

import django  # noqa: E402
from django.conf import settings  # noqa: E402

django.setup()

from newsroom.request_id import log_summary  # noqa: E402

PATH = "/world/harbour-talks-resume/"
RID = "b2d4c71b314e423194afc1e110db2bca"


def per_line(formatter: str, rounds: int = 5, lines: int = 20_000) -> float:
    config = settings.LOGGING
    config["handlers"]["console"]["formatter"] = formatter
    logging.config.dictConfig(config)
    logging.getLogger("newsroom.request").setLevel(logging.INFO)
    with tempfile.TemporaryFile("w") as sink:
        for handler in logging.getLogger().handlers:
            handler.setStream(sink)
        best = float("inf")
        for _ in range(rounds):
            started = time.perf_counter()
            for _ in range(lines):
                log_summary("GET", PATH, 200, 0.4, RID)
            best = min(best, (time.perf_counter() - started) / lines)
    return best * 1e6


if __name__ == "__main__":
    for name in ("json", "plain"):
        print(f"{name:6s} {per_line(name):5.1f} µs per request log line")
