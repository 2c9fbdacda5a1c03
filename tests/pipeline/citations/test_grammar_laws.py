"""Rule: NĐ 30/2020 Phụ lục I — a Luật or Pháp lệnh is cited by its kind and name ("Luật Đất đai năm
2024"), the name with any punctuation of its own ("Phòng cháy, chữa cháy và cứu nạn, cứu hộ"), the year
or its date, or by number ("Luật số 63/2020/QH14"); Bộ luật and Hiến pháp alike (cases: grammar_cases)."""

from __future__ import annotations

import pytest

from pipeline.citations import get_citations
from tests.pipeline.citations.grammar_cases import LAWS, Case, check


@pytest.mark.parametrize("case", LAWS, ids=lambda c: c.id)
def test_laws(case: Case):
    check(case)


@pytest.mark.parametrize(
    "text, name",
    [
        ("theo Luật Đầu tư công của Quốc hội", "Đầu tư công"),
        ("theo Luật Đầu tư công và pháp luật có liên quan", "Đầu tư công"),
        ("theo Luật Đầu tư công và các văn bản hướng dẫn", "Đầu tư công"),
        ("Luật Doanh nghiệp và Luật Đầu tư", "Doanh nghiệp"),
    ],
)
def test_a_name_ends_where_the_law_ends(text, name):
    assert get_citations(text)[0].name == name


@pytest.mark.parametrize(
    "text",
    [
        "Luật sư tư vấn cho người dân",
        "thực hiện đúng quy định của pháp luật",
        "theo quy định của luật",
        "các dự án luật trình Quốc hội",
    ],
)
def test_not_laws(text):
    assert get_citations(text) == []


@pytest.mark.parametrize(
    "text, name",
    [
        ("theo khoản 2 Điều 12 của Luật Khoáng sản phải báo cáo", "Khoáng sản"),
        ("được thành lập theo quy định của Luật Hợp tác xã, gồm: hợp tác xã, liên hiệp", "Hợp tác xã"),
        ("theo quy định của Luật Ngân sách nhà nước, pháp luật về kế toán", "Ngân sách nhà nước"),
        ("Điều 48 Luật Xử lý vi phạm hành chính và khoản 3 Điều 2", "Xử lý vi phạm hành chính"),
        ("quy định tại Điều 9 của Luật Khoáng sản lập hồ sơ đề nghị", "Khoáng sản"),
        ("triển khai Luật thực hiện dân chủ ở cơ sở", "thực hiện dân chủ ở cơ sở"),
        ("Luật Phổ biến, giáo dục pháp luật năm 2012", "Phổ biến, giáo dục pháp luật"),
        ("đối tượng của Luật Khoáng sản sử dụng khoáng sản làm vật liệu", "Khoáng sản"),
        ("Luật Quản lý, sử dụng tài sản công năm 2017", "Quản lý, sử dụng tài sản công"),
        ("theo Luật Trồng trọt và sửa đổi, bổ sung một số điều", "Trồng trọt"),
        ("Luật Hóa chất hết hiệu lực kể từ ngày", "Hóa chất"),
        ("Bãi bỏ Điều 44 của Luật Đê điều số 79/2006/QH11", "Đê điều"),
    ],
)
def test_a_name_ends_before_the_clause_that_cites_it(text, name):
    assert get_citations(text)[0].name == name
