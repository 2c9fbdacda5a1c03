"""Responsible units: the normalisation case table (corpus texts and cases written from the rules), the
alias table, the role rules."""

from __future__ import annotations

import csv
import re

import pytest

from pipeline.normalize.aliases import ALIASES_CSV, COLUMNS, AliasRow, AliasTable, read_alias_rows, variant_start
from schemas.columns import INPUT_DOCS
from schemas.enums import ALIAS_KINDS
from pipeline.normalize.units import (
    ROLES,
    Scope,
    UnitMention,
    canonical_unit,
    fold_text,
    is_group,
    load_aliases,
    split_units,
)
from tests.conftest import CORPUS, gold_task_texts
from tests.normalization_cases import SCOPES, UNIT_CASES


def _triples(mentions: list[UnitMention]) -> list[tuple[str, str, bool]]:
    return [(m.unit, m.role, m.is_group) for m in mentions]


def _scope(source: str) -> Scope | None:
    fields = SCOPES[source]
    return Scope(*fields) if any(fields) else None


@pytest.mark.parametrize(
    "source,column,year,text,expected",
    UNIT_CASES,
    ids=[f"{c[0]}:{c[1] or 'units'}:{i}" for i, c in enumerate(UNIT_CASES)],
)
def test_responsibility_texts(source, column, year, text, expected):
    assert _triples(split_units(text, column, year, scope=_scope(source))) == [tuple(e) for e in expected]


def test_case_table_is_open_to_other_provinces():
    """The table is not the corpus: cases written from the rules (a Sở, a district, a commune of
    other provinces, an unknown issuer) sit beside the corpus texts."""
    rules = [c for c in UNIT_CASES if c[0].startswith("rule")]
    assert len(rules) >= 15 and {c[0] for c in rules} >= {"rule", "rule:so", "rule:huyen", "rule:xa", "rule:tinh"}


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
SO_KHCN_QN = Scope("SỞ KHOA HỌC VÀ CÔNG NGHỆ", "UBND TỈNH QUẢNG NGÃI", "Quảng Ngãi")  # the renamings' scope
SO_KHCN_ELSEWHERE = Scope("SỞ KHOA HỌC VÀ CÔNG NGHỆ", "UBND TỈNH NAM ĐỊNH", "Nam Định")
SO_TNMT = Scope("SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG", "UBND TỈNH NGHỆ AN", "Nghệ An")
HUYEN = Scope("ỦY BAN NHÂN DÂN HUYỆN HẢI HẬU", None, "Hải Hậu")
XA = Scope("ỦY BAN NHÂN DÂN XÃ TÂN PHÚ", None, "Tân Phú")
VP_QN = Scope("VĂN PHÒNG", "UBND TỈNH QUẢNG NGÃI", "Quảng Ngãi")


