# The two commands of the README: `make serve` and `make test`. Both build the
# virtual environment from the pinned lock file first, so a fresh clone needs
# nothing but python3 (3.11+).
PYTHON ?= python3
VENV := .venv
STAMP := $(VENV)/.installed

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(VENV)/bin/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

.PHONY: serve test lint bench bench-adversarial bench-web bench-page bench-stall bench-review bench-exports bench-reports bench-stories eval
serve: $(STAMP)
	$(VENV)/bin/diptych serve

test: $(STAMP) lint
	$(VENV)/bin/pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

bench: $(STAMP)
	$(VENV)/bin/python -m bench.engine
	$(VENV)/bin/python -m bench.adversarial

bench-adversarial: $(STAMP)
	$(VENV)/bin/python -m bench.adversarial

bench-web: $(STAMP)
	$(VENV)/bin/python -m bench.web

bench-page: $(STAMP)
	$(VENV)/bin/python -m bench.page

bench-stall: $(STAMP)
	$(VENV)/bin/python -m bench.stall

bench-review: $(STAMP)
	$(VENV)/bin/python -m bench.review

bench-exports: $(STAMP)
	$(VENV)/bin/python -m bench.exports

bench-reports: $(STAMP)
	$(VENV)/bin/python -m bench.reports

bench-stories: $(STAMP)
	$(VENV)/bin/python -m bench.stories

eval: $(STAMP)
	$(VENV)/bin/python -m bench.alignment_eval
