"""The laws table: learned from citation rows (name and number together), read and written whole,
used to spell a long name read with an OCR slip and by the index to answer a law asked by name."""

from __future__ import annotations

import datetime as dt

from pipeline.citations import CitationIndex, get_citations, resolve_citations
from pipeline.citations.laws import Law, known_name, learn_laws, merge_laws, read_laws, write_laws

ROWS = [
    {"kind": "Luật", "name": "Đầu tư công", "ref": "58/2024/QH15", "year": 2024, "issued_date": dt.date(2024, 11, 29)},
    {"kind": "Luật", "name": "Đầu tư công", "ref": "58/2024/QH15", "year": 2024, "issued_date": None},
    {"kind": "Luật", "name": "Đất đai", "ref": "31/2024/QH15", "year": 2024, "issued_date": None},
    {"kind": "Luật", "name": "Thống kê", "ref": "89/2015/QH13", "year": 2015},
    {"kind": "Luật", "name": "Thống kê sửa đổi", "ref": "89/2015/QH13", "year": 2015},  # one number, two names
    {"kind": "Nghị định", "name": None, "ref": "45/2020/NĐ-CP", "year": 2020},
    {"kind": "Luật", "name": "Đất đai", "ref": None, "year": 2024},  # a name alone teaches nothing
]


def test_learned_from_mentions_with_name_and_number():
    laws = learn_laws(ROWS)
    assert [(law.name, law.ref, law.year, law.date) for law in laws] == [
        ("Đất đai", "31/2024/QH15", 2024, None),
        ("Đầu tư công", "58/2024/QH15", 2024, dt.date(2024, 11, 29)),
    ]
    assert all(law.scope == "national" for law in laws)


def test_a_name_given_two_numbers_in_one_year_teaches_nothing():
    rows = [
        {"kind": "Luật", "name": "Hóa chất", "ref": "1/2025/QH15", "year": 2025},
        {"kind": "Luật", "name": "Hóa chất", "ref": "2/2025/QH15", "year": 2025},
    ]
    assert learn_laws(rows) == []


def test_written_whole_and_read_back(tmp_path):
    path = tmp_path / "laws.csv"
    table = merge_laws([Law("Luật", "Đất đai", "31/2024/QH15", 2024)], learn_laws(ROWS))
    write_laws(table, path)
    assert read_laws(path) == table and len(table) == 2
    assert read_laws(tmp_path / "none.csv") == []
    assert list(tmp_path.iterdir()) == [path]  # no temporary file left behind


def test_a_long_name_read_with_a_slip_takes_the_tables_spelling():
    laws = [Law("Luật", "Phòng cháy, chữa cháy và cứu nạn, cứu hộ", "55/2024/QH15", 2024)]
    assert known_name("Luật", "Phòng cháy, chữa cháy và cứu nạn, cứu hệ", laws) == laws[0].name
    assert known_name("Luật", "Phòng, chống tham nhũng", laws) is None
    assert known_name("Luật", "Đất đal", [Law("Luật", "Đất đai", "31/2024/QH15", 2024)]) is None  # short


def test_the_shipped_table_spells_an_ocr_slip_at_resolve_time():
    cites = get_citations("theo Luật Quản lý, sử dụng vũ khí, vật liệu nỗ và công cụ hỗ trợ")
    resolve_citations(cites)
    assert cites[0].name == "Quản lý, sử dụng vũ khí, vật liệu nổ và công cụ hỗ trợ"


def test_the_index_answers_a_law_asked_by_name():
    rows = [dict(r, doc_id=f"d{i}") for i, r in enumerate(ROWS)]
    rows.append({"kind": "Luật", "name": "Đầu tư công", "ref": None, "year": None, "doc_id": "x"})
    index = CitationIndex.from_rows(rows)
    found = index.law("Luật Đầu tư công năm 2024")
    assert sorted(found) == ["58/2024/QH15", "Luật Đầu tư công"]
    assert [r["doc_id"] for r in found["58/2024/QH15"]] == ["d0", "d1"]
    assert [r["doc_id"] for r in index.law("luat dau tu cong")["Luật Đầu tư công"]] == ["x"]
    assert index.law("Nghị định 45") == {}
