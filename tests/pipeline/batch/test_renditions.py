"""One identity per document: doc_id per input path, document_key shared by every rendition,
the renditions view, and counts of documents (not files)."""

from __future__ import annotations

import datetime as dt
import shutil
from collections import Counter
from pathlib import Path

import pytest

from pipeline.batch.ingest import ingest
from pipeline.batch.renditions import SIMHASH_MAX_BITS, group_keys, same_wording
from pipeline.batch.store import read_rows
from pipeline.cli.commands import cite as cite_cmd, units as units_cmd
from pipeline.citations.query import parse_query
from pipeline.query import connect
from tests.conftest import CORPUS, SAMPLES
from tests.docx_builders import make_docx, p


def doc(doc_id, simhash=None, **meta):
    return {
        "doc_id": doc_id,
        "document_key": None,
        "text_simhash": simhash,
        "doc_type": None,
        "doc_number": None,
        "doc_symbol": None,
        "issuer": None,
        "issued_date": None,
        **meta,
    }


ISSUED = {
    "doc_type": "KH",
    "doc_number": "12",
    "doc_symbol": "KH-UBND",
    "issuer": "UBND XÃ A",
    "issued_date": dt.date(2025, 1, 2),
}


def test_group_keys_joins_metadata_twins_and_near_texts():
    keys = group_keys(
        [
            doc("a.docx", "00000000000000ff", **ISSUED),
            doc("a.pdf", "00000000000000fe", **ISSUED),  # same metadata
            doc("a.scan.pdf", "00000000000000fc"),  # no metadata read by OCR, near text: same document
            doc("b.docx", "ffffffff00000000"),  # another text
        ]
    )
    assert keys[0] == keys[1] == keys[2] and keys[0].startswith("doc:")
    assert keys[3] == "txt:ffffffff00000000"


def test_texts_are_one_document_exactly_when_at_most_simhash_max_bits_apart():
    """Text keys joined by the definition: two files whose 64-bit simhashes differ in at most
    SIMHASH_MAX_BITS bits are one document (and so, through them, a chain of such files), the bits
    anywhere in the 64, among hundreds of documents and files without a simhash."""
    import random

    rng = random.Random(13)
    hashes: list[int | None] = []
    for _ in range(60):
        origin = rng.getrandbits(64)
        for _ in range(rng.randint(1, 6)):
            h = origin
            for bit in rng.sample(range(64), rng.randint(0, SIMHASH_MAX_BITS + 2)):
                h ^= 1 << bit
            hashes.append(h if rng.random() > 0.05 else None)
    docs = [doc(f"f{i:03d}.pdf", None if h is None else f"{h:016x}") for i, h in enumerate(hashes)]
    keys = group_keys(docs)
    parent = list(range(len(hashes)))  # the expected groups: every near pair joined, by brute force

    def root(i):
        while parent[i] != i:
            i = parent[i]
        return i

    for i, a in enumerate(hashes):
        for j in range(i + 1, len(hashes)):
            b = hashes[j]
            if a is not None and b is not None and bin(a ^ b).count("1") <= SIMHASH_MAX_BITS:
                parent[root(j)] = root(i)
    for i in range(len(hashes)):
        for j in range(i + 1, len(hashes)):
            if hashes[i] is not None and hashes[j] is not None:
                assert (keys[i] == keys[j]) == (root(i) == root(j)), (i, j)


def test_group_keys_never_joins_two_numbered_documents_by_their_text():
    # next year's plan reuses the wording of this year's: two documents, even through a third file
    later = {**ISSUED, "doc_number": "30", "issued_date": dt.date(2026, 1, 5)}
    keys = group_keys(
        [
            doc("2025.docx", "00000000000000ff", **ISSUED),
            doc("draft.docx", "00000000000000fd"),
            doc("2026.docx", "00000000000000fb", **later),
        ]
    )
    assert keys[0] != keys[2]
    assert keys[1] in (keys[0], keys[2])


def test_same_file_name_in_two_folders_is_two_documents(tmp_path):
    src = SAMPLES / "2023-kh-kstthc-skhcn.docx"
    for folder in ("so-a", "so-b"):
        (tmp_path / "in" / folder).mkdir(parents=True)
        shutil.copy(src, tmp_path / "in" / folder / "ke-hoach.docx")
    out = tmp_path / "out"
    ingest([tmp_path / "in"], out, workers=1)
    docs = read_rows(out, "documents")
    assert sorted(d["doc_id"] for d in docs) == ["so-a/ke-hoach.docx", "so-b/ke-hoach.docx"]
    assert sorted(d["source_path"] for d in docs) == ["so-a/ke-hoach.docx", "so-b/ke-hoach.docx"]
    assert {d["source_file"] for d in docs} == {"ke-hoach.docx"}  # what the reference scorer reads
    tasks = read_rows(out, "tasks")
    assert Counter(t["doc_id"] for t in tasks) == {
        "so-a/ke-hoach.docx": docs[0]["task_count"],
        "so-b/ke-hoach.docx": docs[1]["task_count"],
    }
    # byte-identical copies are one document: one key, counted once
    assert len({d["document_key"] for d in docs}) == 1
    assert len(set(t["task_key"] for t in tasks)) == docs[0]["task_count"]
    # two folders given at once are told apart the same way
    out2 = tmp_path / "out2"
    ingest([tmp_path / "in" / "so-a", tmp_path / "in" / "so-b"], out2, workers=1)
    assert sorted(d["doc_id"] for d in read_rows(out2, "documents")) == ["so-a/ke-hoach.docx", "so-b/ke-hoach.docx"]