@pytest.mark.parametrize(
    "name,year,scope,expected",
    [
        ("Phòng BCVT&CĐS", 2025, None, "Phòng Bưu chính, Viễn thông và Chuyển đổi số"),
        ("Trung tâm CĐS&ĐMST", 2025, None, "Trung tâm Chuyển đổi số và Đổi mới sáng tạo"),
        ("Văn phòng UBND tỉnh", None, None, "Văn phòng Ủy ban nhân dân tỉnh"),
        ("Văn phòng Uỷ ban nhân dân tỉnh", None, None, "Văn phòng Ủy ban nhân dân tỉnh"),  # old tone placement
        ("Sở KH&CN", None, None, "Sở Khoa học và Công nghệ"),
        ("UBND cấp huyện", None, None, "Ủy ban nhân dân cấp huyện"),
        # renamings apply inside their scope (issuer, province) and years only
        ("Phòng Hành chính - Tổng hợp", 2023, SO_KHCN_QN, "Văn phòng Sở"),
        ("Phòng Hành chính – Tổng hợp", 2024, SO_KHCN_QN, "Văn phòng Sở"),  # en dash
        ("Phòng HCTH", 2024, SO_KHCN_QN, "Văn phòng Sở"),
        ("Phòng Hành chính - Tổng hợp", 2026, SO_KHCN_QN, "Phòng Hành chính - Tổng hợp"),
        ("Phòng Hành chính - Tổng hợp", None, SO_KHCN_QN, "Phòng Hành chính - Tổng hợp"),  # year unknown: no renaming
        ("Phòng Hành chính - Tổng hợp", 2023, None, "Phòng Hành chính - Tổng hợp"),  # issuer unknown
        ("Phòng Hành chính - Tổng hợp", 2023, SO_KHCN_ELSEWHERE, "Phòng Hành chính - Tổng hợp"),  # other province
        ("Phòng Hành chính - Tổng hợp", 2023, SO_TNMT, "Phòng Hành chính - Tổng hợp"),  # other Sở
        ("Phòng HCTH", 2023, SO_TNMT, "Phòng Hành chính - Tổng hợp"),  # the spelling row is nationwide
        ("Trung tâm Ứng dụng và Dịch vụ KHCN", 2023, SO_KHCN_QN, "Trung tâm Chuyển đổi số và Đổi mới sáng tạo"),
        ("Trung tâm Ứng dụng và Dịch vụ KHCN", 2026, SO_KHCN_QN, "Trung tâm Ứng dụng và Dịch vụ khoa học và công nghệ"),
        (
            "Trung tâm Ứng dụng và Dịch vụ KHCN",
            2023,
            SO_KHCN_ELSEWHERE,
            "Trung tâm Ứng dụng và Dịch vụ khoa học và công nghệ",
        ),
        (
            "Trung tâm Phục vụ hành chính công tỉnh",
            2022,
            VP_QN,
            "Trung tâm Phục vụ - Kiểm soát thủ tục hành chính tỉnh",
        ),
        ("Trung tâm Phục vụ hành chính công tỉnh", 2026, VP_QN, "Trung tâm Phục vụ hành chính công tỉnh"),
        ("Trung tâm Phục vụ hành chính công tỉnh", 2022, SO_TNMT, "Trung tâm Phục vụ hành chính công tỉnh"),
        # groups resolve relative to the issuing agency: a Sở's phòng is not a district's
        ("các phòng, đơn vị thuộc Sở có TTHC", None, None, "Các phòng, đơn vị thuộc Sở"),
        ("Các phòng, đơn vị được giao (nếu có)", None, SO_TNMT, "Các phòng, đơn vị thuộc Sở"),
        ("Các phòng, đơn vị có liên quan", 2026, HUYEN, "Các phòng, đơn vị thuộc Ủy ban nhân dân cấp huyện"),
        ("Các phòng chuyên môn", 2026, HUYEN, "Các phòng, đơn vị thuộc Ủy ban nhân dân cấp huyện"),
        ("Các phòng chuyên môn", 2026, SO_TNMT, "Các phòng, đơn vị thuộc Sở"),
        ("Các phòng chuyên môn", 2026, XA, "Các phòng, đơn vị thuộc Ủy ban nhân dân cấp xã"),
        ("Các phòng chuyên môn", 2024, XA, "Các phòng chuyên môn"),  # communes had no phòng before 2025
        ("Các phòng, đơn vị", None, None, "Các phòng, đơn vị"),  # issuer unknown: a generic group
        ("Các phòng, ban chuyên môn", 2026, HUYEN, "Các phòng, đơn vị thuộc Ủy ban nhân dân cấp huyện"),
        ("UBND các xã, phường, đặc khu", 2026, None, "Ủy ban nhân dân cấp xã"),
        ("Lãnh đạo Sở Y tế", None, None, "Sở Y tế"),
        ("Sở Tư pháp.", None, None, "Sở Tư pháp"),
        # common abbreviations, nationwide
        ("Sở VHTTDL", None, None, "Sở Văn hóa, Thể thao và Du lịch"),
        ("Sở LĐTBXH", None, None, "Sở Lao động - Thương binh và Xã hội"),
        ("Sở LĐ-TB&XH", None, None, "Sở Lao động - Thương binh và Xã hội"),
        ("Sở KHĐT", None, None, "Sở Kế hoạch và Đầu tư"),
        ("Sở KH&ĐT", None, None, "Sở Kế hoạch và Đầu tư"),
        ("Sở TN&MT", None, None, "Sở Tài nguyên và Môi trường"),
        ("Sở TNMT", None, None, "Sở Tài nguyên và Môi trường"),
        ("Sở GTVT", None, None, "Sở Giao thông vận tải"),
        ("Sở NN&PTNT", None, None, "Sở Nông nghiệp và Phát triển nông thôn"),
        ("Sở GD&ĐT", None, None, "Sở Giáo dục và Đào tạo"),
        ("Sở TT&TT", None, None, "Sở Thông tin và Truyền thông"),
        ("Sở Công thương", None, None, "Sở Công Thương"),
        ("BCH Quân sự tỉnh", None, None, "Bộ Chỉ huy Quân sự tỉnh"),
        ("Bộ CHQS tỉnh", None, None, "Bộ Chỉ huy Quân sự tỉnh"),
        ("BCH BĐBP tỉnh", None, None, "Bộ Chỉ huy Bộ đội Biên phòng tỉnh"),
        ("CA tỉnh", None, None, "Công an tỉnh"),
        ("BHXH tỉnh", None, None, "Bảo hiểm xã hội tỉnh"),
        ("KBNN tỉnh", None, None, "Kho bạc Nhà nước tỉnh"),
        ("Đài PT-TH tỉnh", None, None, "Đài Phát thanh và Truyền hình tỉnh"),
        ("BQL các KCN tỉnh", None, None, "Ban Quản lý các khu công nghiệp tỉnh"),
        ("UBMTTQ Việt Nam tỉnh", None, None, "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"),
    ],
)
def test_canonical_unit(name, year, scope, expected):
    assert canonical_unit(name, year, scope=scope) == expected


