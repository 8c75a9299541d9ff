# Toegang — see README.md. `make run` and `make test` work on a fresh machine with Python 3.11.
PYTHON ?= python3.11
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
STAMP := $(VENV)/.installed
export DJANGO_SETTINGS_MODULE ?= toegang.settings.dev

# Test processes side by side (pytest-xdist): most of the slow tests wait on a browser, a
# worker or a server they started, so more processes than cores still pay.
TEST_PROCESSES ?= 3
SIZE ?= small
BENCH_ARGS ?=
BENCH_STAMP := $(VENV)/.installed-bench

.PHONY: run test lint typecheck venv migrate demo messages openapi bench bench-large nlds clean

venv: $(STAMP)

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) not found: install Python 3.11"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

migrate: $(STAMP)
	$(PY) manage.py migrate --no-input

demo: migrate
	$(PY) manage.py seed_demo

## Serve the portal on http://127.0.0.1:$(PORT) (8000 by default) with a Celery worker and beat.
run: demo
	@echo "Toegang draait op http://127.0.0.1:$(PORT)  (stoppen: Ctrl+C)"
	@echo "Medewerkers: na het wachtwoord de code uit de authenticator-app (sleutels hierboven en in README.md); in deze demo staat de code ook op de codepagina."
	$(PY) manage.py run_portal 127.0.0.1:$(PORT)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

typecheck: $(STAMP)
	$(VENV)/bin/mypy toegang intake casussen regie

## Lint, check the layers (import-linter), type-check and run the whole suite (PostgreSQL and Redis required when CI=true); the 25 slowest steps are listed at the end.
test: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy toegang intake casussen regie
	DJANGO_SETTINGS_MODULE=toegang.settings.test $(VENV)/bin/pytest -n $(TEST_PROCESSES) --dist worksteal --durations=25

$(BENCH_STAMP): $(STAMP)
	$(PY) -m pip install --quiet -e ".[dev,bench]"
	touch $(BENCH_STAMP)

## Seed PostgreSQL at SIZE=small (10,000 intakes) or SIZE=large (1,000,000) and measure.
bench: $(BENCH_STAMP)
	$(PY) bench/run.py --size $(SIZE) $(BENCH_ARGS)

bench-large:
	$(MAKE) bench SIZE=large

## Regenerate the English catalogue after changing texts (needs GNU gettext).
messages: $(STAMP)
	$(PY) manage.py makemessages -l en --no-location --ignore=.venv --ignore=static/vendor --ignore=tests --ignore=bench
	$(PY) manage.py compilemessages -l en --ignore=.venv

## Regenerate the committed OpenAPI document after changing the API (CI checks it for drift).
openapi: $(STAMP)
	DJANGO_SETTINGS_MODULE=toegang.settings.test $(VENV)/bin/python manage.py spectacular --validate --fail-on-warn --file docs/api/openapi.yaml

## Rebuild the committed NL Design System CSS in static/nlds/ from toegang/thema/npm/ (needs node and npm; docs/nl-design-system.md).
nlds: $(STAMP)
	$(PY) -m toegang.thema.nlds_build

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache .mypy_cache .ruff_cache
