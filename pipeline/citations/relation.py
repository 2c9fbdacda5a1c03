"""What a citing text does with a citation, read from the words before it in its sentence.

NĐ 30/2020 and the genre's formulas: "Căn cứ …" (legal basis), "Thực hiện / Triển khai …"
(implements), "Theo đề nghị … / Phúc đáp … / nhận được …" (answers a request), "sửa đổi, bổ sung",
"thay thế", "bãi bỏ", "hướng dẫn"; anything else is a plain reference ("dẫn chiếu"). The nearest
formula before the mention, within its paragraph, decides: in "Căn cứ Nghị định A; Nghị định B" both
are bases, in "Căn cứ Quyết định A ban hành Kế hoạch triển khai Luật B" B is implemented by A.
"""

from __future__ import annotations

import re

from schemas.enums import RELATIONS

BASIS, IMPLEMENTS, ANSWERS, AMENDS, REPLACES, REPEALS, GUIDES, REFERS = RELATIONS  # the contract's values

_FORMULAS = [
    (BASIS, r"căn\s+cứ|trên\s+cơ\s+sở"),
    (IMPLEMENTS, r"thực\s+hiện|triển\s+khai|thi\s+hành|quán\s+triệt|cụ\s+thể\s+hóa"),
    (ANSWERS, r"theo\s+đề\s+nghị|đề\s+nghị\s+tại|phúc\s+đáp|trả\s+lời|nhận\s+được|theo\s+yêu\s+cầu"),
    (AMENDS, r"sửa\s+đổi,?\s+bổ\s+sung|sửa\s+đổi|bổ\s+sung"),
    (REPLACES, r"thay\s+thế"),
    (REPEALS, r"bãi\s+bỏ|hết\s+hiệu\s+lực|hủy\s+bỏ"),
    (GUIDES, r"hướng\s+dẫn(?!\s+số)|quy\s+định\s+chi\s+tiết"),
    (REFERS, r"quy\s+định\s+tại|theo\s+quy\s+định|tại\s+(?:điểm|khoản|điều|mục)"),
]
_FORMULA = re.compile("|".join(f"(?P<g{i}>{p})" for i, (_, p) in enumerate(_FORMULAS)), re.IGNORECASE)
# the window looked at: back to the start of the paragraph (or a sentence end), at most this far
WINDOW = 300
_PARAGRAPH = re.compile(r"(?:\n|\.\s|\|)")


def relation_of(text: str, start: int) -> str:
    """The relation of the citation starting at `start` in `text` (one of RELATIONS)."""
    lo = max(0, start - WINDOW)
    window = text[lo:start]
    breaks = list(_PARAGRAPH.finditer(window))
    if breaks:
        window = window[breaks[-1].end() :]
    found = None
    for m in _FORMULA.finditer(window):
        found = m
    if found is None:
        return REFERS
    return _FORMULAS[int(found.lastgroup[1:])][0]