@pytest.mark.parametrize(
    "name,group",
    [
        ("Các phòng, đơn vị thuộc Sở", True),
        ("Các sở, ban, ngành", True),
        ("UBND cấp huyện", True),
        ("các cơ quan có nguồn thu", True),
        ("Cơ quan, địa phương có liên quan", True),
        ("Văn phòng Sở", False),
        ("Sở Tư pháp", False),
        ("Ban Quản lý các khu công nghiệp", False),
    ],
)
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
        ("Sở Tư pháp", "support", False),
        ("Văn phòng Ủy ban nhân dân tỉnh", "support", False),
    ]
    assert [m.role for m in split_units("Sở Nội vụ theo dõi, đôn đốc", "support", 2026)] == ["monitor"]
    assert [m.role for m in split_units("Sở Nội vụ", "monitor", 2026)] == ["monitor"]


def test_mixed_cell_first_unit_without_role_word_leads():
    ms = split_units("Phòng BCVT&CĐS, Văn phòng Sở, Trung tâm CĐS&ĐMST", None, 2025)
    assert [m.role for m in ms] == ["lead", "support", "support"]
    ms = split_units("- Văn phòng Sở chủ trì.\n- Trung tâm CĐS&ĐMST", None, 2025)
    assert [m.role for m in ms] == ["lead", "support"]


def test_role_words():
    cases = {
        "Phòng A chủ trì": "lead",
        "Phòng A thực hiện": "lead",
        "Phòng A phối hợp": "support",
        "Phòng A theo dõi": "monitor",
        "Phòng A tham mưu": "advise",
        "Phòng A tham mưu thực hiện": "lead",
        "Phòng A hướng dẫn, kiểm tra": "monitor",
    }
    for text, role in cases.items():
        assert [m.role for m in split_units(text, None, 2025)] == [role], text


def test_labelled_roles_and_wrapped_lines():
    ms = split_units("Chủ trì: Sở Tư pháp; Phối hợp: Sở Nội vụ, Công an tỉnh", None, 2026)
    assert _triples(ms) == [
        ("Sở Tư pháp", "lead", False),
        ("Sở Nội vụ", "support", False),
        ("Công an tỉnh", "support", False),
    ]
    # a PDF cell wraps inside a name: the lines are re-joined
    ms = split_units(
        "- Phòng Hành chính - Tổng\nhợp chủ trì.\n- Các phòng, đơn vị\nliên quan phối hợp", None, 2023, scope=SO_KHCN_QN
    )
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
        assert tuple(reader.fieldnames or ()) == COLUMNS == tuple(c for c in INPUT_DOCS["unit_aliases.csv"] if c)
        rows = list(reader)
    assert all(r["kind"] in ALIAS_KINDS for r in rows)
    parsed = read_alias_rows(ALIASES_CSV)
    table = load_aliases()
    # no two rows for the same name, scope and overlapping years pointing at different canonicals
    seen: dict[tuple, list] = {}
    for r in parsed:
        if r.kind != "abbr":
            seen.setdefault((table.key(r.alias), r.issuers, r.province), []).append(r)
    for key, group in seen.items():
        for x in group:
            for y in group:
                overlap = (x.valid_from or 0) <= (y.valid_to or 9999) and (y.valid_from or 0) <= (x.valid_to or 9999)
                if overlap and table.key(x.canonical) != key[0] and table.key(y.canonical) != key[0]:
                    assert table.key(x.canonical) == table.key(y.canonical), (key, x, y)


def test_renamings_are_local_and_abbreviations_nationwide():
    """A renaming happened in one place and time: it carries a scope and its last year. An
    abbreviation is the genre's, valid everywhere: no scope, no years."""
    for r in read_alias_rows(ALIASES_CSV):
        if r.kind == "rename":
            assert (r.issuers or r.province) and r.valid_to is not None, r
        if r.kind == "abbr":
            assert not (r.issuers or r.province or r.valid_from or r.valid_to), r


