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

PAGES = [
    "/",
    "/tim?q=van+phong",
    "/van-ban/2025-kh-kstthc-skhcn.docx",
    "/trich-dan",
    "/trich-dan?ma=" + quote("45/2020/NĐ-CP", safe=""),
    "/so-sanh",
    "/so-sanh?cu=2023-kh-kstthc-skhcn.docx&moi=2025-kh-kstthc-skhcn.docx",
    "/chuoi",
    "/chuoi?co_quan=" + quote("Sở Khoa học và Công nghệ") + "&loai=KH",
    "/don-vi",
    "/don-vi?nam=2025&q=van+phong",
]


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
    for url in [
        "/van-ban/khong-co.docx",
        "/trich-dan?ma=999/2099/NĐ-CP",
        "/so-sanh?cu=x&moi=y",
        "/chuoi?co_quan=X&loai=KH",
        "/khong-co",
    ]:
        response = client.get(url)
        assert response.status_code == 404 and "Không tìm thấy" in response.text, url


def test_source_link_serves_the_ingested_file(client):
    response = client.get("/tep/2025-kh-kstthc-skhcn.pdf")
    assert response.status_code == 200 and response.headers["content-type"] == "application/pdf"
    assert response.content == (SAMPLES / "2025-kh-kstthc-skhcn.pdf").read_bytes()


@pytest.mark.parametrize(
    "doc_id",
    [
        "../../etc/passwd",
        "..%2F..%2Fetc%2Fpasswd",
        "/etc/passwd",
        "%2e%2e/%2e%2e/pyproject.toml",
        "2025-kh-kstthc-skhcn.pdf/../../pyproject.toml",
    ],
)
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
    store2 = _store_with(tmp_path / "b", ingested_samples["path"], source_path="/etc/hostname", source_sha256=digest)
    assert TestClient(create_app(store2, [raw])).get("/tep/crafted.pdf").status_code == 404


def test_source_link_refuses_a_file_changed_since_ingest(tmp_path, ingested_samples):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "crafted.pdf").write_bytes(b"%PDF replaced")
    store = _store_with(tmp_path, ingested_samples["path"], source_sha256="0" * 64)
    assert TestClient(create_app(store, [raw])).get("/tep/crafted.pdf").status_code == 404


def test_text_from_documents_is_escaped(tmp_path, ingested_samples):
    store = _store_with(
        tmp_path,
        ingested_samples["path"],
        title='<script>alert("x")</script>',
        issuer="<img src=x onerror=alert(1)>",
        task_count=0,
    )
    client = TestClient(create_app(store, [SAMPLES]))
    for url in ["/", "/van-ban/crafted.pdf", "/tim?q=script", "/tim?q=" + quote("<b>x</b>")]:
        text = client.get(url).text
        assert "<script>alert" not in text and "<img src=x" not in text and "<b>x</b>" not in text, url
    assert "&lt;script&gt;" in client.get("/van-ban/crafted.pdf").text


def test_serve_binds_to_localhost_by_default_and_checks_its_options(tmp_path, capsys):
    args = build_parser().parse_args(["serve"])
    assert (args.host, args.port) == ("127.0.0.1", 8765)
    with pytest.raises(SystemExit) as exit_:
        main(["serve", "--port", "0"])
    assert exit_.value.code == 2
    assert main(["serve", "--data", str(tmp_path / "nothing")]) == 1
    assert "vanban ingest" in capsys.readouterr().err


def _primary_ids(store: Path) -> set[str]:
    from pipeline.query import connect

    return {d for (d,) in connect(store).execute("SELECT doc_id FROM renditions WHERE is_primary").fetchall()}


def test_pages_count_each_document_once_by_the_renditions_view(tmp_path, ingested_samples):
    """A document held as DOCX + PDF + scan is listed, found and counted once, as the rendition the
    store marks primary: here the DOCX of one plan is made a draft, so its signed PDF is shown."""
    from pipeline.batch.store import update_parts
    from pipeline.query import connect
    from pipeline.web import queries

    store = tmp_path / "store"
    shutil.copytree(ingested_samples["path"], store)
    update_parts(
        store,
        "2025-kh-kstthc-skhcn.docx",
        "documents",
        lambda t: t.set_column(t.schema.get_field_index("is_final"), "is_final", pa.array([False] * t.num_rows)),
    )
    update_parts(
        store,
        "2025-kh-kstthc-skhcn.pdf",
        "documents",
        lambda t: t.set_column(t.schema.get_field_index("is_final"), "is_final", pa.array([True] * t.num_rows)),
    )
    primary = _primary_ids(store)
    assert "2025-kh-kstthc-skhcn.pdf" in primary and "2025-kh-kstthc-skhcn.docx" not in primary
    client = TestClient(create_app(store, [SAMPLES]))
    home = client.get("/").text
    listed = {href.split('"')[0] for href in home.split('href="/van-ban/')[1:]}
    assert listed == {quote(d, safe="") for d in primary}
    found = client.get("/tim", params={"q": "kiem soat thu tuc hanh chinh"}).text
    assert "2025-kh-kstthc-skhcn.pdf" in found and "/van-ban/2025-kh-kstthc-skhcn.docx" not in found
    # units: a task counted once, from the primary rendition, although two or three files hold it
    expected = (
        connect(store)
        .execute(
            "SELECT count(DISTINCT (doc_id, task_seq)) FROM task_units WHERE unit = 'Văn phòng Sở' "
            "AND doc_id IN (SELECT doc_id FROM renditions WHERE is_primary)"
        )
        .fetchone()[0]
    )
    units = queries.unit_workload(queries.open_store(store), "Văn phòng Sở")["rows"]
    assert units[0]["unit"] == "Văn phòng Sở" and units[0]["total"] == expected > 0


def test_series_page_reads_the_stored_task_lineage_table(tmp_path, ingested_samples):
    """The plan-series page shows the task_lineage rows `vanban diff --series` stored (what `vanban
    sql` shows), not an alignment of its own; a series never stored is marked as such."""
    import pyarrow.parquet as pq

    from pipeline.web.series import write_series_lineage

    store = tmp_path / "store"
    shutil.copytree(ingested_samples["path"], store)
    url = "/chuoi?co_quan=" + quote("Sở Khoa học và Công nghệ") + "&loai=KH"
    page = TestClient(create_app(store, [SAMPLES])).get(url).text
    assert 'id="chua-luu"' in page  # not stored yet: aligned in memory, and said so
    ((members, path, rows),) = write_series_lineage(store)
    table = pq.read_table(path)
    marked = table.set_column(
        table.schema.get_field_index("content"),
        "content",
        pa.array(["NHIỆM VỤ ĐÃ LƯU"] + table.column("content").to_pylist()[1:]),
    )
    write_atomic(marked, path)
    page = TestClient(create_app(store, [SAMPLES])).get(url).text
    assert 'id="chua-luu"' not in page and "NHIỆM VỤ ĐÃ LƯU" in page
    assert page.count('<tr id="dong-') == len({r["lineage_id"] for r in rows})
