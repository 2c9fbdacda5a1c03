"""The issuing bodies of a header (NĐ 30/2020/NĐ-CP Phụ lục I, mục "tên cơ quan, tổ chức ban hành";
Hướng dẫn 36-HD/VPTW for Party bodies): the parent body's name above the issuer's, each in capitals,
each opening with the kind of body it is ("SỞ …", "CỤC …", "CÔNG TY …", "HUYỆN ỦY …"). A name too long
for the header's column wraps onto the next line ("CÔNG TY CỔ PHẦN ĐẦU TƯ / XÂY DỰNG HƯNG LONG"; in a
PDF even "… TỈNH PHÚ / GIANG"): a line that does not open with a kind of body, or is one word, goes
on the name above it. "ỦY BAN NHÂN DÂN / TỈNH …" is one name broken before its place; a draft's
"DỰ THẢO", an urgency stamp or a line in brackets printed among the names is none.
"""

from __future__ import annotations

import re

from pipeline.stages.symbols import PLACE_WORD

# the words a body's name opens with (state bodies, courts and procuracies, Party and mass
# organizations, armed forces, enterprises, schools and hospitals), printed in capitals
_BODY_KIND = re.compile(
    r"^(?:(?:ỦY|UỶ)\s+BAN|UBND|HĐND|UBMTTQ|MTTQ|MẶT\s+TRẬN|HỘI\s+ĐỒNG|(?:TỔNG\s+|CHI\s+)?CỤC|SỞ|BỘ|VỤ|"
    r"(?:HỌC\s+)?VIỆN|VĂN\s+PHÒNG|PHÒNG|(?:TIỂU\s+)?BAN|BQL|BCH|BTV|TRUNG\s+TÂM|TRƯỜNG|ĐẠI\s+HỌC|"
    r"BỆNH\s+VIỆN|(?:TỔNG\s+)?CÔNG\s+TY|CTY|TẬP\s+ĐOÀN|HỢP\s+TÁC\s+XÃ|HTX|LIÊN\s+HIỆP|LIÊN\s+MINH|HIỆP\s+HỘI|"
    r"HỘI|(?:TỔNG\s+)?LIÊN\s+ĐOÀN|LĐLĐ|CÔNG\s+ĐOÀN|ĐOÀN|(?:TỈNH|THÀNH|HUYỆN|QUẬN|THỊ)\s+ĐOÀN|"
    r"ĐẢNG\s+(?:BỘ|(?:ỦY|UỶ)|ĐOÀN)|CHI\s+BỘ|(?:TỈNH|THÀNH|HUYỆN|QUẬN|THỊ)\s+(?:ỦY|UỶ)|CÔNG\s+AN|"
    r"BỘ\s+CHỈ\s+HUY|BỘ\s+ĐỘI|BỘ\s+TƯ\s+LỆNH|QUÂN\s+KHU|(?:SƯ|LỮ|TRUNG|TIỂU)\s+ĐOÀN|ĐỒN|THANH\s+TRA|"
    r"KIỂM\s+TOÁN|T[OÒ]A\s+ÁN|TAND|VIỆN\s+KIỂM\s+SÁT|VKSND|KHO\s+BẠC|NGÂN\s+HÀNG|CHI\s+NHÁNH|QUỸ|"
    r"BẢO\s+HIỂM|BHXH|ĐÀI|BÁO|NHÀ|XÍ\s+NGHIỆP|CHÍNH\s+PHỦ|THỦ\s+TƯỚNG|QUỐC\s+HỘI|CHỦ\s+TỊCH|TỔ|NHÓM|"
    r"ĐỘI|HẠT|TRẠM|CẢNG|KHU|GIÁO\s+HỘI|ĐẠI\s+HỘI)\b"
)
# the marks NĐ 30/2020 sets apart from the issuer's name, in its reach: a draft's "DỰ THẢO" (boxed), a
# copy's "BẢN SAO", the urgency and secrecy stamps ("HỎA TỐC", "KHẨN", "MẬT")
_MARK = re.compile(
    r"^\(?\s*(?:DỰ\s+THẢO(?:\s+LẦN)?(?:\s*\d+)?|BẢN\s+SAO|(?:THƯỢNG\s+)?KHẨN|H(?:ỎA|OẢ)\s+TỐC|(?:TỐI\s+|TUYỆT\s+)?MẬT)"
    r"\s*\)?$"
)
_ASIDE = re.compile(r"^\(.*\)$")  # a line in brackets: a template's blank "(TÊN CƠ QUAN)", a note
_HAS_PLACE = re.compile(r"\b(TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|XÃ)\b")


def _continues(line: str, above: str) -> bool:
    """True when `line` goes on the name printed above it rather than opening a name of its own."""
    if PLACE_WORD.match(line):
        return not _HAS_PLACE.search(above)  # "ỦY BAN NHÂN DÂN / TỈNH …", but "ĐẢNG BỘ TỈNH … / TỈNH ỦY"
    return len(line.split()) == 1 or not _BODY_KIND.match(line)


def issuer_names(lines: list[str]) -> list[str]:
    """The names of the bodies a header's upper-case agency lines print, top (parent) first, each
    wrapped line joined to the name it continues."""
    names: list[str] = []
    for text in lines:
        if _MARK.match(text) or _ASIDE.match(text):
            continue
        if names and _continues(text, names[-1]):
            names[-1] += " " + text
        else:
            names.append(text)
    return names