def test_table_without_scope_columns_is_read_unscoped(tmp_path):
    path = tmp_path / "old.csv"
    path.write_text(
        "alias,canonical,kind,is_group,valid_from,valid_to,note\nPhòng A,Phòng B,rename,,,2024,\n", encoding="utf-8"
    )
    rows = read_alias_rows(path)
    assert rows[0].issuers == () and rows[0].province is None
    assert canonical_unit("Phòng A", 2023, table_path=str(path)) == "Phòng B"
    assert canonical_unit("Phòng A", None, table_path=str(path)) == "Phòng A"  # year unknown: no renaming


def test_scoped_rows_of_a_user_table(tmp_path):
    path = tmp_path / "scoped.csv"
    path.write_text(
        ",".join(COLUMNS) + "\n"
        "Phòng Quản lý Thương mại,Phòng Thương mại và Dịch vụ,rename,,Sở Công Thương,Bình Định,,2024,\n"
        "Phòng QLTM,Phòng Quản lý Thương mại,alias,,,,,,\n",
        encoding="utf-8",
    )
    inside = Scope("SỞ CÔNG THƯƠNG", "UBND TỈNH BÌNH ĐỊNH", "Quy Nhơn")
    outside = Scope("SỞ CÔNG THƯƠNG", "UBND TỈNH PHÚ YÊN", "Phú Yên")
    assert canonical_unit("Phòng QLTM", 2024, table_path=str(path), scope=inside) == "Phòng Thương mại và Dịch vụ"
    assert canonical_unit("Phòng QLTM", 2025, table_path=str(path), scope=inside) == "Phòng Quản lý Thương mại"
    assert canonical_unit("Phòng QLTM", 2024, table_path=str(path), scope=outside) == "Phòng Quản lý Thương mại"
    # the province is read without accents or case ("BINH DINH" from an OCR'd header)
    ocr = Scope("SO CONG THUONG", "UBND TINH BINH DINH", None)
    assert canonical_unit("Phòng QLTM", 2024, table_path=str(path), scope=ocr) == "Phòng Thương mại và Dịch vụ"


@pytest.mark.parametrize(
    "content,message",
    [
        ("alias,canonical,kind,scope_typo\nX,Y,alias,\n", "unknown column"),
        ("alias,canonical,kind,valid_to\nX,Y,rename,2024a\n", "not a year"),
    ],
)
def test_bad_alias_table_is_reported(tmp_path, content, message):
    path = tmp_path / "aliases.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        read_alias_rows(path)


def test_user_alias_table(tmp_path):
    path = tmp_path / "aliases.csv"
    path.write_text(
        "alias,canonical,kind,is_group,valid_from,valid_to,note\n"
        "P.KHTC,Phòng Kế hoạch - Tài chính,alias,,,,\n"
        "Phòng Kế hoạch - Tài chính,Phòng Tài chính,rename,,,2024,\n"
        "BQL,Ban Quản lý,abbr,,,,\n",
        encoding="utf-8",
    )
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


def test_the_alias_table_is_built_once_per_file(monkeypatch):
    """However it is asked for (the driver's warm-up calls `load_aliases()`, the stages pass their
    `table_path`, None by default), the table of one file is one object: forked workers reuse the
    parent's instead of each building its own."""
    monkeypatch.delenv("VANBAN_UNIT_ALIASES", raising=False)
    assert load_aliases() is load_aliases(None) is load_aliases(str(ALIASES_CSV))


@pytest.mark.parametrize("signed", [False, True])
def test_the_protect_pattern_start_check_changes_no_match(signed):
    """The check of where a variant can start, put before the alternation of every variant, finds
    what the alternation alone finds: names in any case, after "các"/"những", glued to a word (no
    match), and in a table with a variant opening with a dash (no lookahead then)."""
    names = ["Sở Tài chính", "Ủy ban nhân dân tỉnh", "đoàn kiểm tra", "Văn phòng - Thống kê", "Ban Chỉ đạo 35"]
    names += ["- Tổ công tác"] if signed else []
    table = AliasTable([AliasRow(n, n, "alias", False, None, None) for n in names])
    variants = {fold_text(n) for n in names} | {table.expand(n) for n in names}
    assert table.protect is not None and table.protect.pattern.startswith(variant_start(variants))
    alone = re.compile(table.protect.pattern.removeprefix(variant_start(variants)), re.IGNORECASE)
    text = (
        "Giao SỞ TÀI CHÍNH, các Ủy ban nhân dân tỉnh và những đoàn kiểm tra; xSở Tài chính, Văn phòng-Thống kê,"
        " Ban chỉ đạo 35 (ĐOÀN KIỂM TRA) - Tổ công tác"
    )
    assert [m.span() for m in table.protect.finditer(text)] == [m.span() for m in alone.finditer(text)]
    assert len(alone.findall(text)) >= 5 + signed
