# The only entry points a newcomer needs: make demo, make test (and make bench, make lint).
SHELL := /bin/bash
.DEFAULT_GOAL := help
VENV := .venv
BIN := $(VENV)/bin
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
PYTEST_WORKERS ?= 2
CHROMIUM := /usr/bin/chromium
export LITTLEGIANT_HOME := $(CURDIR)

.PHONY: help demo serve test test-sqlite test-postgres lint bench clean browser messages pg-client java

help:
	@echo "make demo   - install, build the demo province in SQLite and serve it at http://127.0.0.1:8000"
	@echo "make serve  - the production server (littlegiant serve: gunicorn, task workers, scheduler) on DATABASE_URL"
	@echo "make test   - install, lint, and run the whole test suite on SQLite and PostgreSQL (with browser tests)"
	@echo "make bench  - run the benchmarks under bench/ and print their tables"
	@echo "make lint   - ruff"

$(BIN)/.installed: pyproject.toml
	@test -x $(BIN)/python || "$$(.ci/find-python)" -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,spark]'
	@touch $@

messages: $(BIN)/.installed
	@command -v msgfmt >/dev/null || (apt-get update -qq && apt-get install -y -qq gettext >/dev/null)
	@cd src/littlegiant && DEBUG=true ../../$(BIN)/python ../../manage.py compilemessages --verbosity 0

browser:
	@test -x $(CHROMIUM) || (echo "Installing Debian's chromium for the browser tests" && apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null)

demo: $(BIN)/.installed messages
	@mkdir -p var/static
	LITTLEGIANT_DEMO=true $(BIN)/littlegiant demo
	@echo "Little Giant demo: http://127.0.0.1:8000  (demo accounts are listed on the sign-in page)"
	@# The same task worker (with its heartbeat, so /readyz sees it) and scheduler of periodic jobs as production.
	LITTLEGIANT_DEMO=true $(BIN)/littlegiant worker & worker=$$!; \
	LITTLEGIANT_DEMO=true $(BIN)/littlegiant scheduler & scheduler=$$!; \
	trap "kill $$worker $$scheduler 2>/dev/null" EXIT INT TERM; \
	LITTLEGIANT_DEMO=true $(BIN)/python manage.py runserver 127.0.0.1:8000 --noreload

# Production serving (docs/operations.md): set DATABASE_URL, SECRET_KEY, ALLOWED_HOSTS (or LITTLEGIANT_DEMO=true).
SERVE_PORT ?= 8000
SERVE_WORKERS ?= 4
SERVE_TASK_WORKERS ?= 2
serve: $(BIN)/.installed messages
	$(BIN)/littlegiant serve --migrate --port $(SERVE_PORT) --workers $(SERVE_WORKERS) --task-workers $(SERVE_TASK_WORKERS)

# pg_dump/pg_restore for `littlegiant backup` and `restore` (and their test).
pg-client:
	@command -v pg_dump >/dev/null || (apt-get update -qq && apt-get install -y -qq postgresql-client >/dev/null)

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# The Spark engine's tests need a Java runtime: Debian's, when the machine has none.
java:
	@command -v java >/dev/null || (echo "Installing Debian's Java runtime for the Spark engine's tests" && \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null)

# The two databases' passes run side by side (each output printed whole when it ends): on 2 cores that took
# 15 min 22 s against 17 min 21 s one after the other, and the CI budget is 20 minutes.
test: $(BIN)/.installed messages browser pg-client java lint
	@$(MAKE) --no-print-directory --output-sync=target -j2 test-sqlite test-postgres

# Examples of the SQL-versus-reference-evaluator property test: more in CI than on a laptop.
PROPERTY_EXAMPLES ?= $(if $(filter true,$(CI)),200,15)

test-sqlite: $(BIN)/.installed
	@echo "== pytest on SQLite =="
	LITTLEGIANT_TESTING=true LITTLEGIANT_PROPERTY_EXAMPLES=$(PROPERTY_EXAMPLES) DATABASE_URL= $(BIN)/pytest -n $(PYTEST_WORKERS) -q --durations=15

# The PostgreSQL run is for what the database changes: the tests that ask no database at all (marked database_free
# by tests/conftest.py: pytest-django refuses them every query, so their outcome cannot depend on the database;
# the rule engine's golden and property tests, the Spark engine's, the catalogues, the import layers) run once, in
# the SQLite run. The browser journeys run once too, in the SQLite run: they drive the same views the PostgreSQL
# run covers through the test client (on this 2-core machine they cost 3 min of the PostgreSQL run, and make test
# has 20).
test-postgres: $(BIN)/.installed
	@echo "== pytest on PostgreSQL ($(PG_URL)) =="
	@if ! .ci/check-postgres "$(PG_URL)"; then \
		if [ "$${CI:-}" = "true" ]; then echo "PostgreSQL is not reachable at $(PG_URL): failing (CI=true)."; exit 1; fi; \
		echo "PostgreSQL is not reachable at $(PG_URL): SKIPPING the PostgreSQL run (outside CI only)."; exit 0; \
	fi; \
	LITTLEGIANT_TESTING=true DATABASE_URL=$(PG_URL) $(BIN)/pytest -n $(PYTEST_WORKERS) -q --durations=15 -m "not spark and not browser and not database_free"

# The benchmark compares the engine with OpenFisca-Core in an environment of its own (never a littlegiant dependency).
BENCH_SIZES ?= 1000000,10000000
BENCH_OUT ?= bench/out
OPENFISCA_VENV := bench/.venv-openfisca

$(OPENFISCA_VENV)/.installed: bench/find-python-openfisca
	@test -x $(OPENFISCA_VENV)/bin/python || "$$(bench/find-python-openfisca)" -m venv $(OPENFISCA_VENV)
	$(OPENFISCA_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(OPENFISCA_VENV)/bin/python -m pip install --quiet 'openfisca-core>=46,<47' 'pyarrow>=19'
	@touch $@

bench: $(BIN)/.installed $(OPENFISCA_VENV)/.installed
	BENCH_SIZES=$(BENCH_SIZES) BENCH_OUT=$(BENCH_OUT) $(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) var .pytest_cache
