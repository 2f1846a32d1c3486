# Desist: `make run` sets up and starts the service; `make test` sets up and runs the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
PORT ?= 8000
# Tests run on two processes (pytest-xdist), one per core of our machines.
PYTEST_WORKERS ?= 2
export DJANGO_SETTINGS_MODULE := config.settings

.PHONY: run test setup static migrate demo lint typecheck check-migrations check-deploy bench clean

$(BIN)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet ".[dev]"
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

var/build/css/desist.css: node_modules/.installed $(wildcard frontend/*.scss)
	npm run --silent build

setup: $(BIN)/.installed node_modules/.installed var/build/css/desist.css

static: setup
	$(PY) manage.py collectstatic --noinput --verbosity 0

migrate: setup
	$(PY) manage.py migrate --noinput --verbosity 0

demo: migrate
	$(PY) manage.py load_demo

# Embedded mode serves plain http on loopback, so session cookies cannot be Secure-only.
run: static demo
	@echo ""
	@echo "Desist is starting on http://127.0.0.1:$(PORT)/ (web, Celery worker and beat). Ctrl-C stops all three."
	SECURE_COOKIES=false $(BIN)/honcho start --port $(PORT) --procfile Procfile

test: setup
	$(PY) manage.py makemigrations --check --dry-run --verbosity 0
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(MAKE) --no-print-directory typecheck
	STATIC_MANIFEST=false $(BIN)/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/ruff format --check .

# mypy over every service, access gate and rule (the contracts other code relies on) and core.
TYPECHECKED = $(sort $(wildcard */services.py */access.py */rules.py core/*.py) accounts/ranks.py)

typecheck: setup
	$(BIN)/mypy --no-error-summary $(filter-out core/generate.py,$(TYPECHECKED))

check-migrations: setup
	$(PY) manage.py makemigrations --check --dry-run

check-deploy: setup
	DJANGO_DEBUG=false DJANGO_SECRET_KEY=$$($(PY) -c "import secrets; print(secrets.token_urlsafe(64))") \
		SECURE_SSL_REDIRECT=true $(PY) manage.py check --deploy --fail-level WARNING

# Page benchmark (bench/README.md): not part of `make test`. SCALE=tiny|force|national.
# Needs only the Python environment (no npm step): run `make setup` first on a new checkout.
SCALE ?= force
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/desist_bench_$(SCALE)
bench:
	$(PY) bench/prepare.py --scale $(SCALE) --url $(BENCH_DATABASE_URL)
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) bench/pages.py --json var/bench/pages-$(SCALE).json $(BENCH_ARGS)

clean:
	rm -rf $(VENV) node_modules var/build var/staticfiles

# Resilience proofs (issue 20): races, broker/worker/beat/database faults, generated API input,
# backup and restore, on PostgreSQL (DATABASE_URL) with real Redis and Celery processes.
# Not part of `make test` (tests/resilience is collected only with DESIST_RESILIENCE=1).
.PHONY: resilience
resilience: setup
	@test -n "$(DATABASE_URL)" || { echo "make resilience needs DATABASE_URL (PostgreSQL)"; exit 2; }
	DESIST_RESILIENCE=1 STATIC_MANIFEST=false $(BIN)/pytest tests/resilience -n 0 -m resilience --durations=15 \
		$(RESILIENCE_ARGS)