def test_no_two_inputs_share_a_doc_id(ingested_samples):
    docs = ingested_samples["documents"]
    assert len({d["doc_id"] for d in docs}) == len(docs) == len(list(SAMPLES.iterdir()))


def test_seed_twins_share_one_document_key(ingested_samples):
    by_stem: dict[str, set[str]] = {}
    for d in ingested_samples["documents"]:
        by_stem.setdefault(d["source_file"].split(".")[0], set()).add(d["document_key"])
    assert all(len(keys) == 1 for keys in by_stem.values()), by_stem
    assert len({k for keys in by_stem.values() for k in keys}) == len(by_stem) == 5


def test_task_keys_agree_across_the_twins(ingested_samples):
    tasks = read_rows(ingested_samples["path"], "tasks")
    keys = {}
    for t in tasks:
        keys.setdefault(t["source_file"], set()).add(t["task_key"])
    # the DOCX and the PDF of the 2025 plan: every task of one is a task of the other
    assert keys["2025-kh-kstthc-skhcn.docx"] == keys["2025-kh-kstthc-skhcn.pdf"]
    assert all(
        len(set(k for t in tasks if t["doc_id"] == d for k in [t["task_key"]]))
        == sum(1 for t in tasks if t["doc_id"] == d)
        for d in {t["doc_id"] for t in tasks}
    )


def test_renditions_view_and_document_counts(ingested_samples):
    con = connect(ingested_samples["path"])
    rows = con.execute(
        "SELECT document_key, count(*), sum(is_primary::INT), max(rendition_count) FROM renditions GROUP BY 1"
    ).fetchall()
    assert len(rows) == 5 and all(primary == 1 and n == count for _, n, primary, count in rows)
    primary = dict(con.execute("SELECT document_key, file_format FROM renditions WHERE is_primary").fetchall())
    assert set(primary.values()) == {"docx"}  # the most faithful text of each document
    # units: a unit leading tasks of one plan counts one document, not one per file
    units = units_cmd.query(con).fetchall()
    assert units and max(r[-1] for r in units) <= 5
    # cite: 45/2020/NĐ-CP is cited by documents, each counted once whatever its renditions
    rows = cite_cmd.citing_rows(con, parse_query("45/2020/NĐ-CP"))
    summary = cite_cmd.summary(rows)[0]
    assert len(summary["documents"]) == len({r["document_key"] for r in rows}) <= 5
    assert {r["doc_id"] for r in rows} <= {
        d for (d,) in con.execute("SELECT doc_id FROM renditions WHERE is_primary").fetchall()
    }


def test_errors_table_exists_after_a_clean_run(ingested_samples):
    assert read_rows(ingested_samples["path"], "errors") == []
    assert list((Path(ingested_samples["path"]) / "errors").glob("*.parquet"))
    assert connect(ingested_samples["path"]).execute("SELECT count(*) FROM errors").fetchone() == (0,)


# real renditions of one document found among the wild files: the DOCX and the signed PDF of one
# tờ trình (one metadata key); a .doc and a .docx of one decision (by text); the DOCX draft and the
# signed final of another tờ trình (draft and final)
WILD_PAIRS = [("w0062.pdf", "w0204.docx"), ("w0196.doc", "w0233.docx"), ("w0063.pdf", "w0096.docx")]
# three charters of different federations filled in from one template: three documents
WILD_DISTINCT = ("w0080.docx", "w0087.docx", "w0207.doc")


@pytest.mark.parametrize("pair", WILD_PAIRS)
def test_real_renditions_share_one_document_key(pair, tmp_path):
    wild = CORPUS / "wild"
    if not all((wild / name).exists() for name in pair):
        pytest.skip("needs ../shared/corpus/wild")
    ingest([wild / name for name in pair], tmp_path / "out", workers=1)
    docs = read_rows(tmp_path / "out", "documents")
    assert len(docs) == 2 and len({d["document_key"] for d in docs}) == 1, docs


def test_real_documents_from_one_template_stay_apart(tmp_path):
    wild = CORPUS / "wild"
    if not all((wild / name).exists() for name in WILD_DISTINCT):
        pytest.skip("needs ../shared/corpus/wild")
    ingest([wild / name for name in WILD_DISTINCT], tmp_path / "out", workers=1)
    assert len({d["document_key"] for d in read_rows(tmp_path / "out", "documents")}) == 3


