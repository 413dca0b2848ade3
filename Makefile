# Two commands do all the set-up on a fresh machine (see README.md):
#   make run    – create .venv, install, run the pipeline on corpus/ and score it against gold/
#   make test   – create .venv, install with the test extra, run the tests
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: run test install install-test

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .

install-test: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"

run: install
	$(BIN)/claims run corpus/ --out outputs/
	$(BIN)/claims score --gold gold/ --pred outputs/

test: install-test
	$(BIN)/python -m pytest
