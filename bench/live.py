"""`make bench-live`: a live page's poll fragment under load, and the time from
"Post" to an entry being visible to 1,000 polling readers.

1. Dataset: a home page, a World section and the demo live page (40 entries,
   ``articles.live.demo``) in ``var/bench-live/db.sqlite3`` (or
   ``DATABASE_URL``), static files collected. Built once, reused.
2. wrk, gunicorn with production settings (2 workers, loopback), every request
   on a new connection as in ``bench/run.py``: the static CSS file (the
   reference), the poll fragment from the page cache, the same with its ETag
   (a 304), and the fragment rendered on every request (``PAGE_CACHE=false``).
3. Post to visible: ``BENCH_LIVE_POLLERS`` simulated readers (default 1,000)
   poll the fragment as ``static/js/live.js`` does (every 20 s from a random
   start, with ``If-None-Match``); this process posts ``BENCH_LIVE_POSTS``
   entries through ``articles.live.entries.post_entry`` (the admin's path: it
   purges through the shared Redis) and records, for every reader and entry,
   the seconds from the post's commit to the first response showing it. No CDN
   runs here: one in front adds at most the fragment's ``s-maxage`` (5 s).

Writes ``bench/results-live.md``. Environment: REDIS_URL (required; a
database of its own), DATABASE_URL, BENCH_PORT (default 8141),
BENCH_DURATION (wrk seconds, default 10), BENCH_CONNECTIONS (default 8),
BENCH_LIVE_POLLERS, BENCH_LIVE_POSTS (default 4), BENCH_LIVE_INTERVAL
(default 20). Kept apart from ``bench/run.py`` on purpose.
"""

import asyncio
import contextlib
import os
import random
import re
import statistics
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var" / "bench-live"
PYTHON = sys.executable
PORT = int(os.environ.get("BENCH_PORT", "8141"))
HOST = "127.0.0.1"
BASE = f"http://{HOST}:{PORT}"
DURATION = int(os.environ.get("BENCH_DURATION", "10"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))
POLLERS = int(os.environ.get("BENCH_LIVE_POLLERS", "1000"))
POSTS = int(os.environ.get("BENCH_LIVE_POSTS", "4"))
INTERVAL = float(os.environ.get("BENCH_LIVE_INTERVAL", "20"))
DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{VAR / 'db.sqlite3'}"
RESULTS = ROOT / "bench" / "results-live.md"
ENTRY_ID = re.compile(rb'data-entry-id="(\d+)"')


def production(**extra: str) -> dict[str, str]:
    if not os.environ.get("REDIS_URL"):
        raise SystemExit("Set REDIS_URL (e.g. redis://127.0.0.1:6379/5): production needs Redis.")
    return {
        **os.environ,
        "DATABASE_URL": DATABASE_URL,
        "MEDIA_ROOT": str(VAR / "media"),
        "STATIC_ROOT": str(VAR / "static"),
        "SITE_URL": BASE,
        "LOG_LEVEL": "WARNING",
        "LOG_FORMAT": "plain",
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.production",
        "SECRET_KEY": "bench-only-not-secret-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "STRIPE_SECRET_KEY": "sk_test_bench",
        "STRIPE_WEBHOOK_SECRET": "whsec_bench",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "TASKS_BACKEND": "immediate",
        "GUNICORN_BIND": f"{HOST}:{PORT}",
        "GUNICORN_WORKERS": "2",
        "GUNICORN_THREADS": "1",
        "GUNICORN_MAX_REQUESTS": "0",
        "GUNICORN_LOG_LEVEL": "warning",
        **extra,
    }


def manage(*args: str, env: dict[str, str] | None = None) -> str:
    return subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env or production(),
        check=True,
        capture_output=True,
        text=True,
    ).stdout


SETUP = """
from wagtail.models import Page, Site
from articles.live import demo
from articles.models import HomePage, SectionPage
home = HomePage.objects.first()
if home is None:
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Home", slug="bench-home"))
    site = Site.objects.get(is_default_site=True)
    site.root_page, site.hostname, site.port = home, "127.0.0.1", int(%(port)s)
    site.save()
if not SectionPage.objects.filter(slug="world").exists():
    home.add_child(instance=SectionPage(title="World", slug="world")).save_revision().publish()
demo.ensure()
from articles.live.models import LiveBlogPage
from django.templatetags.static import static
page = LiveBlogPage.objects.get(slug=demo.SLUG)
print(page.url, static("css/site.css"))
"""


def build() -> tuple[str, str]:
    VAR.mkdir(parents=True, exist_ok=True)
    manage("migrate", "--noinput")
    manage("collectstatic", "--noinput")
    url, static = manage("shell", "-c", SETUP % {"port": PORT}).strip().splitlines()[-1].split()
    return url, static


class Server:
    def __init__(self, page_cache: bool) -> None:
        self.env = production(PAGE_CACHE="true" if page_cache else "false")
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> "Server":
        gunicorn = str(Path(PYTHON).parent / "gunicorn")
        self.process = subprocess.Popen(
            [gunicorn, "-c", "deploy/gunicorn.conf.py", "newsroom.wsgi"], cwd=ROOT, env=self.env
        )
        for _ in range(100):
            try:
                urllib.request.urlopen(BASE + "/robots.txt", timeout=2)
                return self
            except OSError:
                time.sleep(0.2)
        raise SystemExit("gunicorn did not start")

    def __exit__(self, *exc) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def _ms(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def wrk(path: str, *headers: str) -> dict:
    args = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{DURATION}s", "--timeout", "30s", "--latency"]
    for header in ("Connection: close", *headers):
        args += ["-H", header]
    out = subprocess.run([*args, BASE + path], check=True, capture_output=True, text=True).stdout
    percentiles = dict(re.findall(r"^\s+(\d+)%\s+([\d.]+\w+)\s*$", out, re.MULTILINE))
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": _ms(percentiles["50"]),
        "p99": _ms(percentiles["99"]),
    }


