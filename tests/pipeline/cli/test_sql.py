"""`vanban sql` only reads: no COPY … TO, no DROP, no reading files outside the tables."""

from __future__ import annotations

import pytest

from pipeline.cli import main


def test_select_still_works(store, capsys):
    assert main(["sql", "SELECT count(*) AS n FROM documents", "--data", store, "--format", "csv"]) == 0
    assert capsys.readouterr().out.split()[0] == "n"


@pytest.mark.parametrize(
    "statement",
    [
        "COPY documents TO '{out}/leak.csv'",
        "COPY documents TO '{store}/documents/leak.parquet'",
        "DROP VIEW documents",
        "CREATE TABLE x AS SELECT 1",
        "ATTACH '{out}/other.duckdb'",
        "SET enable_external_access = true",
        "SELECT 1; DROP VIEW tasks",
    ],
)
def test_writes_are_refused(store, tmp_path, capsys, statement):
    sql = statement.format(out=tmp_path, store=store)
    assert main(["sql", sql, "--data", store]) == 2
    err = capsys.readouterr().err
    assert "only reads" in err and "Traceback" not in err
    assert not list(tmp_path.iterdir())
    assert main(["sql", "SELECT count(*) FROM documents", "--data", store, "--format", "csv"]) == 0


def test_files_outside_the_tables_cannot_be_read(store, tmp_path, capsys):
    secret = tmp_path / "secret.csv"
    secret.write_text("a\n1\n")
    assert main(["sql", f"SELECT * FROM read_csv('{secret}')", "--data", store]) == 2
    assert "SQL error" in capsys.readouterr().err