# a draft and its issued final (NĐ 30/2020, Điều 15: the number and the day are given at issue, so
# the draft prints "Số: /TTr-…" and "ngày tháng năm"); the final also gains a sentence and a
# footnote, as finals do after review
_BODY = [
    "Thực hiện chỉ đạo của cấp trên về việc tổng hợp kết quả thực hiện nhiệm vụ năm {year};",
    "Trên cơ sở báo cáo của các phòng chuyên môn và đơn vị trực thuộc, cơ quan đã tổng hợp, xây dựng dự "
    "thảo báo cáo kết quả thực hiện nhiệm vụ năm {year} và phương hướng, nhiệm vụ năm tiếp theo, trong đó "
    "nêu rõ những kết quả đạt được, những tồn tại, hạn chế và nguyên nhân, bài học kinh nghiệm.",
    "Dự thảo đã được gửi lấy ý kiến góp ý của các cơ quan, đơn vị có liên quan và đã được tiếp thu, "
    "chỉnh lý đầy đủ theo ý kiến góp ý; những nội dung còn có ý kiến khác nhau đã được tổng hợp, giải "
    "trình cụ thể tại bảng tổng hợp ý kiến kèm theo.",
    "Kính trình Chủ tịch xem xét, ký ban hành báo cáo để gửi cơ quan cấp trên đúng thời hạn quy định.",
]


def _letter(path, title, number="", day="", extra=(), year=2025):
    lines = [
        "ỦY BAN NHÂN DÂN XÃ A",
        "PHÒNG VĂN HÓA",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        f"Số: {number}/TTr-PVH",
        f"Xã A, ngày {day} tháng 12 năm {year}",
        "TỜ TRÌNH",
        title,
        "Kính gửi: Chủ tịch Ủy ban nhân dân xã",
        *[line.format(year=year) for line in _BODY],
        *extra,
        "Nơi nhận:",
        "- Như trên;",
        "- Lưu: VT.",
        "TRƯỞNG PHÒNG",
        "Nguyễn Văn Bình",
    ]
    return make_docx(path, "".join(p(line) for line in lines))


_TITLE = "Về việc trình ký báo cáo kết quả thực hiện nhiệm vụ năm 2025"
_FINAL_EXTRA = ("Đề nghị phê duyệt trước ngày 20 tháng 12.", "1 Gồm các phòng chuyên môn và đơn vị trực thuộc.")


def test_a_draft_and_its_final_share_one_document_key(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    _letter(folder / "du-thao.docx", _TITLE)
    _letter(folder / "ban-hanh.docx", _TITLE, number="629", day="12", extra=_FINAL_EXTRA)
    ingest([folder], tmp_path / "out", workers=1)
    docs = {d["doc_id"]: d for d in read_rows(tmp_path / "out", "documents")}
    draft, final = docs["du-thao.docx"], docs["ban-hanh.docx"]
    # their texts are too far apart for the simhash alone: the draft/final rule does the linking
    assert bin(int(draft["text_simhash"], 16) ^ int(final["text_simhash"], 16)).count("1") > SIMHASH_MAX_BITS
    assert draft["document_key"] == final["document_key"] and final["document_key"].startswith("doc:")
    assert (draft["is_final"], final["is_final"]) == (False, True)


def test_drafts_of_other_documents_stay_apart(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    # the same office's next-year letter: same symbol and wording, another year in title and text
    _letter(folder / "2024.docx", _TITLE.replace("2025", "2024"), number="501", day="10", year=2024)
    _letter(folder / "2025-du-thao.docx", _TITLE)
    # another subject under the same symbol
    _letter(folder / "khac.docx", "Về việc trình phê duyệt kế hoạch kiểm tra công vụ năm 2025", number="630", day="15")
    # two drafts made from one template: the same wording but for the association each one names
    for name in ("Hội Cầu lông", "Hội Bóng bàn"):
        _letter(
            folder / f"{name}.docx",
            f"Về việc đề nghị phê duyệt Điều lệ {name} xã A, nhiệm kỳ 2025 - 2030",
            extra=(f"Đề nghị phê duyệt Điều lệ {name} xã A.",),
        )
    ingest([folder], tmp_path / "out", workers=1)
    assert len({d["document_key"] for d in read_rows(tmp_path / "out", "documents")}) == 5


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (
            ["Kính trình xem xét, ký ban hành báo cáo năm 2025."],
            ["Kính trình xem xét, ký ban hành báo cáo năm 2026."],
            True,
        ),
        (["Kính trình xem xét, ký ban hành báo cáo."], ["Đề nghị các đơn vị triển khai thực hiện kế hoạch."], False),
        ([], ["Kính trình xem xét."], False),
    ],
)
def test_same_wording_ignores_numbers_only(a, b, same):
    assert same_wording(a, b) is same
