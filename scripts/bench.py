"""Benchmark: vanban's whole process side by side with plain pdfplumber, on the same PDFs.

    python scripts/bench.py [PATH ...] [--runs 5] [--json out.json]

Every figure is of a whole process (start-up, imports, parsing, writing), measured from outside:
wall time by the clock, CPU time and peak RSS from the kernel's accounting of the reaped child
(`os.wait4`; peak RSS is the largest single process, so a sandboxed per-file child counts too).
The commands run in turn — vanban, pdfplumber, vanban, … — so a machine whose speed drifts
(shared cores) slows both alike; the medians are quoted, and the ratio is taken pair by pair.
The project's modules are byte-compiled first (`compileall`), as in an installed package: where
PYTHONDONTWRITEBYTECODE is set, every run would otherwise compile them again (~0.1 s of CPU), a
cost no installed vanban pays.

Measured:
- `ingest` of the text-layer PDFs, one worker, into a fresh store, against plain pdfplumber
  (`extract_tables()` + `extract_text()` on every page) in its own process: pages/s, peak RSS,
  the ratio (the target of issue #13 is >= 4x);
- with `--backends`: the same ingest per PDF text layer (VANBAN_PDF_LAYER=pdfplumber / pdfium);
- `vanban --help` (start-up);
- the time per stage (one in-process pass over the files: FileResult.stage_seconds), and the
  overhead: the ingest's CPU time beyond that pass's CPU time (start-up, imports, the per-file
  sandboxed children, writing the store, the summary);
- OCR: pages/s of `ingest` on the PDFs without a text layer (when there are any).
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("pipeline", "extractors", "schemas")  # pyproject's [tool.setuptools.packages.find]
PDFPLUMBER = (
    "import sys, pdfplumber\n"
    "for path in sys.argv[1:]:\n"
    "    with pdfplumber.open(path) as pdf:\n"
    "        for page in pdf.pages:\n"
    "            page.extract_tables(); page.extract_text()\n"
)


def run_once(cmd: list[str], env: dict[str, str] | None = None) -> dict:
    """One whole process: wall seconds, CPU seconds, peak RSS (MB) and its exit status."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=ROOT, env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return {
        "wall": time.perf_counter() - start,
        "cpu": usage.ru_utime + usage.ru_stime,
        "peak_mb": usage.ru_maxrss / 1024,
        "exit": proc.returncode,
    }


def alternate(commands: dict[str, tuple[list[str], dict]], runs: int) -> dict[str, list[dict]]:
    """Run the commands in turn `runs` times (after one uncounted warm-up round)."""
    out: dict[str, list[dict]] = {name: [] for name in commands}
    for k in range(runs + 1):
        for name, (cmd, env) in commands.items():
            result = run_once(cmd, env)
            if k:
                out[name].append(result)
    return out


def summary(results: list[dict], pages: int) -> dict:
    med = {key: statistics.median(r[key] for r in results) for key in ("wall", "cpu", "peak_mb")}
    return {
        **med,
        "pages_per_s": pages / med["wall"] if med["wall"] else 0.0,
        "exits": sorted({r["exit"] for r in results}),
        "walls": [round(r["wall"], 3) for r in results],
    }


def ingest_cmd(files: list[Path], out_dir: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "pipeline.cli",
        "ingest",
        *map(str, files),
        "--out",
        out_dir,
        "--workers",
        "1",
        "--force",
        "-q",
    ]


