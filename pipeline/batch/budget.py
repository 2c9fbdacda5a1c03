"""How long one file may take: a base plus a budget per page, so a 300-page scan is not killed by
a limit sized for a 3-page letter, and a hung 1-page file is still stopped early.

    TimeBudget(base_s=120, per_page_s=3).seconds(pages=40) == 240
    estimate_pages(Path("scan.pdf")) -> 40 (None when the format does not say cheaply)
    Limits(timeout_s=120, memory_mb=3072).timeout_for("scan.pdf") -> 320.0

Light on purpose (no parser imported): the ingest driver and the CLI read the limits before they
know whether there is any file to parse.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipeline.batch.sandbox import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_S

# OCR of one scanned page (Tesseract, layout, tables) takes 1-3 s on one core; twice that leaves
# room for a busy machine without letting a hung parser run for long
DEFAULT_PER_PAGE_S = 5.0


@dataclass(frozen=True)
class TimeBudget:
    """A file's wall-clock limit: base_s, plus per_page_s for each page when its page count is known."""

    base_s: float
    per_page_s: float = DEFAULT_PER_PAGE_S

    def seconds(self, pages: int | None) -> float:
        return self.base_s + self.per_page_s * (pages or 0)


def estimate_pages(path: Path) -> int | None:
    """The page count read cheaply from the file's structure (PDF page tree, TIFF frames), before
    any parsing; None for other formats or an unreadable file (then the base limit applies)."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".pdf":
            import pypdfium2

            pdf = pypdfium2.PdfDocument(str(path))
            try:
                return len(pdf)
            finally:
                pdf.close()
        if suffix in (".tif", ".tiff"):
            from PIL import Image

            with Image.open(path) as image:
                return getattr(image, "n_frames", 1)
    except Exception:  # noqa: BLE001 - an encrypted or broken file: the parser reports it, not us
        return None
    return None


@dataclass(frozen=True)
class Limits:
    """Per-file limits: a parser that hangs or balloons is killed and reported, the batch goes on.
    The time limit is timeout_s plus per_page_s for each page (pipeline/batch/budget.py)."""

    timeout_s: float = DEFAULT_TIMEOUT_S
    memory_mb: int | None = DEFAULT_MEMORY_MB
    per_page_s: float = DEFAULT_PER_PAGE_S

    def timeout_for(self, path: str | Path) -> float:
        """This file's wall-clock limit: the base plus the per-page budget times its page count."""
        return TimeBudget(self.timeout_s, self.per_page_s).seconds(estimate_pages(Path(path)))
