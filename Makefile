# Tabel: the two commands are `make up` (the platform with a demo region) and `make test`.
SHELL := /bin/bash
UV ?= $(shell command -v uv 2>/dev/null || echo "$(HOME)/.local/bin/uv")
PYTEST_WORKERS ?= auto
# Trust the platform's certificate store too (a region's proxy CA is usually installed there).
export UV_SYSTEM_CERTS ?= 1

.PHONY: up test deps tools lint types proto proto-check unit integration bench clean

up: deps ## Run every service with embedded PostgreSQL, NATS and OIDC, seeded with a demo region
	$(UV) run tabel-dev up

test: deps tools lint types proto-check ## Lint, types, contract drift, then every test
	$(UV) run pytest -n $(PYTEST_WORKERS) -q -p no:cacheprovider

deps: ## Install uv if missing, then the locked dependencies of the whole workspace
	@command -v uv >/dev/null 2>&1 || [ -x "$(HOME)/.local/bin/uv" ] || python3 -m pip install --quiet --user uv \
		|| python3 -m pip install --quiet --user --break-system-packages uv
	$(UV) sync --frozen --quiet

tools: ## Debian tools some tests use (promtool, chromium); skipped when not root or offline
	@bash scripts/install_tools.sh

lint:
	$(UV) run ruff check .
	$(UV) run ruff format --check .

types:
	$(UV) run mypy libs/platform/src/tabel_platform devstack/src/tabel_devstack $(wildcard services/*/src/tabel_*) scripts

proto: ## Regenerate libs/proto from proto/
	$(UV) run python scripts/gen_proto.py

proto-check: ## Fail when the generated code and proto/ disagree
	$(UV) run python scripts/gen_proto.py --check

unit:
	$(UV) run pytest -q -p no:cacheprovider -m "not integration"

bench: ## Every benchmark under bench/ (prints figures and how to reproduce them)
	@for b in bench/*/run.py bench/roster/bench_roster.py bench/schedule/bench_schedule.py; do \
		echo "== $$b"; $(UV) run python $$b || exit 1; done

clean:
	rm -rf var .pytest_cache .mypy_cache .ruff_cache
