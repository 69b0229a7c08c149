"""`make audit`: Lighthouse on the demo newsroom served as in production.

1. Site: the demo newsroom (``load_demo_content``, its live page, appeals and
   newsletters) in ``var/audit/db.sqlite3``, renditions made ahead, static
   files collected; production settings and Redis (``bench/harness.py``),
   gunicorn on ``BENCH_PORT`` (default 8077) behind Caddy on ``AUDIT_PORT``
   (default 8078), which compresses (``encode zstd gzip``) and serves the
   images as ``deploy/Caddyfile`` does.
2. Lighthouse (npm ``lighthouse``, installed into the git-ignored
   ``bench/audit/node_modules``) with its default mobile settings (a
   Moto G Power-sized screen, simulated slow 4G and a 4x slower CPU) drives
   Debian's Chromium (``CHROMIUM``, default ``/usr/bin/chromium``): home,
   a section and an article, ``AUDIT_RUNS`` runs each (default 3); each
   category's score is the median of the runs.
3. The table goes to ``bench/results-audit.md`` (``AUDIT_RESULTS`` names
   another file), with every audit that scored below 1 in a median run.
"""

import json
import os
import statistics
import subprocess
import sys
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

from harness import PORT as APP_PORT
from harness import ROOT, VAR, BenchRedis, Server, commit, environment, manage

AUDIT = ROOT / "var" / "audit"
PORT = int(os.environ.get("AUDIT_PORT", "8078"))
BASE = f"http://127.0.0.1:{PORT}"
RUNS = int(os.environ.get("AUDIT_RUNS", "3"))
RESULTS = ROOT / os.environ.get("AUDIT_RESULTS", "bench/results-audit.md")
LIGHTHOUSE = ROOT / "bench" / "audit" / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CATEGORIES = {
    "performance": "Performance",
    "accessibility": "Accessibility",
    "best-practices": "Best practices",
    "seo": "SEO",
}
METRICS = {
    "first-contentful-paint": "FCP",
    "largest-contentful-paint": "LCP",
    "total-blocking-time": "TBT",
    "cumulative-layout-shift": "CLS",
}
PAGES = {
    "home": "/",
    "section": "/world/",
    "article": "/world/serevia-double-game/",
}
# Chromium makes no request of its own (the machine may have no network).
CHROMIUM_FLAGS = " ".join(
    [
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-default-apps",
        "--disable-extensions",
    ]
)
CADDYFILE = """{{
	admin off
	auto_https off
}}
http://127.0.0.1:{port} {{
	encode zstd gzip
	header -Server
	@images path /media/images/* /media/original_images/*
	handle @images {{
		uri strip_prefix /media
		root * {media}
		header Cache-Control "public, max-age=31536000"
		file_server
	}}
	handle {{
		reverse_proxy 127.0.0.1:{app_port} {{
			header_up X-Forwarded-Proto {{scheme}}
		}}
	}}
}}
"""


def audit_environment() -> dict[str, str]:
    return environment(
        DATABASE_URL=f"sqlite:///{AUDIT / 'db.sqlite3'}",
        MEDIA_ROOT=str(AUDIT / "media"),
        STATIC_ROOT=str(AUDIT / "static"),
        SITE_URL=BASE,
        QUERY_COUNT_HEADER="false",
        LOG_LEVEL="WARNING",
    )


def build_site(env: dict[str, str]) -> None:
    AUDIT.mkdir(parents=True, exist_ok=True)
    VAR.mkdir(parents=True, exist_ok=True)  # gunicorn's log (harness.Server)
    fresh = not (AUDIT / "db.sqlite3").exists()
    print(f"Demo site in {AUDIT} ({'new' if fresh else 'reused'})")
    manage("migrate", "--noinput", env=env)
    if fresh:
        for command in (
            "load_demo_content",
            "load_demo_live",
            "setup_demo_appeals",
            "setup_demo_newsletters",
        ):
            manage(command, env=env)
    manage("warm_renditions", env=env)
    manage("collectstatic", "--noinput", env=env)


class Caddy:
    """Caddy in front of gunicorn, as deploy/Caddyfile puts it (plain HTTP on loopback)."""

    def __enter__(self) -> "Caddy":
        config = AUDIT / "Caddyfile"
        config.write_text(CADDYFILE.format(port=PORT, app_port=APP_PORT, media=AUDIT / "media"))
        self.process = subprocess.Popen(
            ["caddy", "run", "--config", str(config), "--adapter", "caddyfile"],
            stdout=subprocess.DEVNULL,
            stderr=(AUDIT / "caddy.log").open("wb"),
        )
        for path in PAGES.values():  # up, and every page rendered once
            if self.process.poll() is not None:
                raise SystemExit("Caddy stopped (var/audit/caddy.log)")
            _wait_for(BASE + path)
        return self

    def __exit__(self, *exc) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def _wait_for(url: str, attempts: int = 60) -> None:
    for _ in range(attempts):
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                response.read()
                return
        except OSError:
            subprocess.run(["sleep", "0.5"], check=True)
    raise SystemExit(f"{url} did not answer (var/audit/caddy.log, var/bench/gunicorn.log)")


