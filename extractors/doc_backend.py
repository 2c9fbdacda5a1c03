"""Legacy Word .doc (and .rtf, .odt): converted to DOCX by LibreOffice headless, then read by the
DOCX backend, so every later stage sees the same document model.

    extract(path) -> Document             # file_format "doc" (or "rtf" / "odt")
    convert_to_docx(paths, out_dir) -> {path: docx path}   # one soffice run for a whole batch

Conversion runs `soffice --headless --convert-to docx` with:
- a user profile directory of its own per process (`-env:UserInstallation=file:///tmp/vanban-lo-<uid>-<pid>`),
  created once and reused for every file that process converts: parallel ingest workers never
  collide on LibreOffice's profile lock, and an already running desktop LibreOffice does not
  swallow the request;
- a wall-clock timeout (`CONVERT_TIMEOUT_S`, scaled by the number of files in a batch) after
  which the whole soffice process group is killed;
- the output written into a temporary directory that is removed afterwards.
Missing LibreOffice → ExtractionError("converter_unavailable"); a file LibreOffice cannot read or a
conversion that times out → ExtractionError("conversion_failed").
"""
from __future__ import annotations

import atexit
import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

from extractors.model import Document, ExtractionError

CONVERT_TIMEOUT_S = 60.0  # one file; a batch gets this per file plus start-up
INSTALL_HINT = "apt-get install libreoffice-writer-nogui"
_CANDIDATES = ("soffice", "libreoffice", "/usr/lib/libreoffice/program/soffice",
               "/opt/libreoffice/program/soffice", "/Applications/LibreOffice.app/Contents/MacOS/soffice")

_profile_dir: Path | None = None
_profile_pid: int | None = None


def find_soffice() -> str | None:
    for cand in _CANDIDATES:
        exe = shutil.which(cand) if os.sep not in cand else (cand if os.access(cand, os.X_OK) else None)
        if exe:
            return exe
    return None


def _profile() -> Path:
    """This process's LibreOffice user profile (created on first use, removed at exit)."""
    global _profile_dir, _profile_pid
    if _profile_dir is None or _profile_pid != os.getpid():  # a forked worker gets its own
        _profile_pid = os.getpid()
        _profile_dir = Path(tempfile.gettempdir()) / f"vanban-lo-{os.getuid() if hasattr(os, 'getuid') else 0}-{_profile_pid}"
        _profile_dir.mkdir(parents=True, exist_ok=True)
        atexit.register(shutil.rmtree, _profile_dir, True)
    return _profile_dir


def _kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError, AttributeError):
        proc.kill()
    proc.wait()


def convert_to_docx(paths: list[Path], out_dir: Path, timeout_s: float | None = None) -> dict[Path, Path]:
    """Convert files to DOCX into out_dir with one soffice run. Returns {input: output} for the
    files that converted (a file LibreOffice could not read is simply missing from the result)."""
    exe = find_soffice()
    if not exe:
        raise ExtractionError("converter_unavailable",
                              f"reading .doc/.rtf/.odt needs LibreOffice, which is not installed: {INSTALL_HINT}")
    paths = [Path(p) for p in paths]
    if not paths:
        return {}
    out_dir.mkdir(parents=True, exist_ok=True)
    timeout = timeout_s if timeout_s is not None else CONVERT_TIMEOUT_S * len(paths) + 15
    cmd = [exe, f"-env:UserInstallation={_profile().as_uri()}", "--headless", "--invisible", "--norestore",
           "--nologo", "--nodefault", "--nolockcheck", "--convert-to", "docx:MS Word 2007 XML",
           "--outdir", str(out_dir), *[str(p.resolve()) for p in paths]]
    env = dict(os.environ, HOME=os.environ.get("HOME") or str(_profile()))
    env.pop("SAL_USE_VCLPLUGIN", None)
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, start_new_session=True)
    try:
        _, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(proc)
        raise ExtractionError("conversion_failed",
                              f"LibreOffice did not finish converting {', '.join(p.name for p in paths)} within {timeout:.0f} s")
    out = {}
    for p in paths:
        target = out_dir / (p.stem + ".docx")
        if target.exists() and target.stat().st_size > 0:
            out[p] = target
    if not out and proc.returncode != 0:
        msg = err.decode("utf-8", "replace").strip().splitlines()
        raise ExtractionError("conversion_failed",
                              f"LibreOffice failed (exit {proc.returncode}): {' '.join(msg[-2:])[:300]}")
    return out


def extract(path: Path, timeout_s: float | None = None) -> Document:
    """Read a .doc/.rtf/.odt file into the document model through a temporary DOCX."""
    path = Path(path)
    kind = _kind(path)
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="vanban-doc-") as tmp:
        # a private copy with a plain name: LibreOffice names its output after the input's stem
        src = Path(tmp) / f"input{path.suffix.lower() or '.' + kind}"
        shutil.copyfile(path, src)
        converted = convert_to_docx([src], Path(tmp) / "out", timeout_s)
        if src not in converted:
            raise ExtractionError("conversion_failed", f"{path.name}: LibreOffice could not read the file as a {kind.upper()} document")
        from extractors import docx_backend
        try:
            doc = docx_backend.extract(converted[src])
        except ExtractionError as exc:
            raise ExtractionError("conversion_failed", f"{path.name}: the converted DOCX cannot be read ({exc.message})")
    doc.source_file = str(path)
    doc.file_format = kind
    doc.warnings.append(f"converted from {kind.upper()} by LibreOffice in {time.perf_counter() - start:.1f} s")
    return doc


def _kind(path: Path) -> str:
    with open(path, "rb") as fh:
        head = fh.read(2048)
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith(b"PK") and b"opendocument.text" in head:
        return "odt"
    return "doc"
