"""Rule: NĐ 30/2020 Phụ lục I — a state document is cited by kind, "số", number "/" type code "-" issuer
(a legal normative text with its year), then its date and issuer; joint documents list every issuer,
consolidated texts are VBHN, technical regulations "QCVN <số>:<năm>/<issuer>" (cases: grammar_cases)."""

from __future__ import annotations

import pytest

from pipeline.citations import get_citations
from tests.pipeline.citations.grammar_cases import JOINT_AND_STANDARDS, STATE_NUMBERS, Case, check


@pytest.mark.parametrize("case", STATE_NUMBERS + JOINT_AND_STANDARDS, ids=lambda c: c.id)
def test_state_document_numbers(case: Case):
    check(case)


@pytest.mark.parametrize(
    "text",
    [
        "Số: 15/QĐ-UBND",  # the document's own number line
        "Số: 4 72/GM-UBND",  # ... its handwritten number split by OCR
        "Sé: 3 15/TB-STP Hà Giang, ngày 05 tháng 3 năm 2025",  # ... and the tone mark of "Số" misread
        "Quyết định số      /QĐ-UBND ngày     tháng    năm 2025",  # a blank number of a draft
        "Biểu mẫu số 02/BM",  # a form of the document itself, not another document
        "đạt tiêu chuẩn ISO 9001:2015",  # a management standard applied, not a document cited
        "Điện thoại: 0263.3822.123; Fax: 0263/3822124",
        "Tổng số 1.250/1.300 hồ sơ (đạt 96,2%)",
        "trạm gác tại Km61+110.55/QL279",
        "do Tiểu ban kỹ thuật TCVN/TC 47/SC3 biên soạn",
        "hỗn hợp Pb(C2H5)4/Pb(CH3)4",
        "Giấy chứng nhận kiểm định số 9/KĐI, hiệu lực đến ngày 26/8/2026",
        "Giấy phép kinh doanh vận tải bằng xe ô tô số 2374/GPKDVT do Sở cấp",
    ],
)
def test_not_state_citations(text):
    assert get_citations(text) == []


def test_every_issuer_of_a_joint_document_is_kept():
    c = get_citations("Thông tư liên tịch số 02/2013/TTLT-BNV-BTC-BYT")[0]
    assert (c.type_code, c.issuer_code) == ("TTLT", "BNV-BTC-BYT")
