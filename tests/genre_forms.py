"""The header and closing forms of the genre, as data for tests/genre_builders.py: issuers of every
kind with their abbreviation, place and signing titles; the type names of NĐ 30/2020/NĐ-CP Phụ lục
III (and Nghị quyết, công văn); the forms of "Số:" lines, date lines, trích yếu and signer blocks.

Rules: NĐ 30/2020/NĐ-CP Phụ lục I (state bodies, and the companies and associations that follow it)
and Hướng dẫn 36-HD/VPTW (Party committees: "ĐẢNG CỘNG SẢN VIỆT NAM" on the right, a "*" under the
issuer, "Số 125-KH/TU" with a dash, "T/M BAN THƯỜNG VỤ"). Every name is invented (the province
"Phú Giang", its towns and the companies do not exist); none is taken from the corpus.
"""

from __future__ import annotations

from dataclasses import dataclass

STATE, PARTY, ORG = "state", "party", "org"
MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
MOTTOS = {STATE: MOTTO, ORG: MOTTO, PARTY: ("ĐẢNG CỘNG SẢN VIỆT NAM",)}


@dataclass(frozen=True)
class Issuer:
    """An issuing body as its header prints it (`lines`, above the "Số:" line) and as metadata
    reads it (`parent`, `name`); `abbrev` is its part of a symbol; `signers` its signing blocks by
    form (TM., KT., TL., TUQ., Q., the head)."""

    key: str
    family: str
    lines: tuple[str, ...]
    parent: str | None
    name: str
    abbrev: str
    place: str
    signers: dict[str, tuple[str, ...]]
    decides: str  # the authority line under a decision's title ("CHỦ TỊCH ỦY BAN NHÂN DÂN …")
    motto: tuple[str, ...] = ()  # the right column's heading when not its family's (the Đoàn's)
    dashed: bool = False  # numbered as the Party numbers ("Số: 125-KH/TĐTN"), as the Đoàn does
    types: tuple[str | None, ...] = ()  # the types it issues when not its family's


