"""`vanban serve` without a browser (Starlette's test client): the pages' data, escaping, the
source-file link's confinement to ingested inputs, that nothing is written, and the command's options."""
from __future__ import annotations

import hashlib
import shutil
from pathlib import Path
from urllib.parse import quote

import pyarrow as pa
import pytest
from starlette.testclient import TestClient

from pipeline.batch.store import write_atomic
from pipeline.cli.main import build_parser, main
from pipeline.web.app import create_app
from schemas.tables import schema_for
from tests.conftest import SAMPLES

PAGES = ["/", "/tim?q=van+phong", "/van-ban/2025-kh-kstthc-skhcn.docx", "/trich-dan",
         "/trich-dan?ma=" + quote("45/2020/NĐ-CP", safe=""), "/so-sanh",
         "/so-sanh?cu=2023-kh-kstthc-skhcn.docx&moi=2025-kh-kstthc-skhcn.docx", "/chuoi",
         "/chuoi?co_quan=" + quote("Sở Khoa học và Công nghệ") + "&loai=KH", "/don-vi", "/don-vi?nam=2025&q=van+phong"]


@pytest.fixture(scope="module")
def client(ingested_samples):
    return TestClient(create_app(ingested_samples["path"], [SAMPLES]))


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(p): (p.stat().st_size, p.stat().st_mtime_ns) for p in sorted(folder.rglob("*"))}


def test_pages_answer_in_vietnamese_and_write_nothing(client, ingested_samples):
    before = _snapshot(ingested_samples["path"]), _snapshot(SAMPLES)
    for url in PAGES:
        response = client.get(url)
        assert response.status_code == 200, url
        assert '<html lang="vi">' in response.text
    assert (_snapshot(ingested_samples["path"]), _snapshot(SAMPLES)) == before


def test_search_ignores_accents_case_and_unicode_form(client):
    import unicodedata

    plain = client.get("/tim", params={"q": "VAN PHONG"}).text
    accented = client.get("/tim", params={"q": unicodedata.normalize("NFD", "văn phòng")}).text
    assert "Văn phòng Sở" in plain and plain.count("<tr") == accented.count("<tr") > 3


def test_lists_show_one_rendition_per_document(client):
    home = client.get("/").text
    assert home.count('href="/van-ban/') == 5  # 12 files: 5 documents in DOCX, PDF, scan, .doc
    assert "2025-kh-kstthc-skhcn.pdf" in client.get("/van-ban/2025-kh-kstthc-skhcn.docx").text  # "Bản khác"


def test_unknown_things_are_404_pages(client):
    for url in ["/van-ban/khong-co.docx", "/trich-dan?ma=999/2099/NĐ-CP", "/so-sanh?cu=x&moi=y",
                "/chuoi?co_quan=X&loai=KH", "/khong-co"]:
        response = client.get(url)
        assert response.status_code == 404 and "Không tìm thấy" in response.text, url


def test_source_link_serves_the_ingested_file(client):
    response = client.get("/tep/2025-kh-kstthc-skhcn.pdf")
    assert response.status_code == 200 and response.headers["content-type"] == "application/pdf"
    assert response.content == (SAMPLES / "2025-kh-kstthc-skhcn.pdf").read_bytes()


@pytest.mark.parametrize("doc_id", ["../../etc/passwd", "..%2F..%2Fetc%2Fpasswd", "/etc/passwd",
                                    "%2e%2e/%2e%2e/pyproject.toml", "2025-kh-kstthc-skhcn.pdf/../../pyproject.toml"])
def test_source_link_does_not_follow_paths(client, doc_id):
    response = client.get("/tep/" + doc_id)
    assert response.status_code == 404
    assert b"[project]" not in response.content and b"root:" not in response.content


def _store_with(tmp_path: Path, ingested: Path, **document) -> Path:
    """A copy of the sample store plus one crafted documents row."""
    store = tmp_path / "store"
    shutil.copytree(ingested, store)
    schema = schema_for("documents")
    if "source_path" in document and "source_path" not in schema.names:
        schema = schema.append(pa.field("source_path", pa.string()))
    row = {"doc_id": "crafted.pdf", "source_file": "crafted.pdf", "doc_type": "KH", **document}
    write_atomic(pa.Table.from_pylist([row], schema=schema), store / "documents" / "plan_year=2020" / "crafted.parquet")
    return store


def test_source_link_refuses_a_recorded_name_or_path_outside_the_inputs(tmp_path, ingested_samples):
    raw = tmp_path / "raw"
    raw.mkdir()
    secret = tmp_path / "secret.pdf"
    secret.write_bytes(b"%PDF secret")
    digest = hashlib.sha256(secret.read_bytes()).hexdigest()
    store = _store_with(tmp_path, ingested_samples["path"], source_file="../secret.pdf", source_sha256=digest)
    assert TestClient(create_app(store, [raw])).get("/tep/crafted.pdf").status_code == 404
    store2 = _store_with(tmp_path / "b", ingested_samples["path"], source_path="/etc/hostname",
                         source_sha256=digest)
    assert TestClient(create_app(store2, [raw])).get("/tep/crafted.pdf").status_code == 404


def test_source_link_refuses_a_file_changed_since_ingest(tmp_path, ingested_samples):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "crafted.pdf").write_bytes(b"%PDF replaced")
    store = _store_with(tmp_path, ingested_samples["path"], source_sha256="0" * 64)
    assert TestClient(create_app(store, [raw])).get("/tep/crafted.pdf").status_code == 404


def test_text_from_documents_is_escaped(tmp_path, ingested_samples):
    store = _store_with(tmp_path, ingested_samples["path"], title='<script>alert("x")</script>',
                        issuer="<img src=x onerror=alert(1)>", task_count=0)
    client = TestClient(create_app(store, [SAMPLES]))
    for url in ["/", "/van-ban/crafted.pdf", "/tim?q=script", "/tim?q=" + quote("<b>x</b>")]:
        text = client.get(url).text
        assert "<script>alert" not in text and "<img src=x" not in text and "<b>x</b>" not in text, url
    assert "&lt;script&gt;" in client.get("/van-ban/crafted.pdf").text


def test_serve_binds_to_localhost_by_default_and_checks_its_options(tmp_path, capsys):
    args = build_parser().parse_args(["serve"])
    assert (args.host, args.port) == ("127.0.0.1", 8765)
    assert main(["serve", "--port", "0"]) == 2
    assert main(["serve", "--data", str(tmp_path / "nothing")]) == 1
    assert "vanban ingest" in capsys.readouterr().err
