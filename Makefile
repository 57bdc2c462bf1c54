# Druktemeter - see README.md. `make test` is what CI runs.
SHELL := /bin/bash
SYSTEM_PYTHON := /usr/bin/python3
VENV := .venv
PY := $(VENV)/bin/python
VERSION := $(shell sed -n 's/^version=//p' metadata.txt)
ZIP := dist/druktemeter-$(VERSION).zip
QM := i18n/druktemeter_nl.qm
export QT_QPA_PLATFORM ?= offscreen

.PHONY: deps venv translations lint format test bench bench-quick package demo clean

deps:
	bash scripts/install-deps.sh

$(VENV)/.stamp: requirements-dev.txt | deps
	$(SYSTEM_PYTHON) -m venv --system-site-packages $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements-dev.txt
	touch $@

venv: deps $(VENV)/.stamp

$(QM): i18n/druktemeter_nl.ts
	lrelease -silent $< -qm $@

translations: deps $(QM)

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: venv
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

test: venv translations lint
	$(PY) -m pytest

bench: venv translations
	$(PY) bench/run.py

# Under 3 minutes: the synthetic national 60,000 only, 3 repetitions, 100 memory polls; same JSON lines.
bench-quick: venv translations
	$(PY) bench/run.py --only synthetic-60000 exercise memory --reps 3 --memory-polls 100

PLUGIN_FILES := metadata.txt __init__.py LICENSE README.md $(shell find plugin resources -type f -not -name '*.pyc')

$(ZIP): $(QM) $(PLUGIN_FILES) scripts/package.py | deps
	$(SYSTEM_PYTHON) scripts/package.py $(ZIP)

package: $(ZIP)

# make demo [SNAPSHOT=path.png]: QGIS desktop, throwaway profile, plugin in demo mode.
demo: venv package
	$(SYSTEM_PYTHON) scripts/qgis_desktop.py --zip $(ZIP) --demo $(if $(SNAPSHOT),--snapshot $(SNAPSHOT)) $(if $(LOCALE),--locale $(LOCALE))

clean:
	rm -rf dist $(QM) .pytest_cache .ruff_cache
