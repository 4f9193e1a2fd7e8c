.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
APPS := cms sessions practices search community

.PHONY: help install run test test-sqlite test-postgres test-languages rehearsal lint format messages compilemessages lock audit clean

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

$(VENV)/.installed: pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	touch $@

install: $(VENV)/.installed ## Create .venv and install the locked dependencies (development and tests)

compilemessages: install ## Compile the gettext catalogues
	@scripts/system-deps.sh gettext
	$(MANAGE) compilemessages --ignore=.venv -v0

# The links of the emails the site and the worker send (registration, admin notifications)
# go to the address served, PORT included, unless the environment says otherwise.
run: export WAGTAILADMIN_BASE_URL ?= http://$(HOST):$(PORT)
run: install compilemessages ## Set everything up and serve the site on http://127.0.0.1:8000
	$(MANAGE) migrate --noinput -v0
	$(MANAGE) load_demo --site-url http://$(HOST):$(PORT)
	$(MANAGE) update_index
	@mkdir -p var
	@echo "Starting the task worker (log: var/worker.log) and the web server on http://$(HOST):$(PORT)/"
	@$(MANAGE) db_worker >var/worker.log 2>&1 & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(MANAGE) runserver $(HOST):$(PORT)

test: install compilemessages ## Run the whole suite on SQLite, then on PostgreSQL, then with more languages, then the short rehearsal
	@scripts/system-deps.sh postgresql chromium nginx redis wrk openssl
	$(MAKE) --no-print-directory audit
	$(MAKE) --no-print-directory test-sqlite
	$(MAKE) --no-print-directory test-postgres
	$(MAKE) --no-print-directory test-languages
	$(MAKE) --no-print-directory rehearsal SHORT=1

test-sqlite: ## Run the suite on SQLite only
	env -u DATABASE_URL $(PY) -m pytest $(PYTEST_ARGS)

test-postgres: ## Run the suite on a throwaway PostgreSQL server only
	scripts/with-postgres.sh $(PY) -m pytest $(PYTEST_ARGS)

# tests/languages/ under each multilingual settings module (not collected otherwise).
LANGUAGE_SETTINGS := cms.settings.test_ar cms.settings.test_de

# Each module's run checks the language it adds (tests/languages/conftest.py); the browser
# test, which proves nothing about the database, runs once, on SQLite.
test-languages: ## Run tests/languages/ with Arabic added, then German too (SQLite), and with Arabic on PostgreSQL
	@for ds in $(LANGUAGE_SETTINGS); do \
	  echo "tests/languages/ with $$ds (SQLite)"; \
	  env -u DATABASE_URL $(PY) -m pytest tests/languages --ds=$$ds $(PYTEST_ARGS) || exit 1; \
	done
	@echo "tests/languages/ with $(firstword $(LANGUAGE_SETTINGS)) (PostgreSQL), without the browser"
	scripts/with-postgres.sh $(PY) -m pytest tests/languages --ds=$(firstword $(LANGUAGE_SETTINGS)) -m "not browser" $(PYTEST_ARGS)

rehearsal: install compilemessages ## The production stack on loopback under load and faults (SCENARIO=..., SHORT=1)
	@scripts/system-deps.sh postgresql nginx redis wrk openssl
	SCENARIO=$(SCENARIO) SHORT=$(SHORT) $(PY) scripts/rehearsal/run.py

lint: install ## Lint with ruff
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install ## Format and fix what ruff can
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

messages: install ## Update the fr, en, ar and de catalogues (APP=sessions for one app)
	@scripts/system-deps.sh gettext
	@for app in $(or $(APP),$(APPS)); do \
	  if [ $$app = cms ]; then \
	    $(MANAGE) makemessages -l fr -l en -l ar -l de --no-obsolete -i '.venv/*' -i 'tests/*' -i 'benchmarks/*' \
	      $(foreach other,$(filter-out cms,$(APPS)),-i '$(other)/*') ; \
	  else \
	    mkdir -p $$app/locale; \
	    (cd $$app && ../$(PY) ../manage.py makemessages -l fr -l en -l ar -l de --no-obsolete); \
	  fi; \
	done

lock: ## Re-resolve the dependencies: requirements.lock (development) and requirements/production.lock (runtime, hashed)
	rm -rf /tmp/fairville-lock && $(PYTHON) -m venv /tmp/fairville-lock
	/tmp/fairville-lock/bin/pip install --quiet -e ".[test,lint,production]"
	/tmp/fairville-lock/bin/pip freeze --exclude-editable | grep -v '^-e' > requirements.lock
	/tmp/fairville-lock/bin/pip install --quiet pip-tools
	# Production: the runtime packages only, at the versions the tests ran with, hashed.
	cd requirements && /tmp/fairville-lock/bin/pip-compile --quiet --generate-hashes \
	  --strip-extras --allow-unsafe --no-header --extra production \
	  --constraint ../requirements.lock -o production.lock ../pyproject.toml
	rm -rf /tmp/fairville-lock

audit: install ## Check both locks for known vulnerabilities (pip-audit; says so when its database is unreachable)
	$(PY) scripts/audit.py

clean: ## Remove the virtual environment, the database and generated files
	rm -rf $(VENV) db.sqlite3 var static .pytest_cache
