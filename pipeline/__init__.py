"""vanban pipeline: orchestration, CLI, Parquet writing, NLP layer, diff and citation index."""

PARSER_VERSION = "0.3.8"  # bump when extraction output changes: incremental runs re-parse files
