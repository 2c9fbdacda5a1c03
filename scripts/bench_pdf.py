"""Throughput of the PDF backend against plain pdfplumber (`extract_tables()` + `extract_text()` on
every page), on the same text-layer PDFs, runs interleaved so both see the same machine load.

    .venv/bin/python scripts/bench_pdf.py [FOLDER ...] [--reps 3]

Prints pages/s of both and the throughput ratio (backend / pdfplumber; > 1 means faster).
Scanned PDFs (no text layer) are skipped: their time is OCR's, not the text layer's.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pdfplumber  # noqa: E402

from extractors.pdf_backend import extract  # noqa: E402


def plain_pdfplumber(path: Path) -> int:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_tables()
            page.extract_text()
            page.close()
        return len(pdf.pages)


def main() -> None:
    root = Path(__file__).resolve().parent.parent
    ap = argparse.ArgumentParser()
    ap.add_argument("folders", nargs="*", type=Path,
                    default=[root / "data" / "raw", root.parent / "shared" / "corpus" / "raw"])
    ap.add_argument("--reps", type=int, default=3)
    args = ap.parse_args()
    by_name: dict[str, Path] = {}  # data/raw holds copies of corpus files: each file once
    for folder in args.folders:
        if folder.is_dir():
            for p in sorted(folder.glob("*.pdf")):
                if ".scan." not in p.name:
                    by_name.setdefault(p.name, p)
    files = sorted(by_name.values(), key=lambda p: p.name)
    pages = sum(plain_pdfplumber(f) for f in files)  # also warms the caches of both
    t_base = t_ours = 0.0
    for _ in range(args.reps):
        for f in files:
            t = time.perf_counter()
            plain_pdfplumber(f)
            t_base += time.perf_counter() - t
            t = time.perf_counter()
            extract(f)
            t_ours += time.perf_counter() - t
    n = pages * args.reps
    print(f"{len(files)} PDFs, {pages} pages, {args.reps} runs each")
    print(f"pdfplumber extract_tables+extract_text: {t_base:7.2f} s  {n / t_base:6.1f} pages/s")
    print(f"pdf_backend.extract:                    {t_ours:7.2f} s  {n / t_ours:6.1f} pages/s")
    print(f"throughput ratio (backend / pdfplumber): {t_base / t_ours:.2f}x")


if __name__ == "__main__":
    main()
