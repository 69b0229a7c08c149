"""`make bench`: a newsroom-sized dataset, gunicorn with production settings, and wrk.

1. Dataset: ``load_demo_content --articles N`` (default 20,000) into
   ``var/bench/db.sqlite3`` (or ``DATABASE_URL`` when set), renditions made
   ahead (``warm_renditions``), static files collected. It is reused by later
   runs: asking for the same N again adds nothing.
2. Two phases, each with its own gunicorn (production settings, DEBUG off,
   2 workers, loopback, ``QUERY_COUNT_HEADER`` on): the page cache on
   (anonymous readers, warm: the "cached" columns) and ``PAGE_CACHE=false``
   (every page rendered: the "uncached" columns). Each phase measures the
   static CSS file too; ratios are to the static file of the same phase.
3. wrk runs each URL for ``BENCH_DURATION`` seconds at ``BENCH_CONNECTIONS``
   connections, and uncached pages again at one connection for their p50;
   every request on a new connection (``Connection: close``; see ``wrk``).
4. Cold renders: reader pages are mostly cached template fragments, so the
   "uncached" phase measures pages whose fragments are warm (what a signed-in
   reader gets). The first reader after a change pays for the fragments; that
   is measured in one process (Django's test client, production settings, no
   server): each page ``BENCH_COLD_RUNS`` times right after ``purge_all()``,
   which drops every fragment and look-up at once (the worst case: a
   site-wide edit; a publish drops only the fragments that show the article).

The table is printed and written to ``bench/results.md``. Environment:
BENCH_ARTICLES, BENCH_DURATION, BENCH_CONNECTIONS, BENCH_PORT, BENCH_COLD_RUNS,
DATABASE_URL, REDIS_URL (required: production settings refuse to start
without a shared cache; give the bench a Redis database of its own).
"""

import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

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
RESULTS = ROOT / "bench" / "results.md"


def environment(**extra: str) -> dict[str, str]:
    env = {
        **os.environ,
        "DATABASE_URL": DATABASE_URL,
        "MEDIA_ROOT": str(VAR / "media"),
        "STATIC_ROOT": str(VAR / "static"),
        "SITE_URL": BASE,
        "LOG_LEVEL": "WARNING",
        "LOG_FORMAT": "plain",
    }
    env.update(extra)
    return env


def production(**extra: str) -> dict[str, str]:
    if not os.environ.get("REDIS_URL"):
        raise SystemExit("Set REDIS_URL (e.g. redis://127.0.0.1:6379/4): production needs Redis.")
    return environment(
        DJANGO_SETTINGS_MODULE="newsroom.settings.production",
        SECRET_KEY="bench-only-not-secret-" + "x" * 40,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        STRIPE_SECRET_KEY="sk_test_bench",
        STRIPE_WEBHOOK_SECRET="whsec_bench",
        SECURE_SSL_REDIRECT="false",
        SECURE_HSTS_SECONDS="0",
        TASKS_BACKEND="immediate",
        QUERY_COUNT_HEADER="true",
        GUNICORN_BIND=f"127.0.0.1:{PORT}",
        GUNICORN_WORKERS="2",
        GUNICORN_THREADS="1",
        GUNICORN_MAX_REQUESTS="0",
        GUNICORN_LOG_LEVEL="warning",
        **extra,
    )


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


def build_dataset() -> float:
    VAR.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    print(f"Dataset: {ARTICLES} synthetic articles in {DATABASE_URL} (reused when present)")
    manage("migrate", "--noinput")
    print(manage("load_demo_content", "--articles", str(ARTICLES)).strip().splitlines()[-1])
    print(manage("warm_renditions").strip())
    manage("collectstatic", "--noinput", env=production())
    return time.monotonic() - started


