# Dienhinh: the single entry point. `make run` and `make test` are all a newcomer needs.
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
PYTHON ?= python3

.PHONY: run test venv messages makemessages lint format migrations-check check bench

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e ".[dev]"
	touch $@

venv: $(VENV)/.installed

# Compiled translations (.mo) are built, not committed: with GNU gettext's msgfmt when the
# machine has it, else with the pure-Python compiler (polib), so a bare machine works too.
messages: venv
	@if command -v msgfmt >/dev/null 2>&1; then \
	  DEBUG=true $(PY) manage.py compilemessages --locale vi --verbosity 0 --ignore ".venv/*"; \
	else \
	  $(PY) -c "import polib; polib.pofile('locale/vi/LC_MESSAGES/django.po').save_as_mofile('locale/vi/LC_MESSAGES/django.mo')"; \
	fi

makemessages: venv
	DEBUG=true $(PY) manage.py makemessages --locale vi --no-obsolete --add-location file --ignore ".venv/*" --ignore "bench/*"

# Embedded defaults only: SQLite, local files, Huey on SQLite. Ctrl-C stops both processes.
# The worker runs under a supervisor that restarts it, with a warning, whenever it dies.
# A local development .env is written first when there is none, so every command the README
# prints works as printed; links in e-mails (the demo's too) lead to this run's port.
SITE_URL = http://127.0.0.1:$(PORT)
run: venv messages
	@$(PY) -m config.devenv --port $(PORT)
	DEBUG=true $(PY) manage.py migrate --verbosity 0
	DEBUG=true DIENHINH_SITE_URL=$(SITE_URL) $(PY) manage.py demo
	@echo ""
	@echo "Dienhinh: $(SITE_URL)  (worker started and watched; Ctrl-C stops everything)"
	@DEBUG=true DIENHINH_SITE_URL=$(SITE_URL) $(PY) manage.py supervise_worker & WORKER=$$!; \
	trap 'kill $$WORKER 2>/dev/null' EXIT INT TERM; \
	DEBUG=true DIENHINH_SITE_URL=$(SITE_URL) $(PY) manage.py runserver 127.0.0.1:$(PORT)

# The whole suite on SQLite; set DATABASE_URL=postgres://... to run it on PostgreSQL.
test: venv messages
	$(PY) -m pytest $(PYTEST_ARGS)

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: venv
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

migrations-check: venv
	DEBUG=true $(PY) manage.py makemigrations --check --dry-run

check: lint migrations-check test

# National-scale benchmarks on the local PostgreSQL (figures: docs/performance.md).
bench: venv
	$(PY) bench/tree_subtree.py
	$(PY) bench/compliance_rollup.py
	$(PY) bench/parse_dispatch.py
	$(PY) bench/documents_forwarding.py
	$(PY) bench/publishing_portal.py
	$(PY) bench/archive_stream.py
