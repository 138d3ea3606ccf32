# Two entry points for a fresh machine: `make run` and `make test`. Each sets up .venv on first use.
# `make test` runs the whole suite (both cores); `make test-fast` leaves out the tests that drive real
# `wirewatch` processes (pytest marker `system`): the quick tier to run while editing.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
CONFIG ?= wirewatch.yaml

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $@

.PHONY: install run once test test-fast lint bench clean
install: $(BIN)/.installed

run: $(BIN)/.installed
	$(BIN)/wirewatch run --config $(CONFIG)

once: $(BIN)/.installed
	$(BIN)/wirewatch once --config $(CONFIG)

test: $(BIN)/.installed
	$(BIN)/python -m pytest -q

test-fast: $(BIN)/.installed
	$(BIN)/python -m pytest -q -m "not system"

lint: $(BIN)/.installed
	$(BIN)/ruff check . && $(BIN)/ruff format --check . && $(BIN)/mypy

bench: $(BIN)/.installed
	$(BIN)/python benchmarks/bench_engine.py

clean:
	rm -rf $(VENV) wirewatch.db wirewatch.db-wal wirewatch.db-shm
