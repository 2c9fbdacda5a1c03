"""Every tolerance of the PDF layout code in one place (like pdfplumber's table settings).

Re-exported by `extractors.pdf.tables`; the modules of the PDF backend take a `settings` argument
defaulting to `DEFAULT_SETTINGS`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field


@dataclass
class PdfTableSettings:
    # --- which library reads the page's chars, lines and rects (`pdf.pdfium.layer`)
    text_layer: str = field(default_factory=lambda: os.environ.get("VANBAN_PDF_LAYER", "pdfium"))
    # "pdfium" (pdfium where it reads a page as pdfminer does, else pdfminer) or "pdfplumber" (pdfminer)
    pdfium_size_tolerance: float = 0.01  # pt: page sizes, advance widths (pdfium's floats against pdfminer's)
    pdfium_space_min_gap_ratio: float = 0.02  # a pdfium space over a gap between this and word_gap_ratio
    # x size may be a squeezed space glyph: pdfminer reads the page
    pdfium_garbage_diacritic_share: float = 0.3  # a page pdfium reads near the garbage thresholds
    pdfium_garbage_misspelt_share: float = 0.1  # (`garbage.GarbageSettings`) is pdfminer's to judge
    # --- words and lines
    word_gap_ratio: float = 0.12  # a horizontal gap > ratio x font size splits a word (no space glyph needed)
    space_baseline_ratio: float = 0.2  # a space glyph whose bottom is further than ratio x size from the
    # letter before it (another line's) ends no word
    line_overlap_ratio: float = 0.5  # chars/words share a visual line when their vertical overlap >= ratio x height
    # --- ruling lines (snap/join as in pdfplumber's table finder)
    snap_tolerance: float = 3.0  # parallel rulings closer than this are snapped to one position
    join_tolerance: float = 3.0  # collinear segments with a gap up to this are joined
    edge_min_length: float = 3.0  # shorter segments are ignored
    max_ruling_thickness: float = 2.5  # a filled rect thinner than this is a ruling line
    intersection_tolerance: float = 3.0  # a horizontal and a vertical ruling touch within this distance
    border_coverage: float = 0.6  # a cell side is ruled when rulings cover >= this fraction of it
    min_grid_slots: int = 2  # a ruled frame around a single box is not a table
    max_grid_slots: int = 20000  # nor is graph paper or a drawing with thousands of cells
    min_row_height: float = 4.0  # grid rows thinner than this (double rulings) are folded
    # --- cell text
    cell_padding_max: float = 12.0  # cap on the estimated cell padding
    cell_padding_default: float = 2.0  # the padding of a table whose words all touch a cell's left edge
    para_gap_ratio: float = 0.1  # pitch > normal pitch + max(para_gap_min, ratio x size) -> new text line
    para_gap_min: float = 1.0
    blank_line_ratio: float = 1.0  # a vertical gap (bottom to top) > ratio x size always starts a new text line
    fit_slack_ratio: float = 0.1  # the next word "would have fitted" with this much slack (x size)
    space_width_ratio: float = 0.25  # width of a space, x font size, for the fit test
    # --- alignment (cell text and paragraphs)
    center_tolerance_ratio: float = 0.1  # a centred line's middle is within ratio x size + min of
    center_tolerance_min: float = 1.0  # the text area's middle ...
    center_inset_ratio: float = 0.5  # ... and it starts at least ratio x size right of the left edge
    full_line_tolerance: float = 2.0  # a line reaching within this of the right edge is full
    # --- paragraphs (free text outside tables)
    indent_ratio: float = 0.5  # a line starting ratio x size right of the previous one opens a paragraph
    size_change: float = 0.6  # a font size change larger than this (pt) opens a paragraph
    style_share: float = 0.9  # a paragraph is bold/italic when this share of its characters is
    word_style_share: float = 0.5  # a word is bold/italic when this share of its characters is
    right_align_inset: float = 0.3  # a full line starting this share of the text width in is right-aligned
    # --- the body text area per page size (margins)
    margin_common_share: float = 0.1  # a left edge shared by this share of the lines (and >= 2) is a margin
    margin_right_quantile: float = 0.95  # the right margin: this quantile of the lines' right ends
    margin_sparse_lines: int = 10  # page sizes with fewer free lines also take their ruled tables' extent
    # --- tables without rulings (column alignment)
    min_col_gap_ratio: float = 2.2  # a gutter between columns is at least ratio x font size wide
    borderless_max_gap_ratio: float = 4.0  # lines further apart than ratio x line height end the block
    # (the signature space under "GIÁM ĐỐC" is ~3 lines)
    signatures_gap_ratio: float = 12.0  # but a line with text in every column (the names of signers side
    # by side) joins over this much: the space their signatures, images and seals take (NĐ 30/2020 Phụ lục I)
    borderless_row_gap_ratio: float = 0.4  # a new row starts at a line with text in every column,
    # each set off by >= ratio x size from the line above
    title_center_ratio: float = 0.3  # a line centred on the page (within ratio x size + 2) is a title,
    # in no column
    tail_gap_ratio: float = 0.5  # a line closer than ratio x size under a full-width line is its
    # paragraph's tail, not part of the block below
    borderless_line_ratio: float = 0.3  # segments whose tops differ by < ratio x size are one line
    borderless_pad: float = 1.0  # a borderless table's bbox reaches this far past its text
    # --- task tables without vertical rulings (columns under a header line, rows from STT)
    aligned_min_cols: int = 3  # a header line cut into at least this many cells
    aligned_header_gap_ratio: float = 0.8  # header cells are set off by >= ratio x font size
    aligned_max_header_lines: int = 4  # wrapped header cells: at most this many lines ...
    aligned_max_ruled_header_lines: int = 8  # ... or this many above the rule that ends a ruled header
    aligned_header_gap_lines: float = 1.0  # a header line more than ratio x size under the last ends it
    aligned_max_gap_ratio: float = 2.5  # a vertical gap > ratio x size ends the table
    aligned_scan_step: float = 0.5  # x step (pt) of the gutter scan
    aligned_max_crossing_share: float = 0.3  # a gutter may be crossed by this share of body lines
    # (section titles running across)
    aligned_join_gap_ratio: float = 0.45  # a gap narrower than ratio x size at a column boundary is
    # a word space: the row's cell runs on (merged cells)
    aligned_rule_tolerance_ratio: float = 0.3  # a rule between two rows may reach ratio x size into
    # their text boxes (a line's box includes its ascent)
    aligned_centre_tolerance_ratio: float = 0.3  # cells set vertically centred: a cell's text whose
    # middle lies within ratio x size of a row label's middle belongs to that row
    aligned_carry_tolerance: float = 8.0  # a continued table's gutters lie within this of the last page's
    aligned_min_body_lines: int = 2
    aligned_min_rows: int = 2
    # --- running headers/footers and page numbers (used by the backend)
    header_zone_ratio: float = 0.09  # top fraction of the page where running headers/page numbers live
    footer_zone_ratio: float = 0.08  # bottom fraction of the page
    running_min_share: float = 0.5  # a header text repeated on >= this share of pages (and >= 3) is dropped
    # --- stitching pages into one logical table
    col_match_tolerance: float = 4.0  # column boundaries of the two page tables agree within this
    continuation_empty_first_col: bool = True  # an empty first (STT) cell starts a continuation row
    continuation_lowercase: bool = True  # ... as does a row whose every cell starts in lower case
    merge_empty_across_page: bool = True  # an empty cell under a page break continues a vertical merge
    open_bottom_ratio: float = 1.6  # a cell whose last line ends within ratio x size of the cell's
    # bottom at a page end may continue on the next page
    header_bold_share: float = 0.9  # a single-page table's first row is a header when this bold
    # --- scanned pages (read by OCR)
    min_text_chars: int = 20  # a page with fewer non-space characters (and an image) has no text layer
    scan_image_share: float = 0.5  # an image covering this share of the page is a scanned page ...
    max_overlay_chars: int = 200  # ... when no more text than this lies over it (a SAO Y stamp's line)


DEFAULT_SETTINGS = PdfTableSettings()
