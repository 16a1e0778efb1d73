# Every target sets itself up: a fresh clone needs only `make serve` or `make test`.
# Run `make help` for the list.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SITE := site
# Build dates (sitemap lastmod, gzip headers) come from the last commit: two builds of
# one commit give identical bytes.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

# Debian packages the tests and tools need (installed by `make system-deps` / .ci/run).
DEBIAN_PACKAGES := git fonts-dejavu-core

.PHONY: help serve build test lint typecheck pytest check diagrams permalinks lock clean system-deps

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.txt -r requirements-dev.txt
	touch $@

venv: $(VENV)/.installed ## Create .venv from the pinned, hashed dependencies

serve: $(VENV)/.installed ## Live preview at http://127.0.0.1:8000
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(VENV)/.installed ## Strict build into site/ (a failed build keeps the old site)
	$(BIN)/python scripts/build.py --site-dir $(SITE)

test: lint typecheck pytest ## Lint, type-check and run every test

lint: $(VENV)/.installed ## ruff on scripts/, tests/ and hooks
	$(BIN)/ruff check scripts tests overrides/hooks
	$(BIN)/ruff format --check scripts tests overrides/hooks

typecheck: $(VENV)/.installed ## mypy on scripts/, tests/ and hooks
	$(BIN)/mypy

pytest: $(VENV)/.installed ## The test suite (builds the site itself)
	$(BIN)/pytest

lock: ## Re-pin requirements*.txt (with hashes) from requirements*.in
	$(BIN)/python -m pip install --quiet pip-tools==7.6.2
	$(BIN)/pip-compile -q --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links -o requirements.txt requirements.in
	$(BIN)/pip-compile -q --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links -o requirements-dev.txt requirements-dev.in

system-deps: ## Install the Debian packages listed in DEBIAN_PACKAGES (needs root)
	@missing=$$(for p in $(DEBIAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	else echo "Debian packages already installed"; fi

clean: ## Remove the built site and caches (keeps .venv)
	rm -rf $(SITE) .site-* .pytest_cache .mypy_cache .ruff_cache
