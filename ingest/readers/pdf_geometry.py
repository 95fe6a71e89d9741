"""A PDF page's rulings and characters as PDFium reads them, in the terms of pdfplumber's table finder.

pdfplumber finds ruled tables from its own parse of the page (pdfminer's, in pure Python), which costs most
of a report's reading time; PDFium has already parsed the page. `page_geometry` gives pdfplumber's
`TableFinder` and `Table` what they read of a page — its box, its rectangles and lines (as edges), its
characters — built from PDFium's path objects and text page the way pdfminer builds them: a rectangle is a
closed, axis-aligned four-sided subpath, a line a subpath of one segment, a character's box spans its
advance width and, upwards from its descent, its font size; a generated space (PDFium's word break) stands
at the end of the character before it. Characters are read only where the tables are. Where a page holds
anything this does not render exactly as pdfminer would — a rotated or offset page, a form XObject, a
curve or polygon (`page_geometry` says None), text in a table that is not upright (`chars_inside` says
None) — the reader parses that page with pdfplumber.
"""
from __future__ import annotations

import ctypes
from dataclasses import dataclass

import pypdfium2.raw as pdfium_c
from pdfplumber.utils.geometry import line_to_edge, rect_to_edges

HYPHEN_MARKS = str.maketrans({"\ufffe": "-", "\x02": "-"})  # PDFium's mark for a hyphen at a line end


@dataclass
class PageGeometry:
    """What pdfplumber's table finder reads of a page (its `Page` has the same attributes), the characters
    aside: those are read only where tables were found (`chars_inside`), while the text page is open."""

    bbox: tuple[float, float, float, float]
    rects: list[dict]
    lines: list[dict]
    textpage: object  # PDFium's text page of the page

    @property
    def edges(self) -> list[dict]:
        return [line_to_edge(line) for line in self.lines] + [edge for rect in self.rects
                                                               for edge in rect_to_edges(rect)]

    def chars_inside(self, boxes: list[tuple[float, float, float, float]]) -> list[dict] | None:
        """The characters whose box meets one of `boxes` (x0, top, x1, bottom), as pdfminer boxes them;
        None when one of them is not upright text."""
        return _chars(self.textpage.raw, self.bbox[3], boxes)


def page_geometry(page, textpage) -> PageGeometry | None:
    """The geometry of a PDFium page (with its text page, which must stay open while it is used), or None
    when PDFium's objects cannot be put exactly as pdfminer would put them."""
    width, height = page.get_size()
    if page.get_rotation() or page.get_mediabox() != (0.0, 0.0, width, height) or \
            page.get_cropbox() != page.get_mediabox():
        return None
    shapes = _shapes(page.raw, height)
    if shapes is None:
        return None
    rects, lines = shapes
    return PageGeometry(bbox=(0.0, 0.0, width, height), rects=rects, lines=lines, textpage=textpage)


def _shapes(raw_page, height: float) -> tuple[list[dict], list[dict]] | None:
    """The page's painted rectangles and lines, as pdfminer objects; None for a form or another shape."""
    rects: list[dict] = []
    lines: list[dict] = []
    matrix = pdfium_c.FS_MATRIX()
    x, y = ctypes.c_float(), ctypes.c_float()
    fill, stroke = ctypes.c_int(), pdfium_c.FPDF_BOOL()
    for i in range(pdfium_c.FPDFPage_CountObjects(raw_page)):
        obj = pdfium_c.FPDFPage_GetObject(raw_page, i)
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            return None
        if kind != pdfium_c.FPDF_PAGEOBJ_PATH:
            continue
        if not pdfium_c.FPDFPath_GetDrawMode(obj, fill, stroke) or not pdfium_c.FPDFPageObj_GetMatrix(obj, matrix):
            return None
        if fill.value == pdfium_c.FPDF_FILLMODE_NONE and not stroke.value:
            continue  # not painted: pdfminer sees no object
        subpath: list[tuple[float, float]] = []
        closed = False
        segments = pdfium_c.FPDFPath_CountSegments(obj)
        for k in range(segments + 1):
            segment = pdfium_c.FPDFPath_GetPathSegment(obj, k) if k < segments else None
            kind = pdfium_c.FPDFPathSegment_GetType(segment) if segment else pdfium_c.FPDF_SEGMENT_MOVETO
            if kind == pdfium_c.FPDF_SEGMENT_MOVETO and subpath:
                if not _add_shape(subpath, closed, height, rects, lines):
                    return None
                subpath, closed = [], False
            if segment is None:
                break
            if kind not in (pdfium_c.FPDF_SEGMENT_MOVETO, pdfium_c.FPDF_SEGMENT_LINETO) or closed:
                return None  # a curve, or a segment after the subpath was closed
            pdfium_c.FPDFPathSegment_GetPoint(segment, x, y)
            subpath.append((matrix.a * x.value + matrix.c * y.value + matrix.e,
                            matrix.b * x.value + matrix.d * y.value + matrix.f))
            closed = bool(pdfium_c.FPDFPathSegment_GetClose(segment))
    return rects, lines


