"""Batch benchmark: files/s and pages/s at 1 and 2 workers, local and Dask engines, on a synthetic
corpus generated from the sample files; the re-run cost on an unchanged corpus; OCR pages/s.

    .venv/bin/python scripts/bench_batch.py [--docs 1000] [--engines local dask] [--workers 1 2]

Synthetic documents are byte-level variants of data/raw's DOCX and text-layer PDFs (a PDF comment
or a DOCX core-property revision changed), so every file has its own hash and is really parsed.
Peak memory per worker is the largest child RSS (ru_maxrss of the worker processes).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "raw"


def _docx_variant(src: Path, dst: Path, n: int) -> None:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "docProps/core.xml":
                data = re.sub(rb"<cp:revision>\d*</cp:revision>", f"<cp:revision>{n}</cp:revision>".encode(), data)
                if b"<cp:revision>" not in data:
                    data = data.replace(
                        b"</cp:coreProperties>", f"<cp:revision>{n}</cp:revision></cp:coreProperties>".encode()
                    )
            zout.writestr(item, data)


def make_corpus(folder: Path, count: int) -> list[Path]:
    """`count` distinct files cycling over the sample DOCX and text-layer PDFs."""
    sources = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".docx", ".pdf") and ".scan." not in p.name)
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for n in range(count):
        src = sources[n % len(sources)]
        dst = folder / f"{src.stem}-{n:05d}{src.suffix}"
        if src.suffix == ".pdf":
            dst.write_bytes(src.read_bytes() + f"\n% vanban benchmark copy {n}\n".encode())
        else:
            _docx_variant(src, dst, n)
        out.append(dst)
    return out


def run_ingest(inputs: Path, out: Path, engine: str, workers: int) -> dict:
    cmd = [
        sys.executable,
        "-m",
        "pipeline.cli",
        "ingest",
        str(inputs),
        "--out",
        str(out),
        "--quiet",
        "--engine",
        engine,
        "--workers",
        str(workers),
    ]
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env={**os.environ, "COLUMNS": "250"})
    seconds = time.perf_counter() - start
    pages = re.search(r"(\d+) pages in", proc.stdout)
    return {
        "engine": engine,
        "workers": workers,
        "seconds": round(seconds, 2),
        "exit": proc.returncode,
        "pages": int(pages.group(1)) if pages else None,
        "peak_child_rss_mb": round(max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024),
    }


def ocr_rate() -> dict | None:
    scan = SAMPLES / "2023-cv-vpubnd-de-xuat-cchc-2024.scan.pdf"
    if not scan.exists():
        return None
    code = (
        "import time,sys; from extractors import extract; t=time.perf_counter(); d=extract(sys.argv[1]); "
        "print(d.page_count, time.perf_counter()-t, d.ocr_confidence)"
    )
    out = subprocess.run([sys.executable, "-c", code, str(scan)], cwd=ROOT, capture_output=True, text=True)
    if out.returncode:
        return {"error": out.stderr.strip().splitlines()[-1:]}
    pages, seconds, confidence = out.stdout.split(" ", 2)
    return {
        "pages": int(pages),
        "seconds": round(float(seconds), 2),
        "pages_per_s": round(int(pages) / float(seconds), 2),
        "confidence": confidence.strip(),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--engines", nargs="+", default=["local", "dask"])
    ap.add_argument("--workers", nargs="+", type=int, default=[1, 2])
    ap.add_argument("--json", dest="json_out")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="vanban-bench-"))
    try:
        inputs = work / "in"
        make_corpus(inputs, args.docs)
        runs = []
        for engine in args.engines:
            for workers in args.workers:
                out = work / f"out-{engine}-{workers}"
                run = run_ingest(inputs, out, engine, workers)
                run["files_per_s"] = round(args.docs / run["seconds"], 1)
                run["pages_per_s"] = round((run["pages"] or 0) / run["seconds"], 1)
                print(json.dumps(run))
                runs.append(run)
        rerun = run_ingest(
            inputs, work / f"out-{args.engines[0]}-{args.workers[-1]}", args.engines[0], args.workers[-1]
        )
        first = next(r for r in runs if r["engine"] == args.engines[0] and r["workers"] == args.workers[-1])
        report = {
            "docs": args.docs,
            "runs": runs,
            "rerun_seconds": rerun["seconds"],
            "rerun_share_of_first": round(rerun["seconds"] / first["seconds"], 3),
            "ocr": ocr_rate(),
        }
        for engine in args.engines:
            by_workers = {r["workers"]: r["seconds"] for r in runs if r["engine"] == engine}
            if 1 in by_workers and 2 in by_workers:
                report[f"{engine}_speedup_2_vs_1"] = round(by_workers[1] / by_workers[2], 2)
        print(json.dumps(report, indent=1))
        if args.json_out:
            Path(args.json_out).write_text(json.dumps(report, indent=1), encoding="utf-8")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
