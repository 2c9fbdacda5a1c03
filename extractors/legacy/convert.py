"""Legacy Word .doc (and .rtf, .odt): converted to DOCX by LibreOffice headless, then read by the
DOCX backend, so every later stage sees the same document model.

    extract(path) -> Document             # file_format "doc" (or "rtf" / "odt")
    preconvert(paths) -> {path: docx}     # optional, in a batch driver: one soffice run for all
                                          # legacy files, into a content-addressed cache
    convert_to_docx(paths, out_dir) -> {path: docx path}   # the soffice call itself

Conversion runs `soffice --headless --convert-to docx` with:
- a user profile directory held exclusively for the conversion: profile "slots"
  `/tmp/vanban-lo-<uid>/slot-<n>`, each guarded by an flock, the first free one taken. Parallel
  workers (processes, sandboxed children, threads) never share a profile (LibreOffice's profile
  lock would make the second soffice hand its job to the first and return at once), an already
  running desktop LibreOffice does not swallow the request, and a slot's profile stays warm for
  the next file (the first conversion in a fresh profile costs ~2 s more);
- a wall-clock timeout (`CONVERT_TIMEOUT_S`, scaled by the number of files in a batch) after
  which the whole soffice process group is killed;
- the output written into a temporary directory that is removed afterwards.
Missing LibreOffice → ExtractionError("converter_unavailable"); a file LibreOffice cannot read or a
conversion that times out → ExtractionError("conversion_failed").
"""

from __future__ import annotations

import fcntl
import os
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterable
from contextlib import contextmanager
from pathlib import Path

from extractors import file_sha256, sniff_format
from extractors.model import Document, ExtractionError

CONVERT_TIMEOUT_S = 60.0  # one file; a batch gets this per file plus start-up
INSTALL_HINT = "apt-get install libreoffice-writer-nogui"
_CANDIDATES = (
    "soffice",
    "libreoffice",
    "/usr/lib/libreoffice/program/soffice",
    "/opt/libreoffice/program/soffice",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
)


def find_soffice() -> str | None:
    for cand in _CANDIDATES:
        exe = shutil.which(cand) if os.sep not in cand else (cand if os.access(cand, os.X_OK) else None)
        if exe:
            return exe
    return None


def _per_user_tmp(name: str) -> Path:
    """A directory under the temp dir that is this user's own (another user's files there are
    neither readable nor writable)."""
    return Path(tempfile.gettempdir()) / f"{name}-{os.getuid() if hasattr(os, 'getuid') else 0}"


@contextmanager
def _profile_slot():
    """An exclusive LibreOffice user profile directory for the duration of one soffice run."""
    base = _per_user_tmp("vanban-lo")
    base.mkdir(parents=True, exist_ok=True)
    for n in range(256):
        lock_path = base / f"slot-{n}.lock"
        fh = open(lock_path, "a+")
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            fh.close()
            continue
        try:
            yield base / f"slot-{n}"
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)
            fh.close()
        return
    raise ExtractionError("conversion_failed", "no free LibreOffice profile slot (256 conversions running?)")


def _kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError, AttributeError):
        proc.kill()
    proc.wait()


def convert_to_docx(paths: list[Path], out_dir: Path, timeout_s: float | None = None) -> dict[Path, Path]:
    """Convert files to DOCX into out_dir with one soffice run. Returns {input: output} for the
    files that converted (a file LibreOffice could not read is simply missing from the result)."""
    return convert_files(paths, out_dir, timeout_s=timeout_s)


def convert_files(
    paths: list[Path],
    out_dir: Path,
    target: str = "docx:MS Word 2007 XML",
    ext: str = ".docx",
    timeout_s: float | None = None,
) -> dict[Path, Path]:
    """`convert_to_docx` to any LibreOffice export filter (`target`, e.g. "pdf:writer_pdf_Export",
    whose files end in `ext`)."""
    exe = find_soffice()
    if not exe:
        raise ExtractionError(
            "converter_unavailable", f"reading .doc/.rtf/.odt needs LibreOffice, which is not installed: {INSTALL_HINT}"
        )
    paths = [Path(p) for p in paths]
    if not paths:
        return {}
    out_dir.mkdir(parents=True, exist_ok=True)
    timeout = timeout_s if timeout_s is not None else CONVERT_TIMEOUT_S * len(paths) + 15
    with _profile_slot() as profile:
        cmd = [
            exe,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--invisible",
            "--norestore",
            "--nologo",
            "--nodefault",
            "--nolockcheck",
            "--convert-to",
            target,
            "--outdir",
            str(out_dir),
            *[str(p.resolve()) for p in paths],
        ]
        env = dict(os.environ, HOME=os.environ.get("HOME") or str(profile))
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, start_new_session=True)
        try:
            _, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill_group(proc)
            shutil.rmtree(profile, ignore_errors=True)  # a killed soffice may leave it half-written
            raise ExtractionError(
                "conversion_failed",
                f"LibreOffice did not finish converting {', '.join(p.name for p in paths)} within {timeout:.0f} s",
            )
        finally:
            if proc.poll() is None:  # interrupted (KeyboardInterrupt...): leave no soffice behind
                _kill_group(proc)
    out = {}
    for p in paths:
        made = out_dir / (p.stem + ext)
        if made.exists() and made.stat().st_size > 0:
            out[p] = made
    if not out and proc.returncode != 0:
        shutil.rmtree(profile, ignore_errors=True)
        msg = err.decode("utf-8", "replace").strip().splitlines()
        raise ExtractionError(
            "conversion_failed", f"LibreOffice failed (exit {proc.returncode}): {' '.join(msg[-2:])[:300]}"
        )
    return out


