"""DOCX files typed in the pre-Unicode Vietnamese fonts (TCVN3 .VnTime/.VnTimeH, VNI VNI-Times) come
out as the Unicode text they show: fonts resolved through runs, character and paragraph styles and
document defaults; through `extractors.extract` and the whole pipeline (`process_file`)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from extractors import extract
from extractors.docx.paragraphs import ParagraphReader
from extractors.legacy.encoding import from_unicode
from pipeline.process import process_file
from tests.docx_builders import level, make_docx

UNICODE_FONT = "Times New Roman"
# font -> how a Unicode string was typed in it (.VnTimeH draws lowercase codes as capitals)
TYPED = {
    ".VnTime": lambda s: from_unicode(s, "tcvn3"),
    ".VnTimeH": lambda s: from_unicode(s.lower(), "tcvn3"),
    "VNI-Times": lambda s: from_unicode(s, "vni"),
    UNICODE_FONT: lambda s: s,
}


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def add_runs(paragraph, runs: list[tuple[str, str]]) -> None:
    """Runs of (Unicode text, font), each typed as that font's users typed it."""
    for text, font in runs:
        run = paragraph.add_run(TYPED[font](text))
        run.font.name = font


def plan_runs(encoding: str) -> tuple[list[list[tuple[str, str]]], list[list[list[tuple[str, str]]]]]:
    """A small plan (heading lines, a task table) as runs in the fonts of `encoding`:
    "tcvn3" (capitals with a tone in .VnTimeH runs, as TCVN3 typists did), "vni" or "unicode"."""
    body = {"tcvn3": ".VnTime", "vni": "VNI-Times", "unicode": UNICODE_FONT}[encoding]
    caps = {"tcvn3": ".VnTimeH"}.get(encoding, body)
    heading = [
        [("SỞ KHOA HỌC VÀ CÔNG NGHỆ", caps)],
        [("Số: 12/KH-SKHCN", body)],
        [("KẾ HOẠCH", caps)],
        [("Cải cách hành chính năm 2024", body)],
    ]
    table = [
        [
            [("STT", body)],
            [("Nội dung nhiệm vụ", body)],
            [("Đơn vị chủ trì", body)],
            [("Đơn vị phối hợp", body)],
            [("Thời gian thực hiện", body)],
        ],
        [
            [("1", body)],
            [("Rà soát, đơn giản hóa thủ tục hành chính", body)],
            [("Văn phòng Sở", body)],
            [("Các phòng chuyên môn", body)],
            [("Quý II năm 2024", body)],
        ],
        [
            [("2", body)],
            [("Tuyên truyền cải cách hành chính trên Cổng thông tin điện tử", body)],
            [("Phòng Quản lý chuyên ngành", body)],
            [("Trung tâm ", body), ("Ứ", caps), ("ng dụng tiến bộ khoa học", body)],
            [("Thường xuyên", body)],
        ],
        [
            [("3", body)],
            [("Đánh giá chỉ số cải cách hành chính của Sở", body)],
            [("Thanh tra Sở", body)],
            [("Văn phòng Sở", body)],
            [("Tháng 12/2024", body)],
        ],
    ]
    return heading, table


def make_plan(path: Path, encoding: str) -> Path:
    heading, table = plan_runs(encoding)
    document = docx.Document()
    for runs in heading:
        add_runs(document.add_paragraph(), runs)
    grid = document.add_table(rows=len(table), cols=len(table[0]))
    grid.style = "Table Grid"
    for row, cells in zip(grid.rows, table):
        for cell, runs in zip(row.cells, cells):
            add_runs(cell.paragraphs[0], runs)
    document.save(path)
    return path


