"""Citation sentences written from the genre's rules, each with what it cites and how.

The rules (not corpus texts) behind every group:

- NĐ 30/2020/NĐ-CP Phụ lục I (số and ký hiệu): "Số: 15/QĐ-UBND" — the number, "/", the type's
  abbreviation (Phụ lục III), "-", the issuer's abbreviation; a công văn has no type code
  ("Số: 1520/BTC-NSNN"); a legal normative text carries its year ("Số: 30/2020/NĐ-CP"). A first
  mention gives kind, số/ký hiệu, date, issuer and trích yếu; a later one only kind and số/ký hiệu;
  a Luật or Pháp lệnh is cited by its name.
- Hướng dẫn 36-HD/VPTW (Party documents): "Số 18-NQ/TW" — the number, "-", the type code, "/", the
  issuing body ("TW", "TU", "HU", "ĐU", "BCSĐ", "VPTW"), and the date with dashes "ngày 25-10-2017";
  a Party Quy định is "QĐ" or "QĐi"; a Party công văn is "-CV/".
- Joint documents list every issuer after the type code, "-" or "&" between them (TTLT, NQLT).
- Consolidated texts (văn bản hợp nhất): "05/VBHN-VPQH". Technical regulations: "QCVN 06:2022/BXD".

Each Case is one sentence; `pick` says which mention of it is checked (after resolving short forms)
and the expected kind, ref, date and relation. A law cited by name has ref None and a `name`/`year`.
Agencies here are generic or national; numbers are made up where the rule does not need real ones.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pipeline.citations import Citation, get_citations, resolve_citations

BASIS, IMPLEMENTS, ANSWERS = "căn cứ", "thực hiện", "theo đề nghị"
AMENDS, REPLACES, REPEALS, GUIDES, REFERS = "sửa đổi, bổ sung", "thay thế", "bãi bỏ", "hướng dẫn", "dẫn chiếu"


@dataclass(frozen=True)
class Case:
    text: str
    kind: str
    ref: str | None
    date: dt.date | None
    relation: str
    name: str | None = None  # a law cited by name
    year: int | None = None
    pick: int = 0  # which mention of the sentence is checked

    @property
    def id(self) -> str:
        return (self.ref or f"{self.kind} {self.name}")[:40]


def d(day: int, month: int, year: int) -> dt.date:
    return dt.date(year, month, day)


def cited(text: str) -> list[Citation]:
    """Every mention of `text`, short forms resolved against the text itself."""
    cites = get_citations(text)
    resolve_citations(cites)
    return cites


def check(case: Case) -> None:
    cites = cited(case.text)
    assert len(cites) > case.pick, cites
    c = cites[case.pick]
    got = (c.kind, c.ref, c.issued_date, c.relation)
    assert got == (case.kind, case.ref, case.date, case.relation), (got, c)
    if case.ref is None or case.name is not None:
        assert (c.name, c.year) == (case.name, case.year), c


# --- NĐ 30/2020 Phụ lục I: số/ký hiệu of state documents ------------------------------------
STATE_NUMBERS = [
    Case(
        "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư;",
        "Nghị định",
        "30/2020/NĐ-CP",
        d(5, 3, 2020),
        BASIS,
    ),
    Case(
        "Căn cứ Thông tư số 01/2011/TT-BNV ngày 19 tháng 01 năm 2011 của Bộ trưởng Bộ Nội vụ hướng dẫn thể thức;",
        "Thông tư",
        "01/2011/TT-BNV",
        d(19, 1, 2011),
        BASIS,
    ),
    Case(
        "Thực hiện Quyết định số 1291/QĐ-TTg ngày 07/10/2019 của Thủ tướng Chính phủ, Sở xây dựng kế hoạch.",
        "Quyết định",
        "1291/QĐ-TTg",
        d(7, 10, 2019),
        IMPLEMENTS,
    ),
    Case(
        "Theo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 45/TTr-SNV ngày 12/3/2024.",
        "Tờ trình",
        "45/TTr-SNV",
        d(12, 3, 2024),
        ANSWERS,
    ),
    Case(
        "Phúc đáp Công văn số 1520/BTC-NSNN ngày 14/02/2023 của Bộ Tài chính, Ủy ban nhân dân tỉnh có ý kiến như sau:",
        "Công văn",
        "1520/BTC-NSNN",
        d(14, 2, 2023),
        ANSWERS,
    ),
    Case(
        "Triển khai Kế hoạch số 88/KH-UBND ngày 20/4/2022 của Ủy ban nhân dân tỉnh về cải cách hành chính,",
        "Kế hoạch",
        "88/KH-UBND",
        d(20, 4, 2022),
        IMPLEMENTS,
    ),
    Case(
        "Căn cứ Nghị quyết số 19/2021/NQ-HĐND ngày 10/12/2021 của Hội đồng nhân dân tỉnh quy định mức chi;",
        "Nghị quyết",
        "19/2021/NQ-HĐND",
        d(10, 12, 2021),
        BASIS,
    ),
    Case(
        "Căn cứ Quyết định số 25/2022/QĐ-UBND ngày 15/7/2022 của Ủy ban nhân dân tỉnh ban hành Quy chế làm việc;",
        "Quyết định",
        "25/2022/QĐ-UBND",
        d(15, 7, 2022),
        BASIS,
    ),
    Case(
        "Thực hiện Chỉ thị số 05/CT-TTg ngày 23/02/2023 của Thủ tướng Chính phủ về tăng cường kỷ luật,",
        "Chỉ thị",
        "05/CT-TTg",
        d(23, 2, 2023),
        IMPLEMENTS,
    ),
    Case(
        "Thực hiện Công điện số 1024/CĐ-TTg ngày 30/10/2023 của Thủ tướng Chính phủ về ứng phó bão,",
        "Công điện",
        "1024/CĐ-TTg",
        d(30, 10, 2023),
        IMPLEMENTS,
    ),
    Case(
        "Căn cứ Thông báo số 312/TB-VPCP ngày 08/8/2023 của Văn phòng Chính phủ về kết luận của Thủ tướng;",
        "Thông báo",
        "312/TB-VPCP",
        d(8, 8, 2023),
        BASIS,
    ),
    Case(
        "Các đơn vị tổ chức rà soát theo Hướng dẫn số 12/HD-SNV ngày 02/3/2024 của Sở Nội vụ.",
        "Hướng dẫn",
        "12/HD-SNV",
        d(2, 3, 2024),
        REFERS,
    ),
    Case(
        "Thực hiện Chương trình số 07/CTr-UBND ngày 11/01/2024 của Ủy ban nhân dân huyện,",
        "Chương trình",
        "07/CTr-UBND",
        d(11, 1, 2024),
        IMPLEMENTS,
    ),
    Case(
        "Căn cứ Đề án số 03/ĐA-UBND ngày 05/6/2023 của Ủy ban nhân dân tỉnh về chuyển đổi số;",
        "Đề án",
        "03/ĐA-UBND",
        d(5, 6, 2023),
        BASIS,
    ),
    Case(
        "Số liệu đã nêu tại Báo cáo số 210/BC-UBND ngày 30/11/2023 của Ủy ban nhân dân tỉnh.",
        "Báo cáo",
        "210/BC-UBND",
        d(30, 11, 2023),
        REFERS,
    ),
    Case(
        "Thực hiện Phương án số 15/PA-UBND ngày 22/9/2022 của Ủy ban nhân dân tỉnh về di dời,",
        "Phương án",
        "15/PA-UBND",
        d(22, 9, 2022),
        IMPLEMENTS,
    ),
    Case(
        "Căn cứ Quy chế số 02/QC-UBND ngày 10/01/2023 của Ủy ban nhân dân huyện về phối hợp;",
        "Quy chế",
        "02/QC-UBND",
        d(10, 1, 2023),
        BASIS,
    ),
    Case(
        "Thực hiện Quy định số 08/QyĐ-UBND ngày 04/4/2023 của Ủy ban nhân dân xã về tiếp công dân,",
        "Quy định",
        "08/QyĐ-UBND",
        d(4, 4, 2023),
        IMPLEMENTS,
    ),
    Case(
        "Thực hiện Giấy mời số 115/GM-VPUB ngày 18/5/2024 của Văn phòng Ủy ban nhân dân tỉnh,",
        "Giấy mời",
        "115/GM-VPUB",
        d(18, 5, 2024),
        IMPLEMENTS,
    ),
    Case(
        "Căn cứ Biên bản số 02/BB-HĐTĐ ngày 10/9/2023 của Hội đồng thẩm định;",
        "Biên bản",
        "02/BB-HĐTĐ",
        d(10, 9, 2023),
        BASIS,
    ),
    Case(
        "Căn cứ Văn bản số 4567/BNV-CCVC ngày 21/9/2023 của Bộ Nội vụ về tuyển dụng;",
        "Văn bản",
        "4567/BNV-CCVC",
        d(21, 9, 2023),
        BASIS,
    ),
    Case(
        "Căn cứ Quyết định số 15/2024/QĐ-TTg ngày 31/7/2024 của Thủ tướng Chính phủ;",
        "Quyết định",
        "15/2024/QĐ-TTg",
        d(31, 7, 2024),
        BASIS,
    ),
    Case(
        "Thực hiện Kế hoạch số 301/KH-SNV ngày 09/02/2024 của Sở Nội vụ;",
        "Kế hoạch",
        "301/KH-SNV",
        d(9, 2, 2024),
        IMPLEMENTS,
    ),
    Case(
        "Thực hiện Thông báo kết luận số 77/TB-UBND ngày 16/4/2024 của Chủ tịch Ủy ban nhân dân tỉnh,",
        "Thông báo",
        "77/TB-UBND",
        d(16, 4, 2024),
        IMPLEMENTS,
    ),
    Case(
        "Theo Phiếu chuyển số 88/PC-VPUB ngày 03/6/2024 của Văn phòng Ủy ban nhân dân tỉnh,",
        "Phiếu chuyển",
        "88/PC-VPUB",
        d(3, 6, 2024),
        REFERS,
    ),
    Case(
        "Căn cứ Thông tư số 10/2023/TT-BTC ngày 28 tháng 02 năm 2023 của Bộ trưởng Bộ Tài chính;",
        "Thông tư",
        "10/2023/TT-BTC",
        d(28, 2, 2023),
        BASIS,
    ),
]

# --- Hướng dẫn 36-HD/VPTW: Party numbering, dashed dates ------------------------------------
PARTY_NUMBERS = [
    Case(
        "Thực hiện Nghị quyết số 18-NQ/TW, ngày 25-10-2017 của Hội nghị Trung ương sáu khóa XII,",
        "Nghị quyết",
        "18-NQ/TW",
        d(25, 10, 2017),
        IMPLEMENTS,
    ),
    Case(
        "Căn cứ Quy định số 96-QĐ/TW, ngày 02-02-2023 của Bộ Chính trị về lấy phiếu tín nhiệm;",
        "Quy định",
        "96-QĐ/TW",
        d(2, 2, 2023),
        BASIS,
    ),
    Case(
        "Thực hiện Quy định số 08-QĐi/TW, ngày 25-10-2018 của Ban Chấp hành Trung ương,",
        "Quy định",
        "08-QĐi/TW",
        d(25, 10, 2018),
        IMPLEMENTS,
    ),
    Case(
        "Thực hiện Chỉ thị số 35-CT/TW, ngày 14-6-2024 của Bộ Chính trị về đại hội đảng bộ các cấp,",
        "Chỉ thị",
        "35-CT/TW",
        d(14, 6, 2024),
        IMPLEMENTS,
    ),
    Case(
        "Thực hiện Kế hoạch số 15-KH/TU, ngày 03-3-2021 của Ban Thường vụ Tỉnh ủy,",
        "Kế hoạch",
        "15-KH/TU",
        d(3, 3, 2021),
        IMPLEMENTS,
    ),
    Case(
        "Căn cứ Hướng dẫn số 36-HD/VPTW, ngày 03-4-2018 của Văn phòng Trung ương Đảng về thể thức;",
        "Hướng dẫn",
        "36-HD/VPTW",
        d(3, 4, 2018),
        BASIS,
    ),
    Case(
        "Thực hiện Thông tri số 12-TT/TU, ngày 10-5-2022 của Ban Thường vụ Tỉnh ủy,",
        "Thông tri",
        "12-TT/TU",
        d(10, 5, 2022),
        IMPLEMENTS,
    ),
    Case(
        "Thực hiện Thông báo kết luận số 125-TB/TU, ngày 12-4-2024 của Thường trực Tỉnh ủy,",
        "Thông báo",
        "125-TB/TU",
        d(12, 4, 2024),
        IMPLEMENTS,
    ),
    Case(
        "Thực hiện Công văn số 384-CV/HU ngày 30-8-2024 của Ban Thường vụ Huyện ủy,",
        "Công văn",
        "384-CV/HU",
        d(30, 8, 2024),
        IMPLEMENTS,
    ),
    Case(
        "Căn cứ Nghị quyết số 05-NQ/ĐU, ngày 20-01-2023 của Đảng ủy xã;",
        "Nghị quyết",
        "05-NQ/ĐU",
        d(20, 1, 2023),
        BASIS,
    ),
    Case(
        "Thực hiện Kết luận số 21-KL/TW, ngày 25-10-2021 của Hội nghị Trung ương bốn khóa XIII,",
        "Kết luận",
        "21-KL/TW",
        d(25, 10, 2021),
        IMPLEMENTS,
    ),
    Case(
        "Căn cứ Nghị quyết số 03-NQ/BCSĐ ngày 15-3-2022 của Ban cán sự đảng Ủy ban nhân dân tỉnh;",
        "Nghị quyết",
        "03-NQ/BCSĐ",
        d(15, 3, 2022),
        BASIS,
    ),
    Case(
        "Thi hành Điều 2 Quyết định của Bộ Chính trị số 31-QĐ/TW, ngày 01-10-1997 ban hành Quy định về văn bản,",
        "Quyết định",
        "31-QĐ/TW",
        d(1, 10, 1997),
        IMPLEMENTS,
    ),
    Case(
        "Căn cứ Quy định của Ban Bí thư số 66-QĐ/TW, ngày 06-02-2017 về thể loại văn bản;",
        "Quy định",
        "66-QĐ/TW",
        d(6, 2, 2017),
        BASIS,
    ),
    Case(
        "Thực hiện Kế hoạch số 07-KH/BCĐ, ngày 11-7-2025 của Ban Chỉ đạo tỉnh,",
        "Kế hoạch",
        "07-KH/BCĐ",
        d(11, 7, 2025),
        IMPLEMENTS,
    ),
    Case(
        "Căn cứ Quyết định số 1208-QĐ/HU, ngày 08-8-2022 của Ban Thường vụ Huyện ủy;",
        "Quyết định",
        "1208-QĐ/HU",
        d(8, 8, 2022),
        BASIS,
    ),
    Case(
        "Thực hiện Báo cáo số 95-BC/ĐUK ngày 19-12-2023 của Đảng ủy Khối,",
        "Báo cáo",
        "95-BC/ĐUK",
        d(19, 12, 2023),
        IMPLEMENTS,
    ),
    Case(
        "Các chi bộ quán triệt Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị.",
        "Nghị quyết",
        "57-NQ/TW",
        d(22, 12, 2024),
        IMPLEMENTS,
    ),
]

# --- joint documents, consolidated texts, technical regulations -----------------------------
JOINT_AND_STANDARDS = [
    Case(
        "Căn cứ Thông tư liên tịch số 14/2015/TTLT-BTNMT-BNV-BTC ngày 04/4/2015 của liên Bộ;",
        "Thông tư liên tịch",
        "14/2015/TTLT-BTNMT-BNV-BTC",
        d(4, 4, 2015),
        BASIS,
    ),
    Case(
        "Căn cứ Thông tư liên tịch số 08/2014/TTLT-BKHCN&BNV ngày 26/5/2014;",
        "Thông tư liên tịch",
        "08/2014/TTLT-BKHCN&BNV",
        d(26, 5, 2014),
        BASIS,
    ),
    Case(
        "Căn cứ Nghị quyết liên tịch số 09/2008/NQLT-CP-UBTWMTTQVN ngày 17/4/2008;",
        "Nghị quyết liên tịch",
        "09/2008/NQLT-CP-UBTWMTTQVN",
        d(17, 4, 2008),
        BASIS,
    ),
    Case(
        "Theo Văn bản hợp nhất số 17/VBHN-BTC ngày 15/5/2023 của Bộ Tài chính, mức thu là",
        "Văn bản hợp nhất",
        "17/VBHN-BTC",
        d(15, 5, 2023),
        REFERS,
    ),
    Case(
        "Căn cứ Văn bản hợp nhất số 05/VBHN-VPQH ngày 10 tháng 7 năm 2019 của Văn phòng Quốc hội;",
        "Văn bản hợp nhất",
        "05/VBHN-VPQH",
        d(10, 7, 2019),
        BASIS,
    ),
    Case(
        "Kho chứa phải đáp ứng QCVN 05A:2020/BCT về an toàn trong sản xuất, kinh doanh.",
        "QCVN",
        "05A:2020/BCT",
        None,
        REFERS,
    ),
    Case(
        "Công trình tuân thủ QCVN 06:2022/BXD về an toàn cháy cho nhà và công trình.",
        "QCVN",
        "06:2022/BXD",
        None,
        REFERS,
    ),
    Case("Áp dụng QCVN 01: 2021/BXD về quy hoạch xây dựng.", "QCVN", "01:2021/BXD", None, REFERS),
    Case("Căn cứ Quy chuẩn kỹ thuật địa phương QCĐP 02:2023/HN về chiếu sáng;", "QCĐP", "02:2023/HN", None, BASIS),
]

# --- odd shapes: dotted and lettered numbers, slashes, case, hyphens, marks, breaks, OCR -------
ODD_SHAPES = [
    Case(
        "Căn cứ văn bản số 21.3/2025/CV-HH ngày 05/5/2025 của Hiệp hội;",
        "Công văn",
        "21.3/2025/CV-HH",
        d(5, 5, 2025),
        BASIS,
    ),
    Case(
        "Thực hiện Quyết định số 05A/QĐ-UBND ngày 10/01/2024 của Ủy ban nhân dân xã,",
        "Quyết định",
        "05A/QĐ-UBND",
        d(10, 1, 2024),
        IMPLEMENTS,
    ),
    Case(
        "Phúc đáp Công văn số 07/2025/HHDN/CV-VP ngày 12/3/2025 của Hiệp hội doanh nghiệp,",
        "Công văn",
        "07/2025/HHDN/CV-VP",
        d(12, 3, 2025),
        ANSWERS,
    ),
    Case(
        "thực hiện theo quyết định số 112/qđ-ubnd ngày 03/02/2025 của ủy ban",
        "Quyết định",
        "112/QĐ-UBND",
        d(3, 2, 2025),
        IMPLEMENTS,
    ),
    Case(
        "Căn cứ Nghị định số 99/2021/NĐCP ngày 11/11/2021 của Chính phủ;",
        "Nghị định",
        "99/2021/NĐ-CP",
        d(11, 11, 2021),
        BASIS,
    ),
    Case(
        "Căn cứ Thông tư số 10/2022/TTBNV ngày 19/12/2022 của Bộ Nội vụ;",
        "Thông tư",
        "10/2022/TT-BNV",
        d(19, 12, 2022),
        BASIS,
    ),
    Case("Căn cứ Quyết định số 77/QĐUBND ngày 02/01/2024;", "Quyết định", "77/QĐ-UBND", d(2, 1, 2024), BASIS),
    Case(
        "Căn cứ Nghị định số 123/2024/NĐ-CP3 ngày 15/9/2024 của Chính phủ;",
        "Nghị định",
        "123/2024/NĐ-CP",
        d(15, 9, 2024),
        BASIS,
    ),
    Case(
        "Căn cứ Nghị định số 118/2025/NĐ-CP¹ ngày 09/6/2025 của Chính phủ;",
        "Nghị định",
        "118/2025/NĐ-CP",
        d(9, 6, 2025),
        BASIS,
    ),
    Case(
        "Thực hiện Quyết định số 1085/QĐ-\nTTg ngày 15/9/2022 của Thủ tướng Chính phủ,",
        "Quyết định",
        "1085/QĐ-TTg",
        d(15, 9, 2022),
        IMPLEMENTS,
    ),
    Case(
        "Thực hiện Công văn số 3132/UBND-\n7\nTTHC ngày 28/6/2022 của Ủy ban nhân dân tỉnh,",
        "Công văn",
        "3132/UBND-TTHC",
        d(28, 6, 2022),
        IMPLEMENTS,
    ),
    Case(
        "Căn cứ Nghị định số 45/2020/\nNĐ-CP ngày 08 tháng 4\nnăm 2020 của Chính phủ;",
        "Nghị định",
        "45/2020/NĐ-CP",
        d(8, 4, 2020),
        BASIS,
    ),
    Case(
        "Thực hiện Quyết định số I798/QĐ-UBND ngày 16/10/2024 của Ủy ban nhân dân tỉnh,",
        "Quyết định",
        "1798/QĐ-UBND",
        d(16, 10, 2024),
        IMPLEMENTS,
    ),
    Case(
        "Căn cứ Nghị định sổ 63/2010/ND-CP ngày 08/6/2010 của Chính phủ;",
        "Nghị định",
        "63/2010/NĐ-CP",
        d(8, 6, 2010),
        BASIS,
    ),
    Case(
        "Căn cứ Quyết định số 2211/QÐ-UBND ngày l6/10/2023 của Ủy ban nhân dân tỉnh;",
        "Quyết định",
        "2211/QĐ-UBND",
        d(16, 10, 2023),
        BASIS,
    ),
    Case(
        "Thực hiện Nghị quyết số 04-NQ/TU, ngày 18 - 10 - 2021 của Tỉnh ủy,",
        "Nghị quyết",
        "04-NQ/TU",
        d(18, 10, 2021),
        IMPLEMENTS,
    ),
    Case(
        "Căn cứ Nghị quyết số 93/NQ-HDND ngày 07/12/2023 của Hội đồng nhân dân tỉnh;",
        "Nghị quyết",
        "93/NQ-HĐND",
        d(7, 12, 2023),
        BASIS,
    ),
    Case(
        "Căn cứ Nghị định số 126/NĐ-CP ngày 08/10/2024 của Chính phủ quy định về hội;",
        "Nghị định",
        "126/2024/NĐ-CP",
        d(8, 10, 2024),
        BASIS,
    ),
    Case(
        "Thực hiện Quyết định số 45 /QĐ-UBND ngày 09/01/2025 của Ủy ban nhân dân tỉnh,",
        "Quyết định",
        "45/QĐ-UBND",
        d(9, 1, 2025),
        IMPLEMENTS,
    ),
    Case(
        "Đề nghị doanh nghiệp hoàn thiện hồ sơ theo Giấy đề nghị số 01-ĐN ngày 02/4/2025 của Công ty.",
        "Giấy đề nghị",
        "01-ĐN",
        d(2, 4, 2025),
        REFERS,
    ),
    Case(
        "Căn cứ Nghị định số 151/2025/NĐ-CP, ngày 12/6/2025 của Chính phủ;",
        "Nghị định",
        "151/2025/NĐ-CP",
        d(12, 6, 2025),
        BASIS,
    ),
]

# --- laws, codes, ordinances and the Constitution cited by name or number --------------------
LAWS = [
    Case(
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
        "Luật",
        None,
        d(19, 6, 2015),
        BASIS,
        name="Tổ chức chính quyền địa phương",
        year=2015,
    ),
    Case(
        "Căn cứ Luật Phòng cháy, chữa cháy và cứu nạn, cứu hộ năm 2024;",
        "Luật",
        None,
        None,
        BASIS,
        name="Phòng cháy, chữa cháy và cứu nạn, cứu hộ",
        year=2024,
    ),
    Case(
        "Căn cứ Luật Đất đai số 31/2024/QH15 ngày 18 tháng 01 năm 2024;",
        "Luật",
        "31/2024/QH15",
        d(18, 1, 2024),
        BASIS,
        name="Đất đai",
        year=2024,
    ),
    Case("Căn cứ Luật số 63/2020/QH14 ngày 18/6/2020 của Quốc hội;", "Luật", "63/2020/QH14", d(18, 6, 2020), BASIS),
    Case("Căn cứ Bộ luật Lao động năm 2019;", "Bộ luật", None, None, BASIS, name="Lao động", year=2019),
    Case(
        "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 2013;", "Hiến pháp", None, None, BASIS, year=2013
    ),
    Case(
        "Căn cứ Pháp lệnh Ưu đãi người có công với cách mạng năm 2020;",
        "Pháp lệnh",
        None,
        None,
        BASIS,
        name="Ưu đãi người có công với cách mạng",
        year=2020,
    ),
    Case(
        "Căn cứ Luật Khoa học và Công nghệ năm 2013;",
        "Luật",
        None,
        None,
        BASIS,
        name="Khoa học và Công nghệ",
        year=2013,
    ),
    Case("Căn cứ Luật Cán bộ, công chức năm 2008;", "Luật", None, None, BASIS, name="Cán bộ, công chức", year=2008),
    Case(
        "Các cơ quan thực hiện nghiêm các quy định của Luật Thực hành tiết kiệm, chống lãng phí.",
        "Luật",
        None,
        None,
        IMPLEMENTS,
        name="Thực hành tiết kiệm, chống lãng phí",
    ),
    Case(
        "Căn cứ Luật Ngân sách nhà nước số 83/2015/QH13 ngày 25 tháng 6 năm 2015;",
        "Luật",
        "83/2015/QH13",
        d(25, 6, 2015),
        BASIS,
        name="Ngân sách nhà nước",
        year=2015,
    ),
    Case(
        "Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;",
        "Luật",
        None,
        d(18, 2, 2025),
        BASIS,
        name="Tổ chức Chính phủ",
        year=2025,
    ),
    Case(
        "Căn cứ Luật Ban hành văn bản quy phạm pháp luật năm 2015 được sửa đổi, bổ sung năm 2020;",
        "Luật",
        None,
        None,
        BASIS,
        name="Ban hành văn bản quy phạm pháp luật",
        year=2015,
    ),
    Case(
        "Căn cứ Luật Ngân sách nhà nước năm 2015, sửa đổi, bổ sung năm 2025;",
        "Luật",
        None,
        None,
        BASIS,
        name="Ngân sách nhà nước",
        year=2015,
    ),
    Case(
        "Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Đất đai năm 2025;",
        "Luật",
        None,
        None,
        BASIS,
        name="sửa đổi, bổ sung một số điều của Luật Đất đai",
        year=2025,
    ),
    Case(
        "Theo quy định tại Điều 20 Luật Thi đua, khen thưởng của Quốc hội, các đơn vị",
        "Luật",
        None,
        None,
        REFERS,
        name="Thi đua, khen thưởng",
    ),
    Case(
        "Căn cứ Bộ luật Dân sự ngày 24 tháng 11 năm 2015;",
        "Bộ luật",
        None,
        d(24, 11, 2015),
        BASIS,
        name="Dân sự",
        year=2015,
    ),
    Case(
        "Hội hoạt động theo quy định của Bộ luật Dân sự, Luật Kế toán và pháp luật có liên quan.",
        "Luật",
        None,
        None,
        REFERS,
        name="Kế toán",
        pick=1,
    ),
    Case(
        "Căn cứ Luật Bảo vệ môi trường năm 2020, Luật Đầu tư công năm 2024;",
        "Luật",
        None,
        None,
        BASIS,
        name="Đầu tư công",
        year=2024,
        pick=1,
    ),
    Case(
        "Thực hiện Luật Thống kê, Ủy ban nhân dân tỉnh ban hành kế hoạch.",
        "Luật",
        None,
        None,
        IMPLEMENTS,
        name="Thống kê",
    ),
    Case(
        "Căn cứ Pháp lệnh Chi phí tố tụng số 02/2012/UBTVQH13 ngày 28/3/2012;",
        "Pháp lệnh",
        "02/2012/UBTVQH13",
        d(28, 3, 2012),
        BASIS,
        name="Chi phí tố tụng",
        year=2012,
    ),
]

# --- later mentions: short forms, one law two mentions, two spellings of one number -----------
SHORT_FORMS = [
    Case(
        "Căn cứ Nghị định số 45/2020/NĐ-CP ngày 08/4/2020 của Chính phủ. Theo Nghị định 45, thủ tục",
        "Nghị định",
        "45/2020/NĐ-CP",
        d(8, 4, 2020),
        REFERS,
        pick=1,
    ),
    Case(
        "Căn cứ Thông tư số 01/2020/TT-VPCP ngày 21/10/2020; các đơn vị thực hiện Thông tư 01/2020.",
        "Thông tư",
        "01/2020/TT-VPCP",
        d(21, 10, 2020),
        IMPLEMENTS,
        pick=1,
    ),
    Case(
        "Thực hiện Quyết định số 1291/QĐ-TTg ngày 07/10/2019. Mục tiêu của Quyết định số 1291 là",
        "Quyết định",
        "1291/QĐ-TTg",
        d(7, 10, 2019),
        REFERS,
        pick=1,
    ),
    Case(
        "Thực hiện Nghị quyết số 18-NQ/TW, ngày 25-10-2017. Các cấp ủy quán triệt Nghị quyết 18.",
        "Nghị quyết",
        "18-NQ/TW",
        d(25, 10, 2017),
        IMPLEMENTS,
        pick=1,
    ),
    Case(
        "Thực hiện Kế hoạch số 02-KH/TU ngày 19-6-2025 của Tỉnh ủy. Theo Kế hoạch số 02, các huyện",
        "Kế hoạch",
        "02-KH/TU",
        d(19, 6, 2025),
        REFERS,
        pick=1,
    ),
    Case(
        "Theo Nghị định 99, thời hạn là 30 ngày (Nghị định số 99/2021/NĐ-CP ngày 11/11/2021 của Chính phủ).",
        "Nghị định",
        "99/2021/NĐ-CP",
        d(11, 11, 2021),
        REFERS,
    ),
    Case(
        "Căn cứ Luật Đầu tư công số 58/2024/QH15 ngày 29/11/2024; các dự án theo quy định tại Luật Đầu tư công.",
        "Luật",
        "58/2024/QH15",
        d(29, 11, 2024),
        REFERS,
        name="Đầu tư công",
        year=2024,
        pick=1,
    ),
    Case(
        "Căn cứ Luật Đất đai năm 2024; việc giao đất thực hiện theo Luật Đất đai.",
        "Luật",
        None,
        None,
        IMPLEMENTS,
        name="Đất đai",
        year=2024,
        pick=1,
    ),
    Case(
        "Căn cứ Nghị định số 126/NĐ-CP ngày 08/10/2024.\nĐiều 19 Nghị định số 126/2024/NĐ-CP quy định",
        "Nghị định",
        "126/2024/NĐ-CP",
        d(8, 10, 2024),
        REFERS,
        pick=1,
    ),
    Case(
        "Căn cứ Quyết định số 56/QĐ-UBND ngày 12/01/2024 của Ủy ban nhân dân tỉnh. Quyết định số 56/QĐ-UBND nêu rõ",
        "Quyết định",
        "56/QĐ-UBND",
        d(12, 1, 2024),
        REFERS,
        pick=1,
    ),
    Case(
        "Căn cứ Luật Quy hoạch năm 2017 (Luật số 21/2017/QH14). Theo Luật Quy hoạch, các bản quy hoạch",
        "Luật",
        "21/2017/QH14",
        None,
        REFERS,
        name="Quy hoạch",
        year=2017,
        pick=2,
    ),
    Case(
        "Căn cứ Thông tư số 05/2024/TT-BKHCN ngày 30/5/2024. Thông tư số 05/2024 có hiệu lực",
        "Thông tư",
        "05/2024/TT-BKHCN",
        d(30, 5, 2024),
        REFERS,
        pick=1,
    ),
]

# --- relation: the formula before the mention -----------------------------------------------
RELATIONS = [
    Case(
        "Trên cơ sở Quyết định số 150/QĐ-UBND ngày 20/01/2024 của Ủy ban nhân dân tỉnh, Sở xây dựng",
        "Quyết định",
        "150/QĐ-UBND",
        d(20, 1, 2024),
        BASIS,
    ),
    Case(
        "Để thi hành Nghị định số 82/2020/NĐ-CP ngày 15/7/2020 của Chính phủ, Bộ hướng dẫn",
        "Nghị định",
        "82/2020/NĐ-CP",
        d(15, 7, 2020),
        IMPLEMENTS,
    ),
    Case(
        "Ủy ban nhân dân tỉnh nhận được Công văn số 512/SYT-NV ngày 04/3/2024 của Sở Y tế.",
        "Công văn",
        "512/SYT-NV",
        d(4, 3, 2024),
        ANSWERS,
    ),
    Case(
        "Trả lời Văn bản số 90/HH-VP ngày 11/4/2024 của Hiệp hội, Sở có ý kiến như sau:",
        "Văn bản",
        "90/HH-VP",
        d(11, 4, 2024),
        ANSWERS,
    ),
    Case(
        "Quyết định này sửa đổi, bổ sung Quyết định số 12/2021/QĐ-UBND ngày 05/4/2021 của Ủy ban nhân dân tỉnh.",
        "Quyết định",
        "12/2021/QĐ-UBND",
        d(5, 4, 2021),
        AMENDS,
    ),
    Case(
        "Quyết định này thay thế Quyết định số 321/QĐ-UBND ngày 18/02/2022 của Chủ tịch Ủy ban nhân dân tỉnh.",
        "Quyết định",
        "321/QĐ-UBND",
        d(18, 2, 2022),
        REPLACES,
    ),
    Case(
        "Bãi bỏ Quyết định số 08/2019/QĐ-UBND ngày 14/3/2019 của Ủy ban nhân dân tỉnh.",
        "Quyết định",
        "08/2019/QĐ-UBND",
        d(14, 3, 2019),
        REPEALS,
    ),
    Case(
        "Thông tư này hướng dẫn Nghị định số 11/2024/NĐ-CP ngày 01/02/2024 của Chính phủ về hội.",
        "Nghị định",
        "11/2024/NĐ-CP",
        d(1, 2, 2024),
        GUIDES,
    ),
    Case(
        "Theo yêu cầu tại Công văn số 204/VPCP-KSTT ngày 10/01/2025 của Văn phòng Chính phủ, các bộ",
        "Công văn",
        "204/VPCP-KSTT",
        d(10, 1, 2025),
        ANSWERS,
    ),
    Case(
        "Quán triệt Chỉ thị số 20-CT/TU ngày 09-3-2023 của Ban Thường vụ Tỉnh ủy đến toàn thể cán bộ.",
        "Chỉ thị",
        "20-CT/TU",
        d(9, 3, 2023),
        IMPLEMENTS,
    ),
    Case(
        "Các đơn vị báo cáo kết quả theo mẫu tại Phụ lục kèm theo Công văn số 77/SNV-CCHC ngày 02/02/2024.",
        "Công văn",
        "77/SNV-CCHC",
        d(2, 2, 2024),
        REFERS,
    ),
    Case(
        "Căn cứ Nghị định số 45/2020/NĐ-CP ngày 08/4/2020; Nghị định số 107/2021/NĐ-CP ngày 06/8/2021;",
        "Nghị định",
        "107/2021/NĐ-CP",
        d(6, 8, 2021),
        BASIS,
        pick=1,
    ),
    Case(
        "Cụ thể hóa Nghị quyết số 06-NQ/TU ngày 10-10-2021 của Tỉnh ủy, Ủy ban nhân dân tỉnh ban hành",
        "Nghị quyết",
        "06-NQ/TU",
        d(10, 10, 2021),
        IMPLEMENTS,
    ),
    Case(
        "Thông tư này quy định chi tiết Luật Thống kê số 89/2015/QH13 ngày 23/11/2015.",
        "Luật",
        "89/2015/QH13",
        d(23, 11, 2015),
        GUIDES,
        name="Thống kê",
        year=2015,
    ),
]

ALL = STATE_NUMBERS + PARTY_NUMBERS + JOINT_AND_STANDARDS + ODD_SHAPES + LAWS + SHORT_FORMS + RELATIONS
