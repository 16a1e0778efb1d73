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

# Debian packages the tests and tools need (installed by `make system-deps` / .ci/run).
# fonts/pango/harfbuzz: WeasyPrint (PDF) and the cards; chromium-headless-shell: the browser
# tests and bench-search (Playwright); chromium: make audit (Lighthouse); both are built from
# Debian's chromium source at one version (esxidocs/audit.py);
# poppler-utils: pdftotext, word positions for the PDF spacing test;
# nodejs/npm: axe-core and Lighthouse (package-lock.json).
DEBIAN_PACKAGES := git fontconfig fonts-dejavu-core fonts-dejavu-extra \
	libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 chromium chromium-headless-shell \
	poppler-utils

# Prints what is missing of DEBIAN_PACKAGES, plus nodejs/npm when there is no `npm` and
# python3-venv when there is no .venv yet and Python cannot make one. One dpkg-query call:
# fast when everything is installed. Node.js is checked as a command, not as a package, so
# a Node.js installed another way (NodeSource, nvm) counts.
define missing_packages
{ installed=" $$(dpkg-query -W -f='$${db:Status-Abbrev}$${Package} ' $(DEBIAN_PACKAGES) 2>/dev/null) "; \
  for p in $(DEBIAN_PACKAGES); do case "$$installed" in *" ii $$p "*) ;; *) echo $$p;; esac; done; \
  command -v npm >/dev/null 2>&1 || echo nodejs npm; \
  [ -x $(BIN)/python ] || $(PYTHON) -c 'import ensurepip' 2>/dev/null || echo python3-venv; }
endef

.PHONY: help venv serve build pdf offline test test-fast lint typecheck pytest screenshots check diagrams permalinks \
	bench-validate bench-pdf bench-search bench-build audit lock clean system-deps

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

# The venv's own pip installs uv (requirements-uv.txt), and uv installs the rest, checking
# every hash as pip would, in a fifth of the time. `--compile-bytecode` does what pip does by
# default. The project's own package (scripts/esxidocs/, pyproject.toml) is installed
# editable, with the pinned setuptools and no build isolation: nothing unpinned is fetched.
UV := $(BIN)/uv pip install --quiet --python $(BIN)/python
$(VENV)/.installed: requirements.txt requirements-dev.txt requirements-uv.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-uv.txt
	$(UV) --require-hashes --compile-bytecode -r requirements.txt -r requirements-dev.txt
	$(UV) --no-deps --no-build-isolation --editable .
	# Compiled as pip compiles a regular install: every build and `esxidocs` command then
	# imports the package from bytecode (30 ms a process less) even where the environment
	# sets PYTHONDONTWRITEBYTECODE; __pycache__/ is ignored by git.
	$(BIN)/python -m compileall -q scripts/esxidocs
	touch $@

venv: $(VENV)/.installed ## Create .venv from the pinned, hashed dependencies and install the package

# axe-core for the browser tests, pinned by package-lock.json. Lighthouse, needed by `make
# audit` only, is package.json's optional dependency and left out here: `npm ci` takes 1 s
# in a fresh clone instead of 7. `make audit` installs both (npm ci empties node_modules
# first, so each stamp says what is there).
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error --omit=optional
	touch $@

node_modules/.audit-installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@ node_modules/.installed

serve: $(VENV)/.installed ## Live preview at http://127.0.0.1:8000
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(VENV)/.installed ## Validate, build site/PDFs/ZIP in staging, validate the result, swap into site/
	$(BIN)/esxidocs build --site-dir $(SITE) $(if $(CI),--format github,)

pdf: $(VENV)/.installed ## PDF books into the built site (PDF_PAGE_SIZE=letter for US Letter)
	$(BIN)/esxidocs pdf --site-dir $(SITE)

offline: $(VENV)/.installed ## Offline copy (file://, both languages) as site/download/*.zip
	$(BIN)/esxidocs offline --site-dir $(SITE)

# The build validates the sources and the staged site before publishing: check is build.
check: build ## Same as build: nothing reaches site/ unless sources and built site validate

diagrams: $(VENV)/.installed ## Regenerate the SVG diagrams from docs/_data/diagrams.yml
	$(BIN)/esxidocs diagrams

