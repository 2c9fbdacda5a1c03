"""scripts/check_wild.py on a small hand-written store: each check finds what it is for."""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path

from pipeline.batch.store import write_result
from pipeline.records import FileResult

_spec = importlib.util.spec_from_file_location(
    "check_wild", Path(__file__).resolve().parents[2] / "scripts/check_wild.py"
)
check_wild = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(check_wild)


def _doc(
    name: str, number: str | None, date: dt.date | None, title: str = "Kế hoạch", signed: bool = False
) -> FileResult:
    result = FileResult(doc_id=name, source_file=name, source_sha256="0" * 64)
    result.rows["documents"] = [
        {"doc_id": name, "source_file": name, "doc_number": number, "issued_date": date, "title": title}
    ]
    if signed:
        result.rows["signatures"] = [{"doc_id": name, "source_file": name, "signature_seq": 1, "stamped": True}]
    return result


def test_checks(tmp_path):
    store, inputs = tmp_path / "store", tmp_path / "in"
    inputs.mkdir()
    for name in ("a.pdf", "b.pdf", "c.docx", "d.pdf", "e.doc"):
        (inputs / name).write_bytes(b"x")
    write_result(store, _doc("a.pdf", "12", dt.date(2024, 3, 5), signed=True))
    write_result(store, _doc("b.pdf", None, dt.date(2024, 3, 5), signed=True))
    write_result(store, _doc("c.docx", "3", None, title="Quyết định (cid:12)(cid:13)"))
    timed_out = FileResult(doc_id="d.pdf", source_file="d.pdf", source_sha256="")
    timed_out.errors.append(
        {"source_file": "d.pdf", "stage": "worker", "error_code": "timeout", "message": "…", "severity": "error"}
    )
    write_result(store, timed_out)
    assert check_wild.signed_share(store) == (0.5, ["b.pdf"])
    assert check_wild.cid_rows(store) == [("documents", "c.docx", "title")]
    assert check_wild.unaccounted(store, inputs) == (["e.doc"], [], ["d.pdf"])
    assert check_wild.main([str(store), "--input", str(inputs)]) == 1
