# Two commands do everything on a fresh machine with Python 3.11 and make:
#   make run    install into .venv, migrate, load the 2020 edition, serve at http://127.0.0.1:8000/
#   make test   install what the tests need and run every test
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# Sources first (<year>.yaml), then their translations (<year>.<locale>.yaml).
SOURCES := $(sort $(wildcard content/editions/[0-9][0-9][0-9][0-9].yaml))
EDITIONS := $(SOURCES) $(sort $(filter-out $(SOURCES),$(wildcard content/editions/*.yaml)))

.PHONY: serve-production run test install install-test system-packages content lint format bench lighthouse clean \
	lock lock-upgrade audit backup restore

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is needed: set PYTHON=/path/to/python3.11"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Installs exactly what the lock files pin (with their hashes), then the project itself; pip
# check fails if pyproject.toml needs a package the lock does not have yet: run make lock.
LOCK_CHECK = $(BIN)/pip check >/dev/null || { $(BIN)/pip check; \
	echo "The lock files do not match pyproject.toml: run make lock"; exit 1; }

$(VENV)/.installed: pyproject.toml requirements.lock | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	@$(LOCK_CHECK)
	@touch $@

$(VENV)/.installed-test: pyproject.toml requirements-test.lock $(VENV)/.installed
	$(BIN)/pip install --quiet --require-hashes -r requirements-test.lock
	$(BIN)/pip install --quiet --no-deps -e .
	@$(LOCK_CHECK)
	@touch $@

# Pin every dependency (with hashes) from pyproject.toml: run after adding or changing one.
# Keeps the versions already pinned; make lock-upgrade moves everything to the newest allowed.
PIP_COMPILE = CUSTOM_COMPILE_COMMAND="make lock" $(BIN)/pip-compile --quiet --strip-extras \
	--generate-hashes --allow-unsafe --no-emit-index-url --no-emit-find-links $(LOCK_ARGS)

lock: | $(BIN)/python
	$(BIN)/pip install --quiet "pip-tools>=7.4,<8"
	$(PIP_COMPILE) -o requirements.lock pyproject.toml
	$(PIP_COMPILE) --extra test -c requirements.lock -o requirements-test.lock pyproject.toml

lock-upgrade:
	$(MAKE) lock LOCK_ARGS=--upgrade

# Known vulnerabilities in the locked dependencies (PyPI's advisory database, via pip-audit).
audit: install-test
	$(BIN)/pip-audit --strict --disable-pip --require-hashes --progress-spinner off \
		-r requirements-test.lock

# Database and media to BACKUP_DIR (default backups/); make restore puts the newest back.
backup: install
	$(MANAGE) back_up

restore: install
	$(MANAGE) restore

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
