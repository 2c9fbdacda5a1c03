#!/usr/bin/env bash
# Re-pin requirements.lock (the exact versions setup and CI install) from pyproject.toml's ranges.
# pip-compile keeps every pin that still satisfies the ranges, so only what pyproject changed
# moves; `--upgrade` (passed through) re-resolves everything to the newest allowed versions.
# Run after editing dependencies in pyproject.toml, then run the whole suite before committing.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
"$PY" -m pip show -q pip-tools >/dev/null 2>&1 || "$PY" -m pip install -q pip-tools
"$PY" -m piptools compile --quiet --extra test --strip-extras --no-emit-index-url --no-emit-find-links \
  --output-file requirements.lock "$@" pyproject.toml
