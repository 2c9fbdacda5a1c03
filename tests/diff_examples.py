"""Task lists shared by the task-comparison tests (tests/test_diff*.py): small hand-made plans and
the reviewed 2023 → 2025 alignment."""

from __future__ import annotations

import json

import pytest

from pipeline.diff.load import DiffTask
from tests.conftest import CORPUS

OLD_FILE, NEW_FILE = "2023-kh-kstthc-skhcn.docx", "2025-kh-kstthc-skhcn.docx"


def reviewed_alignment() -> dict:
    path = CORPUS / "diff" / "2023_vs_2025.json"
    if not path.exists():
        pytest.skip("the reviewed alignment needs ../shared/corpus/diff")
    return json.loads(path.read_text(encoding="utf-8"))


def task(content, result="", units="", timing="", seq=1, year=2025, **kw) -> DiffTask:
    return DiffTask(seq=seq, content=content, result=result, units=units, timing=timing, plan_year=year, **kw)


# Alignment: new numbering, a wording change, a merge (old 4 into new 3), a removal, an addition.
OLD_TASKS = [
    task("Công khai thông tin cơ quan có thẩm quyền tiếp nhận phản ánh, kiến nghị về TTHC", seq=1, year=2023),
    task("Đôn đốc, kiểm tra việc xử lý phản ánh, kiến nghị và báo cáo kết quả cho Giám đốc Sở", seq=2, year=2023),
    task("Thực hiện xây dựng hồ sơ mẫu để hướng dẫn người dân kê khai, điền mẫu đơn, tờ khai", seq=3, year=2023),
    task("Tối thiểu 30% người dân không phải cung cấp lại các thông tin, giấy tờ đã được chấp nhận", seq=4, year=2023),
    task("Tổ chức số hóa hồ sơ và kết quả giải quyết TTHC theo Nghị định số 61/2018/NĐ-CP", seq=5, year=2023),
]
NEW_TASKS = [
    task("Đôn đốc, kiểm tra việc xử lý phản ánh, kiến nghị và báo cáo kết quả cho Giám đốc Sở", seq=1),
    task("Công khai thông tin cơ quan có thẩm quyền tiếp nhận phản ánh, kiến nghị về thủ tục hành chính", seq=2),
    task(
        "Triển khai số hóa hồ sơ và kết quả giải quyết TTHC theo Nghị định số 61/2018/NĐ-CP",
        result="Tối thiểu 30% người dân không phải cung cấp lại các thông tin, giấy tờ đã được chấp nhận",
        seq=3,
    ),
    task("Đẩy mạnh phân cấp, ủy quyền trong thực hiện TTHC", seq=4),
]


def report_task(
    seq, content, section, result="", units="", timing="", year=2025, title=None, lead_units=()
) -> DiffTask:
    return DiffTask(
        seq=seq,
        content=content,
        result=result,
        units=units,
        timing=timing,
        section=section,
        section_title=title,
        stt=str(seq),
        plan_year=year,
        lead_units=list(lead_units),
    )


# The views: sections renumbered, a unit renaming, removed/added tasks, markup in the task text.
REPORT_OLD = [
    report_task(
        1,
        "Xây dựng, ban hành văn bản triển khai hoạt động kiểm soát TTHC năm 2023",
        "I",
        timing="Quý I/2023",
        units="- Phòng Hành chính - Tổng hợp chủ trì",
        year=2023,
        title="Ban hành văn bản",
        lead_units=["Văn phòng Sở"],
    ),  # as ingest names it in its Sở's scope
    report_task(
        2,
        "Công khai thông tin cơ quan có thẩm quyền tiếp nhận phản ánh, kiến nghị về TTHC",
        "V",
        year=2023,
        title="Phản ánh, kiến nghị",
    ),
    report_task(
        3,
        "Thực hiện xây dựng hồ sơ mẫu để hướng dẫn người dân kê khai, điền mẫu đơn, tờ khai",
        "VI",
        year=2023,
        title="Một cửa",
    ),
    report_task(
        4,
        "Đôn đốc, kiểm tra việc xử lý phản ánh, kiến nghị <b>và</b> báo cáo cho Giám đốc Sở",
        "V",
        year=2023,
        title="Phản ánh, kiến nghị",
    ),
]
REPORT_NEW = [
    report_task(
        1,
        "Xây dựng, ban hành văn bản triển khai hoạt động kiểm soát TTHC năm 2025",
        "A",
        timing="Quý III",
        units="- Văn phòng Sở chủ trì.",
        title="Ban hành văn bản",
        lead_units=["Văn phòng Sở"],
    ),
    report_task(
        2,
        "Công khai thông tin cơ quan có thẩm quyền tiếp nhận phản ánh, kiến nghị về TTHC",
        "C.IV",
        title="Phản ánh, kiến nghị",
    ),
    report_task(
        3,
        "Đôn đốc, kiểm tra việc xử lý phản ánh, kiến nghị <b>và</b> báo cáo cho Giám đốc Sở",
        "C.IV",
        title="Phản ánh, kiến nghị",
    ),
    report_task(4, "Đẩy mạnh phân cấp, ủy quyền trong thực hiện TTHC", "B.III", title="TTHC nội bộ"),
    report_task(
        5,
        "Thống kê, công bố, công khai đầy đủ TTHC nội bộ giữa cơ quan hành chính nhà nước",
        "B.III",
        title="TTHC nội bộ",
    ),
]


def report_rows() -> list[dict]:
    """The diff rows of REPORT_OLD → REPORT_NEW (2 unchanged, 1 modified, 2 added, 1 removed)."""
    from pipeline.diff.classify import diff_tasks

    return diff_tasks(REPORT_OLD, REPORT_NEW, "2023-kh.docx", "2025-kh.docx")
