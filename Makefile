# The two commands of the README: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test test-e2e test-long install lint clean up

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c requirements.lock -e '.[test]'
	$(BIN)/python -c "from coopact.adapters.prefect.template import prepare_template; prepare_template()"
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/coopact demo --home ./demo

# One pytest-xdist worker per core (TEST_WORKERS=0: one process); the tests sharing the
# session's Prefect server stay on one worker (--dist loadgroup).
TEST_WORKERS ?= auto

# pytest exits 5 when it collected no test: that is a failure here, not a pass.
# The fleet tests (a Prefect server and two workers on PostgreSQL, minutes long) are
# `make test-e2e`, which CI runs after `make test`.
test: $(STAMP)
	@$(BIN)/ruff check --quiet . && $(BIN)/ruff format --check --quiet . || \
	  { echo "make test: ruff found problems (run: $(BIN)/ruff check --fix . && $(BIN)/ruff format .)" >&2; exit 1; }
	@$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadgroup -m "not fleet" $(PYTEST_ARGS); status=$$?; \
	if [ $$status -eq 5 ]; then echo "make test: no tests were collected" >&2; exit 1; fi; \
	exit $$status

test-e2e: $(STAMP)
	@$(BIN)/python -m pytest -m fleet $(PYTEST_ARGS); status=$$?; \
	if [ $$status -eq 5 ]; then echo "make test-e2e: no tests were collected" >&2; exit 1; fi; \
	exit $$status

# The property-based tests with their full number of examples (nightly CI).
test-long: $(STAMP)
	HYPOTHESIS_PROFILE=long $(MAKE) test

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy -p coopact
	$(BIN)/lint-imports

# The Procfile's processes (Prefect server, two workers, the portal) under honcho.
up: $(STAMP)
	$(BIN)/coopact init
	PATH=$(abspath $(BIN)):$$PATH PREFECT_API_URL=$${PREFECT_API_URL:-http://127.0.0.1:$${PREFECT_PORT:-4200}/api} \
		$(BIN)/honcho start -f Procfile

clean:
	rm -rf demo .pytest_cache .mypy_cache .ruff_cache
