"""DOCX backend (extractors.docx.backend): opening and validating the package, the body walk,
the page count, and every seed document parsed fast and clean."""

from __future__ import annotations

import unicodedata
import zipfile

import pytest
from pypdf import PdfReader

from extractors import extract as extract_any
from extractors.docx.backend import extract
from extractors.model import ExtractionError
from tests.conftest import corpus_file
from tests.docx_builders import make_docx, p


# ---------------------------------------------------------------------------------------------
# corpus


@pytest.mark.parametrize(
    "name",
    [
        "2022-kh-cchc-skhcn.docx",
        "2023-cv-vpubnd-de-xuat-cchc-2024.docx",
        "2023-kh-kstthc-skhcn.docx",
        "2024-kh-truyenthong-skhcn.docx",
        "2025-kh-kstthc-skhcn.docx",
    ],
)
def test_seed_docs_parse_clean(name):
    doc = extract(corpus_file(name))
    assert doc.file_format == "docx" and doc.blocks
    text = doc.text()
    assert "\u00ad" not in text and "\u200b" not in text
    assert text == unicodedata.normalize("NFC", text)
    assert all(p.page is None for p in doc.paragraphs())


# ---------------------------------------------------------------------------------------------
# errors and edge cases


def test_not_a_zip_is_corrupt_docx(tmp_path):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"this is not a zip file at all" * 10)
    with pytest.raises(ExtractionError) as err:
        extract(bad)
    assert err.value.code == "corrupt_docx" and "bad.docx" in err.value.message


def test_truncated_zip_is_corrupt_docx(tmp_path):
    good = make_docx(tmp_path / "good.docx", p("Xin chào"))
    bad = tmp_path / "truncated.docx"
    bad.write_bytes(good.read_bytes()[:200])
    with pytest.raises(ExtractionError) as err:
        extract_any(bad)  # sniffed as a zip/docx, then refused by the backend
    assert err.value.code == "corrupt_docx"


def test_zip_without_word_part_is_corrupt_docx(tmp_path):
    path = tmp_path / "other.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("hello.txt", "hi")
    with pytest.raises(ExtractionError) as err:
        extract(path)
    assert err.value.code == "corrupt_docx"


def test_broken_xml_is_corrupt_docx(tmp_path):
    path = make_docx(tmp_path / "x.docx", "<w:p><w:r><w:t>unclosed")
    with pytest.raises(ExtractionError) as err:
        extract(path)
    assert err.value.code == "corrupt_docx"
    assert "x.docx" in err.value.message and len(err.value.message) < 500


def test_macro_enabled_main_part_is_read(tmp_path):
    src = make_docx(tmp_path / "a.docx", p("Có macro"))
    dst = tmp_path / "a.docm"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(
                    b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                    b"application/vnd.ms-word.document.macroEnabled.main+xml",
                )
            zout.writestr(item, data)
    assert [b.text for b in extract(dst).paragraphs()] == ["Có macro"]


def test_empty_body_gives_no_blocks(tmp_path):
    doc = extract(make_docx(tmp_path / "empty.docx", '<w:p/><w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>'))
    assert doc.blocks == [] and doc.file_format == "docx"


def test_dispatch_through_extractors(tmp_path):
    doc = extract_any(make_docx(tmp_path / "a.docx", p("Một")))
    assert [b.text for b in doc.paragraphs()] == ["Một"]


# ---------------------------------------------------------------------------------------------
# body walk


def test_content_controls_unwrapped(tmp_path):
    body = f"<w:sdt><w:sdtPr/><w:sdtContent>{p('Trong điều khiển')}</w:sdtContent></w:sdt>" + p("Ngoài")
    doc = extract(make_docx(tmp_path / "c.docx", body))
    assert [b.text for b in doc.paragraphs()] == ["Trong điều khiển", "Ngoài"]


# ---------------------------------------------------------------------------------------------
# page count (docProps/app.xml)


def pdf_pages(path) -> int:
    return len(PdfReader(path).pages)


def app_pages(path) -> str:
    """The raw <Pages> value of a DOCX's docProps/app.xml."""
    with zipfile.ZipFile(path) as zf:
        app = zf.read("docProps/app.xml").decode("utf-8")
    return app.split("<Pages>")[1].split("</Pages>")[0]


def test_page_count_from_word_statistics():
    docx = corpus_file("lamdong-kh-tuyentruyen-cchc-2026.docx")
    assert extract(docx).page_count == 11 == pdf_pages(docx.with_suffix(".pdf"))
    # Word paginated this one on 32 pages, LibreOffice's export of it on 30: we report Word's
    docx = corpus_file("lamdong-kh-cchc-2026.docx")
    assert extract(docx).page_count == 32 and pdf_pages(docx.with_suffix(".pdf")) == 30


def test_page_count_of_template_statistics_is_none():
    # the seed DOCX were written by python-docx, which keeps its template's app.xml (Pages 1,
    # Characters 0); the document is 15 pages long in its LibreOffice PDF twin
    docx = corpus_file("2025-kh-kstthc-skhcn.docx")
    assert app_pages(docx) == "1" and pdf_pages(docx.with_suffix(".pdf")) == 15
    assert extract(docx).page_count is None


def test_page_count_synthetic(tmp_path):
    text = p("Kế hoạch cải cách hành chính")
    cases = {
        "<Pages>7</Pages><Words>5</Words><Characters>24</Characters>": 7,
        "<Pages>3</Pages>": 3,  # no character count to check it against: trusted
        "<Pages> 2 </Pages><Characters>20</Characters>": 2,
        "<Pages>1</Pages><Words>0</Words><Characters>0</Characters>": None,  # stale statistics
        "<Pages>0</Pages>": None,
        "<Pages>many</Pages>": None,
        "<Words>5</Words>": None,
        None: None,  # no app.xml
    }
    for i, (app, expected) in enumerate(cases.items()):
        assert extract(make_docx(tmp_path / f"{i}.docx", text, app=app)).page_count == expected, app


def test_broken_app_xml_does_not_stop_the_document(tmp_path):
    doc = extract(make_docx(tmp_path / "b.docx", p("Vẫn đọc được"), app="<Pages>4</Pages><unclosed>"))
    assert doc.page_count is None and [b.text for b in doc.paragraphs()] == ["Vẫn đọc được"]


def test_footnotes_are_read_into_notes_in_order(tmp_path):
    separators = (
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:t>~</w:t></w:r></w:p></w:footnote>'
    )
    notes = (
        f'<w:footnote w:id="1">{p("Công văn số 12/UBND-VX ngày 02/01/2025.")}</w:footnote>'
        f'<w:footnote w:id="2">{p("Kế hoạch số 5/KH-UBND.")}</w:footnote>'
    )
    path = make_docx(tmp_path / "n.docx", p("Thân văn bản"), footnotes=separators + notes)
    doc = extract(path)
    assert [b.text for b in doc.notes] == ["Công văn số 12/UBND-VX ngày 02/01/2025.", "Kế hoạch số 5/KH-UBND."]
    assert "Công văn" not in doc.text()  # the body text stays the body's


def test_no_footnotes_part_no_notes(tmp_path):
    assert extract(make_docx(tmp_path / "n.docx", p("Thân"))).notes == []
