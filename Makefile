# Two commands for a fresh machine (see README): `make run` and `make test`.
# Each creates or updates the local virtual environment .venv by itself.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
# Exact versions of every package, resolved from pyproject.toml (update with `make lock`).
LOCK := requirements.lock
SHARED ?= ../shared
PORT ?= 8501
# The window of daily control snapshots the map offers (around the talks).
SNAPSHOT_FROM ?= 2025-11-01
SNAPSHOT_TO ?= 2026-01-31
# Test processes: one per core of the CI machine (2); most of a browser test is waiting.
TEST_WORKERS ?= 2

export DASHBOARD_SHARED_DIR := $(abspath $(SHARED))

.PHONY: install lock run dev test lint unit e2e verify snapshots chromium geo control costs glyphs bench load clean export plotly-bundle lighthouse nginx

$(STAMP): pyproject.toml $(LOCK)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

## Re-resolve requirements.lock after changing the dependencies in pyproject.toml
lock: $(STAMP)
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra test --python-version 3.11 --quiet -o $(LOCK)
	@echo "$(LOCK) updated: run make test, then commit both files"

## Start the dashboard on http://localhost:$(PORT)
run: $(STAMP) snapshots
	$(BIN)/streamlit run dashboard/app.py --server.port $(PORT) --server.address localhost

## Same, with full error details for development
dev: $(STAMP) snapshots
	STREAMLIT_CLIENT_SHOW_ERROR_DETAILS=full $(BIN)/streamlit run dashboard/app.py \
		--server.port $(PORT) --server.address localhost

## Control snapshots into the git-ignored cache: copied from ../shared when present,
## otherwise downloaded from the public archive. A failure leaves the map without the layer.
## (A local copy must succeed: the browser tests draw the layer. A failed download only warns.)
snapshots: $(STAMP)
	@if [ -d "$(SHARED)/geo/deepstate/daily" ]; then \
		$(BIN)/python -m dashboard.build fetch --from $(SNAPSHOT_FROM) --to $(SNAPSHOT_TO) \
			--source-dir "$(SHARED)/geo/deepstate/daily" > /dev/null \
			&& echo "Control snapshots cached in .cache/ (copied from $(SHARED))"; \
	else \
		$(BIN)/python -m dashboard.build fetch --from $(SNAPSHOT_FROM) --to $(SNAPSHOT_TO) \
			|| echo "Some control snapshots could not be downloaded; the map works without them."; \
	fi

## Run the whole suite: lint, quote verification, unit, AppTest and browser tests, on
## $(TEST_WORKERS) workers (pytest-xdist; each test file stays on one worker). The slowest
## tests are listed at the end: the suite must stay well under CI's 15 minutes.
test: $(STAMP) chromium snapshots plotly-bundle lint verify
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile --durations=25

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

## Quote check against the licensed article text; without ../shared it is skipped, saying so
## (never under CI=true).
verify: $(STAMP)
	@if [ -f "$(SHARED)/article/article.txt" ] || [ "$$CI" = "true" ]; then \
		$(BIN)/python -m dashboard.verify --article "$(SHARED)/article/article.txt"; \
	else \
		echo "SKIPPED: quote check. It needs the licensed article text at $(SHARED)/article/article.txt, which this clone does not have; CI runs it."; \
	fi

unit: $(STAMP)
	$(BIN)/python -m pytest tests/unit tests/app

e2e: $(STAMP) chromium snapshots plotly-bundle
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile tests/e2e

chromium:
	@scripts/ensure_chromium.sh

## Rebuild the committed derived files from ../shared
geo: $(STAMP)
	$(BIN)/python -m dashboard.build geo

control: $(STAMP)
	$(BIN)/python -m dashboard.build control

## What each proposal would hand over on the article's date (data/derived/proposal_*.csv)
costs: $(STAMP) snapshots
	$(BIN)/python -m dashboard.build costs

## Render the map's text glyphs (Open Sans, from fonts-open-sans) into dashboard/static/glyphs
glyphs: $(STAMP)
	$(BIN)/python -m dashboard.build glyphs

## Static site of the map, timeline and positions views (into the git-ignored artifacts/export)
export: $(STAMP) plotly-bundle
	$(BIN)/python -m dashboard.export --out artifacts/export

## The partial plotly.js the export ships (only its trace types), built with the npm packages
## pinned in tools/plotly-bundle into the git-ignored .cache/plotly-bundle. Without node/npm
## it says so and the export ships the Python package's full plotly.js instead.
plotly-bundle: $(STAMP)
	@$(BIN)/python -m dashboard.export --build-plotly

## Lighthouse for make bench, pinned in tools/lighthouse (needs node >= 18 and npm)
LIGHTHOUSE := tools/lighthouse/node_modules/.bin/lighthouse
$(LIGHTHOUSE): tools/lighthouse/package-lock.json
	cd tools/lighthouse && npm ci --no-audit --no-fund --loglevel=error
	touch $@

lighthouse:
	@command -v npm >/dev/null && $(MAKE) --no-print-directory $(LIGHTHOUSE) \
		|| echo "npm is missing: make bench runs without Lighthouse"

nginx:
	@command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || { [ "$$(id -u)" = 0 ] && \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx \
		>/dev/null; } || echo "nginx is missing (apt-get install nginx): its parts are skipped"

## Benchmarks (not part of the test suite); results go to docs/BENCHMARKS.md.
## Options via BENCH_ARGS, e.g. make bench BENCH_ARGS="--pages overview map --repeats 3"
bench: $(STAMP) chromium snapshots plotly-bundle lighthouse nginx
	$(BIN)/python -m benchmarks.run $(BENCH_ARGS)

## Load test (20 browser sessions, 60 s) and the compression benchmark through
## deploy/nginx.conf; not part of the test suite. Results go to docs/BENCHMARKS.md.
## The compression part needs nginx: installed here when missing and run as root (Debian
## may then also start its own nginx service; the benchmark runs a private one). Pass options
## with LOAD_ARGS, e.g. make load LOAD_ARGS="--part sessions --sessions 5 --duration 20".
load: $(STAMP) chromium snapshots nginx
	$(BIN)/python -m benchmarks.load $(LOAD_ARGS)

clean:
	rm -rf $(VENV) .cache .pytest_cache .ruff_cache artifacts
