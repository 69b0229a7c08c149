"""`make bench`: a newsroom-sized dataset, production settings, and wrk.

1. Dataset: ``load_demo_content --articles N`` (default 20,000) into
   ``var/bench/db.sqlite3`` (or ``DATABASE_URL`` when set), renditions made
   ahead (``warm_renditions``), static files collected. It is reused by later
   runs: asking for the same N again adds nothing.
2. Redis: ``REDIS_URL`` (default ``redis://127.0.0.1:6380/4``), a database
   the bench flushes; when nothing answers there, the bench starts a
   ``redis-server`` on that port and stops it afterwards (``harness``).
3. The scenarios (``SCENARIOS``), each a module with ``run(bench) -> str``
   returning its Markdown section: ``pages`` (every reader page type, cached,
   rendered and cold; production with Redis first, per-process memory second).
   A new scenario is a new module here and a line in ``SCENARIOS``.

The results are printed and written to ``bench/results.md`` (``BENCH_RESULTS``
names another file). Environment: BENCH_ARTICLES, BENCH_DURATION,
BENCH_CONNECTIONS, BENCH_PORT, BENCH_COLD_RUNS, BENCH_RESULTS, DATABASE_URL,
REDIS_URL.
"""

import os
import shutil
import time
from datetime import UTC, datetime

import pages
from harness import ARTICLES, DATABASE_URL, REDIS_URL, ROOT, VAR, Bench, BenchRedis, commit, manage

SCENARIOS = [pages]
RESULTS = ROOT / os.environ.get("BENCH_RESULTS", "bench/results.md")


def build_dataset() -> float:
    VAR.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    print(f"Dataset: {ARTICLES} synthetic articles in {DATABASE_URL} (reused when present)")
    manage("migrate", "--noinput")
    print(manage("load_demo_content", "--articles", str(ARTICLES)).strip().splitlines()[-1])
    print(manage("warm_renditions").strip())
    manage("collectstatic", "--noinput")
    return time.monotonic() - started


def main() -> None:
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed (make bench installs it with apt-get)")
    VAR.mkdir(parents=True, exist_ok=True)
    (VAR / "gunicorn.log").write_bytes(b"")  # this run's log lines only
    with BenchRedis() as redis:
        built_in = build_dataset()
        bench = Bench(redis=redis, built_in=built_in)
        started = time.monotonic()
        sections = [scenario.run(bench) for scenario in SCENARIOS]
    database = "PostgreSQL" if DATABASE_URL.startswith("postgres") else "SQLite"
    text = "\n".join(
        [
            "# Benchmark results",
            "",
            f"`make bench` on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, commit `{commit()}`: "
            f"{ARTICLES:,} synthetic articles (+ the 42 demo stories) on {database}, "
            f"Redis at `{REDIS_URL}`, {os.cpu_count()} CPU cores. Dataset build (or check, "
            f"when reused): {built_in:.0f} s; measuring: {time.monotonic() - started:.0f} s.",
            *sections,
            "Figures from a shared machine are noisy: compare runs made on the same "
            "machine, and look at ratios rather than absolute numbers.",
            "",
        ]
    )
    RESULTS.write_text(text)
    print()
    print(text)
    print(f"Saved to {RESULTS}")


if __name__ == "__main__":
    main()
