# Newsroom — `make run` to try it, `make test` to test it. `make help` lists the rest.

PYTHON ?= python3
VENV ?= .venv
PORT ?= 8000
BIN := $(VENV)/bin
PY := $(BIN)/python
MANAGE := $(PY) manage.py
STAMP := $(VENV)/.installed-stamp

.DEFAULT_GOAL := help
.PHONY: help install run test lint format demo migrate reset-db lock clean bench bench-newsletter bench-live bench-profile browser-tools screenshots audit

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  make %-10s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(STAMP): pyproject.toml requirements/constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Newsroom needs Python 3.11 or newer; set PYTHON=python3.x")'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -c requirements/constraints.txt -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP) ## Create .venv and install the project with its dev tools

migrate: $(STAMP)
	$(MANAGE) migrate --noinput

demo: migrate ## Load the demo newsroom (idempotent; ARTICLES=N adds N synthetic articles)
	SITE_URL=$${SITE_URL:-http://127.0.0.1:$(PORT)} $(MANAGE) load_demo_content $(if $(ARTICLES),--articles $(ARTICLES))
	$(MANAGE) load_demo_live
	$(MANAGE) setup_demo_payments
	$(MANAGE) setup_demo_appeals
	$(MANAGE) setup_demo_newsletters
	$(MANAGE) warm_renditions

run: demo ## Set everything up and serve the site on http://127.0.0.1:$(PORT)
	@SITE_URL=http://127.0.0.1:$(PORT) $(MANAGE) ensure_admin
	@echo "  Site:  http://127.0.0.1:$(PORT)/"
	@echo "  Scheduled jobs: publish_scheduled and send_gift_memberships every minute beside the server (deploy/ has the timers)"
	@( while sleep 60; do $(MANAGE) publish_scheduled >/dev/null 2>&1 || true; \
		SITE_URL=http://127.0.0.1:$(PORT) $(MANAGE) send_gift_memberships >/dev/null 2>&1 || true; done ) & scheduler=$$!; \
	trap 'kill $$scheduler 2>/dev/null' EXIT INT TERM; \
	SITE_URL=http://127.0.0.1:$(PORT) $(MANAGE) runserver 127.0.0.1:$(PORT)

# axe-core and the Nu Html Checker for tests/browser/, from npm into a
# git-ignored node_modules. Only when npm is there: without it (or without
# /usr/bin/chromium) those tests skip and say why.
BROWSER_TOOLS := tests/browser/node_modules/.installed-stamp
$(BROWSER_TOOLS): tests/browser/package.json tests/browser/package-lock.json
	cd tests/browser && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

browser-tools: $(BROWSER_TOOLS) ## Install the browser tests' npm tools (needs npm; apt: chromium default-jre-headless)

screenshots: $(STAMP) ## Retake the README's screenshots into docs/screenshots/ (needs chromium); nothing else writes them
	NEWSROOM_SCREENSHOTS=1 BROWSER_TESTS_REQUIRED=1 $(BIN)/pytest tests/browser/screenshots.py -q

test: $(STAMP) ## Run the whole test suite (ARGS="-k name" to narrow it)
	@if command -v npm >/dev/null; then $(MAKE) --no-print-directory $(BROWSER_TOOLS); fi
	@$(BIN)/pytest $(ARGS); rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no tests: failing" >&2; exit 1; fi; exit $$rc

bench: $(STAMP) ## Measure reader pages with wrk on 20,000 articles (BENCH_ARTICLES=N), production settings + Redis; writes bench/results.md
	@command -v wrk >/dev/null || { apt-get update -q && apt-get install -y -q wrk; }
	@command -v redis-server >/dev/null || { apt-get update -q && apt-get install -y -q redis-server; }
	$(PY) bench/run.py

bench-profile: $(STAMP) ## CPU time (and with ARGS="--profile" cProfile) of cold and rendered pages in process (PAGES="/ /world/story/"); see bench/cold_profile.py
	$(PY) bench/cold_profile.py cold $(or $(PAGES),/) $(ARGS)
	$(PY) bench/cold_profile.py warm $(or $(PAGES),/) $(ARGS)

bench-newsletter: $(STAMP) ## Send one issue to 50,000 addresses (COUNT=N for fewer) through a local SMTP sink (PostgreSQL); writes bench/results-newsletter.md
	$(PY) bench/newsletter.py $(if $(COUNT),--count $(COUNT))

bench-live: $(STAMP) ## Measure a live page's poll fragment and post-to-visible with 1,000 pollers; writes bench/results-live.md
	@command -v wrk >/dev/null || { apt-get update -q && apt-get install -y -q wrk; }
	$(PY) bench/live.py

# Lighthouse for make audit, from npm into the git-ignored bench/audit/node_modules.
AUDIT_TOOLS := bench/audit/node_modules/.installed-stamp
$(AUDIT_TOOLS): bench/audit/package.json bench/audit/package-lock.json
	cd bench/audit && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

audit: $(STAMP) $(AUDIT_TOOLS) ## Lighthouse (mobile, median of 3 runs) on the demo's home, section and article, production settings behind Caddy; writes bench/results-audit.md
	@command -v caddy >/dev/null || { apt-get update -q && apt-get install -y -q caddy; }
	@command -v redis-server >/dev/null || { apt-get update -q && apt-get install -y -q redis-server; }
	$(PY) bench/audit.py

lint: $(STAMP) ## Check style and formatting (ruff)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP) ## Reformat the code and apply safe fixes (ruff)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

reset-db: $(STAMP) ## Delete the local SQLite database and media, then rebuild the demo
	rm -rf var/db.sqlite3 var/db.sqlite3-wal var/db.sqlite3-shm var/media var/admin-login.txt
	$(MAKE) demo

lock: ## Re-resolve the dependencies into requirements/constraints.txt
	rm -rf .venv-lock
	$(PYTHON) -m venv .venv-lock
	.venv-lock/bin/pip install --quiet --disable-pip-version-check '.[dev]'
	.venv-lock/bin/pip freeze --exclude newsroom | sed '/^-e /d' > requirements/constraints.txt
	@# Every pin must install on Debian 12's Python 3.11.2 (docs/deploy.md); a
	@# release that needs a later 3.11.x gets pinned back by hand.
	.venv-lock/bin/pip download --quiet --no-deps --only-binary=:all: --python-version 3.11.2 \
		-d .venv-lock/py3112 -r requirements/constraints.txt
	rm -rf .venv-lock build

clean: ## Remove the virtualenv and caches (keeps var/)
	rm -rf $(VENV) .ruff_cache build *.egg-info tests/browser/node_modules