def _store(docx: Path, target: Path) -> None:
    """Copy into the cache atomically: a parallel worker never reads half a file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    shutil.copyfile(docx, tmp)
    os.replace(tmp, target)


def cache_dir() -> Path:
    """Converted DOCX files, named by the SHA-256 of their source (content-addressed: never stale)."""
    return _per_user_tmp("vanban-docx-cache")


def preconvert(paths: Iterable[str | Path], timeout_s: float | None = None) -> dict[Path, Path]:
    """Convert every legacy file among paths with ONE soffice run into the cache (~0.4 s a file
    instead of ~1.5 s for one run per file), so that `extract` in any worker process finds its
    DOCX ready. Best effort: a file that fails here is converted on its own by `extract` later.
    Returns {source: cached docx} for the files now in the cache."""
    out: dict[Path, Path] = {}
    todo: dict[Path, Path] = {}
    cache = cache_dir()
    cache.mkdir(parents=True, exist_ok=True)
    for p in map(Path, paths):
        try:
            if not p.is_file() or sniff_format(p) not in ("doc", "rtf", "odt"):
                continue
            target = cache / f"{file_sha256(p)}.docx"
        except (OSError, ExtractionError):
            continue
        if target.exists():
            out[p] = target
        else:
            todo[p] = target
    if not todo:
        return out
    with tempfile.TemporaryDirectory(prefix="vanban-doc-") as tmp:
        copies = {}
        for p, target in todo.items():
            copy = Path(tmp) / f"{target.stem}{p.suffix.lower() or '.doc'}"
            shutil.copyfile(p, copy)
            copies[copy] = p
        try:
            converted = convert_to_docx(list(copies), Path(tmp) / "out", timeout_s)
        except ExtractionError:
            return out
        for copy, docx in converted.items():
            src = copies[copy]
            _store(docx, todo[src])
            out[src] = todo[src]
    return out


def extract(path: Path, timeout_s: float | None = None) -> Document:
    """Read a .doc/.rtf/.odt file into the document model through a DOCX (from the cache that
    `preconvert` fills, else converted now and cached)."""
    path = Path(path)
    kind = sniff_format(path)
    if kind not in ("rtf", "odt"):
        kind = "doc"  # an OLE file, or bytes nothing recognises: _check_word_ole tells them apart
        _check_word_ole(path)
    start = time.perf_counter()
    cached = cache_dir() / f"{file_sha256(path)}.docx"
    how = "converted earlier (cache)"
    if not cached.exists():
        with tempfile.TemporaryDirectory(prefix="vanban-doc-") as tmp:
            # a private copy with a plain name: LibreOffice names its output after the input's stem
            src = Path(tmp) / f"input{path.suffix.lower() or '.' + kind}"
            shutil.copyfile(path, src)
            converted = convert_to_docx([src], Path(tmp) / "out", timeout_s)
            if src not in converted:
                raise ExtractionError(
                    "conversion_failed",
                    f"{path.name}: LibreOffice could not read the file as a {kind.upper()} document",
                )
            _store(converted[src], cached)
        how = "converted"
    from extractors.docx import backend as docx_backend

    try:
        doc = docx_backend.extract(cached)
    except ExtractionError as exc:
        cached.unlink(missing_ok=True)
        raise ExtractionError("conversion_failed", f"{path.name}: the converted DOCX cannot be read ({exc.message})")
    doc.source_file = str(path)
    doc.file_format = kind
    doc.warnings.append(f"{how} from {kind.upper()} by LibreOffice, {time.perf_counter() - start:.1f} s")
    return doc


_WORD_STREAM = "WordDocument".encode("utf-16-le")


def _check_word_ole(path: Path) -> None:
    """An OLE compound file is a Word document only if its directory names a WordDocument
    stream; Excel/PowerPoint files (also OLE) and damaged files would be imported by LibreOffice
    as junk plain text."""
    with open(path, "rb") as fh:
        data = fh.read(64 * 1024 * 1024)
    if _WORD_STREAM not in data:
        raise ExtractionError(
            "conversion_failed",
            f"{path.name}: not a Word document (an OLE file without a "
            "WordDocument stream: Excel/PowerPoint, or a damaged .doc)",
        )
