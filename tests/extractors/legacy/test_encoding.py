"""TCVN3 (ABC) and VNI → Unicode: table round trips, hand-verified byte strings, detection."""

from __future__ import annotations

import unicodedata

import pytest

from extractors.legacy.encoding import (
    TCVN3_TO_UNICODE,
    UNICODE_TO_VNI,
    detect_encoding,
    fix_run,
    font_encoding,
    from_unicode,
    to_unicode,
)

WORDS = [
    "Kế hoạch",
    "Quyết định",
    "Uỷ ban nhân dân",
    "Cộng hòa xã hội chủ nghĩa Việt Nam",
    "Độc lập - Tự do - Hạnh phúc",
    "Sở Khoa học và Công nghệ tỉnh Quảng Ngãi",
    "Nguyễn Thị Hường ngoằn ngoèo khuỷu tay",
    "giữa gìn quyết thuở khuya người",
    "Thời gian thực hiện: Quý I năm 2024",
    "cải cách thủ tục hành chính",
]

# every lowercase Vietnamese letter with a diacritic (the 67 + đ)
VI_LOWER = sorted(
    {
        unicodedata.normalize("NFC", b + m + t)
        for b, m in [
            ("a", ""),
            ("a", "\u0306"),
            ("a", "\u0302"),
            ("e", ""),
            ("e", "\u0302"),
            ("i", ""),
            ("o", ""),
            ("o", "\u0302"),
            ("o", "\u031b"),
            ("u", ""),
            ("u", "\u031b"),
            ("y", ""),
        ]
        for t in ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
    }
    - set("aeiouy")
    | {"đ"}
)


def test_tables_cover_every_letter():
    assert len(VI_LOWER) == 12 * 6 - 6 + 1
    tcvn3_letters = set(TCVN3_TO_UNICODE.values())
    assert set(VI_LOWER) <= tcvn3_letters
    assert set("ĂÂÊÔƠƯĐ") <= tcvn3_letters
    upper = {ch.upper() for ch in VI_LOWER}
    assert set(VI_LOWER) | upper <= set(UNICODE_TO_VNI)


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_every_letter_round_trips(encoding):
    letters = VI_LOWER + ([ch.upper() for ch in VI_LOWER] if encoding == "vni" else list("ĂÂÊÔƠƯĐ"))
    for ch in letters:
        assert to_unicode(from_unicode(ch, encoding), encoding) == ch, ch


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
@pytest.mark.parametrize("word", WORDS)
def test_known_words_encode_detect_and_convert(word, encoding):
    legacy = from_unicode(word, encoding)
    assert legacy != word
    assert detect_encoding(legacy) == encoding
    assert to_unicode(legacy) == unicodedata.normalize("NFC", word)


@pytest.mark.parametrize(
    "legacy,expected",
    [
        # TCVN3 byte strings as they appear in old documents (bytes checked against the code chart)
        (b"K\xd5 ho\xb9ch", "Kế hoạch"),
        (b"Quy\xd5t \xae\xdenh", "Quyết định"),
        (b"U\xfb ban nh\xa9n d\xa9n", "Uỷ ban nhân dân"),
        (b"C\xe9ng ho\xb5 x\xb7 h\xe9i ch\xf1 ngh\xdca Vi\xd6t Nam", "Cộng hoà xã hội chủ nghĩa Việt Nam"),
        (b"\xa7\xe9c l\xcbp - T\xf9 do - H\xb9nh ph\xf3c", "Độc lập - Tự do - Hạnh phúc"),
        (b"Tr\xad\xeang", "Trường"),
    ],
)
def test_tcvn3_byte_strings(legacy, expected):
    text = legacy.decode("latin-1")
    assert detect_encoding(text) == "tcvn3"
    assert to_unicode(text) == expected


@pytest.mark.parametrize(
    "legacy,expected",
    [
        ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
        ("Ñoäc laäp - Töï do - Haïnh phuùc", "Độc lập - Tự do - Hạnh phúc"),
        ("UÛy ban nhaân daân", "Ủy ban nhân dân"),
        ("Keá hoaïch", "Kế hoạch"),
        ("Quyeát ñònh", "Quyết định"),
        ("Tröôøng", "Trường"),
    ],
)
def test_vni_strings(legacy, expected):
    assert detect_encoding(legacy) == "vni"
    assert to_unicode(legacy) == expected


def test_uppercase_h_fonts():
    # .VnTimeH draws the lowercase codes as capitals: "ỦY BAN NHÂN DÂN" is typed ñY BAN NH¢N D¢N
    assert to_unicode("\xf1Y BAN NH\xa2N D\xa2N", "tcvn3", uppercase=True) == "ỦY BAN NHÂN DÂN"
    assert fix_run("KÕ HO¹CH", ".VnTimeH") == "KẾ HOẠCH"
    with pytest.raises(ValueError):
        from_unicode("Ủy", "tcvn3")  # no code for a capital with a tone mark


@pytest.mark.parametrize(
    "text",
    [
        "Kế hoạch năm 2024",
        "Tôi là ai",
        "Café résumé",
        "hello world",
        "",
        "Số: 123/KH-UBND",
        "Công văn số 2089/SNV-CCHC ngày 06/11/2023",
    ],
)
def test_unicode_and_ascii_left_alone(text):
    assert detect_encoding(text) == "unicode"
    assert to_unicode(text) == unicodedata.normalize("NFC", text)
    assert fix_run(text) == text


def test_font_names():
    assert font_encoding(".VnTime") == ("tcvn3", False)
    assert font_encoding(".VnTimeH") == ("tcvn3", True)
    assert font_encoding(".VnArial NarrowH") == ("tcvn3", True)
    assert font_encoding(".VnTimeH,BoldItalic") == ("tcvn3", True)  # stacked style suffixes (PDF names)
    assert font_encoding(".VnArial Narrow Bold") == ("tcvn3", False)
    assert font_encoding("VNI-Times") == ("vni", False)
    assert font_encoding("Times New Roman") is None
    assert font_encoding(None) is None
    # by font, even a one-word run converts; a Unicode run under a legacy font name is kept
    assert fix_run("®Þnh", ".VnTime") == "định"
    assert fix_run("ñònh", "VNI-Times") == "định"
    assert fix_run("định", ".VnTime") == "định"


def test_mixed_paragraph_detection():
    para = from_unicode("Thời gian thực hiện: Quý I năm 2024, ban hành kế hoạch", "tcvn3")
    assert detect_encoding(para) == "tcvn3"
    assert to_unicode(para) == "Thời gian thực hiện: Quý I năm 2024, ban hành kế hoạch"
