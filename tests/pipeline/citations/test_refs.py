"""Ref parsing for user queries, comparison keys and symbol repair."""

from __future__ import annotations

import pytest

from pipeline.citations import parse_query, parse_ref, ref_key
from pipeline.citations.refs import lookup_key, normalize_symbol


@pytest.mark.parametrize(
    "query",
    [
        "45/2020/NĐ-CP",
        "NĐ 45/2020",
        "nghị định 45/2020",
        "45/2020/ND-CP",
        "nđ-cp 45/2020",
        "Nghị định số 45/2020/NĐ-CP",
        " 45 / 2020 / NĐ - CP ",
        "45/2020/NĐCP",
        "NGHỊ ĐỊNH 45/2020",
        "45/2020/nđ-cp",
    ],
)
def test_parse_ref_forms(query):
    assert parse_ref(query) == "45/2020/NĐ-CP"


@pytest.mark.parametrize(
    "query, ref",
    [
        ("1085/QĐ-TTg", "1085/QĐ-TTg"),
        ("1085/qđ-ttg", "1085/QĐ-TTg"),
        ("04-NQ/TU", "04-NQ/TU"),
        ("2276/UBND-KSTTHC", "2276/UBND-KSTTHC"),
        ("202/2025/QH15", "202/2025/QH15"),
        ("QĐ-UBND 124", "124/QĐ-UBND"),
        ("124/QD-UBND", "124/QĐ-UBND"),
    ],
)
def test_parse_ref_other_kinds(query, ref):
    assert parse_ref(query) == ref


@pytest.mark.parametrize(
    "query, number, year, type_code, issuer",
    [
        ("Quyết định 1085", "1085", None, "QĐ", None),
        ("Nghị định 45", "45", None, "NĐ", "CP"),
        ("TT 01/2020", "01", 2020, "TT", None),
        ("thông tư 01/2020", "01", 2020, "TT", None),
    ],
)
def test_partial_queries(query, number, year, type_code, issuer):
    q = parse_query(query)
    assert (q.number, q.year, q.type_code, q.issuer_code, q.ref) == (number, year, type_code, issuer, None)


@pytest.mark.parametrize("query", ["", "abc", "Kế hoạch này", "nghị định"])
def test_unparseable(query):
    assert parse_ref(query) is None


def test_keys():
    assert ref_key("45/2020/nđ-cp") == ref_key("45/2020/NĐCP") == ref_key("45 / 2020 / NĐ–CP") == "45/2020/NĐ-CP"
    assert ref_key(None) is None
    assert lookup_key("01/2020/TT-VPCP") == lookup_key("1/2020/tt-vpcp") == "1/2020/TT-VPCP"


@pytest.mark.parametrize(
    "raw, symbol, repair",
    [
        ("NĐCP", "NĐ-CP", "added_hyphen"),
        ("QĐUBND", "QĐ-UBND", "added_hyphen"),
        ("ND-CP", "NĐ-CP", "restored_Đ"),
        ("QD-UBND", "QĐ-UBND", "restored_Đ"),
        ("NQ-HDND", "NQ-HĐND", "restored_Đ"),
        ("UBND-\nTTHC", "UBND-TTHC", "joined_line_break"),
        ("UBND-\n9\nTTHC", "UBND-TTHC", "joined_line_break"),
        ("QĐ - TTG", "QĐ-TTg", None),
        ("UBND-KSTTHC", "UBND-KSTTHC", None),
    ],
)
def test_normalize_symbol(raw, symbol, repair):
    repairs: list[str] = []
    assert normalize_symbol(raw, repairs) == symbol
    assert (repair in repairs) if repair else repairs == []


def test_no_false_d_repair_in_issuer_units():
    assert normalize_symbol("UBND-DA") == "UBND-DA"  # a unit code, not the type ĐA
