"""The public contract (schemas/): the data dictionary is generated and up to date, every column
is described, the code writes only the allowed values of each enum, and the JSON exports match."""

from __future__ import annotations

import json
import re
from pathlib import Path

from pipeline.batch.store import read_rows
from schemas.columns import COLUMN_DOCS, TABLE_DOCS
from schemas.enums import COLUMN_ENUMS, PERIODS
from schemas.export import DICTIONARY, data_dictionary, schema_json
from schemas.tables import SCHEMA_VERSION, TABLES


def test_data_dictionary_is_up_to_date():
    assert DICTIONARY.read_text(encoding="utf-8") == data_dictionary(), (
        "docs/data-dictionary.md is stale: run `python -m schemas.export --markdown`"
    )


def test_json_exports_are_up_to_date():
    here = Path(__file__).resolve().parents[2] / "schemas"
    for table in TABLES:
        assert json.loads((here / f"{table}.json").read_text(encoding="utf-8")) == schema_json(table), (
            f"schemas/{table}.json is stale: run `python -m schemas.export`"
        )


def test_every_table_and_column_is_described():
    for table, schema in TABLES.items():
        assert TABLE_DOCS.get(table), table
        missing = [c for c in schema.names if not COLUMN_DOCS.get(table, {}).get(c)]
        assert not missing, f"{table}: describe {missing} in schemas/columns.py"
        stale = set(COLUMN_DOCS.get(table, {})) - set(schema.names)
        assert not stale, f"{table}: {stale} described but not in the schema"


def test_every_enum_value_is_in_the_dictionary():
    text = data_dictionary()
    for table, columns in COLUMN_ENUMS.items():
        for column, values in columns.items():
            if column in TABLES[table].names:
                assert f"`{table}.{column}` values:" in text
                assert all(f"- `{v}`:" in text for v in values)


def test_the_code_takes_its_enums_from_the_contract():
    from extractors import ERROR_CODES
    from pipeline.diff.classify import STATUSES
    from pipeline.normalize.timing import KINDS
    from pipeline.normalize.units import ROLES

    assert tuple(COLUMN_ENUMS["tasks"]["timing_kind"]) == KINDS
    assert tuple(COLUMN_ENUMS["task_units"]["role"]) == ROLES
    assert tuple(COLUMN_ENUMS["task_diffs"]["status"]) == STATUSES
    assert COLUMN_ENUMS["errors"]["error_code"] == ERROR_CODES


def test_written_values_are_allowed(ingested_samples):
    root = ingested_samples["path"]
    assert {d["schema_version"] for d in read_rows(root, "documents")} == {SCHEMA_VERSION}
    for table, columns in COLUMN_ENUMS.items():
        if table == "task_diffs":
            continue
        rows = read_rows(root, table)
        for column, values in columns.items():
            if column not in TABLES[table].names:
                continue
            seen = {r[column] for r in rows} - {None}
            if column == "period":  # "N tháng/lần" gives PNM for any N
                assert all(v in PERIODS or re.fullmatch(r"P\d+M", v) for v in seen), seen
            else:
                assert seen <= set(values), (table, column, seen - set(values))


def test_views_are_described_with_their_columns(ingested_samples):
    from pipeline.query import connect
    from schemas.columns import VIEW_DOCS

    con = connect(ingested_samples["path"])
    for view, columns in VIEW_DOCS.items():
        names = [d[0] for d in con.execute(f"SELECT * FROM {view} LIMIT 0").description]
        assert names == [c for c in columns if c], view
