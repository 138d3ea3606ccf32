# Two entry points for a fresh machine: `make run` and `make test`. Each sets up .venv on first use.
# `make test` runs the whole suite (four workers on two cores: it mostly waits); `make test-fast` leaves out the tests that drive real
# `wirewatch` processes (pytest marker `system`): the quick tier to run while editing.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
CONFIG ?= wirewatch.yaml

# Set-up says what it is doing: a fresh clone spends a minute or more here, and silence looks like a hang.
$(BIN)/.installed: pyproject.toml
	@echo "wirewatch set-up (first use only) 1/2: creating $(VENV) with $(PYTHON)"
	@$(PYTHON) -m venv $(VENV)
	@echo "wirewatch set-up 2/2: installing Wirewatch and its dependencies into $(VENV) (about a minute; pip lists each package)"
	@( n=0; while sleep 1; do n=$$((n + 1)); [ $$((n % 15)) -ne 0 ] || echo "  ... still installing ($${n}s)"; done ) & \
	ticker=$$!; \
	{ $(BIN)/python -u -m pip install --disable-pip-version-check --progress-bar off -e '.[dev]' 2>&1; \
	  echo $$? > $(VENV)/pip.status; } | tee $(VENV)/pip.log \
	  | grep --line-buffered -o -E '^(Collecting|Building|Installing|Successfully) .{0,100}'; \
	kill $$ticker 2>/dev/null; status=$$(cat $(VENV)/pip.status); [ "$$status" = 0 ] || \
	  { echo "wirewatch set-up failed (pip exit $$status): the whole output is in $(VENV)/pip.log"; exit 1; }
	@$(MAKE) --no-print-directory bytecode
	@touch $@
	@echo "wirewatch set-up done"

.PHONY: install bytecode run once test test-fast lint bench clean
install: $(BIN)/.installed

# The project's own modules compiled once, as pip does for an installed wheel: an editable install leaves them
# as source, and where PYTHONDONTWRITEBYTECODE is set every `wirewatch` start compiles ~250 modules again
# (~0.2 s, and a peak of several MiB). Only files changed since are recompiled; stale ones are ignored by Python.
bytecode:
	@$(BIN)/python -m compileall -q -j 0 domain collectors rules notifier store wirewatch >/dev/null

run: $(BIN)/.installed bytecode
	@echo "starting: $(BIN)/wirewatch run --config $(CONFIG)  (Ctrl-C to stop)"
	@$(BIN)/wirewatch run --config $(CONFIG)

once: $(BIN)/.installed bytecode
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
	find domain collectors rules notifier store wirewatch -name __pycache__ -prune -exec rm -rf {} +
