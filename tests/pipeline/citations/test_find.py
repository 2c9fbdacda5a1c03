"""get_citations: shapes of numbers, kinds, dates, issuers, repairs, and what is not a citation."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.citations import FullCitation, LawCitation, ShortCitation, get_citations


def one(text: str, **kw):
    cites = get_citations(text, **kw)
    assert len(cites) == 1, cites
    return cites[0]


@pytest.mark.parametrize(
    "text, kind, ref, number, year, symbol, type_code, issuer_code",
    [
        (
            "Quyết định số 124/QĐ-UBND ngày 30/01/2023",
            "Quyết định",
            "124/QĐ-UBND",
            "124",
            2023,
            "QĐ-UBND",
            "QĐ",
            "UBND",
        ),
        ("Nghị định số 45/2020/NĐ-CP ngày 08/4/2020", "Nghị định", "45/2020/NĐ-CP", "45", 2020, "NĐ-CP", "NĐ", "CP"),
        (
            "Nghị quyết số 202/2025/QH15 ngày 12/6/2025",
            "Nghị quyết",
            "202/2025/QH15",
            "202",
            2025,
            "QH15",
            None,
            "QH15",
        ),
        (
            "Công văn số 2276/UBND-KSTTHC ngày 20/5/2020",
            "Công văn",
            "2276/UBND-KSTTHC",
            "2276",
            2020,
            "UBND-KSTTHC",
            None,
            "UBND-KSTTHC",
        ),
        ("Nghị quyết số 04-NQ/TU ngày 18/10/2021", "Nghị quyết", "04-NQ/TU", "04", 2021, "NQ/TU", "NQ", "TU"),
        ("Kế hoạch số 1014/KH-C04-P6", "Kế hoạch", "1014/KH-C04-P6", "1014", None, "KH-C04-P6", "KH", "C04-P6"),
        ("Thông tư số 01/2020/TT-VPCP", "Thông tư", "01/2020/TT-VPCP", "01", 2020, "TT-VPCP", "TT", "VPCP"),
        (
            "Thông tư liên tịch số 01/2015/TTLT-BTP-BNV",
            "Thông tư liên tịch",
            "01/2015/TTLT-BTP-BNV",
            "01",
            2015,
            "TTLT-BTP-BNV",
            "TTLT",
            "BTP-BNV",
        ),
        ("Chỉ thị số 31-CT/TU ngày 13/6/2014", "Chỉ thị", "31-CT/TU", "31", 2014, "CT/TU", "CT", "TU"),
        ("Phương án số 7178/PA-UBND", "Phương án", "7178/PA-UBND", "7178", None, "PA-UBND", "PA", "UBND"),
        ("Công điện số 12/CĐ-TTg", "Công điện", "12/CĐ-TTg", "12", None, "CĐ-TTg", "CĐ", "TTg"),
        ("Kết luận số 35-KL/TW", "Kết luận", "35-KL/TW", "35", None, "KL/TW", "KL", "TW"),
        ("Hướng dẫn số 25/HD-SNV", "Hướng dẫn", "25/HD-SNV", "25", None, "HD-SNV", "HD", "SNV"),
        ("Thông báo số 400/TB-VPCP", "Thông báo", "400/TB-VPCP", "400", None, "TB-VPCP", "TB", "VPCP"),
        ("Văn bản số 123/UBND-KT", "Văn bản", "123/UBND-KT", "123", None, "UBND-KT", None, "UBND-KT"),
        ("Luật số 80/2015/QH13", "Luật", "80/2015/QH13", "80", 2015, "QH13", None, "QH13"),
        ("Bộ luật số 45/2019/QH14", "Bộ luật", "45/2019/QH14", "45", 2019, "QH14", None, "QH14"),
    ],
)
def test_number_shapes(text, kind, ref, number, year, symbol, type_code, issuer_code):
    c = one(text)
    assert isinstance(c, FullCitation)
    assert (c.kind, c.ref, c.number, c.year, c.symbol, c.type_code, c.issuer_code) == (
        kind,
        ref,
        number,
        year,
        symbol,
        type_code,
        issuer_code,
    )
    assert text[c.char_start : c.char_end] == c.raw


def test_kind_inferred_from_symbol_without_kind_word():
    assert one("theo 45/2020/NĐ-CP của Chính phủ").kind == "Nghị định"
    assert one("xem 2276/UBND-KSTTHC").kind == "Công văn"
    assert one("KẾ HOẠCH SỐ 12/KH-UBND").kind == "Kế hoạch"


@pytest.mark.parametrize(
    "text, date",
    [
        ("Quyết định số 124/QĐ-UBND ngày 30/01/2023 của Chủ tịch UBND tỉnh", dt.date(2023, 1, 30)),
        ("Nghị quyết số 66/NQ-CP ngày 26 tháng 3 năm 2025 của Chính phủ", dt.date(2025, 3, 26)),
        ("Chỉ thị số 10/CT-TTg của Thủ tướng Chính phủ ngày 22/4/2019 về việc", dt.date(2019, 4, 22)),
        ("Nghị định số 45/2020/NĐ-CP, ngày 08-4-2020", dt.date(2020, 4, 8)),
        ("Kế hoạch số 140/KH-\nUBND ngày 14 tháng 10\nnăm 2021 của Ủy ban", dt.date(2021, 10, 14)),
        ("Thông tư số 02/2017/TT-VPCP", None),
        ("Quyết định số 1/QĐ-UBND ngày 31/02/2023", None),  # no such day
    ],
)
def test_issue_date(text, date):
    assert get_citations(text)[0].issued_date == date


@pytest.mark.parametrize(
    "text, issuer",
    [
        ("Nghị định số 45/2020/NĐ-CP ngày 08/4/2020 của Chính phủ về thực hiện TTHC", "Chính phủ"),
        ("Chỉ thị số 10/CT-TTg của Thủ tướng Chính phủ ngày 22/4/2019", "Thủ tướng Chính phủ"),
        ("Quyết định số 124/QĐ-UBND ngày 30/01/2023 của Chủ tịch UBND tỉnh ban hành", "Chủ tịch UBND tỉnh"),
        (
            "Thông tư số 01/2020/TT-VPCP ngày 21/10/2020 của Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ.",
            "Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ",
        ),
        (
            "Kế hoạch số 2170/KH-SKHCN ngày 30/12/2022 của Sở Khoa học và Công nghệ tỉnh Quảng Ngãi ban hành",
            "Sở Khoa học và Công nghệ tỉnh Quảng Ngãi",
        ),
        ("Nghị định số 45/2020/NĐ-CP của Chính phủ và Kế hoạch số 120/KH-UBND", "Chính phủ"),
        ("Nghị định số 45/2020/NĐ-CP ngày 08/4/2020", None),
    ],
)
def test_issuer(text, issuer):
    assert get_citations(text)[0].issuer == issuer


def test_number_broken_across_lines_is_joined():
    c = one("theo Quyết định số 1085/QĐ-\nTTg ngày 15/9/2022")
    assert c.ref == "1085/QĐ-TTg" and "joined_line_break" in c.repairs
    assert c.issued_date == dt.date(2022, 9, 15)
    assert one("Nghị định số 45/2020/\nNĐ-CP").ref == "45/2020/NĐ-CP"


def test_number_broken_across_pages_with_page_number_line():
    assert one("Công văn số 3132/UBND-\n7\nTTHC ngày 28/6/2022").ref == "3132/UBND-TTHC"


def test_missing_hyphen_restored():
    c = one("theo quy định tại Nghị định số 61/2018/NĐCP, Thông tư")
    assert c.ref == "61/2018/NĐ-CP" and "added_hyphen" in c.repairs
    assert one("Quyết định số 5/QĐUBND").ref == "5/QĐ-UBND"


@pytest.mark.parametrize(
    "text, ref",
    [
        ("Nghị định số 45/2020/ND-CP", "45/2020/NĐ-CP"),
        ("Quyết định số 124/QD-UBND", "124/QĐ-UBND"),
        ("Nghị quyết số 93/NQ-HDND", "93/NQ-HĐND"),
        ("Quyết định số 1085/QĐ-TTG", "1085/QĐ-TTg"),
        ("Quyết định số 1085/QÐ-TTg", "1085/QĐ-TTg"),  # Ð (eth) for Đ
    ],
)
def test_ocr_lost_d_restored(text, ref):
    assert one(text).ref == ref


def test_list_with_one_so_gives_citations_of_the_same_kind():
    text = (
        "ý kiến chỉ đạo tại Công văn số: 3132/UBND-TTHC ngày 28 tháng 6 năm 2022, "
        "3841/UBND-TTHC ngày 03 tháng 8 năm 2022."
    )
    a, b = get_citations(text)
    assert (a.kind, a.ref, a.issued_date) == ("Công văn", "3132/UBND-TTHC", dt.date(2022, 6, 28))
    assert (b.kind, b.ref, b.issued_date) == ("Công văn", "3841/UBND-TTHC", dt.date(2022, 8, 3))
    a, b = get_citations("các Quyết định số 1441/QĐ-UBND và 1737/QĐ-UBND của Chủ tịch UBND tỉnh")
    assert (a.kind, b.kind, b.ref) == ("Quyết định", "Quyết định", "1737/QĐ-UBND")


def test_laws_cited_by_name():
    text = (
        "theo quy định của Luật Ban hành văn bản QPPL năm 2015 và Luật sửa đổi, bổ sung một số điều "
        "của Luật Ban hành văn bản QPPL năm 2020)"
    )
    a, b, inner = get_citations(text)
    assert isinstance(a, LawCitation) and isinstance(b, LawCitation)
    assert (a.kind, a.ref, a.name, a.year) == ("Luật", None, "Ban hành văn bản QPPL", 2015)
    assert (b.name, b.year) == ("sửa đổi, bổ sung một số điều của Luật Ban hành văn bản QPPL", 2020)
    # the amended law is cited by that mention too, without a year of its own
    assert (inner.kind, inner.name, inner.year, inner.raw) == (
        "Luật",
        "Ban hành văn bản QPPL",
        None,
        "Luật Ban hành văn bản QPPL",
    )


def test_law_without_year_and_with_comma_in_name():
    c = one("biện pháp thi hành Luật Phòng, chống tham nhũng.")
    assert (c.kind, c.name, c.year) == ("Luật", "Phòng, chống tham nhũng", None)


def test_law_name_across_lines_and_bo_luat():
    c = one("của Luật Ban hành văn bản\nQPPL năm\n2015 và")
    assert (c.name, c.year) == ("Ban hành văn bản QPPL", 2015)
    c = one("theo Bộ luật Lao động năm 2019")
    assert (c.kind, c.name, c.year) == ("Bộ luật", "Lao động", 2019)


def test_law_by_name_with_number():
    c = one("Luật Đất đai số 31/2024/QH15 ngày 18/01/2024")
    assert (c.kind, c.name, c.ref, c.year) == ("Luật", "Đất đai", "31/2024/QH15", 2024)
    assert c.issued_date == dt.date(2024, 1, 18)


@pytest.mark.parametrize(
    "text", ["tuân thủ pháp luật và quy định của pháp Luật hiện hành", "Luật sư tư vấn", "theo quy định của luật"]
)
def test_not_laws(text):
    assert get_citations(text) == []


def test_short_forms():
    c = one("theo Nghị định 45")
    assert isinstance(c, ShortCitation) and (c.kind, c.number, c.type_code, c.ref) == ("Nghị định", "45", "NĐ", None)
    c = one("tại Thông tư số 01/2020 của Văn phòng")
    assert isinstance(c, ShortCitation) and (c.number, c.year) == ("01", 2020)


@pytest.mark.parametrize(
    "text",
    [
        "Kế hoạch này",
        "Kế hoạch số /KH-UBND ngày /12/2025",
        "(Kèm theo Kế hoạch số: /KH-SKHCN ngày /3/2023)",
        "Kế hoạch 5 năm",
        "Quyết định 2023",
        "ngày 30/12/2022",
        "Biểu số II.05a/VPCP/KSTT",
        "Ngày Chuyển đổi số Quốc gia 10/10.",
        "thời gian 2021 - 2025",
        "tháng 01/2026",
    ],
)
def test_not_citations(text):
    assert get_citations(text) == []


def test_own_number_is_not_a_citation():
    header = "SỞ KHOA HỌC VÀ CÔNG NGHỆ | CỘNG HÒA\nSố: 2170/KH-SKHCN | Quảng Ngãi, ngày 30 tháng 12 năm 2022\n"
    assert get_citations(header) == []
    body = "Kế hoạch số 2170/KH-SKHCN ngày 30/12/2022 của Sở Khoa học và Công nghệ"
    assert get_citations(body, own_ref="2170/KH-SKHCN") == []
    assert get_citations(body, own_ref="2170/kh-skhcn") == []
    assert len(get_citations(body)) == 1  # another plan citing it: a citation
    appendix = "(Kèm theo Kế hoạch số 2170/KH-SKHCN ngày 30/12/2022 của Sở Khoa học và Công nghệ)"
    assert get_citations(appendix) == []
    cited = "ban hành kèm theo Quyết định số 1648/QĐ-UBND ngày 30/11/2022 của Chủ tịch UBND tỉnh."
    assert [c.ref for c in get_citations(cited)] == ["1648/QĐ-UBND"]


def test_spans_and_order():
    text = "Căn cứ Luật Đất đai năm 2024; Nghị định số 45/2020/NĐ-CP; Nghị định 45."
    cites = get_citations(text)
    assert [type(c).__name__ for c in cites] == ["LawCitation", "FullCitation", "ShortCitation"]
    for c in cites:
        assert text[c.char_start : c.char_end] == c.raw
    assert get_citations("") == []


def test_kind_word_with_colon_and_ocr_so():
    assert [c.ref for c in get_citations("các Nghị định: số 45/2020/NĐ-CP, số 107/2021/NĐ-CP")] == [
        "45/2020/NĐ-CP",
        "107/2021/NĐ-CP",
    ]
    assert one("Nghị định sô 45/2020/NĐ-CP").raw == "Nghị định sô 45/2020/NĐ-CP"


def test_law_year_from_its_date_and_bo_luat_capitalised():
    c = one("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;")
    assert (c.name, c.year, c.issued_date) == ("Tổ chức chính quyền địa phương", 2015, dt.date(2015, 6, 19))
    assert (one("theo Bộ Luật Lao động năm 2019").kind) == "Bộ luật"


def test_glued_words_after_a_symbol_from_pdf_line_joins():
    c = one("Theo Điều 17 Nghị định số 52/2015/NĐ-CPngày 28/5/2015 của Chính phủ")
    assert (c.ref, c.issued_date, c.issuer) == ("52/2015/NĐ-CP", dt.date(2015, 5, 28), "Chính phủ")
