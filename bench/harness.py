"""What every `make bench` scenario shares: the environment of production
settings, the Redis it runs against, gunicorn, wrk and one-shot requests.

A scenario (``bench/pages.py``, the reader pages) is a module with
``run(bench: Bench) -> str``: it measures and returns its Markdown section;
``bench/run.py`` lists the scenarios and writes their sections to
``bench/results.md``.
"""

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import redis

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var" / "bench"
PYTHON = sys.executable
ARTICLES = int(os.environ.get("BENCH_ARTICLES", "20000"))
DURATION = int(os.environ.get("BENCH_DURATION", "10"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))
SOLO_DURATION = max(3, DURATION // 2)
PORT = int(os.environ.get("BENCH_PORT", "8077"))
BASE = f"http://127.0.0.1:{PORT}"
DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{VAR / 'db.sqlite3'}"
# The bench's own Redis database, flushed before each phase; started by the
# bench (and stopped after it) when nothing answers there.
REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6380/4"
# Settings of the second configuration: production, the cache in per-process memory.
MEMORY_SETTINGS = "bench.settings_memory"


@dataclass
class Config:
    """One way of running production: its name and settings module."""

    name: str
    settings: str = "newsroom.settings.production"
    extra: dict[str, str] = field(default_factory=dict)


REDIS = Config("Redis (REDIS_URL, production)")
MEMORY = Config("per-process memory", settings=MEMORY_SETTINGS)


def environment(config: Config = REDIS, **extra: str) -> dict[str, str]:
    """Production settings as deployed: DEBUG off, JSON log lines at INFO
    (one per request, ``newsroom.request_id``), Redis."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": config.settings,
        "DATABASE_URL": DATABASE_URL,
        "REDIS_URL": REDIS_URL,
        "MEDIA_ROOT": str(VAR / "media"),
        "STATIC_ROOT": str(VAR / "static"),
        "SITE_URL": BASE,
        "LOG_LEVEL": "INFO",
        "LOG_FORMAT": "json",
        "SECRET_KEY": "bench-only-not-secret-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "STRIPE_SECRET_KEY": "sk_test_bench",
        "STRIPE_WEBHOOK_SECRET": "whsec_bench",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "TASKS_BACKEND": "immediate",
        "QUERY_COUNT_HEADER": "true",
        "GUNICORN_BIND": f"127.0.0.1:{PORT}",
        "GUNICORN_WORKERS": "2",
        "GUNICORN_THREADS": "1",
        "GUNICORN_MAX_REQUESTS": "0",
        "GUNICORN_LOG_LEVEL": "warning",
        **config.extra,
    }
    env.update(extra)
    return env


def manage(*args: str, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env or environment(),
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout


class BenchRedis:
    """The Redis at ``REDIS_URL``; started here when nothing answers on its
    (loopback) port, and stopped again at the end."""

    def __init__(self, url: str = REDIS_URL) -> None:
        self.url = url
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> "BenchRedis":
        address = urlsplit(self.url)
        host, port = address.hostname or "127.0.0.1", address.port or 6379
        if not _answers(host, port):
            if host not in ("127.0.0.1", "localhost") or not shutil.which("redis-server"):
                raise SystemExit(f"Nothing answers at {self.url}, and no local redis-server.")
            print(f"Starting redis-server on port {port} for the bench")
            self.process = subprocess.Popen(
                ["redis-server", "--port", str(port), "--save", "", "--appendonly", "no"],
                stdout=subprocess.DEVNULL,
            )
            deadline = time.monotonic() + 10
            while not _answers(host, port):
                if time.monotonic() > deadline:
                    raise SystemExit("redis-server did not start")
                time.sleep(0.1)
        return self

    def flush(self) -> None:
        redis.Redis.from_url(self.url).flushdb()

    def __exit__(self, *exc) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)


def _answers(host: str, port: int) -> bool:
    try:
        socket.create_connection((host, port), timeout=0.5).close()
    except OSError:
        return False
    return True


class Server:
    """gunicorn as deployed (deploy/gunicorn.conf.py), its log lines into
    ``var/bench/gunicorn.log`` as a journal would take them."""

    def __init__(self, env: dict[str, str]) -> None:
        self.env = env
        self.process: subprocess.Popen | None = None
        self.log = None

    def __enter__(self) -> "Server":
        gunicorn = str(Path(PYTHON).parent / "gunicorn")
        self.log = (VAR / "gunicorn.log").open("ab")
        self.process = subprocess.Popen(
            [gunicorn, "-c", "deploy/gunicorn.conf.py", "newsroom.wsgi"],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=self.log,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{BASE}/healthz", timeout=2):
                    return self
            except OSError:
                time.sleep(0.5)
        self.__exit__()
        raise SystemExit("gunicorn did not answer /healthz within 60 s (var/bench/gunicorn.log)")

    def __exit__(self, *exc) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.log is not None:
            self.log.close()


def fetch(path: str) -> dict[str, str]:
    """One request; its headers (none when it failed or took over two minutes)."""
    request = urllib.request.Request(BASE + path, headers={"Accept-Encoding": "identity"})
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            response.read()
            return {k.lower(): v for k, v in response.headers.items()}
    except OSError as error:
        print(f"  {path}: {error}")
        return {}


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * _UNITS[unit]


def wrk(path: str, connections: int, duration: int) -> dict:
    threads = min(2, connections)
    out = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{duration}s",
            "--timeout",
            "30s",
            "--latency",
            # A connection per request, as readers' browsers each bring their
            # own: with keep-alive, wrk's connections stay with whichever of
            # the two workers accepted them, so a run measured one worker or
            # two at random (the same page at 195 and 366 req/s in two runs).
            "-H",
            "Connection: close",
            BASE + path,
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    percentiles = dict(re.findall(r"^\s+(\d+)%\s+([\d.]+\w+)\s*$", out, re.MULTILINE))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    nan = float("nan")  # no request finished in time
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": _ms(percentiles["50"]) if "50" in percentiles else nan,
        "p99": _ms(percentiles["99"]) if "99" in percentiles else nan,
        "errors": int(errors.group(1)) if errors else 0,
    }


def commit() -> str:
    return subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()


@dataclass
class Bench:
    """What a scenario gets: the Redis (to flush) and the dataset's size."""

    redis: BenchRedis
    built_in: float
    articles: int = ARTICLES