def shown_text(runs: list[tuple[str, str]]) -> str:
    return nfc("".join(text.upper() if font == ".VnTimeH" else text for text, font in runs))


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_plan_text_equals_the_unicode_original(tmp_path, encoding):
    heading, table = plan_runs(encoding)
    doc = extract(make_plan(tmp_path / f"{encoding}.docx", encoding))
    paragraphs = [p.text for p in doc.paragraphs()]
    assert paragraphs == [shown_text(runs) for runs in heading]
    (extracted,) = doc.tables()
    assert [[c.text for c in row.cells] for row in extracted.rows] == [
        [shown_text(runs) for runs in row] for row in table
    ]
    assert "Thường xuyên" in extracted.rows[2].cells[4].text  # 0xAD ("ư") survived the soft-hyphen strip


@pytest.fixture(scope="module")
def unicode_tasks(tmp_path_factory):
    result = process_file(make_plan(tmp_path_factory.mktemp("plan") / "plan.docx", "unicode"))
    return result.rows["tasks"]


_FILE_FIELDS = {"doc_id", "source_file", "source_sha256"}


def _task_fields(rows: list[dict]) -> list[dict]:
    return [{k: v for k, v in row.items() if k not in _FILE_FIELDS} for row in rows]


def test_unicode_plan_gives_its_three_tasks(unicode_tasks):
    assert [(t["stt"], t["content"], t["lead_raw"], t["timing_raw"]) for t in unicode_tasks] == [
        ("1", "Rà soát, đơn giản hóa thủ tục hành chính", "Văn phòng Sở", "Quý II năm 2024"),
        (
            "2",
            "Tuyên truyền cải cách hành chính trên Cổng thông tin điện tử",
            "Phòng Quản lý chuyên ngành",
            "Thường xuyên",
        ),
        ("3", "Đánh giá chỉ số cải cách hành chính của Sở", "Thanh tra Sở", "Tháng 12/2024"),
    ]


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_legacy_plan_gives_the_same_task_rows(tmp_path, encoding, unicode_tasks):
    result = process_file(make_plan(tmp_path / f"{encoding}-plan.docx", encoding))
    assert _task_fields(result.rows["tasks"]) == _task_fields(unicode_tasks)


# --- where the font comes from ----------------------------------------------------------------
def test_font_inherited_from_paragraph_style_character_style_and_defaults(tmp_path):
    document = docx.Document()
    document.styles["Normal"].font.name = UNICODE_FONT
    body = document.styles.add_style("LegacyBody", 1)  # paragraph style based on Normal
    body.font.name = ".VnTime"
    heading = document.styles.add_style("LegacyCaps", 2)  # character style
    heading.font.name = ".VnTimeH"
    document.add_paragraph(from_unicode("Tổ chức thực hiện kế hoạch", "tcvn3"), style="LegacyBody")
    para = document.add_paragraph(style="LegacyBody")
    para.add_run(from_unicode("ủy ban nhân dân", "tcvn3"), style="LegacyCaps")
    para.add_run(from_unicode(" tỉnh và các sở, ngành", "tcvn3"))
    unicode_run = document.add_paragraph(style="LegacyBody").add_run("Người đứng đầu cơ quan")
    unicode_run.font.name = UNICODE_FONT  # the run's own font wins over its paragraph style
    document.add_paragraph("Trường hợp khác")  # Normal: a Unicode font, 'ư' kept
    path = tmp_path / "styles.docx"
    document.save(path)
    assert [p.text for p in extract(path).paragraphs()] == [
        "Tổ chức thực hiện kế hoạch",
        "ỦY BAN NHÂN DÂN tỉnh và các sở, ngành",
        "Người đứng đầu cơ quan",
        "Trường hợp khác",
    ]


def test_font_from_document_defaults_only(tmp_path):
    document = docx.Document()
    styles = document.styles.element
    for rfonts in list(styles.iter(qn("w:rFonts"))):  # no style names a font: the defaults decide
        rfonts.getparent().remove(rfonts)
    default_rpr = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    default_rpr.insert(
        0, default_rpr.makeelement(qn("w:rFonts"), {qn(f"w:{slot}"): "VNI-Times" for slot in ("ascii", "hAnsi", "cs")})
    )
    document.add_paragraph(from_unicode("Quyết định của Ủy ban nhân dân tỉnh", "vni"))
    path = tmp_path / "defaults.docx"
    document.save(path)
    assert [p.text for p in extract(path).paragraphs()] == ["Quyết định của Ủy ban nhân dân tỉnh"]


