# careerlog: `make run` serves the demo, `make test` runs every check.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat setup.cfg pyproject.toml | cksum | cut -d' ' -f1)

# Python writes each module's compiled bytecode (__pycache__) as it does by default, and pytest its rewritten test
# modules: this machine's environment sets PYTHONDONTWRITEBYTECODE=1, under which every Python process of the suite
# (each pytest worker, each server, CLI and import worker it starts) compiled careerlog, web and the tests from source.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: install test lint typecheck unit run bench clean

$(STAMP): setup.cfg pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	$(BIN)/mypy

test: lint typecheck
	$(BIN)/pytest -n 2 --dist loadgroup --durations=30

unit: install
	$(BIN)/pytest tests/unit -q

# The address `make run` serves on: make run BIND=127.0.0.1:8123
BIND ?= 127.0.0.1:8000
run: install
	$(BIN)/careerlog run --bind $(BIND)

# Benchmarks against the bare database (docs/performance.md); EMPLOYEES and STORE as wanted.
EMPLOYEES ?= 10000
STORE ?= sqlite
bench: install
	$(BIN)/python -m bench.ingest --employees $(EMPLOYEES) --store $(STORE) --repeat 2
	$(BIN)/python -m bench.rebuild --employees $(EMPLOYEES) --store $(STORE) --repeat 2
	$(BIN)/python -m bench.reads --employees $(EMPLOYEES) --store $(STORE)

clean:
	rm -rf $(VENV) build *.egg-info .mypy_cache .pytest_cache .ruff_cache
