"""`vanban units --unit`: accents, case and Unicode form do not matter."""

from __future__ import annotations

import json
import unicodedata

import pytest

from pipeline.cli import main


@pytest.mark.parametrize("typed", ["van phong", "VĂN PHÒNG", unicodedata.normalize("NFD", "Văn phòng"), "Văn  phòng"])
def test_unit_filter_ignores_accents_case_and_form(store, capsys, typed):
    assert main(["units", "--data", store, "--unit", typed, "--format", "json"]) == 0
    units = {r["unit"] for r in json.loads(capsys.readouterr().out)}
    assert units and all("văn phòng" in u.casefold() for u in units)
    assert "Văn phòng Sở" in units


def test_no_match_exits_1(store, capsys):
    assert main(["units", "--data", store, "--unit", "khong co don vi nay"]) == 1


def test_bad_limit_is_refused(store):
    with pytest.raises(SystemExit) as exit_:
        main(["units", "--data", store, "--limit", "0"])
    assert exit_.value.code == 2