def stage_times(files: list[Path]) -> dict:
    """Seconds per stage summed over the files, and the CPU seconds of the whole pass (one
    in-process pass, in a child of its own, after its imports)."""
    code = (
        "import json, sys, time\nfrom collections import defaultdict\nfrom pipeline.process import process_file\n"
        "s = defaultdict(float)\npages = 0\ncpu = time.process_time()\n"
        "for f in sys.argv[1:]:\n    r = process_file(f)\n    pages += r.page_count or 0\n"
        "    for k, v in r.stage_seconds.items(): s[k] += v\n"
        "print(json.dumps({'pages': pages, 'stages': s, 'cpu': time.process_time() - cpu}))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, *map(str, files)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def split_pdfs(files: list[Path]) -> tuple[list[Path], list[Path], int, int]:
    """(text-layer PDFs, scanned PDFs, their page counts): a PDF whose first page has chars has a
    text layer (a scan is OCR's business, not pdfplumber's)."""
    import pypdfium2 as pdfium

    text, scans, text_pages, scan_pages = [], [], 0, 0
    for path in files:
        if path.suffix.lower() != ".pdf":
            continue
        pdf = pdfium.PdfDocument(str(path))
        try:
            has_text = pdf[0].get_textpage().count_chars() > 0
            if has_text:
                text.append(path)
                text_pages += len(pdf)
            else:
                scans.append(path)
                scan_pages += len(pdf)
        finally:
            pdf.close()
    return text, scans, text_pages, scan_pages


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("paths", nargs="*", default=[str(ROOT / "data" / "raw")])
    ap.add_argument("--runs", type=int, default=5, help="counted runs of each command (medians)")
    ap.add_argument("--backends", action="store_true", help="also ingest with each PDF text layer")
    ap.add_argument("--json", dest="json_out")
    args = ap.parse_args()
    files = [p for raw in args.paths for p in (sorted(Path(raw).iterdir()) if Path(raw).is_dir() else [Path(raw)])]
    pdfs, scans, pages, scan_pages = split_pdfs(files)
    os.environ["PYTHONPATH"] = str(ROOT)  # this checkout's code, whichever venv runs it
    for package in PACKAGES:  # the bytecode an installed package has (py_compile writes it whatever the env says)
        compileall.compile_dir(ROOT / package, quiet=1)
    report: dict = {"pdfs": len(pdfs), "pages": pages, "cores": os.cpu_count(), "runs": args.runs}
    with tempfile.TemporaryDirectory() as tmp:
        commands = {
            "vanban": (ingest_cmd(pdfs, f"{tmp}/a"), {}),
            "pdfplumber": ([sys.executable, "-c", PDFPLUMBER, *map(str, pdfs)], {}),
        }
        if args.backends:
            for layer in ("pdfplumber", "pdfium"):
                commands[f"vanban[{layer}]"] = (ingest_cmd(pdfs, f"{tmp}/{layer}"), {"VANBAN_PDF_LAYER": layer})
        commands["--help"] = ([sys.executable, "-m", "pipeline.cli", "--help"], {})
        raw = alternate(commands, args.runs)
        report["whole_process"] = {name: summary(r, pages if name != "--help" else 0) for name, r in raw.items()}
        for key in ("wall", "cpu"):  # CPU time is the steadier figure when other jobs share the cores
            ratios = [b[key] / a[key] for a, b in zip(raw["vanban"], raw["pdfplumber"])]
            report[f"{key}_ratio_vs_pdfplumber"] = {
                "median": statistics.median(ratios),
                "min": min(ratios),
                "max": max(ratios),
            }
        passes = sorted((stage_times(pdfs) for _ in range(min(3, args.runs))), key=lambda p: p["cpu"])
        in_process = passes[len(passes) // 2]  # the median pass
        report["stages"] = in_process["stages"]
        # what the whole process spends beyond parsing the files: start-up, imports, forks, writing, summary
        report["parse_cpu"] = in_process["cpu"]
        report["overhead_cpu"] = report["whole_process"]["vanban"]["cpu"] - in_process["cpu"]
        if scans:
            ocr = alternate({"ocr": (ingest_cmd(scans, f"{tmp}/ocr"), {})}, max(1, args.runs // 2))["ocr"]
            report["ocr"] = {"files": len(scans), **summary(ocr, scan_pages)}
    print(
        f"{len(pdfs)} text-layer PDFs, {pages} pages; {args.runs} alternated runs, medians; "
        f"{report['cores']} cores (shared: figures are noisy, compare within one run)"
    )
    print(f"{'whole process':24s}{'wall s':>9s}{'cpu s':>9s}{'pages/s':>9s}{'peak MB':>9s}")
    for name, r in report["whole_process"].items():
        print(f"{name:24s}{r['wall']:9.2f}{r['cpu']:9.2f}{r['pages_per_s']:9.1f}{r['peak_mb']:9.0f}")
    for key in ("wall", "cpu"):
        ratio = report[f"{key}_ratio_vs_pdfplumber"]
        print(
            f"vanban vs plain pdfplumber, {key} time pair by pair: {ratio['median']:.2f}x faster "
            f"(min {ratio['min']:.2f}, max {ratio['max']:.2f}; target >= 4)"
        )
    total = sum(report["stages"].values()) or 1.0
    print("stages (in-process, s): " + ", ".join(f"{s} {t:.2f} ({t / total:.0%})" for s, t in report["stages"].items()))
    print(
        f"overhead: the ingest's CPU {report['whole_process']['vanban']['cpu']:.2f} s - parsing the files "
        f"in-process {report['parse_cpu']:.2f} s = {report['overhead_cpu']:.2f} s"
    )
    if "ocr" in report:
        o = report["ocr"]
        print(
            f"OCR: {o['files']} scanned PDFs, {scan_pages} pages: {o['pages_per_s']:.2f} pages/s "
            f"(wall {o['wall']:.1f} s, peak {o['peak_mb']:.0f} MB)"
        )
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(report, indent=1, default=str), encoding="utf-8")


if __name__ == "__main__":
    main()
