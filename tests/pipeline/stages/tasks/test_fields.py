"""Field lines of prose tasks: their labels, bullets and several pairs on one line."""

from __future__ import annotations

from pipeline.stages.tasks.fields import field_of, split_bullets, split_fields


def test_field_labels():
    assert field_of("Đơn vị chủ trì thực hiện: Thanh tra Sở.") == ("lead", "Thanh tra Sở.")
    assert field_of("Đơn vị, cá nhân chủ trì thực hiện: Phòng A") == ("lead", "Phòng A")
    assert field_of("Cơ quan chủ trì thực hiện tiếp nhận: Văn phòng") == ("lead", "Văn phòng")
    assert field_of("Đơn vị chủ trì tham mưu: Phòng A") == ("lead", "Phòng A")
    assert field_of("Cơ quan phối hợp, theo dõi: Văn phòng UBND tỉnh.") == ("support", "Văn phòng UBND tỉnh.")
    assert field_of("Đơn vị theo dõi: Sở Nội vụ") == ("monitor", "Sở Nội vụ")
    assert field_of("Đơn vị thực hiện: Các phòng") == ("units", "Các phòng")
    assert field_of("Sản phẩm:") == ("result", "")
    assert field_of("Kết quả: Báo cáo") == ("result", "Báo cáo")
    assert field_of("Thời gian hoàn thành: Quý II") == ("timing", "Quý II")
    assert field_of("Thời gian thực hiện: Quý I năm 2022.") == ("timing", "Quý I năm 2022.")
    for text in (
        "Báo cáo quý I: Trước ngày 03/3/2022.",
        "Sở Nội vụ chủ trì, phối hợp với các sở, ban, ngành xây dựng kế hoạch",
        "Kết quả thực hiện năm 2023: tốt",
        "3. Sở Khoa học và Công nghệ: Chủ trì",
    ):
        assert field_of(text) is None, text
    assert split_bullets("- + Đơn vị phối hợp: X") == ("- +", "Đơn vị phối hợp: X")
    assert split_bullets("+ Kế hoạch") == ("+", "Kế hoạch")
    assert split_bullets("➢ Sản phẩm: Báo cáo") == ("➢", "Sản phẩm: Báo cáo")  # the bullets labels.py knows
    assert split_bullets("Kế hoạch") == ("", "Kế hoạch")
    assert split_bullets("-5% chi phí") == ("", "-5% chi phí")


def test_several_label_value_pairs_on_one_line():
    assert split_fields("- Chủ trì: Sở Tài chính; phối hợp: Sở Nội vụ.") == [
        "- Chủ trì: Sở Tài chính",
        "- phối hợp: Sở Nội vụ.",
    ]
    # a semicolon inside one value, not followed by a label, does not split it
    assert split_fields("Sản phẩm: Báo cáo; kế hoạch năm sau") == ["Sản phẩm: Báo cáo; kế hoạch năm sau"]
    assert split_fields("Nâng cấp mạng; chủ trì: Sở A") == ["Nâng cấp mạng; chủ trì: Sở A"]  # not a field line
