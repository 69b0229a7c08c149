"""The reader pages scenario: every reader page type, cached, rendered and cold.

For each configuration (production with Redis: the headline; production with
the cache in per-process memory: the second table):

1. Two gunicorn phases: the page cache on (anonymous readers, warm: the
   "cached" columns) and ``PAGE_CACHE=false`` (every page rendered from its
   cached fragments: the "uncached" columns, what a signed-in reader gets).
   Each phase measures the static CSS file too; ratios are to the static file
   of the same phase. The cache's Redis database is flushed before each.
2. wrk runs each URL for ``BENCH_DURATION`` seconds at ``BENCH_CONNECTIONS``
   connections, in ``BENCH_ROUNDS`` (default 3) interleaved rounds: every
   URL of the phase, the static file first, for a share of the duration, then
   again; a row is the URL's median round (by req/s), its ratio that median
   over the static file's. A machine that gets busier halfway through a
   phase then slows every row's rounds alike instead of the rows measured
   last (one 5 s run per row measured the same stored page at 80 % and 90 %
   of the static file in two runs). Uncached pages are measured again at one
   connection for their p50. Every request on a new connection
   (``Connection: close``).
3. Cold renders: the first reader after a change pays for the fragments;
   measured in one process (Django's test client, the same settings, no
   server): each page ``BENCH_COLD_RUNS`` times right after ``purge_all()``,
   which drops every fragment and look-up at once (the worst case: a
   site-wide edit). "cold req/s" is what one process renders a second that
   way (runs / their total time).
"""

import json
import os

from harness import (
    CONNECTIONS,
    DURATION,
    MEMORY,
    PORT,
    REDIS,
    SOLO_DURATION,
    Bench,
    Config,
    Server,
    environment,
    fetch,
    manage,
    wrk,
)

