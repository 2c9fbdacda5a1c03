"""PDF text in TCVN3/VNI fonts -> Unicode (`extractors.pdf.legacy_fonts`, called by
`pdf.words.chars_to_words`): by font name on synthetic chars, by detection when a substitute font
lost the name (synthetic, and PDFs LibreOffice makes from legacy DOCX plans), never on Unicode text."""

from __future__ import annotations

import subprocess
import unicodedata

import pytest

from extractors import extract
from extractors.legacy.convert import find_soffice
from extractors.legacy.encoding import detect_encoding, from_unicode
from extractors.model import Paragraph
from extractors.pdf.words import chars_to_words
from extractors.pdf.legacy_fonts import named_encoding
from tests.conftest import corpus_file
from tests.extractors.docx.test_legacy_fonts import make_plan, plan_runs, shown_text
from tests.extractors.pdf.test_tables import chars


def texts(chars_list: list[dict]) -> list[str]:
    return [w.text for w in chars_to_words(chars_list)]


@pytest.mark.parametrize(
    "fontname,expected",
    [
        ("ABCDEF+.VnTime", ("tcvn3", False)),
        ("ABCDEF+.VnTimeH,BoldItalic", ("tcvn3", True)),
        ("VNI-Times-Bold", ("vni", False)),
        ("BAAAAA+DejaVuSans", None),
        ("TimesNewRomanPSMT", None),
    ],
)
def test_font_names(fontname, expected):
    assert named_encoding(fontname) == expected


def test_named_tcvn3_fonts_soft_hyphen_and_capitals_font():
    line = chars(from_unicode("Kế hoạch thường xuyên", "tcvn3"), 10, 100, font="ABCDEF+.VnTime")
    caps = chars(from_unicode("ủy ban nhân dân", "tcvn3"), 10, 130, font="ABCDEG+.VnTimeH,Bold")
    words = chars_to_words(line + caps)
    assert [w.text for w in words] == ["Kế", "hoạch", "thường", "xuyên", "ỦY", "BAN", "NHÂN", "DÂN"]
    assert all(w.bold for w in words[4:])


def test_named_vni_font_marks_are_separate_glyphs():
    assert texts(chars(from_unicode("Quyết định của Ủy ban", "vni"), 10, 100, font="VNI-Times")) == [
        "Quyết",
        "định",
        "của",
        "Ủy",
        "ban",
    ]


def test_only_the_legacy_font_in_a_word_is_converted():
    # "Tháng" in a Unicode font (read as TCVN3 it would be "Thỏng"), ":" and the rest in .VnTime
    line = chars("Tháng", 10, 100, font="Times") + chars(from_unicode(": hồ sơ", "tcvn3"), 40, 100, font=".VnTime")
    assert texts(line) == ["Tháng:", "hồ", "sơ"]


def test_unicode_text_under_a_legacy_font_name_is_kept():
    # a converter that mapped the codes to Unicode but kept the font's name
    assert texts(chars("Tháng 5 năm 2024 thực hiện", 10, 100, font="ABCDEF+.VnTime")) == [
        "Tháng",
        "5",
        "năm",
        "2024",
        "thực",
        "hiện",
    ]


def test_lost_font_name_detected_per_font_on_the_page():
    legacy = chars(from_unicode("Tổ chức thực hiện nhiệm vụ thường xuyên", "tcvn3"), 10, 100, font="TT1")
    unicode_line = chars("Tháng 5 và tháng 6", 10, 130, font="TT2")  # Latin-1 letters, Unicode text
    assert texts(legacy + unicode_line) == [
        "Tổ",
        "chức",
        "thực",
        "hiện",
        "nhiệm",
        "vụ",
        "thường",
        "xuyên",
        "Tháng",
        "5",
        "và",
        "tháng",
        "6",
    ]


def test_a_single_ambiguous_word_in_an_unknown_font_is_left():
    # "Phô lôc" is TCVN3 for "Phụ lục" but also well-formed as it stands: no evidence, no change
    assert texts(chars(from_unicode("Phụ lục", "tcvn3"), 10, 100, font="TT1")) == ["Phô", "lôc"]


# --- PDFs made without the fonts: LibreOffice draws the codes in a substitute font -----------
@pytest.fixture(scope="module")
def plan_pdfs(tmp_path_factory):
    soffice = find_soffice()
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    folder = tmp_path_factory.mktemp("legacy-pdf")
    docx_files = [make_plan(folder / f"{encoding}.docx", encoding) for encoding in ("tcvn3", "vni")]
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{folder / 'profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            *map(str, docx_files),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return {f.stem: f.with_suffix(".pdf") for f in docx_files}


def _pdf_text(path) -> tuple[list[str], list[list[str]]]:
    doc = extract(path)
    (table,) = doc.tables()
    return [p.text for p in doc.paragraphs()], [[c.text for c in row.cells] for row in table.rows]


def test_vni_plan_pdf_without_the_font_reads_as_unicode(plan_pdfs):
    heading, table = plan_runs("vni")
    assert _pdf_text(plan_pdfs["vni"]) == (
        [shown_text(r) for r in heading],
        [[shown_text(r) for r in row] for row in table],
    )


def test_tcvn3_plan_pdf_without_the_font_reads_as_unicode_but_what_the_pdf_lost(plan_pdfs):
    # Without the font's name the .VnTimeH capitals are lower case, and LibreOffice never draws
    # byte 0xAD ("ư", a soft hyphen to it): "Thường" is printed "Thêng" and read "Thờng".
    heading, table = plan_runs("tcvn3")
    lost = {
        "SỞ KHOA HỌC VÀ CÔNG NGHỆ": "sở khoa học và công nghệ",
        "KẾ HOẠCH": "kế hoạch",
        "Trung tâm Ứng dụng tiến bộ khoa học": "Trung tâm ứng dụng tiến bộ khoa học",
        "Thường xuyên": "Thờng xuyên",
    }
    expected_heading = [lost.get(shown_text(r), shown_text(r)) for r in heading]
    expected_table = [[lost.get(shown_text(r), shown_text(r)) for r in row] for row in table]
    assert _pdf_text(plan_pdfs["tcvn3"]) == (expected_heading, expected_table)


# --- never on Unicode text ------------------------------------------------------------------
@pytest.mark.parametrize(
    "name",
    [
        "2025-kh-kstthc-skhcn.docx",
        "2022-kh-cchc-skhcn.docx",
        "2023-cv-vpubnd-de-xuat-cchc-2024.docx",
        "lamdong-kh-cchc-2026.docx",
    ],
)
def test_detection_never_fires_on_corpus_text(name):
    """Every paragraph, cell line and single word of the corpus reads as Unicode (the whole corpus:
    3,738 paragraphs/lines and 69,523 words, zero false positives when this was written)."""
    doc = extract(corpus_file(name))
    pieces = [b.text for b in doc.blocks if isinstance(b, Paragraph)]
    pieces += [line for table in doc.tables() for row in table.rows for cell in row.cells for line in cell.lines]
    words = {unicodedata.normalize("NFC", w) for piece in pieces for w in piece.split()}
    assert [p for p in pieces + sorted(words) if detect_encoding(p) != "unicode"] == []
