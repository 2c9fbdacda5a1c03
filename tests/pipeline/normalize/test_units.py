"""Responsible units: the normalisation case table (corpus texts and cases written from the rules), the
alias table, the role rules."""
from __future__ import annotations

import csv

import pytest

from pipeline.normalize.aliases import ALIASES_CSV, read_alias_rows
from pipeline.normalize.units import ROLES, UnitMention, canonical_unit, fold_text, is_group, load_aliases, split_units
from tests.conftest import CORPUS, gold_task_texts
from tests.normalization_cases import UNIT_CASES


def _triples(mentions: list[UnitMention]) -> list[tuple[str, str, bool]]:
    return [(m.unit, m.role, m.is_group) for m in mentions]


@pytest.mark.parametrize("doc_id,column,year,text,expected", UNIT_CASES,
                         ids=[f"{c[0]}:{c[1] or 'units'}:{i}" for i, c in enumerate(UNIT_CASES)])
def test_gold_responsibility_texts(doc_id, column, year, text, expected):
    assert _triples(split_units(text, column, year)) == [tuple(e) for e in expected]


def test_every_gold_responsibility_text_normalises_consistently():
    """Every responsibility text of the corpus (whether or not it has a case above) gives units with
    a name and an allowed role, each unit once."""
    if not (CORPUS / "gold").is_dir():
        pytest.skip("needs ../shared/corpus")
    for field, year, text in gold_task_texts(("units", "lead", "support", "monitor")):
        mentions = split_units(text, None if field == "units" else field, year)
        assert all(m.unit and m.role in ROLES for m in mentions), text
        assert len({m.unit for m in mentions}) == len(mentions), text


# --- canonical names -------------------------------------------------------------------------
@pytest.mark.parametrize("name,year,expected", [
    ("Phòng BCVT&CĐS", 2025, "Phòng Bưu chính, Viễn thông và Chuyển đổi số"),
    ("Trung tâm CĐS&ĐMST", 2025, "Trung tâm Chuyển đổi số và Đổi mới sáng tạo"),
    ("Văn phòng UBND tỉnh", None, "Văn phòng Ủy ban nhân dân tỉnh"),
    ("Văn phòng Uỷ ban nhân dân tỉnh", None, "Văn phòng Ủy ban nhân dân tỉnh"),  # old tone placement
    ("Sở KH&CN", None, "Sở Khoa học và Công nghệ"),
    ("UBND cấp huyện", None, "Ủy ban nhân dân cấp huyện"),
    # renamings apply to the years the old name was in use
    ("Phòng Hành chính - Tổng hợp", 2023, "Văn phòng Sở"),
    ("Phòng Hành chính - Tổng hợp", None, "Văn phòng Sở"),
    ("Phòng Hành chính - Tổng hợp", 2026, "Phòng Hành chính - Tổng hợp"),
    ("Phòng Hành chính – Tổng hợp", 2024, "Văn phòng Sở"),  # en dash
    ("Phòng HCTH", 2024, "Văn phòng Sở"),
    ("Trung tâm Ứng dụng và Dịch vụ KHCN", 2023, "Trung tâm Chuyển đổi số và Đổi mới sáng tạo"),
    ("Trung tâm Ứng dụng và Dịch vụ KHCN", 2026, "Trung tâm Ứng dụng và Dịch vụ khoa học và công nghệ"),
    ("Trung tâm Phục vụ hành chính công tỉnh", 2022, "Trung tâm Phục vụ - Kiểm soát thủ tục hành chính tỉnh"),
    ("Trung tâm Phục vụ hành chính công tỉnh", 2026, "Trung tâm Phục vụ hành chính công tỉnh"),
    # groups: qualifiers dropped
    ("các phòng, đơn vị thuộc Sở có TTHC", None, "Các phòng, đơn vị thuộc Sở"),
    ("Các phòng, đơn vị được giao (nếu có)", None, "Các phòng, đơn vị thuộc Sở"),
    ("UBND các xã, phường, đặc khu", 2026, "Ủy ban nhân dân cấp xã"),
    ("Lãnh đạo Sở Y tế", None, "Sở Y tế"),
    ("Sở Tư pháp.", None, "Sở Tư pháp"),
])
def test_canonical_unit(name, year, expected):
    assert canonical_unit(name, year) == expected


@pytest.mark.parametrize("name,group", [
    ("Các phòng, đơn vị thuộc Sở", True), ("Các sở, ban, ngành", True), ("UBND cấp huyện", True),
    ("các cơ quan có nguồn thu", True), ("Cơ quan, địa phương có liên quan", True),
    ("Văn phòng Sở", False), ("Sở Tư pháp", False), ("Ban Quản lý các khu công nghiệp", False),
])
def test_is_group(name, group):
    assert is_group(name) is group


def test_fold_text_keeps_length_and_quy():
    for text in ["Uỷ ban nhân dân", "hoà nhập", "Quý III", "thuỷ lợi", "khoẻ"]:
        assert len(fold_text(text)) == len(text)
    assert fold_text("Uỷ ban hoà") == "Ủy ban hòa"
    assert fold_text("Quý III") == "Quý III"


