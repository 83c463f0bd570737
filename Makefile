# The README's two commands: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run test lint format bench check-deploy clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# uv installs what pyproject.toml lists into the same .venv as pip would, fetching in parallel:
# 23 s on a fresh clone against 73 s for pip (CI installs from scratch on every run). Bytecode is
# compiled at install, in parallel: otherwise every test process compiled it again on its first run.
$(BIN)/uv: | $(BIN)/python
	$(BIN)/pip install --quiet uv

$(STAMP): pyproject.toml | $(BIN)/uv
	$(BIN)/uv pip install --quiet --compile-bytecode --python $(BIN)/python -e ".[dev]"
	@touch $(STAMP)

install: $(STAMP)

# The embedded default: DEBUG off unless `DEBUG=1 make run`, tasks queued in var/celery/ for a
# real Celery worker (kombu's filesystem transport, no broker server) started beside the server
# and stopped with it.
RUN_ENV = DEBUG=$(DEBUG) RUN_HOST=$(HOST) CELERY_BROKER_URL=filesystem://

run: install
	@mkdir -p var
	@$(RUN_ENV) SITE_DOMAIN=$(HOST):$(PORT) $(BIN)/python manage.py migrate --noinput
	@$(RUN_ENV) SITE_DOMAIN=$(HOST):$(PORT) $(BIN)/python manage.py load_demo
	@echo "Portail : http://$(HOST):$(PORT)/  (Ctrl-C arrête le serveur et le worker)"
	@$(RUN_ENV) SITE_DOMAIN=$(HOST):$(PORT) $(BIN)/celery -A solidaire worker --beat --schedule=var/celerybeat-schedule \
	  --concurrency=1 --loglevel=WARNING --without-gossip --without-mingle --without-heartbeat & \
	worker=$$!; trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(RUN_ENV) SITE_DOMAIN=$(HOST):$(PORT) $(BIN)/python manage.py runserver $(HOST):$(PORT)

# One pytest worker per core (pytest-xdist): the suite is CPU-bound (PDFs, templates, browsers);
# work stealing keeps both cores busy to the end when a long browser test lands last.
PYTEST_WORKERS ?= auto

test: install
	@mkdir -p var
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist worksteal $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: install
	@command -v wrk >/dev/null || { echo "installing wrk (the load generator)"; apt-get install -y -qq wrk >/dev/null; }
	$(BIN)/python -m bench $(BENCH)

check-deploy: install
	DJANGO_SETTINGS_MODULE=solidaire.settings.prod SECRET_KEY=check-deploy-$$(date +%s)-not-a-real-secret-key-0123456789abcdef \
	  ALLOWED_HOSTS=solidaire.example.org DATABASE_URL=sqlite:///var/check.sqlite3 REDIS_URL=redis://127.0.0.1:6379/0 \
	  $(BIN)/python manage.py check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) var/*.sqlite3 staticfiles
