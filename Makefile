# Everyday developer commands. CI runs .ci/run, which runs the same checks in a fresh venv.
PY ?= .venv/bin/python

.PHONY: check lint test snapshot-update

check: lint test

lint:
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy

test:
	$(PY) -m pytest -n 2

# Review every changed snapshot before committing it.
snapshot-update:
	$(PY) -m pytest tests/tui --snapshot-update
