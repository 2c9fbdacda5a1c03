"""Identity rules (pipeline/stages/identity.py), from the genre: NĐ 30/2020 Phụ lục I gives every
issued document a number, a symbol and a date; a draft leaves them blank; renditions of one
document carry the same words."""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from collections import Counter

from pipeline.records import DocMeta
from pipeline.stages.identity import fold, identify, is_final, metadata_key, shingles, task_keys, text_simhash

ISSUED = DocMeta(
    doc_type="KH",
    doc_number="015",
    doc_symbol="KH-UBND",
    issuer="ỦY BAN NHÂN DÂN XÃ AN BÌNH",
    issued_date=dt.date(2025, 3, 4),
)

PLAN = (
    "Thực hiện chương trình công tác năm 2025, Ủy ban nhân dân xã ban hành kế hoạch tuyên truyền "
    "cải cách hành chính như sau. I. MỤC ĐÍCH, YÊU CẦU. 1. Mục đích: nâng cao nhận thức của cán bộ, "
    "công chức và người dân về cải cách hành chính, thủ tục hành chính và dịch vụ công trực tuyến. "
    "2. Yêu cầu: công tác tuyên truyền phải thường xuyên, thiết thực, đúng đối tượng. II. NỘI DUNG. "
    "1. Tuyên truyền trên hệ thống truyền thanh cơ sở mỗi tháng hai lần. 2. Niêm yết công khai thủ tục "
    "hành chính tại bộ phận một cửa. 3. Tổ chức hội nghị đối thoại với người dân vào quý III. "
    "III. TỔ CHỨC THỰC HIỆN. Văn phòng Ủy ban chủ trì, các ban ngành đoàn thể phối hợp thực hiện. "
    # a plan's length: an appendix of tasks, each its own words
    + " ".join(
        f"{n}. {verb} {what} tại {where}, hoàn thành trong {when}."
        for n, (verb, what, where, when) in enumerate(
            zip(
                ["Rà soát", "Cập nhật", "Kiểm tra", "Tập huấn", "Đánh giá", "Công bố", "Số hóa", "Hướng dẫn"] * 2,
                [
                    "hồ sơ địa chính",
                    "bộ thủ tục",
                    "quy trình nội bộ",
                    "cán bộ một cửa",
                    "mức độ hài lòng",
                    "danh mục dịch vụ",
                    "kết quả giải quyết",
                    "người dân",
                ]
                * 2,
                [
                    "thôn Đông",
                    "thôn Tây",
                    "trụ sở xã",
                    "nhà văn hóa",
                    "trạm y tế",
                    "trường học",
                    "bưu điện",
                    "chợ xã",
                    "thôn Bắc",
                    "thôn Nam",
                    "hợp tác xã",
                    "đồn công an",
                    "trạm khuyến nông",
                    "điểm bưu chính",
                    "thư viện",
                    "sân vận động",
                ],
                [f"tháng {m}" for m in range(1, 13)] + ["quý I", "quý II", "quý III", "quý IV"],
            ),
            start=1,
        )
    )
)
OTHER = (
    "Ủy ban nhân dân xã báo cáo kết quả thu ngân sách sáu tháng đầu năm 2025: tổng thu đạt 4,2 tỷ "
    "đồng, bằng 56% dự toán; chi thường xuyên bảo đảm lương và phụ cấp; khó khăn là nguồn thu từ đất "
    "giảm mạnh do thị trường trầm lắng. Phương hướng sáu tháng cuối năm: tăng cường quản lý thu, "
    "chống thất thu thuế hộ kinh doanh, tiết kiệm chi hội nghị, đẩy nhanh giải ngân vốn đầu tư công."
)


def bits(a: int, b: int) -> int:
    return bin(a ^ b).count("1")


def test_fold_drops_accents_case_and_punctuation():
    assert fold("Số: 15/KH-UBND  Đồng Nai") == "so 15 kh ubnd dong nai"
    assert fold(None) == ""


def test_metadata_key_needs_number_symbol_and_full_date():
    assert metadata_key(ISSUED).startswith("doc:")
    assert metadata_key(DocMeta(doc_type="KH", doc_symbol="KH-UBND", issued_date=dt.date(2025, 3, 4))) is None
    assert metadata_key(DocMeta(doc_number="15", doc_symbol="KH-UBND", year=2025)) is None  # a blank day


def test_metadata_key_survives_how_a_rendition_prints_it():
    ocr = DocMeta(
        doc_type="KH",
        doc_number="15",
        doc_symbol="KH - UBND",
        issuer="UỶ BAN NHÂN DÂN XÃ AN BÌNH",
        issued_date=dt.date(2025, 3, 4),
    )
    # leading zero, spaces in the symbol, and the old tone placement (UỶ) all fold away
    assert metadata_key(ocr) == metadata_key(ISSUED)


