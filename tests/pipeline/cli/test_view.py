"""`vanban view`: bad files end in one line with exit 1, never a traceback; stems name documents."""

from __future__ import annotations

import pytest

from pipeline.cli import main
from tests.conftest import SAMPLES


def _encrypted_pdf(path) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.encrypt(user_password="mat-khau", owner_password="chu")
    with open(path, "wb") as fh:
        writer.write(fh)


@pytest.mark.parametrize(
    "name,code",
    [
        ("khoa.pdf", "encrypted_pdf"),
        ("rong.pdf", "empty_file"),
        ("ghi-chu.txt", "unsupported_format"),
        ("rong.docx", "empty_file"),
    ],
)
def test_unreadable_file_is_one_line_exit_1(tmp_path, capsys, name, code):
    path = tmp_path / name
    if name == "khoa.pdf":
        _encrypted_pdf(path)
    elif name.endswith(".txt"):
        path.write_text("Kế hoạch số 1", encoding="utf-8")
    else:
        path.write_bytes(b"")
    assert main(["view", str(path), "--html", str(tmp_path / "v.html")]) == 1
    err = capsys.readouterr().err
    assert code in err and err.count("\n") == 1 and "Traceback" not in err
    assert not (tmp_path / "v.html").exists()


def test_wrong_output_format_and_unwritable_output(tmp_path, unwritable, capsys):
    src = SAMPLES / "2025-kh-kstthc-skhcn.docx"
    with pytest.raises(SystemExit) as exit_:
        main(["view", str(src), "--html", str(tmp_path / "v.txt")])
    assert exit_.value.code == 2
    assert main(["view", str(src), "--html", str(unwritable / "v.html")]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_stem_names_an_ingested_document(store, tmp_path):
    out = tmp_path / "v.html"
    assert main(["view", "2024-kh-truyenthong-skhcn", "--data", store, "--raw", str(SAMPLES), "--html", str(out)]) == 0
    assert out.stat().st_size > 1000


def test_tables_are_tables_tags_wrap_and_labels_are_vietnamese(tmp_path):
    import re

    out = tmp_path / "v.html"
    assert main(["view", str(SAMPLES / "2025-kh-kstthc-skhcn.docx"), "--html", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert page.count("<table>") >= 2 and "<td" in page  # the document's tables, cell by cell
    body = page.split('<div class="doc">')[1]
    assert not re.search(r"[^ ] \| [^ ]", re.sub(r"<[^>]+>", "", body))  # no "a | b" rows of text
    assert "box-decoration-break:clone" in page and "display:inline-block" not in page.split("mark{")[1][:200]
    for english in ("(citation)", "(unit)", "(timing)", ">lead<", ">support<", ">monitor<", ">advise<"):
        assert english not in page
    assert "chủ trì" in page and "phối hợp" in page and 'lang="vi"' in page
    assert "<mark" in page and "45/2020/NĐ-CP" in page