def lighthouse(url: str, report: Path) -> dict:
    """One Lighthouse run, its JSON report kept in ``report``; a run that
    fails (Chromium under a loaded machine now and then) is tried once more."""
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        f"--output-path={report}",
        "--quiet",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROMIUM_FLAGS}",
    ]
    for attempt in (1, 2):
        run = subprocess.run(
            command, env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True
        )
        if run.returncode == 0:
            return json.loads(report.read_text())
        print(f"  Lighthouse failed (attempt {attempt}): {run.stderr.strip()[-500:]}")
    raise SystemExit(f"Lighthouse failed twice on {url}")


def scores(report: dict) -> dict[str, int]:
    return {key: round(report["categories"][key]["score"] * 100) for key in CATEGORIES}


def shortfalls(report: dict) -> list[str]:
    """Audits in the report's categories that scored below 1 (weighted ones only)."""
    found = []
    for key, name in CATEGORIES.items():
        for ref in report["categories"][key]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                found.append(f"{name}: {audit['title']} ({audit['score']:.2f})")
    return found


def report_path(name: str, run: int) -> Path:
    return AUDIT / f"lighthouse-{name}-{run}.json"


def audit_page(name: str, path: str) -> list[dict]:
    reports = []
    for run in range(1, RUNS + 1):
        reports.append(lighthouse(BASE + path, report_path(name, run)))
        print(f"  {name} {run}/{RUNS}: {scores(reports[-1])}")
    return reports


def summary(reports: list[dict]) -> tuple[dict[str, int], dict[str, str], dict]:
    """Each category's median score; the metrics of the run whose performance
    score is the median, and that run."""
    runs = [scores(report) for report in reports]
    median = {key: int(statistics.median(r[key] for r in runs)) for key in CATEGORIES}
    middle = sorted(reports, key=lambda r: scores(r)["performance"])[len(reports) // 2]
    metrics = {label: middle["audits"][key]["displayValue"] for key, label in METRICS.items()}
    metrics["CPU benchmark"] = f"{middle['environment']['benchmarkIndex']:.0f}"
    return median, metrics, middle


def table(results: dict) -> list[str]:
    first = next(iter(results.values()))
    columns = ["page", *CATEGORIES.values(), *first[1]]
    lines = ["| " + " | ".join(columns) + " |", "|---" * len(columns) + "|"]
    for name, (median, metrics, _) in results.items():
        cells = [f"{name} (`{PAGES[name]}`)"]
        cells += [str(median[key]) for key in CATEGORIES] + list(metrics.values())
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def write(results: dict) -> str:
    version = next(iter(results.values()))[2]["lighthouseVersion"]
    notes = [
        f"- {name}: {item}"
        for name, (*_, middle) in results.items()
        for item in shortfalls(middle)
    ]
    warnings = sorted(
        {warning for *_, middle in results.values() for warning in middle["runWarnings"]}
    )
    text = "\n".join(
        [
            "# Lighthouse audit",
            "",
            f"`make audit` on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, commit `{commit()}`: "
            f"Lighthouse {version} (mobile: its default settings), {CHROMIUM}, the demo "
            "newsroom under production settings with Redis, gunicorn behind Caddy "
            f"(compression, images from disk). Median of {RUNS} runs per page; the metrics "
            "are those of the run with the median performance score.",
            "",
            *table(results),
            "",
            "Audits below full marks in those runs:" if notes else "Every audit at full marks.",
            "",
            *notes,
            *([""] if notes else []),
            *[f"Lighthouse warned: {warning}" for warning in warnings],
            *([""] if warnings else []),
            f"Load average when it finished: {os.getloadavg()[0]:.1f} on {os.cpu_count()} "
            "cores. Lighthouse simulates a slow phone from what it measures on this CPU "
            '("CPU benchmark": its benchmark index; Lighthouse\'s slow-phone settings expect '
            "a machine that scores well over 1,000), so a loaded machine lowers the "
            "performance score through the main thread's task times (TBT); the other three "
            "categories do not depend on speed.",
            "",
        ]
    )
    RESULTS.write_text(text)
    return text


def main() -> None:
    """``--report-only``: the table again from the last run's reports (var/audit/)."""
    if "--report-only" in sys.argv:
        reports = {
            name: [json.loads(report_path(name, run).read_text()) for run in range(1, RUNS + 1)]
            for name in PAGES
        }
    else:
        if not LIGHTHOUSE.exists():
            raise SystemExit(f"{LIGHTHOUSE} is missing: make audit installs it (npm ci)")
        if not Path(CHROMIUM).exists():
            raise SystemExit(f"{CHROMIUM} is missing (apt-get install chromium)")
        env = audit_environment()
        build_site(env)
        with BenchRedis() as redis:
            redis.flush()
            with Server(env), Caddy():
                reports = {name: audit_page(name, path) for name, path in PAGES.items()}
    text = write({name: summary(runs) for name, runs in reports.items()})
    print(text)
    print(f"Saved to {RESULTS}")


if __name__ == "__main__":
    sys.exit(main())
