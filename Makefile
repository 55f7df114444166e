# zopa: two commands do everything — `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-dev

.PHONY: demo test install clean bench docs train-events train-claims

RAY_STAMP := $(VENV)/.installed-ray

# Create the virtual environment and install zopa with its dev extras; re-runs
# only when pyproject.toml changes. `make demo` needs no more.
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[dev]"
	@touch $(STAMP)

# The optional Ray extra (`--ray`), for the tests and the benchmarks.
$(RAY_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[dev,ray]"
	@touch $(RAY_STAMP)

install: $(RAY_STAMP)

demo: $(STAMP)
	$(BIN)/zopa demo

test: $(RAY_STAMP)
	bash scripts/ensure-postgres.sh
	bash scripts/ensure-chromium.sh
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy
	$(BIN)/python -m pytest -n 2 --dist loadfile

bench: $(RAY_STAMP)
	$(BIN)/python bench/ingest.py

clean:
	rm -rf $(VENV) zopa.db .mypy_cache .pytest_cache .ruff_cache

# Regenerate the CLI reference from the commands' --help (a test checks it is current).
docs: $(STAMP)
	$(BIN)/python -m zopa.cli._reference > docs/cli.md

# Retrain the shipped sentence classifiers from the team's corpus (tests check their digest).
train-events: $(STAMP)
	$(BIN)/python training/events/train.py

train-claims: $(STAMP)
	$(BIN)/python training/claims/train.py
