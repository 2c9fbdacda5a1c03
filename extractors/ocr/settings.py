"""Every tolerance of the OCR backend in one place (like `pdf_settings.PdfTableSettings`).

Pixel distances are given as multiples of `h`, the median word (or line) height on the page, so they
hold at any render resolution; the few absolute pixel values are marked "px". The OCR modules take a
`settings` argument defaulting to `OCR_SETTINGS`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class OcrSettings:
    # --- rendering (ocr_backend)
    min_dpi: int = 200  # a scan's own resolution is clamped to min_dpi..max_dpi: lower reads badly,
    max_dpi: int = 300  # higher only costs time
    default_dpi: int = 300  # a page without a scanned image (or rendered by pdftoppm)
    min_scan_width_in: float = 1.0  # images narrower than this (inches) are logos/stamps, not the scan
    max_page_pixels: float = 120e6  # an absurd page size is rendered at a lower dpi to stay under this
    min_capped_dpi: int = 50  # ... but never below this
    # --- red ink (ocr.ink): seals and incoming stamps over the print
    red_ink_margin: int = 40  # a pixel whose red exceeds its green and blue by more than this is red ink
    red_ink_white: int = 150  # ... and, seen through a red filter, this light or lighter it is paper
    red_ink_body: int = 3  # px: red ink is at least this thick (thinner red specks are colour fringes)
    red_ink_fringe: int = 2  # px: pixels this close to red ink are seen through the filter too
    seal_red_share: float = 0.6  # a picture laid on a page whose ink is this red is a seal (ocr.ink)
    page_picture_share: float = 0.5  # a picture covering this share of the page is the scan itself
    # --- deskew (ocr_image.estimate_skew / deskew)
    skew_probe_size: int = 1000  # px: the page is shrunk to this longest side for the search
    speck_kernel: int = 2  # px: opening with this square kernel drops isolated scanner specks
    skew_search_range: float = 5.0  # degrees searched either side of straight ...
    skew_coarse_step: float = 0.5  # ... in steps of this, then refined around the best angle
    skew_fine_step: float = 0.1  # ... in steps of this (over one coarse step either side)
    deskew_min_angle: float = 0.15  # degrees; a smaller skew is left alone (rotation blurs glyphs)
    # --- ruling lines (ocr_image._rule_masks / remove_rules / has_ruling_lines)
    rule_min_length: int = 20  # px: the shortest run that counts as a ruling line ...
    rule_h_page_share: int = 25  # ... and a horizontal one is at least 1/this of the page width
    rule_v_page_share: int = 40  # ... a vertical one at least 1/this of the page height
    min_rules: int = 2  # a page needs this many horizontal and vertical rules to look for tables
    rule_erase_dilate: int = 3  # px: square kernel widening the rule mask before painting it white
    # --- Tesseract page segmentation modes
    page_psm: int = 3  # the whole page: automatic segmentation
    crop_psm: int = 6  # stacked crops (missed ink, narrow cells): one uniform block of text
    glyph_psm: int = 7  # a lone glyph retried on its own: one text line
    crop_pad: int = 20  # px: white margin around each stacked crop (callers pass the line height)
    max_stack_px: int = 30000  # px: crops are stacked up to this height (Tesseract refuses 32767 and over)
    # --- second pass over ink the page reading skipped (ocr_image.recover_missed)
    word_box_margin: int = 3  # px: ink this close to a word box belongs to that word
    blob_dilate_w: float = 0.5  # x h: ink is joined into word-sized blobs over this horizontal gap
    blob_dilate_h: float = 0.25  # x h: ... and this vertical one
    blob_min_dilate: int = 3  # px: floor on both (tiny text still joins into words)
    blob_min_height: float = 0.5  # x h: a text blob is at least this tall ...
    blob_max_height: float = 3.0  # x h: ... at most this tall (more is a picture or a stamp)
    blob_min_width: float = 0.5  # x h: ... and at least this wide
    glyph_min_ink: float = 0.1  # x h^2: ink pixels of real glyphs (a speck cluster has fewer)
    glyph_min_height: float = 0.5  # x h: the ink's own extent, letter-sized ...
    glyph_min_width: float = 0.4  # x h
    max_missed_regions: int = 40  # more uncovered blobs is a noisy page: not worth a second run
    missed_min_alnum: int = 2  # a recovered word has at least this many letters/digits
    # --- word confidences (Tesseract 0-100)
    min_conf: float = 60  # a second reading replaces the first, and a punctuation-only word is kept,
    # from this confidence
    min_conf_empty_cell: float = 30  # where the page reading found nothing, a weaker reading will do
    # --- narrow table cells read again one by one (ocr_image.reocr_narrow_cells)
    narrow_cell_width: float = 4.5  # x h: an STT-like column ("II", "1", "a)") is narrower than this
    narrow_cell_min_height: float = 0.8  # x h: ... and a cell lower than this holds no text line
    cell_inset: int = 3  # px: the crop stays this far inside the cell's rulings
    max_glyph_retries: int = 10  # lone-glyph retries (one Tesseract run each) per page
    ink_level: int = 128  # gray level below which a pixel is ink
    cell_min_ink: float = 0.05  # x h^2: a cell with fewer ink pixels is empty
    # --- visual lines (lines.lines_from_words / group_rows)
    tall_line: float = 1.5  # x the row's first line: a taller line (handwriting) joins it, never widens it
    line_split_gap: float = 2.2  # x h: a wider gap between words splits a Tesseract line (columns)
    cell_line_split_gap: float = 4.0  # x h: the same inside a table cell (no columns there)
    min_word_height: float = 10  # px: floor on h for the split gap (lines of dots, dashes)
    row_overlap: float = 0.5  # lines overlapping by this share of the lower one's height share a row
    # --- text block geometry (lines.geometry)
    default_line_height: float = 30.0  # px: h of a page without lines
    edge_tolerance: float = 0.4  # x h: line ends this close together share a margin
    edge_min_share: int = 6  # a margin is shared by at least 1/this of the lines (and 2)
    pitch_min: float = 0.8  # x h: line-to-line steps outside pitch_min..pitch_max are not the
    pitch_max: float = 2.5  # x h: normal line spacing (same row, or a blank line)
    default_pitch: float = 1.3  # x h: the line spacing when no step qualifies
    # --- alignment and paragraphs (lines.is_centered / lines._new_paragraph / layout._alignment)
    center_tolerance: float = 0.8  # x h: a centered line's two margins differ by less than this
    center_min_inset: float = 2.5  # x h: in the flow, both margins are wider than this (an indent is not)
    para_gap_pitch: float = 1.25  # x pitch: a larger line step is paragraph spacing ...
    para_gap_height: float = 1.2  # x h: ... as is a larger blank between two lines
    column_full_line: float = 0.85  # share of a header/signature column a line fills to wrap on
    orphan_word_share: float = 0.3  # a line this short against the one above is its orphan word
    title_full_line: float = 0.8  # share of the text width a centered title's line fills to wrap on
    short_line: float = 0.8  # x h (+ the next line's first word): a line ending this short was the last
    indent: float = 0.7  # x h: a first line starting this far right of the others is indented
    justify_tolerance: float = 0.5  # x h: lines ending this close to the right margin are justified
    # --- page assembly (layout.layout_page / _zones)
    table_pad: float = 2  # px: words this far outside a table grid still belong to it
    page_number_zone: float = 0.1  # share of the page height at top and bottom where page numbers live
    column_cross: float = 1.0  # x h: a line reaching this far past the middle crosses it (no columns)
    column_pull_back: float = 1.0  # x h: a flow line ending this close to the right margin runs on
    # into a left-aligned line above a column zone
    open_end_margin: float = 0.8  # x h: a page's last line ending this close to the margin runs on
    label_strip_pad: float = 1.0  # x h: the STT strip read again reaches this far past the header word
    ocr_box_to_size: float = 0.75  # a word box spans about this share of the font size (ocr.aligned)
    # --- tables across pages (ocr_tables.stitch_tables)
    header_repeat_ratio: float = 80  # rapidfuzz ratio from which a page's first row repeats the header


OCR_SETTINGS = OcrSettings()