def test_metadata_key_tells_two_issuers_apart():
    # two communes both issue "15/KH-UBND" on one day: two documents
    other = DocMeta(**{**ISSUED.__dict__, "issuer": "ỦY BAN NHÂN DÂN XÃ AN PHÚ"})
    assert metadata_key(other) != metadata_key(ISSUED)
    later = DocMeta(**{**ISSUED.__dict__, "issued_date": dt.date(2026, 3, 4)})
    assert metadata_key(later) != metadata_key(ISSUED)


def test_simhash_is_near_for_renditions_and_far_for_other_documents():
    # a PDF export: other line breaks, a page number, hyphen and spacing differences
    rendition = PLAN.replace(". ", ".\n").replace(", ", " , ").replace("một cửa", "một  cửa") + "\nTrang 2"
    assert bits(text_simhash(PLAN), text_simhash(rendition)) <= 3
    assert bits(text_simhash(PLAN), text_simhash(OTHER)) > 12
    assert text_simhash("") is None and text_simhash("—  |  —") is None


def test_final_when_numbered_and_dated_or_signed_and_never_a_marked_draft():
    assert is_final(ISSUED, PLAN, signed=False)
    blank = DocMeta(doc_type="KH", doc_symbol="KH-UBND", year=2025)  # "Số: /KH-UBND, ngày   tháng 3 năm 2025"
    assert not is_final(blank, PLAN, signed=False)
    assert is_final(blank, PLAN, signed=True)  # number and day stamped by the signature
    assert not is_final(ISSUED, "ỦY BAN NHÂN DÂN\nDỰ THẢO\nKẾ HOẠCH\n" + PLAN, signed=False)
    assert not is_final(ISSUED, "Dự thảo lần 2\n" + PLAN, signed=True)
    # "dự thảo" inside a sentence is not the draft marker
    assert is_final(ISSUED, "Góp ý dự thảo Nghị quyết của Hội đồng nhân dân\n" + PLAN, signed=False)


def test_identify_keys_by_metadata_then_text_then_bytes():
    assert identify(ISSUED, PLAN, "ab" * 32, signed=False).document_key == metadata_key(ISSUED)
    by_text = identify(DocMeta(), PLAN, "ab" * 32, signed=True)
    assert by_text.document_key == "txt:" + by_text.text_simhash and by_text.is_final
    assert identify(DocMeta(), "", "ab" * 32, signed=False).document_key == "file:" + "ab" * 8


def test_task_keys_stable_across_renditions_and_unique_within_a_document():
    docx = [
        {"section": "II", "stt": "1", "sub": None, "content": "Tuyên truyền trên hệ thống truyền thanh cơ sở"},
        {"section": "II", "stt": "2", "sub": None, "content": "Niêm yết công khai thủ tục hành chính"},
        {"section": "II", "stt": "2", "sub": None, "content": "Niêm yết công khai thủ tục hành chính"},
    ]
    pdf = [
        {"section": "II", "stt": "1", "sub": None, "content": "Tuyên  truyền trên hệ thống\ntruyền thanh cơ sở."},
        {"section": "II", "stt": "2", "sub": None, "content": "NIÊM YẾT công khai thủ tục hành chính"},
    ]
    keys = task_keys("doc:1", docx)
    assert len(set(keys)) == 3 and keys[2] == keys[1] + "~2"
    assert task_keys("doc:1", pdf) == keys[:2]
    assert task_keys("doc:2", docx)[0] != keys[0]  # another document


def _voted_simhash(text: str) -> int:
    """The simhash by its definition: bit by bit, the vote of the shingles' 64-bit blake2b hashes,
    each counted with its repeats."""
    counts = Counter(shingles(fold(text).split()))
    hashes = {s: int.from_bytes(hashlib.blake2b(s.encode(), digest_size=8).digest(), "big") for s in counts}
    expected = 0
    for bit in range(64):
        vote = sum(n if hashes[s] >> bit & 1 else -n for s, n in counts.items())
        expected |= (vote > 0) << bit
    return expected


def test_simhash_is_the_sign_of_each_bits_weighted_vote():
    """Each bit of the simhash is set when the shingles whose 64-bit blake2b hash has it outweigh,
    counted with their repeats, those whose hash has it not (the definition, bit by bit)."""
    text = "Kế hoạch cải cách hành chính năm 2025, kế hoạch cải cách; kế hoạch"
    assert text_simhash(text) == _voted_simhash(text)
    assert text_simhash("một") == int.from_bytes(hashlib.blake2b(b"mot", digest_size=8).digest(), "big")
    assert text_simhash("") is None and text_simhash("…") is None


def test_simhash_votes_of_many_and_repeated_shingles():
    """The definition on longer texts: every one of the 64 bits decided by hundreds of shingles,
    some repeated many times."""
    rng = random.Random(13)
    vocabulary = [f"từ{i}" for i in range(60)] + ["kế", "hoạch", "năm", "Ủy", "ban", "nhân", "dân"]
    for size in (2, 3, 40, 700):
        text = " ".join(rng.choice(vocabulary) for _ in range(size)) + " kế hoạch" * (size // 3)
        assert text_simhash(text) == _voted_simhash(text), size