DISCOVER = """
import json
from django.db.models import Count
from django.templatetags.static import static
from taggit.models import Tag
from articles.listings import PER_PAGE, newest_first
from articles.models import ArticlePage, Author, SectionPage
articles = ArticlePage.objects.public()
section = max(SectionPage.objects.live(), key=lambda s: articles.child_of(s).count())
pages = ArticlePage.objects.public().child_of(section).count() // PER_PAGE
article = newest_first(ArticlePage.objects.public()).first()
author = Author.objects.annotate(n=Count("bylines")).order_by("-n").first()
tag = Tag.objects.annotate(n=Count("articles_articlepagetag_items")).order_by("-n").first()
word = max(article.title.split(), key=len).strip(".,:;!?'\\"").lower()
print(json.dumps({
    "static": static("css/site.css"), "section": section.url, "deep": max(2, pages // 2),
    "article": article.url, "author": author.get_absolute_url(),
    "tag": f"/tags/{tag.slug}/", "word": word,
}))
"""


def discover() -> list[tuple[str, str]]:
    found = json.loads(manage("shell", "-c", DISCOVER, env=production()).strip().splitlines()[-1])
    return [
        ("static CSS (reference)", found["static"]),
        ("home", "/"),
        ("section, page 1", found["section"]),
        (f"section, page {found['deep']}", f"{found['section']}?page={found['deep']}"),
        ("article", found["article"]),
        ("author", found["author"]),
        ("tag", found["tag"]),
        ("search", f"/search/?q={found['word']}"),
        ("/feed/", "/feed/"),
        ("/sitemap.xml (index)", "/sitemap.xml"),
        ("sitemap section (pages, page 1)", "/sitemap-pages.xml"),
    ]


COLD_RUNS = int(os.environ.get("BENCH_COLD_RUNS", "10"))
COLD = """
import json, os, statistics, time
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from articles.cache import generations
client = Client(HTTP_HOST=os.environ["BENCH_HOST"])
results = {}
for name, path in json.loads(os.environ["BENCH_PATHS"]):
    client.get(path)
    times, queries = [], 0
    budget = time.monotonic() + 20
    while len(times) < int(os.environ["BENCH_COLD_RUNS"]) and time.monotonic() < budget:
        generations.purge_all()
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            status = client.get(path).status_code
            times.append((time.perf_counter() - started) * 1000)
        assert status == 200, (path, status)
        queries = len(captured)
    results[name] = {"p50": statistics.median(times), "queries": queries, "runs": len(times)}
print(json.dumps(results))
"""


def measure_cold(urls: list[tuple[str, str]]) -> dict[str, dict]:
    pages = [(name, path) for name, path in urls[1:]]  # not the static file
    env = production(
        PAGE_CACHE="false",
        BENCH_HOST=f"127.0.0.1:{PORT}",
        BENCH_PATHS=json.dumps(pages),
        BENCH_COLD_RUNS=str(COLD_RUNS),
    )
    found = json.loads(manage("shell", "-c", COLD, env=env).strip().splitlines()[-1])
    for name, row in found.items():
        print(f"  {name:28s} cold p50 {row['p50']:8.1f} ms  queries {row['queries']}")
    return found