def _add_shape(points: list[tuple[float, float]], closed: bool, height: float, rects: list[dict],
               lines: list[dict]) -> bool:
    """Add one subpath as pdfminer reads it (a rectangle or a line); False for any other shape."""
    if closed and points[-1] != points[0]:
        points = points + [points[0]]
    if len(points) == 2 and not closed:
        (x0, y0), (x1, y1) = points
        if x0 != x1 and y0 != y1:
            return False  # a slanted line is no ruling; pdfminer's would be, oddly, a vertical edge
        lines.append(_box("line", min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1), height))
        return True
    if len(points) != 5 or points[4] != points[0]:
        return False
    (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = points
    square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
    if not square:
        return False
    rects.append(_box("rect", min(x0, x2), min(y0, y2), max(x0, x2), max(y0, y2), height))
    return True


def _box(kind: str, x0: float, y0: float, x1: float, y1: float, height: float) -> dict:
    return {"object_type": kind, "x0": x0, "y0": y0, "x1": x1, "y1": y1, "top": height - y1,
            "bottom": height - y0, "doctop": height - y1, "width": x1 - x0, "height": y1 - y0}


def _chars(raw_text, height: float, boxes: list[tuple[float, float, float, float]]) -> list[dict] | None:
    """The page's characters that meet `boxes`, as pdfminer boxes them; None when one is not upright text.
    Of the others PDFium is asked only where they are (two calls, not five)."""
    chars: list[dict] = []
    box = pdfium_c.FS_RECTF()
    matrix = pdfium_c.FS_MATRIX()
    before: dict | None = None  # the last character drawn, when it was kept
    for i in range(pdfium_c.FPDFText_CountChars(raw_text)):
        if pdfium_c.FPDFText_IsGenerated(raw_text, i):
            if before is not None and pdfium_c.FPDFText_GetUnicode(raw_text, i) == ord(" "):
                chars.append({**before, "text": " ", "x0": before["x1"], "width": 0.0})
            continue  # a generated line break: pdfminer has no character there
        if not pdfium_c.FPDFText_GetLooseCharBox(raw_text, i, box):
            return None
        top, bottom = height - box.top, height - box.bottom
        if not any(box.left <= x1 and x0 <= box.right and top <= y1 and y0 <= bottom for x0, y0, x1, y1 in boxes):
            before = None
            continue
        if not pdfium_c.FPDFText_GetMatrix(raw_text, i, matrix) or matrix.b or matrix.c or matrix.a <= 0 \
                or matrix.d <= 0:
            return None
        size = pdfium_c.FPDFText_GetFontSize(raw_text, i) * matrix.d
        text = chr(pdfium_c.FPDFText_GetUnicode(raw_text, i)).translate(HYPHEN_MARKS)
        before = {"text": text, "x0": box.left, "x1": box.right, "top": bottom - size, "bottom": bottom,
                  "doctop": bottom - size, "width": box.right - box.left, "height": size, "size": size,
                  "upright": True}
        chars.append(before)
    return chars