permalinks: $(VENV)/.installed ## Regenerate docs/_data/permalinks.yml after adding pages or anchors
	$(BIN)/esxidocs permalinks

bench-validate: $(VENV)/.installed ## Validator speed against linkchecker and mkdocs (BENCH_ARGS=...)
	$(BIN)/esxidocs bench-validate $(BENCH_ARGS)

audit: $(VENV)/.installed node_modules/.audit-installed ## Lighthouse scores of every page, both languages (DESKTOP=1, RUNS=3)
	$(BIN)/esxidocs audit $(if $(DESKTOP),--desktop) $(if $(RUNS),--runs $(RUNS))

bench-pdf: $(VENV)/.installed ## Time and size of the PDF books
	$(BIN)/esxidocs bench-pdf

bench-build: $(VENV)/.installed ## Build time of ours vs stock Material + i18n: real site, warm rebuild, 2x500 synthetic pages (BENCH_ARGS=--pages N)
	$(BIN)/esxidocs bench-build $(BENCH_ARGS)

bench-search: $(VENV)/.installed ## Search quality per language in Chromium (top-1, MRR@10) on the built site/
	$(BIN)/esxidocs bench-search --site-dir $(SITE) $(BENCH_ARGS)

# After the system packages, two jobs: lint, then pytest beside mypy. mypy uses one core (7 s
# with no cache, in a fresh clone), when pytest's two workers leave room: the collection,
# the browser tests' waits. A failing check stops `make test` once pytest ends.
test: system-check ## Install what is missing, lint, type-check, run every test
	$(MAKE) --no-print-directory -j 2 lint typecheck pytest

lint: $(VENV)/.installed ## ruff on scripts/ and tests/
	$(BIN)/ruff check scripts tests
	$(BIN)/ruff format --check scripts tests

typecheck: $(VENV)/.installed ## mypy on scripts/ and tests/
	$(BIN)/mypy

# pytest keeps each test module, as its assertion rewriting left it, in __pycache__/. Where
# the environment sets PYTHONDONTWRITEBYTECODE (as this machine's does), it rewrites every
# module again in each worker on every run: 2.5 to 3 s of CPU a worker. Emptied, the
# variable no longer applies to pytest and what it runs; __pycache__/ is ignored by git.
PYTEST := PYTHONDONTWRITEBYTECODE= $(BIN)/pytest

# Two workers (pytest-xdist); tests/conftest.py keeps each module on one worker and builds
# the site once for both. Screenshots assert nothing: `make screenshots` takes them.
pytest: $(VENV)/.installed node_modules/.installed ## The test suite (builds the site itself)
	$(PYTEST) -n 2 -m "not screenshots"

screenshots: $(VENV)/.installed node_modules/.installed ## Pages and diagrams, both languages, light and dark, to artifacts/screenshots/
	$(PYTEST) -q -n 2 -m screenshots tests/browser

test-fast: lint ## Edit loop: lint, then the tests that build no site and open no browser
	$(PYTEST) -q -n 2 -m "not slow and not browser"

lock: ## Re-pin requirements*.txt (with hashes) from requirements*.in
	$(BIN)/python -m pip install --quiet pip-tools==7.6.2
	$(BIN)/pip-compile -q --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links -o requirements.txt requirements.in
	$(BIN)/pip-compile -q --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links -o requirements-dev.txt requirements-dev.in
	$(BIN)/pip-compile -q --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links -o requirements-uv.txt requirements-uv.in

system-deps: ## Install the missing Debian packages (DEBIAN_PACKAGES, Node.js, venv; needs root)
	@missing=$$($(missing_packages)); missing=$$(echo $$missing); \
	if [ -n "$$missing" ]; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	else echo "Debian packages already installed"; fi

# First step of `make test`: as root it installs what is missing (system-deps); otherwise it
# stops at once, before building anything, with the one command to run.
.PHONY: system-check
system-check:
	@missing=$$($(missing_packages)); missing=$$(echo $$missing); \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then $(MAKE) --no-print-directory system-deps; \
	else \
	  echo "make test: missing Debian packages: $$missing" >&2; \
	  echo "Install them with:  sudo make system-deps" >&2; \
	  exit 1; \
	fi

clean: ## Remove the built site and caches (keeps .venv)
	rm -rf $(SITE) .site-* .cache .pytest_cache .mypy_cache .ruff_cache