COLD_RUNS = int(os.environ.get("BENCH_COLD_RUNS", "10"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
ROUND_DURATION = max(1, round(DURATION / ROUNDS))  # wrk takes whole seconds
CONFIGS = (REDIS, MEMORY)

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
    found = json.loads(manage("shell", "-c", DISCOVER).strip().splitlines()[-1])
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
    results[name] = {
        "p50": statistics.median(times), "queries": queries, "runs": len(times),
        "rps": 1000 * len(times) / sum(times),
    }
print(json.dumps(results))
"""


def measure_cold(config: Config, urls: list[tuple[str, str]]) -> dict[str, dict]:
    env = environment(
        config,
        PAGE_CACHE="false",
        BENCH_HOST=f"127.0.0.1:{PORT}",
        BENCH_PATHS=json.dumps(urls[1:]),  # not the static file
        BENCH_COLD_RUNS=str(COLD_RUNS),
        LOG_LEVEL="WARNING",  # the shell's own output is the result
    )
    found = json.loads(manage("shell", "-c", COLD, env=env).strip().splitlines()[-1])
    for name, row in found.items():
        print(f"  cold     {name:24s} p50 {row['p50']:8.1f} ms  {row['rps']:7.1f} req/s")
    return found


def spread(row: dict) -> str:
    return "/".join(str(round(rps)) for rps in row["rounds"])


def median_round(rounds: list[dict]) -> dict:
    """The round with the median rate (the lower middle one of an even
    number), its latencies with it; ``errors`` summed over every round and
    every round's rate in ``rounds``, in the order run."""
    ranked = sorted(rounds, key=lambda row: row["rps"])
    return {
        **ranked[(len(ranked) - 1) // 2],
        "errors": sum(row["errors"] for row in rounds),
        "rounds": [row["rps"] for row in rounds],
    }


def measure(bench: Bench, config: Config, urls, cached: bool) -> dict[str, dict]:
    results = {}
    bench.redis.flush()
    with Server(environment(config, PAGE_CACHE="true" if cached else "false")):
        for _, path in urls:
            fetch(path)
        rounds = {name: [] for name, _ in urls}
        for _ in range(ROUNDS):
            for name, path in urls:
                # Unmeasured: warms both workers, and lets them finish the
                # requests the previous row left queued (a slow page's took
                # the first second of the next row).
                wrk(path, CONNECTIONS, 1)
                rounds[name].append(wrk(path, CONNECTIONS, ROUND_DURATION))
        for name, path in urls:
            row = median_round(rounds[name])
            headers = fetch(path)
            row["queries"] = headers.get("x-query-count", "?")
            if not cached and not path.startswith("/static/"):
                row["solo_p50"] = wrk(path, 1, SOLO_DURATION)["p50"]
            results[name] = row
            print(
                f"  {'cached' if cached else 'uncached':8} {name:24} {row['rps']:9.1f} req/s"
                f"  p50 {row['p50']:8.2f} ms  p99 {row['p99']:8.2f} ms  queries {row['queries']}"
                f"  (rounds: {spread(row)} req/s)"
            )
    return results


HEADER = (
    "| page | cached req/s | p50 ms | p99 ms | vs static | queries "
    "| uncached req/s | p50 ms | p99 ms | vs static | p50 @1 ms | queries "
    "| cold p50 ms | cold req/s | cold queries |\n"
    "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|"
)


def table(config: Config, urls, cached, uncached, cold) -> list[str]:
    static_name = urls[0][0]
    ref_c, ref_u = cached[static_name]["rps"], uncached[static_name]["rps"]
    lines = [f"## Cache in {config.name}", "", HEADER]
    for name, _ in urls:
        c, u = cached[name], uncached[name]
        solo = f"{u['solo_p50']:.1f}" if "solo_p50" in u else "-"
        k = cold.get(name)
        cold_cells = f"{k['p50']:.1f} | {k['rps']:.0f} | {k['queries']}" if k else "- | - | -"
        lines.append(
            f"| {name} | {c['rps']:.0f} | {c['p50']:.2f} | {c['p99']:.2f} "
            f"| {c['rps'] / ref_c:.1%} | {c['queries']} "
            f"| {u['rps']:.0f} | {u['p50']:.2f} | {u['p99']:.2f} "
            f"| {u['rps'] / ref_u:.1%} | {solo} | {u['queries']} | {cold_cells} |"
        )
    errors = sum(r["errors"] for r in [*cached.values(), *uncached.values()])
    lines += ["", f"Non-2xx answers: {errors}."]
    for phase, rows in (("cached", cached), ("uncached", uncached)):
        each = "; ".join(f"{name} {spread(rows[name])}" for name, _ in urls)
        lines += ["", f"Each round's req/s, {phase}, in the order run: {each}."]
    lines.append("")
    return lines


INTRO = (
    "Reader pages: gunicorn with production settings (2 workers, 1 thread each, DEBUG "
    "off, JSON log lines at INFO written to a file) on loopback, the CPU cores shared "
    f"with wrk. wrk: {ROUNDS} interleaved rounds of {ROUND_DURATION} s per row at "
    f"{CONNECTIONS} connections (every row of the phase, then again), each row its median "
    "round; a new connection per request (`Connection: close`); 'p50 @1' at one connection "
    f"for {SOLO_DURATION} s. Ratios are to the static CSS file served by the same gunicorn "
    "(whitenoise) in the same phase, medians to medians. Queries: SQL queries for one "
    "request (X-Query-Count). 'Cached' = anonymous reader, page cache warm; 'uncached' = "
    "`PAGE_CACHE=false` (every page rendered from its cached fragments and look-ups, as "
    "for a signed-in reader); "
    "'cold' = rendered in one process right after `purge_all()` dropped every fragment "
    f"and look-up (p50 of up to {COLD_RUNS} renders, Django's test client, no server in "
    "the figure; 'cold req/s' = renders a second in that one process)."
)


def run(bench: Bench) -> str:
    urls = discover()
    lines = ["", INTRO, ""]
    for config in CONFIGS:
        print(f"{config.name}: page cache on (anonymous readers, warm)")
        cached = measure(bench, config, urls, cached=True)
        print(f"{config.name}: page cache off (every page rendered)")
        uncached = measure(bench, config, urls, cached=False)
        print(f"{config.name}: cold renders (after purge_all, in one process)")
        bench.redis.flush()
        cold = measure_cold(config, urls)
        lines += table(config, urls, cached, uncached, cold)
    return "\n".join(lines)
