"""Benchmark: pages/s and peak memory per stage of vanban, side by side with plain pdfplumber.

    .venv/bin/python scripts/bench.py [DIR] [--repeat 3] [--json out.json]

Each measurement runs in a fresh child process (so peak RSS is its own): vanban's per-file
pipeline on every input file (stage times from FileResult.stage_seconds), and plain pdfplumber
(`extract_tables()` + `extract_text()` on every page) on the same PDFs. Imports and model loading
happen before the clock starts; the best of --repeat runs is kept. Prints the throughput ratio
vanban / pdfplumber on the PDFs (the target is >= 1.0).
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure_vanban(files: list[Path]) -> dict:
    from pipeline.process import process_file

    process_file(files[0])  # warm-up: imports, NLP models, regexes
    rss_before = _peak_rss_mb()
    stages: dict[str, float] = defaultdict(float)
    pages, start = 0, time.perf_counter()
    for path in files:
        result = process_file(path)
        pages += result.page_count or 0
        for stage, seconds in result.stage_seconds.items():
            stages[stage] += seconds
    seconds, peak_rss = time.perf_counter() - start, _peak_rss_mb()
    return {"seconds": seconds, "pages": pages, "stages": dict(stages), "stage_peak_mb": _stage_peaks(files),
            "peak_rss_mb": peak_rss, "rss_after_warmup_mb": rss_before}


def _stage_peaks(files: list[Path]) -> dict[str, float]:
    """Peak Python heap per stage (tracemalloc; a separate, untimed pass)."""
    import tracemalloc

    from pipeline.process import process_file

    peaks: dict[str, float] = defaultdict(float)
    tracemalloc.start()
    try:
        for path in files:
            for stage, mb in process_file(path).stage_peak_mb.items():
                peaks[stage] = max(peaks[stage], round(mb, 1))
    finally:
        tracemalloc.stop()
    return dict(peaks)


def measure_pdfplumber(files: list[Path]) -> dict:
    import pdfplumber

    pages, start = 0, time.perf_counter()
    for path in files:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_tables()
                page.extract_text()
                pages += 1
    return {"seconds": time.perf_counter() - start, "pages": pages, "peak_rss_mb": _peak_rss_mb()}


def _child(mode: str, files: list[Path], repeat: int) -> dict:
    cmd = [sys.executable, __file__, "--child", mode, "--repeat", str(repeat), *map(str, files)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, cwd=ROOT).stdout
    return json.loads(out.strip().splitlines()[-1])


def _best(mode: str, files: list[Path], repeat: int) -> dict:
    fn = measure_vanban if mode == "vanban" else measure_pdfplumber
    runs = [fn(files) for _ in range(repeat)]
    return min(runs, key=lambda r: r["seconds"])


def _text_layer_pdfs(files: list[Path]) -> list[Path]:
    """PDFs with a text layer (scans are OCR's business, not pdfplumber's)."""
    import pdfplumber

    out = []
    for path in files:
        if path.suffix.lower() == ".pdf":
            with pdfplumber.open(path) as pdf:
                if pdf.pages and pdf.pages[0].chars:
                    out.append(path)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("paths", nargs="*", default=[str(ROOT.parent / "shared" / "corpus" / "raw")])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", dest="json_out")
    ap.add_argument("--child", choices=["vanban", "pdfplumber"], help=argparse.SUPPRESS)
    args = ap.parse_args()
    files = [p for raw in args.paths for p in (sorted(Path(raw).iterdir()) if Path(raw).is_dir() else [Path(raw)])]
    if args.child:
        print(json.dumps(_best(args.child, files, args.repeat)))
        return
    pdfs = _text_layer_pdfs(files)
    report = {
        "pdf_vanban": _child("vanban", pdfs, args.repeat),
        "pdf_pdfplumber": _child("pdfplumber", pdfs, args.repeat),
        "all_files_vanban": _child("vanban", files, 1),
    }
    rate = lambda r: r["pages"] / r["seconds"] if r["seconds"] else 0.0  # noqa: E731
    ratio = rate(report["pdf_vanban"]) / rate(report["pdf_pdfplumber"])
    report["throughput_ratio_vs_pdfplumber"] = round(ratio, 3)
    print(f"{len(pdfs)} text-layer PDFs, {report['pdf_vanban']['pages']} pages")
    print(f"{'':28s}{'pages/s':>10s}{'seconds':>10s}{'peak MB':>10s}")
    for name in ("pdf_vanban", "pdf_pdfplumber", "all_files_vanban"):
        r = report[name]
        print(f"{name:28s}{rate(r):10.1f}{r['seconds']:10.2f}{r['peak_rss_mb']:10.0f}")
    print(f"throughput ratio vanban / pdfplumber on the same PDFs: {ratio:.2f}x")
    for name in ("pdf_vanban", "all_files_vanban"):
        stages = report[name]["stages"]
        total = sum(stages.values()) or 1.0
        peaks = report[name]["stage_peak_mb"]
        print(f"stages ({name}): " + ", ".join(f"{s} {t:.2f}s ({t / total:.0%}, peak {peaks.get(s, 0):.0f} MB)"
                                               for s, t in stages.items()))
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(report, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
