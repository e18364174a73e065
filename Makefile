# The two commands of the README:
#   make run    install what is needed, start a local Kafka if none answers, run the worker
#   make test   install what is needed and run the whole test suite against a real broker
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

CHROMIUM ?= /usr/bin/chromium

.PHONY: install browser run test kafka-up kafka-down schemas

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

# The browser tests drive Debian's Chromium (Playwright's own browser download is not used).
browser:
	@test -x $(CHROMIUM) || (apt-get update -qq && apt-get install -y -qq chromium chromium-driver)

run: install
	$(BIN)/newsevents kafka up
	$(BIN)/newsevents worker

test: install browser
	$(BIN)/python -m pytest $(PYTEST_ARGS)

kafka-up: install
	$(BIN)/newsevents kafka up

kafka-down: install
	$(BIN)/newsevents kafka down

schemas: install
	$(BIN)/python -m schemas.jsonschema
