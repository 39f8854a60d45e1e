# UnionHub developer commands. `make run` and `make test` are the two-command quick start.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
# Django 6 needs Python >= 3.12: take the first interpreter on this machine that is new enough.
PYTHON ?= $(shell for p in python3.14 python3.13 python3.12 python3 $$(ls -d $${PYENV_ROOT:-$$HOME/.pyenv}/versions/3.1[2-9]*/bin/python3 2>/dev/null); do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { command -v $$p; break; }; done)
HOST ?= 127.0.0.1
PORT ?= 8000
# Members of the demo city that `make run` seeds once (every work area's records scale with it).
DEMO_MEMBERS ?= 3000

.PHONY: setup run test lint messages bench seed-bench worker clean

$(VENV)/.installed: pyproject.toml
	@test -n "$(PYTHON)" || { echo "UnionHub needs Python 3.12 or newer (Django 6)."; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	@touch $@

setup: $(VENV)/.installed

run: setup
	$(PY) manage.py migrate --no-input
	$(PY) manage.py seed_demo --members $(DEMO_MEMBERS)
	$(PY) manage.py devserver --host $(HOST) --port $(PORT)

test: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run >/dev/null
	$(VENV)/bin/pytest $(PYTEST_ARGS)

lint: setup
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# The English catalogue (the source language is Chinese). Needs gettext; the compiled .mo is
# committed so that a fresh machine needs none.
messages: setup
	$(PY) manage.py makemessages -l en --ignore=.venv --ignore=var --ignore=tests --ignore=staticfiles --ignore=bench --add-location=file --no-obsolete
	$(PY) manage.py compilemessages -l en -l zh_Hans --ignore=.venv --ignore=var

# Benchmarks (docs/benchmarks.md): `make bench BENCH_ARGS="--only pages --runs 5"` passes options on.
$(VENV)/.bench-installed: $(VENV)/.installed
	$(PY) -m pip install --quiet -e ".[dev,bench]"
	@touch $@

bench: setup $(VENV)/.bench-installed
	$(PY) manage.py migrate --no-input
	$(PY) -m bench $(BENCH_ARGS)

# The city at full scale that the page, report and load benchmarks read (a few minutes).
seed-bench: setup
	$(PY) manage.py migrate --no-input
	$(PY) manage.py seed_bench --members 1000000

clean:
	rm -rf $(VENV) var