class Server:
    def __init__(self, page_cache: bool) -> None:
        self.env = production(PAGE_CACHE="true" if page_cache else "false")
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> "Server":
        gunicorn = str(Path(PYTHON).parent / "gunicorn")
        self.process = subprocess.Popen(
            [gunicorn, "-c", "deploy/gunicorn.conf.py", "newsroom.wsgi"],
            cwd=ROOT,
            env=self.env,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{BASE}/healthz", timeout=2):
                    return self
            except OSError:
                time.sleep(0.5)
        self.__exit__()
        raise SystemExit("gunicorn did not answer /healthz within 60 s")

    def __exit__(self, *exc) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


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


def measure(urls: list[tuple[str, str]], cached: bool) -> dict[str, dict]:
    results = {}
    with Server(page_cache=cached):
        for name, path in urls:
            fetch(path)
            wrk(path, CONNECTIONS, 1)  # warm both workers
            row = wrk(path, CONNECTIONS, DURATION)
            headers = fetch(path)
            row["queries"] = headers.get("x-query-count", "?")
            row["cache"] = headers.get("x-page-cache", "-")
            if not cached and not path.startswith("/static/"):
                row["solo_p50"] = wrk(path, 1, SOLO_DURATION)["p50"]
            results[name] = row
            print(
                f"  {'cached' if cached else 'uncached':8} {name:24} {row['rps']:9.1f} req/s"
                f"  p50 {row['p50']:8.2f} ms  p99 {row['p99']:8.2f} ms  queries {row['queries']}"
            )
    return results


def table(urls, cached, uncached, cold, built_in: float, total: float) -> str:
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    static_name = urls[0][0]
    ref_c, ref_u = cached[static_name]["rps"], uncached[static_name]["rps"]
    cache_backend = "Redis (REDIS_URL)" if os.environ.get("REDIS_URL") else "per-process memory"
    database = "PostgreSQL" if DATABASE_URL.startswith("postgres") else "SQLite"
    lines = [
        "# Benchmark results",
        "",
        f"`make bench` on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, commit `{commit}`: "
        f"{ARTICLES:,} synthetic articles (+ the 42 demo stories) on {database}, cache in "
        f"{cache_backend}, gunicorn with production settings (2 workers, 1 thread each, "
        f"DEBUG off) on loopback, {os.cpu_count()} CPU cores shared with wrk. wrk: "
        f"{DURATION} s per row at {CONNECTIONS} connections, a new connection per request "
        f"(`Connection: close`); 'p50 @1' at one connection for {SOLO_DURATION} s. "
        "Ratios are to the static CSS file served by the same gunicorn (whitenoise) "
        "in the same phase. Queries: SQL queries for one request "
        "(X-Query-Count). 'Cached' = anonymous reader, page cache warm; 'uncached' = "
        "`PAGE_CACHE=false` (every page rendered from its cached fragments and look-ups, "
        "as for a signed-in reader); 'cold' = rendered in one process right after "
        f"`purge_all()` dropped every fragment and look-up (p50 of up to {COLD_RUNS} "
        "renders, Django's test client, no server or network in the figure).",
        "",
        "| page | cached req/s | p50 ms | p99 ms | vs static | queries "
        "| uncached req/s | p50 ms | p99 ms | vs static | p50 @1 ms | queries "
        "| cold p50 ms | cold queries |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for name, _ in urls:
        c, u = cached[name], uncached[name]
        solo = f"{u['solo_p50']:.1f}" if "solo_p50" in u else "-"
        k = cold.get(name)
        cold_cells = f"{k['p50']:.1f} | {k['queries']}" if k else "- | -"
        lines.append(
            f"| {name} | {c['rps']:.0f} | {c['p50']:.2f} | {c['p99']:.2f} "
            f"| {c['rps'] / ref_c:.1%} | {c['queries']} "
            f"| {u['rps']:.0f} | {u['p50']:.2f} | {u['p99']:.2f} "
            f"| {u['rps'] / ref_u:.1%} | {solo} | {u['queries']} | {cold_cells} |"
        )
    errors = sum(r["errors"] for r in [*cached.values(), *uncached.values()])
    lines += [
        "",
        f"Non-2xx answers during the run: {errors}. Dataset build (or check, when "
        f"reused): {built_in:.0f} s; measuring: {total:.0f} s.",
        "",
        "Figures from a shared 2-core machine are noisy: compare runs made on the same "
        "machine, and look at ratios rather than absolute numbers.",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed (make bench installs it with apt-get)")
    built_in = build_dataset()
    urls = discover()
    started = time.monotonic()
    print("Page cache on (anonymous readers, warm):")
    cached = measure(urls, cached=True)
    print("Page cache off (every page rendered):")
    uncached = measure(urls, cached=False)
    print("Cold renders (after purge_all, in one process):")
    cold = measure_cold(urls)
    text = table(urls, cached, uncached, cold, built_in, time.monotonic() - started)
    RESULTS.write_text(text)
    print()
    print(text)
    print(f"Saved to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
