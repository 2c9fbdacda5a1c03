"""Issuer names of a header (NĐ 30/2020/NĐ-CP Phụ lục I; Hướng dẫn 36-HD/VPTW): each body's name opens
with the kind of body it is, a name too long for the column wraps onto the next line."""

from __future__ import annotations

import pytest

from pipeline.stages.issuers import issuer_names


@pytest.mark.parametrize(
    "lines, names",
    [
        # parent above issuer, each opening with its kind of body
        (["UBND TỈNH BẮC SƠN", "SỞ Y TẾ"], ["UBND TỈNH BẮC SƠN", "SỞ Y TẾ"]),
        (["BỘ NGOẠI GIAO", "CỤC LÃNH SỰ"], ["BỘ NGOẠI GIAO", "CỤC LÃNH SỰ"]),
        (["ĐẢNG BỘ TỈNH BẮC SƠN", "TỈNH ỦY"], ["ĐẢNG BỘ TỈNH BẮC SƠN", "TỈNH ỦY"]),
        (["ĐẢNG BỘ TỈNH BẮC SƠN", "HUYỆN ỦY LONG KHÊ"], ["ĐẢNG BỘ TỈNH BẮC SƠN", "HUYỆN ỦY LONG KHÊ"]),
        (["UBND HUYỆN LONG KHÊ", "UBND XÃ PHÚ LỘC"], ["UBND HUYỆN LONG KHÊ", "UBND XÃ PHÚ LỘC"]),
        (["UBND TỈNH BẮC SƠN", "VĂN PHÒNG"], ["UBND TỈNH BẮC SƠN", "VĂN PHÒNG"]),
        (["TỔNG CÔNG TY ĐIỆN LỰC MIỀN NAM", "CÔNG TY ĐIỆN LỰC BẮC SƠN"], None),
        # one name broken before its place
        (["ỦY BAN NHÂN DÂN", "TỈNH BẮC SƠN"], ["ỦY BAN NHÂN DÂN TỈNH BẮC SƠN"]),
        (["HỘI NÔNG DÂN", "HUYỆN LONG KHÊ"], ["HỘI NÔNG DÂN HUYỆN LONG KHÊ"]),
        # a name wrapped in the narrow column: the next line does not open with a kind of body
        (["CÔNG TY CỔ PHẦN THƯƠNG MẠI", "DỊCH VỤ HOÀNG PHÁT"], ["CÔNG TY CỔ PHẦN THƯƠNG MẠI DỊCH VỤ HOÀNG PHÁT"]),
        (["SỞ VĂN HÓA, THỂ THAO", "VÀ DU LỊCH"], ["SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH"]),
        (
            ["UBND TỈNH BẮC SƠN", "TRUNG TÂM KIỂM SOÁT", "BỆNH TẬT"],
            ["UBND TỈNH BẮC SƠN", "TRUNG TÂM KIỂM SOÁT BỆNH TẬT"],
        ),
        # a PDF's visual lines: one word left over, even a word that can open a name ("TRƯỜNG")
        (["ỦY BAN NHÂN DÂN TỈNH BẮC", "SƠN", "SỞ Y TẾ"], ["ỦY BAN NHÂN DÂN TỈNH BẮC SƠN", "SỞ Y TẾ"]),
        (["SỞ NÔNG NGHIỆP VÀ MÔI", "TRƯỜNG", "CHI CỤC THỦY LỢI"], ["SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", "CHI CỤC THỦY LỢI"]),
        # a draft's mark, an urgency stamp: no body's name
        (["ỦY BAN NHÂN DÂN TỈNH BẮC SƠN", "(DỰ THẢO)"], ["ỦY BAN NHÂN DÂN TỈNH BẮC SƠN"]),
        (["DỰ THẢO LẦN 2", "UBND TỈNH BẮC SƠN", "SỞ Y TẾ"], ["UBND TỈNH BẮC SƠN", "SỞ Y TẾ"]),
        (["BỘ NGOẠI GIAO", "HỎA TỐC"], ["BỘ NGOẠI GIAO"]),
        # a template's blanks in brackets
        (["(TÊN CƠ QUAN CHỦ QUẢN)", "(TÊN CƠ QUAN BAN HÀNH)"], []),
    ],
)
def test_issuer_names(lines, names):
    assert issuer_names(lines) == (names if names is not None else lines)
