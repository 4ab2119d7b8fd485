# embargo — developer commands.  Needs only Python 3.11+ and make.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
DEMO   := demo/out

.PHONY: demo test lint typecheck check bench clean help

help:
	@echo "make demo   - install into $(VENV) and check the bundled example drafts"
	@echo "make test   - install with test extras and run the whole test suite"
	@echo "make lint   - ruff;  make typecheck - mypy;  make bench - benchmarks"

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		(echo "embargo needs Python 3.11 or newer (set PYTHON=...)"; exit 1)
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml setup.py | $(BIN)/python
	$(BIN)/python -m pip install -q --disable-pip-version-check -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml setup.py | $(BIN)/python
	$(BIN)/python -m pip install -q --disable-pip-version-check -e '.[test]'
	@touch $@ $(VENV)/.installed

demo: $(VENV)/.installed
	@rm -rf $(DEMO) && mkdir -p $(DEMO)
	@echo "== embargo policy list"
	@$(BIN)/embargo policy list
	@echo "== embargo abstracts import examples/catalog.jsonl"
	@$(BIN)/embargo abstracts import examples/catalog.jsonl --catalog $(DEMO)/catalog.db
	@echo "== embargo when acr-2024:L12 --kind press-release"
	@$(BIN)/embargo when acr-2024:L12 --kind press-release --catalog $(DEMO)/catalog.db
	@echo "== embargo check examples/drafts  (exit 0 pass, 1 violation, 3 review)"
	@$(BIN)/embargo check examples/drafts --catalog $(DEMO)/catalog.db \
		--config examples/embargo.toml; status=$$?; \
		echo "(embargo check exited $$status)"; [ $$status -ne 2 ]

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest

lint: $(VENV)/.installed-test
	$(BIN)/ruff check embargo tests bench

typecheck: $(VENV)/.installed-test
	$(BIN)/mypy

check: test lint typecheck

bench: $(VENV)/.installed-test
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) $(DEMO) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
