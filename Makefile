# Druktemeter - see README.md. `make test` is what CI runs.
SHELL := /bin/bash
SYSTEM_PYTHON := /usr/bin/python3
VENV := .venv
PY := $(VENV)/bin/python
VERSION := $(shell sed -n 's/^version=//p' metadata.txt)
ZIP := dist/druktemeter-$(VERSION).zip
QM := i18n/druktemeter_nl.qm
export QT_QPA_PLATFORM ?= offscreen

.PHONY: deps venv translations lint format test test-debian12 test-debian13 bench bench-quick package demo clean

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

# The suite on Debian 12 (QGIS 3.22) or 13 (QGIS 3.40): on the machine's own release it is `make test`,
# on the other one it runs in a debootstrap root (scripts/other-debian.sh, as root). .ci/run does both.
DEBIAN_CODENAME := $(shell . /etc/os-release 2>/dev/null && echo $$VERSION_CODENAME)
test-debian12 test-debian13:
	@release=$(if $(filter test-debian12,$@),bookworm,trixie); \
	if [ "$(DEBIAN_CODENAME)" = "$$release" ]; then $(MAKE) --no-print-directory test; \
	else bash scripts/other-debian.sh $$release; fi

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