def test_vni_letter_and_its_mark_in_different_runs(tmp_path):
    document = docx.Document()
    para = document.add_paragraph()
    typed = from_unicode("Kế hoạch", "vni")  # "Keá hoaïch": the mark after its base letter
    for piece, bold in ((typed[:2], False), (typed[2:], True)):  # split between "e" and its mark
        run = para.add_run(piece)
        run.font.name, run.bold = "VNI-Times", bold
    path = tmp_path / "split.docx"
    document.save(path)
    assert [p.text for p in extract(path).paragraphs()] == ["Kế hoạch"]


def test_unicode_text_under_a_legacy_font_name_is_kept(tmp_path):
    # files converted to Unicode whose runs still name .VnTime
    document = docx.Document()
    add_runs(document.add_paragraph(), [("Nhiệm vụ trọng tâm năm 2024", UNICODE_FONT)])
    document.paragraphs[0].runs[0].font.name = ".VnTime"
    path = tmp_path / "converted.docx"
    document.save(path)
    assert [p.text for p in extract(path).paragraphs()] == ["Nhiệm vụ trọng tâm năm 2024"]


def test_theme_font_overrides_a_legacy_name_and_labels_follow_the_paragraph_mark(tmp_path):
    vn = '<w:rFonts w:ascii=".VnTime" w:hAnsi=".VnTime"/>'
    themed = '<w:rFonts w:ascii=".VnTime" w:hAnsi=".VnTime" w:asciiTheme="minorHAnsi" w:hAnsiTheme="minorHAnsi"/>'
    numbering = (
        '<w:abstractNum w:abstractNumId="0">'
        + level(0, "decimal", from_unicode("Điều %1.", "tcvn3"))
        + '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    )
    label_p = (
        f'<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr><w:rPr>{vn}</w:rPr>'
        f"</w:pPr><w:r><w:rPr>{vn}</w:rPr><w:t>{from_unicode('Phạm vi điều chỉnh', 'tcvn3')}</w:t></w:r></w:p>"
    )
    themed_p = f"<w:p><w:r><w:rPr>{themed}</w:rPr><w:t>Tháng 5 và tháng 6</w:t></w:r></w:p>"
    path = make_docx(tmp_path / "labels.docx", label_p + themed_p, numbering=numbering)
    first, second = extract(path).paragraphs()
    assert (first.list_label, first.text) == ("Điều 1.", "Phạm vi điều chỉnh")
    assert second.text == "Tháng 5 và tháng 6"  # read as TCVN3 it would be "Thỏng 5 và thỏng 6"


def test_soft_hyphen_element_is_tcvn3_u_horn_in_a_legacy_font_only(tmp_path):
    # Word and LibreOffice save byte 0xAD as <w:softHyphen/>: "Tr<softHyphen/>êng" is "Trường"
    def para(font: str, before: str, after: str) -> str:
        rpr = f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}"/></w:rPr>'
        return f"<w:p><w:r>{rpr}<w:t>{before}</w:t><w:softHyphen/><w:t>{after}</w:t></w:r></w:p>"

    body = para(".VnTime", "Tr", from_unicode("ờng học", "tcvn3")) + para(UNICODE_FONT, "hành", "chính")
    path = make_docx(tmp_path / "soft-hyphen.docx", body)
    assert [p.text for p in extract(path).paragraphs()] == ["Trường học", "hànhchính"]


def test_documents_without_legacy_fonts_skip_the_per_run_work(tmp_path, monkeypatch):
    calls = []
    monkeypatch.setattr(ParagraphReader, "_legacy_font", lambda self, rpr, pstyle: calls.append(1))
    path = make_plan(tmp_path / "unicode.docx", "unicode")
    assert next(extract(path).paragraphs()).text == "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
    assert calls == []
