# danvan — two commands: `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000
# Development server only: debug on, a fixed development key (never used when DANVAN_DEBUG is off).
RUN_ENV := DANVAN_DEBUG=true

.PHONY: run test lint setup install install-dev clean messages bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# installs again only when pyproject.toml changed
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

setup: install
	$(RUN_ENV) $(BIN)/danvan migrate --noinput
	$(RUN_ENV) $(BIN)/danvan load_areas
	$(RUN_ENV) $(BIN)/danvan seed_demo

# seed_demo prints the demo logins
run: setup
	@echo "Serving on http://$(HOST):$(PORT)/"
	$(RUN_ENV) $(BIN)/danvan runserver --noreload $(HOST):$(PORT)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: install-dev lint
	$(BIN)/python -m pytest

# performance on a real server (gunicorn, production settings), SQLite and PostgreSQL, province and
# national scale: bench/results/*.json and docs/benchmarks.md; e.g. BENCH_ARGS="--db sqlite --requests 50"
BENCH_ARGS ?=
bench: install-dev
	$(BIN)/python -m bench.run --db sqlite,postgresql --scale province,national $(BENCH_ARGS); \
	status=$$?; $(BIN)/python -m bench.report && exit $$status

# re-extract UI strings (needs GNU gettext) and fill the Vietnamese catalogue from tools/vi_catalog.py
messages: install-dev
	cd src/danvan && DANVAN_DEBUG=true ../../$(BIN)/danvan makemessages -l vi --no-obsolete
	$(BIN)/python tools/vi_catalog.py

clean:
	rm -rf $(VENV) .pytest_cache build src/*.egg-info
