"""`vanban serve`: a local, read-only web app over the Parquet store, in Vietnamese, for analysts.

Starlette (routing, static files, a test client) + Jinja2 (server-rendered pages, autoescaped) +
uvicorn; the data through DuckDB views over Parquet (pipeline.query). No page writes anything:
every query is a parameterized SELECT, the source-file route serves only ingested inputs
(pipeline.web.sources), and the server binds to 127.0.0.1 unless told otherwise.

    app = create_app("data/parquet", raw_dirs=["data/raw"])
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from pipeline.diff.classify import diff_tasks, summarize
from pipeline.diff.load import load_tasks
from pipeline.stages.layout import TYPE_WORDS
from pipeline.web import queries
from pipeline.web.series import lineage_view, series_documents, series_list
from pipeline.web.sources import candidates, media_type, source_file

HERE = Path(__file__).parent
STATUS_LABELS = {
    "added": "Mới thêm",
    "unchanged": "Giữ nguyên",
    "modified": "Có thay đổi",
    "split": "Tách ra",
    "merged": "Gộp vào",
    "removed": "Không còn",
}
FIELD_LABELS = {"content": "nội dung", "result": "kết quả", "units": "đơn vị", "timing": "thời gian"}
ROLE_LABELS = {"lead": "Chủ trì", "support": "Phối hợp", "monitor": "Theo dõi", "advise": "Tham mưu"}
TYPE_LABELS = {code: word.capitalize() for word, code in TYPE_WORDS.items()}


def _date(value) -> str:
    return value.strftime("%d/%m/%Y") if hasattr(value, "strftime") else ("" if value is None else str(value))


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        date=_date,
        status=lambda s: STATUS_LABELS.get(s, s or ""),
        role=lambda r: ROLE_LABELS.get(r, r or ""),
        doctype=lambda c: TYPE_LABELS.get(c or "", c or "Văn bản"),
        urlpart=lambda s: quote(str(s), safe=""),
        fields=lambda fs: ", ".join(FIELD_LABELS.get(f, f) for f in fs or []),
    )
    return env


class Site:
    """The pages of one store. Handlers are sync: Starlette runs them in its thread pool, and each
    opens its own DuckDB connection."""

    def __init__(self, data_dir: str | Path, raw_dirs: Sequence[str | Path] = ()):
        self.data_dir = Path(data_dir)
        self.raw_dirs = [Path(d) for d in raw_dirs]
        self.env = _environment()

    def render(self, request: Request, template: str, status_code: int = 200, **context) -> HTMLResponse:
        context.update(request=request, data_dir=self.data_dir, status_labels=STATUS_LABELS, role_labels=ROLE_LABELS)
        return HTMLResponse(self.env.get_template(template).render(**context), status_code=status_code)

    def not_found(self, request: Request, what: str) -> HTMLResponse:
        return self.render(request, "not_found.html", 404, title="Không tìm thấy", what=what)

    # --- pages ----------------------------------------------------------------------------------

    def home(self, request: Request) -> HTMLResponse:
        con = queries.open_store(self.data_dir)
        docs = [d for d in queries.documents(con) if d["primary"]]
        years: dict[int, list[dict]] = {}
        for doc in docs:
            years.setdefault(doc["plan_year"] or 0, []).append(doc)
        return self.render(
            request, "home.html", title="Văn bản đã nạp", years=sorted(years.items(), reverse=True), total=len(docs)
        )

    def search(self, request: Request) -> HTMLResponse:
        query = request.query_params.get("q", "").strip()[:200]
        con = queries.open_store(self.data_dir)
        results = queries.search(con, query)
        return self.render(
            request,
            "search.html",
            title=f"Tìm: {query}" if query else "Tìm kiếm",
            q=query,
            results=results,
            limit=queries.SEARCH_LIMIT,
        )

    def document(self, request: Request) -> HTMLResponse:
        doc_id = request.path_params["doc_id"]
        con = queries.open_store(self.data_dir)
        doc = queries.document(con, doc_id)
        if doc is None:
            return self.not_found(request, f"văn bản {doc_id}")
        has_source = any(p.is_file() for p in candidates(doc, self.raw_dirs))
        return self.render(
            request,
            "document.html",
            title=doc.get("title") or doc_id,
            doc=doc,
            has_source=has_source,
            tasks=queries.document_tasks(con, doc_id),
            citations=queries.document_citations(con, doc_id),
            units=queries.document_units(con, doc_id),
            kpis=queries.document_rows(con, "kpis", doc_id),
            signatures=queries.document_rows(con, "signatures", doc_id),
        )

    def source(self, request: Request) -> Response:
        doc_id = request.path_params["doc_id"]
        doc = queries.document(queries.open_store(self.data_dir), doc_id)
        path = source_file(doc, self.raw_dirs)
        if path is None:
            return self.not_found(request, f"tệp gốc của văn bản {doc_id}")
        return FileResponse(path, media_type=media_type(path), filename=path.name, content_disposition_type="inline")

    def citations(self, request: Request) -> HTMLResponse:
        con = queries.open_store(self.data_dir)
        docs = queries.documents(con)
        key = request.query_params.get("ma", "").strip()
        if not key:
            query = request.query_params.get("q", "").strip()[:200]
            cited = queries.cited(con, queries.primary_ids(docs), queries.query_terms(query), limit=500)
            return self.render(request, "citations.html", title="Văn bản được trích dẫn", cited=cited, q=query)
        rows = queries.citing(con, key, docs)
        if not rows:
            return self.not_found(request, f"văn bản được trích dẫn {key}")
        by_relation: dict[str, int] = {}
        by_year: dict[int, int] = {}
        for row in rows:
            by_relation[row["relation"] or "trích dẫn"] = by_relation.get(row["relation"] or "trích dẫn", 0) + 1
            year = row["doc"].get("plan_year") or 0
            by_year[year] = by_year.get(year, 0) + 1
        return self.render(
            request,
            "citation.html",
            title=key,
            key=key,
            rows=rows,
            first=rows[0],
            by_relation=sorted(by_relation.items(), key=lambda kv: -kv[1]),
            by_year=sorted(by_year.items()),
            peak=max(by_year.values()),
        )

    def compare(self, request: Request) -> HTMLResponse:
        con = queries.open_store(self.data_dir)
        docs = [d for d in queries.documents(con) if d["primary"] and (d.get("task_count") or 0) > 0]
        ids = {d["doc_id"]: d for d in docs}
        old_id, new_id = request.query_params.get("cu", ""), request.query_params.get("moi", "")
        context = {"docs": docs, "old_id": old_id, "new_id": new_id, "rows": None, "summary": None}
        if old_id and new_id:
            if old_id not in ids or new_id not in ids:
                return self.not_found(request, "văn bản cần so sánh")
            rows = diff_tasks(load_tasks(self.data_dir, old_id), load_tasks(self.data_dir, new_id), old_id, new_id)
            context.update(rows=rows, summary=summarize(rows), old=ids[old_id], new=ids[new_id])
        return self.render(request, "compare.html", title="So sánh hai kế hoạch", **context)

    def series(self, request: Request) -> HTMLResponse:
        con = queries.open_store(self.data_dir)
        docs = queries.documents(con)
        issuer, doc_type = request.query_params.get("co_quan", ""), request.query_params.get("loai", "")
        if not issuer or not doc_type:
            return self.render(
                request, "series_list.html", title="Chuỗi kế hoạch qua các năm", series=series_list(docs)
            )
        members = series_documents(docs, issuer, doc_type)
        if not members:
            return self.not_found(request, f"chuỗi văn bản của {issuer}")
        picked = request.query_params.getlist("vb")
        chosen = [d for d in members if d["doc_id"] in picked] if picked else members
        view = lineage_view(con, self.data_dir, members, chosen) if len(chosen) >= 2 else None
        return self.render(
            request,
            "series.html",
            title=f"Chuỗi {TYPE_LABELS.get(doc_type, doc_type)} — {issuer}",
            issuer=issuer,
            doc_type=doc_type,
            members=members,
            chosen=chosen,
            chosen_ids={d["doc_id"] for d in chosen},
            view=view,
        )

    def units(self, request: Request) -> HTMLResponse:
        con = queries.open_store(self.data_dir)
        query = request.query_params.get("q", "").strip()[:200]
        year_text = request.query_params.get("nam", "")
        year = int(year_text) if year_text.isdigit() else None
        data = queries.unit_workload(con, query, year)
        return self.render(
            request,
            "units.html",
            title="Khối lượng công việc của đơn vị",
            q=query,
            year=year,
            years=data["years"],
            rows=data["rows"],
            roles=list(ROLE_LABELS),
            peak=max((r["total"] for r in data["rows"]), default=1),
        )


def create_app(data_dir: str | Path, raw_dirs: Sequence[str | Path] = ()) -> Starlette:
    """The web app over the store `data_dir`; `raw_dirs` are the folders of the ingested inputs
    (for the source-file link, when the store does not record their paths)."""
    site = Site(data_dir, raw_dirs)

    async def http_error(request: Request, exc: HTTPException) -> Response:
        if exc.status_code == 404:
            return site.not_found(request, request.url.path)
        return HTMLResponse(f"Lỗi {exc.status_code}", status_code=exc.status_code)

    async def server_error(request: Request, exc: Exception) -> Response:
        return site.render(request, "not_found.html", 500, title="Lỗi", what=None, error=str(exc))

    routes = [
        Route("/", site.home),
        Route("/tim", site.search),
        Route("/van-ban/{doc_id:path}", site.document),
        Route("/tep/{doc_id:path}", site.source),
        Route("/trich-dan", site.citations),
        Route("/so-sanh", site.compare),
        Route("/chuoi", site.series),
        Route("/don-vi", site.units),
        Mount("/static", app=StaticFiles(directory=HERE / "static"), name="static"),
    ]
    return Starlette(routes=routes, exception_handlers={HTTPException: http_error, Exception: server_error})


def serve(
    data_dir: str | Path,
    raw_dirs: Sequence[str | Path],
    host: str = "127.0.0.1",
    port: int = 8765,
    log_level: str = "warning",
) -> None:
    """Run the app with uvicorn until interrupted."""
    import uvicorn

    uvicorn.run(create_app(data_dir, raw_dirs), host=host, port=port, log_level=log_level)
