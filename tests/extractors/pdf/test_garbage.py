"""Text layers that lie (issue #8 §3): a page whose glyphs have no Unicode mapping ("(cid:NN)"),
private-use characters, or Vietnamese words stripped of their letters is read again by OCR, and no
"(cid:" ever reaches the document. PDFs written by hand (made_pdfs.py); OCR faked."""

from __future__ import annotations

import sys
import types

from extractors.model import ExtractionError, Paragraph
from extractors.pdf.backend import extract
from extractors.pdf.garbage import drop_unmapped, garbage_reason, lost_letters_reason
from tests.extractors.pdf.made_pdfs import text_pdf

PROSE = [
    "Ủy ban nhân dân tỉnh đề nghị các sở, ban, ngành và địa phương",
    "triển khai thực hiện nghiêm túc kế hoạch cải cách hành chính năm nay,",
    "báo cáo kết quả về Sở Nội vụ trước ngày 15 tháng 12 để tổng hợp.",
    "Giao Văn phòng theo dõi, đôn đốc việc thực hiện và báo cáo định kỳ.",
]
PAGE = [(60, 760 - 16 * i, line) for i, line in enumerate(PROSE)]


def _fake_ocr(monkeypatch, fail=False):
    module = types.ModuleType("extractors.ocr.backend")
    calls = []

    def ocr_pages(path, pages):
        calls.append(list(pages))
        if fail:
            raise ExtractionError("ocr_unavailable", "Tesseract with the Vietnamese model is not installed")
        return {p: [Paragraph(text=f"Trang {p} đọc bằng OCR", page=p)] for p in pages}

    module.ocr_pages = ocr_pages
    monkeypatch.setitem(sys.modules, "extractors.ocr.backend", module)
    return calls


def test_cid_page_is_read_by_ocr(tmp_path, monkeypatch):
    path = tmp_path / "cid.pdf"
    path.write_bytes(text_pdf([PAGE], to_unicode=False))
    calls = _fake_ocr(monkeypatch)
    doc = extract(path)
    assert calls == [[1]]
    assert doc.text() == "Trang 1 đọc bằng OCR"
    assert any(w.startswith("garbage_text_layer") and "cid" in w for w in doc.warnings)


def test_cid_never_reaches_the_document_even_without_ocr(tmp_path, monkeypatch):
    path = tmp_path / "cid.pdf"
    path.write_bytes(text_pdf([PAGE], to_unicode=False))
    _fake_ocr(monkeypatch, fail=True)
    doc = extract(path)
    assert "(cid:" not in doc.text()
    assert any(w.startswith("ocr_unavailable") for w in doc.warnings)


def test_good_page_stays_text_layer(tmp_path, monkeypatch):
    path = tmp_path / "ok.pdf"
    path.write_bytes(text_pdf([PAGE]))
    calls = _fake_ocr(monkeypatch)
    doc = extract(path)
    assert calls == [] and "Sở Nội vụ" in doc.text()
    assert not any(w.startswith("garbage_text_layer") for w in doc.warnings)


def test_only_the_lying_page_goes_to_ocr(tmp_path, monkeypatch):
    stripped = [(x, y, "DQc lfp - Tg do - Hgnh phtic ceNG HoA xA ngI cnu Ncnie vlpr") for x, y, _ in PAGE]
    path = tmp_path / "mixed.pdf"
    path.write_bytes(text_pdf([PAGE, stripped * 2]))
    calls = _fake_ocr(monkeypatch)
    doc = extract(path)
    assert calls == [[2]]
    assert "Sở Nội vụ" in doc.text() and "Trang 2 đọc bằng OCR" in doc.text() and "Hgnh" not in doc.text()


def test_reasons():
    prose = " ".join(PROSE)
    assert garbage_reason(list(prose)) is None
    assert "cid" in garbage_reason(["(cid:12)"] * 30 + list(prose[:60]))
    assert "private-use" in garbage_reason(["\ue012"] * 40 + list(prose[:100]))
    # the same prose without its diacritics and with OCR slips: no Vietnamese letters, misspelt words
    slipped = (
        "Uy ban nhqn dqn tinh dd nghi cdc sd, ban, ngdnh vd dia phuong trien khai thuc hien "
        "nghiem tric ke hoqch cai cdch hdnh chinh ndm nay, bdo cdo ket qud ve So Noi vg truoc ngdy 15"
    )
    assert "misspelt" in garbage_reason(list(slipped))
    # an ordinary ASCII page (a list of codes, an English appendix with real words) is left alone
    assert garbage_reason(list("QCVN 01:2021/BXD TCVN 5574:2018 ISO 9001:2015 " * 4)) is None
    assert garbage_reason(list("abc")) is None


def test_drop_unmapped():
    chars = [{"text": "(cid:3)"}, {"text": "a"}, {"text": "(cid:44)"}]
    assert [c["text"] for c in drop_unmapped(chars)] == ["a"]
    plain = [{"text": "a"}]
    assert drop_unmapped(plain) is plain


def _char(text: str, x0: float, width: float, size: float = 13.0, font: str = "Times") -> dict:
    return {"text": text, "x0": x0, "x1": x0 + width, "size": size, "fontname": font}


def test_letters_printed_as_spaces():
    # "S V-CCVC": the N of SNV came out as a space as wide as an N (0.72 em), a real space is 0.25 em
    lost = [_char(" ", 10.0 * i, 0.72 * 13) for i in range(12)]
    spaces = [_char(" ", 10.0 * i, 0.25 * 13) for i in range(300)]
    assert "12 letters printed as spaces" in lost_letters_reason(lost + spaces)
    assert lost_letters_reason(lost[:3] + spaces) is None  # a stray wide space or two is no lost font
    assert lost_letters_reason(spaces + [_char("N", 0.0, 0.72 * 13)]) is None
    # a font whose every space is wide (a monospaced or width-less font) hides nothing
    assert lost_letters_reason([_char(" ", 10.0 * i, 0.72 * 13, font="Mono") for i in range(50)]) is None
