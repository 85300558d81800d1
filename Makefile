# Two commands do everything on a fresh machine with Python 3.11 and make:
#   make run    install into .venv, migrate, load the 2020 edition, serve at http://127.0.0.1:8000/
#   make test   install what the tests need and run every test
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
EDITIONS := $(wildcard content/editions/*.yaml)

.PHONY: serve-production run test install install-test system-packages content lint format bench lighthouse clean

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is needed: set PYTHON=/path/to/python3.11"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e ".[test]"
	@touch $@

install: $(VENV)/.installed

# axe-core and Lighthouse for the browser tests (npm, never a browser download: they drive
# Debian's Chromium).
node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "npm is needed (Node.js 20): apt-get install nodejs"; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

install-test: $(VENV)/.installed-test node_modules/.installed

content: install
	$(MANAGE) migrate --no-input
	$(MANAGE) setup_site
	@for f in $(EDITIONS); do $(MANAGE) load_edition --skip-existing $$f || exit 1; done
	$(MANAGE) setup_roles
	$(MANAGE) ensure_admin

run: content
	@echo "Serving on http://$(HOST):$(PORT)/ (admin at /admin/, log in as admin / admin)"
	$(MANAGE) runserver $(HOST):$(PORT)

# The production processes of one app server (Procfile: gunicorn, db_worker, release_editions
# --watch), with the environment from .env (see .env.example and README › Production).
serve-production: install
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/honcho start --port $(PORT)

system-packages:
	@.ci/install-system-packages

test: install-test system-packages
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	DJANGO_SETTINGS_MODULE=oif_site.settings.test $(MANAGE) makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=oif_site.settings.test $(MANAGE) edition_schema --check
	promtool check rules deploy/prometheus/alerts.yml

format: install-test
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: install-test system-packages
	$(BIN)/python -m benchmarks

# Lighthouse scores (mobile) of the home page, the 2020 edition and a profile, production server.
lighthouse: install-test system-packages
	$(BIN)/python scripts/lighthouse.py

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles test-artifacts node_modules
