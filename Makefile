# Two commands on a fresh clone:  `make run` (set up + ingest data/raw)  and  `make test`.
VENV := .venv/bin

.PHONY: setup run test bench eval
setup:
	@bash scripts/setup.sh

run: setup
	$(VENV)/vanban ingest data/raw --out data/parquet

test: setup
	$(VENV)/python -m pytest -q

eval: setup
	$(VENV)/vanban ingest ../shared/corpus/raw --out data/parquet
	$(VENV)/vanban eval --gold ../shared/corpus/gold --data data/parquet

bench: setup
	$(VENV)/python scripts/bench.py ../shared/corpus/raw
