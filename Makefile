# Two commands on a fresh clone:  `make run` (set up + ingest data/raw)  and  `make test`.
VENV := .venv/bin

.PHONY: setup run lint test bench eval
setup:
	@bash scripts/setup.sh

run: setup
	$(VENV)/vanban ingest data/raw --out data/parquet

# lint and type check first (seconds), so CI fails on a finding before the long test run
lint: setup
	$(VENV)/ruff check .
	$(VENV)/ruff format --check .
	$(VENV)/mypy

test: lint
	$(VENV)/python -m pytest -q

eval: setup
	$(VENV)/vanban ingest ../shared/corpus/raw --out data/parquet
	$(VENV)/vanban eval --gold ../shared/corpus/gold --data data/parquet

bench: setup
	$(VENV)/python scripts/bench.py ../shared/corpus/raw
