"""A PDF page's ruling lines, rectangles and image areas read from pdfium's page objects.

The page's path objects (also inside forms) are classified as pdfminer's `paint_path` does: a
two-point path is a line, a closed axis-parallel four-point path a rectangle, anything else a
curve, left out. Coordinates are pdfplumber's: x from the page's left, top/bottom from its top.

    page_paths(page, height) -> (lines, rects, image areas)
"""

from __future__ import annotations

import ctypes
from typing import Any

Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _mult(m: Matrix, n: Matrix) -> Matrix:
    """m then n (row vectors, as PDF matrices compose)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


def page_paths(page: Any, height: float) -> tuple[list[dict], list[dict], list[float]]:
    """A pdfium page's (`FPDF_PAGE`) lines, rectangles and image areas."""
    lines: list[dict] = []
    rects: list[dict] = []
    images: list[float] = []
    _objects(page, None, _IDENTITY, height, lines, rects, images, 0)
    return lines, rects, images


def _objects(
    page: Any,
    form: Any,
    parent: Matrix,
    height: float,
    lines: list[dict],
    rects: list[dict],
    images: list[float],
    depth: int,
) -> None:
    import pypdfium2.raw as raw

    count = raw.FPDFFormObj_CountObjects(form) if form is not None else raw.FPDFPage_CountObjects(page)
    m = raw.FS_MATRIX()
    for k in range(count):
        obj = raw.FPDFFormObj_GetObject(form, k) if form is not None else raw.FPDFPage_GetObject(page, k)
        kind = raw.FPDFPageObj_GetType(obj)
        if kind not in (raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_IMAGE, raw.FPDF_PAGEOBJ_FORM):
            continue
        raw.FPDFPageObj_GetMatrix(obj, m)
        matrix = _mult((m.a, m.b, m.c, m.d, m.e, m.f), parent)
        if kind == raw.FPDF_PAGEOBJ_FORM:
            _objects(page, obj, matrix, height, lines, rects, images, depth + 1)
        elif kind == raw.FPDF_PAGEOBJ_IMAGE:
            pts = [_apply(matrix, x, y) for x in (0.0, 1.0) for y in (0.0, 1.0)]
            xs, ys = [p[0] for p in pts], [p[1] for p in pts]
            images.append(abs(max(xs) - min(xs)) * abs(max(ys) - min(ys)))
        else:
            _path(obj, matrix, height, lines, rects)


def _color(obj: Any, getter: Any) -> tuple[float, ...] | None:
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    if not getter(obj, r, g, b, a):
        return None
    return (r.value / 255, g.value / 255, b.value / 255)


def _path(obj: Any, matrix: Matrix, height: float, lines: list[dict], rects: list[dict]) -> None:
    """One path object's lines and rectangles, as pdfminer's `paint_path` tells them apart."""
    import pypdfium2.raw as raw

    fillmode, stroke_flag = ctypes.c_int(), ctypes.c_int()
    if not raw.FPDFPath_GetDrawMode(obj, fillmode, stroke_flag):
        return
    fill, stroke = fillmode.value != raw.FPDF_FILLMODE_NONE, bool(stroke_flag.value)
    if not fill and not stroke:
        return  # a clipping path: pdfminer paints nothing either
    ops: list[tuple[str, float, float]] = []
    x, y = ctypes.c_float(), ctypes.c_float()
    for j in range(raw.FPDFPath_CountSegments(obj)):
        seg = raw.FPDFPath_GetPathSegment(obj, j)
        kind = raw.FPDFPathSegment_GetType(seg)
        raw.FPDFPathSegment_GetPoint(seg, x, y)
        op = "m" if kind == raw.FPDF_SEGMENT_MOVETO else "l" if kind == raw.FPDF_SEGMENT_LINETO else "c"
        ops.append((op, x.value, y.value))
        if raw.FPDFPathSegment_GetClose(seg):
            ops.append(("h", 0.0, 0.0))
    colors: dict | None = None
    start = 0
    for end in [k for k, op in enumerate(ops) if op[0] == "m"][1:] + [len(ops)]:
        sub, start = ops[start:end], end
        if not sub or sub[0][0] != "m":
            continue
        shape = "".join(op for op, _, _ in sub)
        pts = [_apply(matrix, *(sub[0][1:] if op == "h" else (px, py))) for op, px, py in sub]
        if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:  # a redundant "l" before "h"
            shape = shape[:-2] + "h"
            pts.pop()
        if shape in ("mlh", "ml"):
            target, corners = lines, pts[:2]
        elif shape in ("mlllh", "mllll"):
            (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
            square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (
                y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0
            )
            if not (pts[0] == pts[4] and square):
                continue
            target, corners = rects, [pts[0], pts[2]]
        else:
            continue  # a curve: not a ruling
        if colors is None:
            colors = {
                "stroking_color": _color(obj, raw.FPDFPageObj_GetStrokeColor),
                "non_stroking_color": _color(obj, raw.FPDFPageObj_GetFillColor),
            }
        xs, ys = [p[0] for p in corners], [p[1] for p in corners]
        target.append(
            {
                "x0": min(xs),
                "x1": max(xs),
                "top": height - max(ys),
                "bottom": height - min(ys),
                "stroke": stroke,
                "fill": fill,
                **colors,
            }
        )