def etag_of(path: str) -> str:
    with urllib.request.urlopen(BASE + path, timeout=10) as response:
        return response.headers["ETag"]


# Post to visible ---------------------------------------------------------------


async def get(path: str, etag: str | None) -> tuple[int, str | None, bytes]:
    reader, writer = await asyncio.open_connection(HOST, PORT)
    lines = [f"GET {path} HTTP/1.1", f"Host: {HOST}:{PORT}", "Connection: close"]
    if etag:
        lines.append(f"If-None-Match: {etag}")
    writer.write(("\r\n".join(lines) + "\r\n\r\n").encode())
    await writer.drain()
    raw = await reader.read()
    writer.close()
    head, _, body = raw.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    found = re.search(rb"(?im)^etag:\s*(\S+)", head)
    return status, found.group(1).decode() if found else etag, body


async def poller(path: str, seen: dict, stop: asyncio.Event, errors: list) -> None:
    """One reader: polls every INTERVAL seconds from a random start; records
    when it first sees each entry id."""
    etag = None
    await asyncio.sleep(random.uniform(0, INTERVAL))  # noqa: S311 - not cryptography
    mine: set[bytes] = set()
    while not stop.is_set():
        try:
            status, etag, body = await get(path, etag)
        except OSError as error:
            errors.append(str(error))
            status, body = 0, b""
        now = time.time()
        if status == 200:
            for entry_id in ENTRY_ID.findall(body):
                if entry_id not in mine:
                    mine.add(entry_id)
                    seen.setdefault(entry_id, []).append(now)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=INTERVAL)


def post_entry_now(page_slug: str, n: int) -> tuple[bytes, float]:
    # Django is set up only in post_to_visible, with the server's settings.
    from articles.live import entries
    from articles.live.models import LiveBlogPage

    page = LiveBlogPage.objects.get(slug=page_slug)
    entry = entries.post_entry(page, None, f"Bench update {n}: posted at {time.time():.3f}.")
    return str(entry.pk).encode(), time.time()


async def post_to_visible(path: str) -> dict:
    os.environ.update(production(PAGE_CACHE="true"))
    # Set up only now, with the settings the server runs with.
    import django

    django.setup()
    # Needs the apps loaded (just above).
    from articles.live import demo

    seen: dict[bytes, list[float]] = {}
    errors: list[str] = []
    stop = asyncio.Event()
    tasks = [asyncio.create_task(poller(path, seen, stop, errors)) for _ in range(POLLERS)]
    await asyncio.sleep(INTERVAL + 2)  # every reader has the page
    posted: dict[bytes, float] = {}
    for n in range(POSTS):
        entry_id, at = await asyncio.to_thread(post_entry_now, demo.SLUG, n)
        posted[entry_id] = at
        await asyncio.sleep(INTERVAL * 1.25)
    await asyncio.sleep(INTERVAL + 5)
    stop.set()
    await asyncio.gather(*tasks)
    delays = sorted(t - posted[i] for i in posted for t in seen.get(i, []))
    expected = POLLERS * POSTS
    quantiles = statistics.quantiles(delays, n=100) if len(delays) > 1 else [float("nan")] * 99
    return {
        "p50": statistics.median(delays) if delays else float("nan"),
        "p99": quantiles[98],
        "max": delays[-1] if delays else float("nan"),
        "seen": len(delays),
        "expected": expected,
        "errors": len(errors),
    }


def main() -> None:
    started = datetime.now(UTC)
    live_url, static = build()
    poll = f"{live_url}updates/"
    print(f"Live page {live_url}; poll fragment {poll}")
    rows = {}
    with Server(page_cache=True):
        urllib.request.urlopen(BASE + poll, timeout=10)
        rows["static CSS (reference)"] = wrk(static)
        rows["poll fragment, cached"] = wrk(poll)
        rows["poll fragment, cached, If-None-Match (304)"] = wrk(
            poll, f"If-None-Match: {etag_of(poll)}"
        )
        visible = asyncio.run(post_to_visible(poll))
    with Server(page_cache=False):
        rows["poll fragment, uncached (rendered)"] = wrk(poll)
    reference = rows["static CSS (reference)"]["rps"]
    lines = [
        "# Live page bench (`make bench-live`)",
        "",
        f"Run {started:%Y-%m-%d %H:%M} UTC on {os.cpu_count()} CPUs; gunicorn 2 workers, "
        f"wrk {DURATION} s at {CONNECTIONS} connections, a new connection per request.",
        "",
        "| URL | req/s | vs static | p50 ms | p99 ms |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, row in rows.items():
        share = row["rps"] / reference * 100
        lines.append(
            f"| {name} | {row['rps']:.0f} | {share:.0f} % | {row['p50']:.1f} | {row['p99']:.1f} |"
        )
    lines += [
        "",
        f"Post to visible, {POLLERS} readers polling every {INTERVAL:.0f} s, {POSTS} posts "
        f"(no CDN; one adds at most 5 s): p50 {visible['p50']:.1f} s, "
        f"p99 {visible['p99']:.1f} s, max {visible['max']:.1f} s; "
        f"{visible['seen']} of {visible['expected']} (reader, entry) sightings, "
        f"{visible['errors']} connection errors.",
        "",
        "Targets (issue 20): cached fragment ≥ 80 % of the static file's req/s; "
        "visible within 30 s p99.",
        "",
    ]
    RESULTS.write_text("\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