ISSUERS = (
    Issuer(
        "ubnd_tinh",
        STATE,
        ("ỦY BAN NHÂN DÂN", "TỈNH PHÚ GIANG"),
        None,
        "ỦY BAN NHÂN DÂN TỈNH PHÚ GIANG",
        "UBND",
        "Phú Giang",
        {
            "tm": ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
            "kt": ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"),
            "tm_kt": ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"),
            "tl": ("TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"),
            "tl_kt": ("TL. CHỦ TỊCH", "KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"),
            "tuq": ("TUQ. CHỦ TỊCH", "GIÁM ĐỐC SỞ Y TẾ"),
            "q": ("Q. CHỦ TỊCH",),
        },
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH PHÚ GIANG",
    ),
    Issuer(
        "ubnd_huyen",
        STATE,
        ("ỦY BAN NHÂN DÂN", "HUYỆN ĐÔNG SƠN"),
        None,
        "ỦY BAN NHÂN DÂN HUYỆN ĐÔNG SƠN",
        "UBND",
        "Đông Sơn",
        {"tm": ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"), "kt": ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"), "head": ("CHỦ TỊCH",)},
        "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN ĐÔNG SƠN",
    ),
    Issuer(
        "ubnd_thanh_pho",
        STATE,
        ("ỦY BAN NHÂN DÂN", "THÀNH PHỐ HẢI LONG"),
        None,
        "ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI LONG",
        "UBND",
        "Hải Long",
        {"tm_kt": ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"), "tl": ("TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG")},
        "CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI LONG",
    ),
    Issuer(
        "hdnd",
        STATE,
        ("HỘI ĐỒNG NHÂN DÂN", "TỈNH LONG PHÚ - HẢI AN"),
        None,
        "HỘI ĐỒNG NHÂN DÂN TỈNH LONG PHÚ - HẢI AN",
        "HĐND",
        "Long Phú - Hải An",
        {"head": ("CHỦ TỊCH",), "kt": ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"), "tm": ("TM. THƯỜNG TRỰC HĐND", "CHỦ TỊCH")},
        "HỘI ĐỒNG NHÂN DÂN TỈNH LONG PHÚ - HẢI AN",
    ),
    Issuer(
        "ubnd_xa",
        STATE,
        ("UBND HUYỆN ĐÔNG SƠN", "UBND XÃ HÒA AN"),
        "UBND HUYỆN ĐÔNG SƠN",
        "UBND XÃ HÒA AN",
        "UBND",
        "Hòa An",
        {"tm": ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"), "kt": ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")},
        "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ HÒA AN",
    ),
    Issuer(
        "so",
        STATE,
        ("UBND TỈNH PHÚ GIANG", "SỞ Y TẾ"),
        "UBND TỈNH PHÚ GIANG",
        "SỞ Y TẾ",
        "SYT",
        "Phú Giang",
        {
            "head": ("GIÁM ĐỐC",),
            "kt": ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"),
            "tl": ("TL. GIÁM ĐỐC", "CHÁNH VĂN PHÒNG"),
            "q": ("Q. GIÁM ĐỐC",),
        },
        "GIÁM ĐỐC SỞ Y TẾ",
    ),
    Issuer(
        "so_long",
        STATE,
        ("ỦY BAN NHÂN DÂN TỈNH PHÚ GIANG", "SỞ GIÁO DỤC VÀ ĐÀO TẠO"),
        "ỦY BAN NHÂN DÂN TỈNH PHÚ GIANG",
        "SỞ GIÁO DỤC VÀ ĐÀO TẠO",
        "SGDĐT",
        "Phú Giang",
        {"kt": ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"), "head": ("GIÁM ĐỐC",)},
        "GIÁM ĐỐC SỞ GIÁO DỤC VÀ ĐÀO TẠO",
    ),
    Issuer(
        "bo",
        STATE,
        ("BỘ Y TẾ",),
        None,
        "BỘ Y TẾ",
        "BYT",
        "Hà Nội",
        {
            "kt": ("KT. BỘ TRƯỞNG", "THỨ TRƯỞNG"),
            "tl": ("TL. BỘ TRƯỞNG", "VỤ TRƯỞNG VỤ TỔ CHỨC CÁN BỘ"),
            "tuq": ("TUQ. BỘ TRƯỞNG", "CỤC TRƯỞNG CỤC QUẢN LÝ DƯỢC"),
            "head": ("BỘ TRƯỞNG",),
        },
        "BỘ TRƯỞNG BỘ Y TẾ",
    ),
    Issuer(
        "chinh_phu",
        STATE,
        ("CHÍNH PHỦ",),
        None,
        "CHÍNH PHỦ",
        "CP",
        "Hà Nội",
        {"tm": ("TM. CHÍNH PHỦ", "THỦ TƯỚNG"), "tm_kt": ("TM. CHÍNH PHỦ", "KT. THỦ TƯỚNG", "PHÓ THỦ TƯỚNG")},
        "CHÍNH PHỦ",
        types=("NGHỊ ĐỊNH", "NGHỊ QUYẾT", "NGHỊ ĐỊNH", None),
    ),
    Issuer(
        "bo_thong_tu",
        STATE,
        ("BỘ Y TẾ",),
        None,
        "BỘ Y TẾ",
        "BYT",
        "Hà Nội",
        {"kt": ("KT. BỘ TRƯỞNG", "THỨ TRƯỞNG"), "head": ("BỘ TRƯỞNG",)},
        "BỘ TRƯỞNG BỘ Y TẾ",
        types=("THÔNG TƯ",),
    ),
    Issuer(
        "cuc",
        STATE,
        ("BỘ Y TẾ", "CỤC QUẢN LÝ DƯỢC"),
        "BỘ Y TẾ",
        "CỤC QUẢN LÝ DƯỢC",
        "QLD",
        "Hà Nội",
        {"head": ("CỤC TRƯỞNG",), "kt": ("KT. CỤC TRƯỞNG", "PHÓ CỤC TRƯỞNG"), "q": ("Q. CỤC TRƯỞNG",)},
        "CỤC TRƯỞNG CỤC QUẢN LÝ DƯỢC",
    ),
    Issuer(
        "chi_cuc",
        STATE,
        ("SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", "CHI CỤC KIỂM LÂM"),
        "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG",
        "CHI CỤC KIỂM LÂM",
        "CCKL",
        "Phú Giang",
        {"head": ("CHI CỤC TRƯỞNG",), "kt": ("KT. CHI CỤC TRƯỞNG", "PHÓ CHI CỤC TRƯỞNG")},
        "CHI CỤC TRƯỞNG CHI CỤC KIỂM LÂM",
    ),
    Issuer(
        "tinh_uy",
        PARTY,
        ("ĐẢNG BỘ TỈNH PHÚ GIANG", "TỈNH ỦY", "*"),
        "ĐẢNG BỘ TỈNH PHÚ GIANG",
        "TỈNH ỦY",
        "TU",
        "Phú Giang",
        {
            "tm": ("T/M BAN THƯỜNG VỤ", "BÍ THƯ"),
            "tm_pho": ("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ"),
            "tl": ("T/L BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG"),
        },
        "BAN THƯỜNG VỤ TỈNH ỦY",
    ),
    Issuer(
        "huyen_uy",
        PARTY,
        ("ĐẢNG BỘ TỈNH PHÚ GIANG", "HUYỆN ỦY ĐÔNG SƠN", "*"),
        "ĐẢNG BỘ TỈNH PHÚ GIANG",
        "HUYỆN ỦY ĐÔNG SƠN",
        "HU",
        "Đông Sơn",
        {"tm": ("T/M BAN THƯỜNG VỤ", "BÍ THƯ"), "tm_pho": ("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ")},
        "BAN THƯỜNG VỤ HUYỆN ỦY",
    ),
    Issuer(
        "ban_dang",
        PARTY,
        ("TỈNH ỦY PHÚ GIANG", "BAN TUYÊN GIÁO", "*"),
        "TỈNH ỦY PHÚ GIANG",
        "BAN TUYÊN GIÁO",
        "BTGTU",
        "Phú Giang",
        {"kt": ("K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"), "head": ("TRƯỞNG BAN",)},
        "BAN TUYÊN GIÁO TỈNH ỦY",
    ),
    Issuer(
        "cong_ty",
        ORG,
        ("CÔNG TY CỔ PHẦN ĐẦU TƯ", "XÂY DỰNG HƯNG LONG"),
        None,
        "CÔNG TY CỔ PHẦN ĐẦU TƯ XÂY DỰNG HƯNG LONG",
        "HL",
        "Phú Giang",
        {
            "head": ("TỔNG GIÁM ĐỐC",),
            "tm": ("TM. HỘI ĐỒNG QUẢN TRỊ", "CHỦ TỊCH"),
            "kt": ("KT. TỔNG GIÁM ĐỐC", "PHÓ TỔNG GIÁM ĐỐC"),
        },
        "HỘI ĐỒNG QUẢN TRỊ CÔNG TY CỔ PHẦN ĐẦU TƯ XÂY DỰNG HƯNG LONG",
    ),
    Issuer(
        "doan",
        ORG,
        ("BAN CHẤP HÀNH ĐOÀN TỈNH PHÚ GIANG", "***"),
        None,
        "BAN CHẤP HÀNH ĐOÀN TỈNH PHÚ GIANG",
        "TĐTN",
        "Phú Giang",
        {"tm": ("TM. BAN THƯỜNG VỤ", "PHÓ BÍ THƯ"), "head": ("BÍ THƯ",)},
        "BAN THƯỜNG VỤ TỈNH ĐOÀN PHÚ GIANG",
        ("ĐOÀN TNCS HỒ CHÍ MINH",),
        dashed=True,
    ),
    Issuer(
        "hoi",
        ORG,
        ("HỘI CHỮ THẬP ĐỎ", "TỈNH PHÚ GIANG"),
        None,
        "HỘI CHỮ THẬP ĐỎ TỈNH PHÚ GIANG",
        "HCTĐ",
        "Phú Giang",
        {"tm": ("TM. BAN THƯỜNG VỤ", "CHỦ TỊCH"), "kt": ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")},
        "BAN THƯỜNG VỤ HỘI CHỮ THẬP ĐỎ TỈNH PHÚ GIANG",
    ),
)

# (printed type name, code): NĐ 30/2020 Phụ lục III, and the Nghị quyết; None is a công văn
TYPES = (
    ("QUYẾT ĐỊNH", "QĐ"),
    ("CHỈ THỊ", "CT"),
    ("QUY CHẾ", "QC"),
    ("QUY ĐỊNH", "QyĐ"),
    ("THÔNG CÁO", "TC"),
    ("THÔNG BÁO", "TB"),
    ("HƯỚNG DẪN", "HD"),
    ("CHƯƠNG TRÌNH", "CTr"),
    ("KẾ HOẠCH", "KH"),
    ("PHƯƠNG ÁN", "PA"),
    ("ĐỀ ÁN", "ĐA"),
    ("DỰ ÁN", "DA"),
    ("BÁO CÁO", "BC"),
    ("BIÊN BẢN", "BB"),
    ("TỜ TRÌNH", "TTr"),
    ("HỢP ĐỒNG", "HĐ"),
    ("CÔNG ĐIỆN", "CĐ"),
    ("BẢN GHI NHỚ", "BGN"),
    ("BẢN THỎA THUẬN", "BTT"),
    ("GIẤY ỦY QUYỀN", "GUQ"),
    ("GIẤY MỜI", "GM"),
    ("GIẤY GIỚI THIỆU", "GGT"),
    ("GIẤY NGHỈ PHÉP", "GNP"),
    ("PHIẾU GỬI", "PG"),
    ("PHIẾU CHUYỂN", "PC"),
    ("PHIẾU BÁO", "PB"),
    ("NGHỊ QUYẾT", "NQ"),
    (None, "CV"),
)
# the state bodies' types in turn, a công văn (the most frequent of all) after every fourth
STATE_TYPES = tuple(x for i, (w, _) in enumerate(TYPES[:-1]) for x in ((w, None) if i % 4 == 3 else (w,)))
# the types a Party committee issues (Hướng dẫn 36-HD/VPTW), a Party công văn carries "CV" in its symbol
PARTY_TYPES = ("NGHỊ QUYẾT", "CHỈ THỊ", "KẾT LUẬN", "QUYẾT ĐỊNH", "HƯỚNG DẪN", "THÔNG BÁO", "BÁO CÁO", "KẾ HOẠCH")
PARTY_TYPES += ("CHƯƠNG TRÌNH", "TỜ TRÌNH", None)
# the types a company or an association issues most, a công văn among them
ORG_TYPES = ("THÔNG BÁO", "GIẤY MỜI", None, "HỢP ĐỒNG", "QUYẾT ĐỊNH", "BIÊN BẢN", "BÁO CÁO", "GIẤY ỦY QUYỀN")
ORG_TYPES += ("NGHỊ QUYẾT", "KẾ HOẠCH")
CODES = dict(TYPES) | {"KẾT LUẬN": "KL", "NGHỊ ĐỊNH": "NĐ", "THÔNG TƯ": "TT"}
# legal documents (Luật Ban hành văn bản quy phạm pháp luật): their number carries its year
LEGAL = {"NGHỊ ĐỊNH", "THÔNG TƯ"}
# types signed by two sides side by side (the right one is the issuer's signer)
TWO_SIDED = {"BIÊN BẢN", "HỢP ĐỒNG", "BẢN GHI NHỚ", "BẢN THỎA THUẬN"}
# types with no trích yếu under their name (NĐ 30/2020 Phụ lục I, mẫu giấy giới thiệu, giấy nghỉ phép …)
UNTITLED = {"GIẤY GIỚI THIỆU", "GIẤY NGHỈ PHÉP", "GIẤY ỦY QUYỀN", "PHIẾU GỬI", "PHIẾU CHUYỂN", "PHIẾU BÁO"}
# types addressed with "Kính gửi" under their title
ADDRESSED = {"TỜ TRÌNH"}

# "Số:" lines: the number as printed (None: left blank), the symbol after it
STATE_NUMBERS = ("plain", "leading_zero", "year", "dot", "unit", "blank", "no_space", "spaced")
PARTY_NUMBERS = ("party", "party_colon", "party_blank")
STATE_DATES = ("genre", "bare", "blank_day", "blank_day_month")
PARTY_DATES = ("genre", "party_dash", "bare")
TITLES = ("one_line", "ve_viec", "thuc_hien", "line_break", "with_type")  # with_type: in the type name's paragraph
SUBJECTS = ("subject_one", "subject_two", "subject_three")
# the header table: agencies | motto in one row, or "Số:" | date in a second row; rules under the names
HEADERS = ("one_row", "two_rows", "ruled")
RECIPIENT_FORMS = ("lines", "table")
CLOSINGS = ("table", "table", "paragraphs")
BODIES = ("short",) * 5 + ("long",)  # a long body puts the closing on the next page
GAPS = ("blank", "image", "signed_note", "plain_name", "caps_name")  # caps_name: the name in capitals
TOPICS = (
    "tổ chức Hội nghị tổng kết công tác năm 2025",
    "triển khai nhiệm vụ chuyển đổi số trong quý II năm 2026",
    "kiểm tra công tác phòng cháy, chữa cháy tại các đơn vị",
    "tăng cường quản lý an toàn thực phẩm dịp Tết Nguyên đán",
    "rà soát, sắp xếp các đơn vị sự nghiệp công lập",
    "thành lập Tổ công tác hỗ trợ doanh nghiệp",
)
LONG_TOPICS = (
    (
        "Thực hiện Chương trình hành động số 15-CTr/TU của Tỉnh ủy",
        "về phát triển kinh tế tập thể giai đoạn 2026 - 2030",
    ),
    ("Thực hiện Nghị quyết số 08-NQ/TU của Ban Thường vụ Tỉnh ủy", "về đẩy mạnh cải cách hành chính năm 2026"),
)
VE_VIEC = (
    ("Về việc tổ chức kiểm tra công tác phòng, chống thiên tai", "và tìm kiếm cứu nạn năm 2026"),
    ("Về việc điều chỉnh kế hoạch đào tạo, bồi dưỡng", "cán bộ, công chức, viên chức năm 2026"),
)
SUBJECT_TEXTS = (
    ("V/v góp ý dự thảo Kế hoạch phát triển", "nguồn nhân lực năm 2026"),
    ("V/v đề nghị cung cấp số liệu phục vụ", "tổng kết công tác năm 2025"),
    ("V/v hướng dẫn triển khai thực hiện", "quy trình tiếp nhận, giải quyết hồ sơ", "trên môi trường điện tử"),
)
RECIPIENT_LISTS = (
    ("Sở Tài nguyên và Nước tỉnh Phú Giang",),
    ("Các sở, ban, ngành tỉnh", "Ủy ban nhân dân các huyện, thị xã"),
    ("Ban Quản lý các khu công nghiệp", "Trung tâm Phục vụ hành chính công", "Văn phòng Đoàn đại biểu Quốc hội"),
)
DISTRIBUTIONS = (
    ("Như trên", "Lưu: VT, VP"),
    ("Như Điều 3", "Thường trực Tỉnh ủy (b/c)", "Lưu: VT, TH"),
    ("Các đơn vị trực thuộc", "Website đơn vị", "Lưu: VT"),
    # an entry longer than the column: a PDF wraps it onto a second line
    ("Như trên", "Vụ Tổ chức cán bộ, đơn vị thường trực cải cách hành chính của các bộ, ngành", "Lưu: VT"),
)
FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ", "Đặng", "Bùi", "Đỗ", "Ngô")
MIDDLE = ("Văn", "Thị", "Minh", "Hữu", "Thanh", "Quốc", "Ngọc", "Đức")
GIVEN_2 = ("Minh Anh", "Thu Hằng", "Quốc Bảo", "Ngọc Diệp")  # a four-word name
# names of the Central Highlands' peoples: a given name with an apostrophe, a family name last
HIGHLAND_NAMES = ("Ksor H'Liên", "H'Mai Êban", "Y Khăm Niê", "Rơ Châm H'Drin")
GIVEN = ("An", "Bình", "Cường", "Dũng", "Hà", "Khánh", "Lan", "Phúc", "Quang", "Sơn", "Tâm", "Yến", "Thảo")