# --- role rules ------------------------------------------------------------------------------
def test_column_gives_the_role_unless_words_say_otherwise():
    assert _triples(split_units("Sở Tư pháp; Văn phòng UBND tỉnh", "support", 2026)) == [
        ("Sở Tư pháp", "support", False), ("Văn phòng Ủy ban nhân dân tỉnh", "support", False)]
    assert [m.role for m in split_units("Sở Nội vụ theo dõi, đôn đốc", "support", 2026)] == ["monitor"]
    assert [m.role for m in split_units("Sở Nội vụ", "monitor", 2026)] == ["monitor"]


def test_mixed_cell_first_unit_without_role_word_leads():
    ms = split_units("Phòng BCVT&CĐS, Văn phòng Sở, Trung tâm CĐS&ĐMST", None, 2025)
    assert [m.role for m in ms] == ["lead", "support", "support"]
    ms = split_units("- Văn phòng Sở chủ trì.\n- Trung tâm CĐS&ĐMST", None, 2025)
    assert [m.role for m in ms] == ["lead", "support"]


def test_role_words():
    cases = {
        "Phòng A chủ trì": "lead", "Phòng A thực hiện": "lead", "Phòng A phối hợp": "support",
        "Phòng A theo dõi": "monitor", "Phòng A tham mưu": "advise", "Phòng A tham mưu thực hiện": "lead",
        "Phòng A hướng dẫn, kiểm tra": "monitor",
    }
    for text, role in cases.items():
        assert [m.role for m in split_units(text, None, 2025)] == [role], text


def test_labelled_roles_and_wrapped_lines():
    ms = split_units("Chủ trì: Sở Tư pháp; Phối hợp: Sở Nội vụ, Công an tỉnh", None, 2026)
    assert _triples(ms) == [("Sở Tư pháp", "lead", False), ("Sở Nội vụ", "support", False),
                            ("Công an tỉnh", "support", False)]
    # a PDF cell wraps inside a name: the lines are re-joined
    ms = split_units("- Phòng Hành chính - Tổng\nhợp chủ trì.\n- Các phòng, đơn vị\nliên quan phối hợp", None, 2023)
    assert _triples(ms) == [("Văn phòng Sở", "lead", False), ("Các phòng, đơn vị thuộc Sở", "support", True)]


def test_unit_raw_keeps_the_printed_words():
    ms = split_units("- Các phòng, đơn vị thuộc Sở có TTHC chủ trì.", None, 2023)
    assert ms[0].unit_raw == "Các phòng, đơn vị thuộc Sở có TTHC"


def test_no_unit_in_assignment_by_reference():
    assert split_units("Theo phân công tại Quyết định số 1441/QĐ-UBND ngày 25/9/2025", "lead", 2026) == []
    assert split_units("", None, None) == [] and split_units("  \n", "lead", None) == []


# --- the alias table -------------------------------------------------------------------------
def test_alias_csv_is_well_formed():
    with open(ALIASES_CSV, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == ["alias", "canonical", "kind", "is_group", "valid_from", "valid_to", "note"]
        rows = list(reader)
    assert all(r["kind"] in {"abbr", "alias", "rename", "group"} for r in rows)
    parsed = read_alias_rows(ALIASES_CSV)
    table = load_aliases()
    # no two rows for the same name with overlapping years pointing at different canonicals
    seen: dict[str, list] = {}
    for r in parsed:
        if r.kind == "abbr":
            continue
        seen.setdefault(table.key(r.alias), []).append(r)
    for key, group in seen.items():
        targets = {table.key(r.canonical) for r in group if table.key(r.canonical) != key}
        assert len(targets) <= 1, (key, group)


def test_user_alias_table(tmp_path):
    path = tmp_path / "aliases.csv"
    path.write_text(
        "alias,canonical,kind,is_group,valid_from,valid_to,note\n"
        "P.KHTC,Phòng Kế hoạch - Tài chính,alias,,,,\n"
        "Phòng Kế hoạch - Tài chính,Phòng Tài chính,rename,,,2024,\n"
        "BQL,Ban Quản lý,abbr,,,,\n", encoding="utf-8")
    assert canonical_unit("P.KHTC", 2023, table_path=str(path)) == "Phòng Tài chính"
    assert canonical_unit("P.KHTC", 2025, table_path=str(path)) == "Phòng Kế hoạch - Tài chính"
    assert canonical_unit("BQL các khu công nghiệp", None, table_path=str(path)) == "Ban Quản lý các khu công nghiệp"
    ms = split_units("P.KHTC chủ trì", None, 2023, table_path=str(path))
    assert [(m.unit, m.role) for m in ms] == [("Phòng Tài chính", "lead")]


def test_bad_kind_is_reported(tmp_path):
    path = tmp_path / "aliases.csv"
    path.write_text("alias,canonical,kind,is_group,valid_from,valid_to,note\nX,Y,typo,,,,\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown kind"):
        read_alias_rows(path)
