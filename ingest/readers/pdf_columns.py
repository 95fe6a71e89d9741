"""Tables a PDF page prints without rulings: a header line of years, and under it lines whose cells stand
apart by wide gaps, found from PDFium's character boxes (the page text gives such gaps as single spaces).

A line is cut into cells where two characters stand more than `_WIDE_GAP` font sizes apart (a word space is
about a quarter of one). The columns are the stretches between the gaps that every line of the table
leaves: one for the labels, then one under each year of the header, each holding at most one cell of a
row; the first line under the table that would break this ends it. A table has at least two rows under
its header, so that its columns are aligned over three lines. Only pages without ruled tables whose text
has a line ending in two or more years are looked at, and there only the boxes of such a line and of the
lines under it are asked for, so that reading a report costs little more than before.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import pypdfium2.raw as pdfium_c

from ingest.model import Cell, Location, Table
from ingest.readers.pdf_geometry import HYPHEN_MARKS
from ingest.readers.text import CAPTION_LABEL, clean_cell_text

_WIDE_GAP = 1.2  # font sizes between two cells of a row
_SPACE_GAP = 0.15  # font sizes between two words of a cell
_ROW_PITCH = 2.5  # font sizes at most between the baselines of two rows
# A longer line is no table's header (and is not searched: a run of years is searched in time growing
# with the square of its length).
_HEADER_CHARS = 300
_RIVER = 1.0  # font sizes at least of the gap every line of a table leaves between two columns
_YEAR = r"(?:19|20)\d\d\.?(?:\s*(?:gads|gadā|g\.))?"
# A header line of years, as the page text gives it: two or more years at its end.
HEADER_OF_YEARS = re.compile(rf"(?<!\d){_YEAR}(?:\s+{_YEAR})+\s*$", re.IGNORECASE)
_YEAR_CELL = re.compile(rf"^\s*{_YEAR}\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class _Glyph:
    text: str
    x0: float
    x1: float
    bottom: float
    size: float


@dataclass(frozen=True)
class _Span:
    """A cell of a line: its text and where it stands."""

    text: str
    x0: float
    x1: float


@dataclass(frozen=True)
class _Line:
    text: str  # as the page text gives it (words separated by single spaces)
    cells: tuple[_Span, ...]
    bottom: float
    size: float


@dataclass(frozen=True)
class UnruledTable:
    """A table found on a page, and the page text's lines that hold it."""

    table: Table
    texts: tuple[str, ...]  # its lines, as the page text gives them


def wants_columns(page_lines: list[str]) -> bool:
    """Whether a page's text has a line that may head an unruled table: the cheap test before any box."""
    return any(len(line) <= _HEADER_CHARS and HEADER_OF_YEARS.search(line) for line in page_lines)


def unruled_tables(textpage, page: int) -> list[UnruledTable]:
    """The unruled tables of a page, top to bottom, from its PDFium text page."""
    lines = _PageLines(textpage.raw)
    found: list[UnruledTable] = []
    k = 0
    while k < len(lines):
        table_lines = _table_at(lines, k) if HEADER_OF_YEARS.search(lines.text(k)) else None
        if table_lines is None:
            k += 1
            continue
        header, rows = table_lines
        above = lines.text(k - 1) if k else ""
        caption = clean_cell_text(above) if above and not (found and above in found[-1].texts) else ""
        m = CAPTION_LABEL.match(caption)
        loc = Location(page=page)
        found.append(UnruledTable(
            Table(caption=caption, rows=[[Cell(text, loc) for text in row] for row in [header, *rows]], loc=loc,
                  label=re.sub(r"\s+", " ", m.group(1)) if m else None),
            tuple(lines.text(j) for j in range(k, k + 1 + len(rows)))))
        k += 1 + len(rows)
    return found


class _PageLines:
    """A page's text lines in PDFium's order: their text from one call, and, only for the lines a table
    may hold, their characters' boxes (four calls a character), each line cut into cells at its gaps."""

    def __init__(self, raw_text):
        self._raw = raw_text
        count = pdfium_c.FPDFText_CountChars(raw_text)
        chars = [chr(pdfium_c.FPDFText_GetUnicode(raw_text, i)) for i in range(count)]
        self._spans: list[tuple[int, int]] = []
        start = 0
        for i, char in enumerate([*chars, "\n"]):
            if char in "\r\n":
                if "".join(chars[start:i]).strip():
                    self._spans.append((start, i))
                start = i + 1
        self._chars = chars
        self._lines: dict[int, _Line] = {}

    def __len__(self) -> int:
        return len(self._spans)

    def text(self, k: int) -> str:
        start, end = self._spans[k]
        return " ".join("".join(self._chars[start:end]).split())

    def __getitem__(self, k: int) -> _Line | None:
        if k not in self._lines:
            self._lines[k] = _line(self._glyphs(*self._spans[k]), self.text(k))
        return self._lines[k]

    def _glyphs(self, start: int, end: int) -> list[_Glyph | None]:
        glyphs: list[_Glyph | None] = []  # None: a space between words
        box = pdfium_c.FS_RECTF()
        for i in range(start, end):
            char = self._chars[i]
            if char.isspace():
                glyphs.append(None)
            elif not pdfium_c.FPDFText_IsGenerated(self._raw, i) and pdfium_c.FPDFText_GetLooseCharBox(
                    self._raw, i, box):
                # The loose box spans the character's advance, as a word's letters touch.
                glyphs.append(_Glyph(char.translate(HYPHEN_MARKS), box.left, box.right, box.bottom,
                                     pdfium_c.FPDFText_GetFontSize(self._raw, i)))
        return glyphs


def _table_at(lines: _PageLines, k: int) -> tuple[list[str], list[list[str]]] | None:
    """The header and rows of a table whose header of years is lines[k], else None: the lines under it,
    one by one, as long as the columns of them all stay the label's and one per year."""
    head = lines[k]
    if head is None:
        return None
    years = [cell for cell in head.cells if _YEAR_CELL.match(cell.text)]
    labels = head.cells[:len(head.cells) - len(years)]
    if len(years) < 2 or head.cells[len(labels):] != tuple(years) or len(labels) > 1:
        return None  # the years, each a cell, after at most one heading of the labels
    rows: list[list[str]] = []
    block = [head]
    for j in range(k + 1, len(lines)):
        line = lines[j]
        if line is None or not 0 < line.bottom - block[-1].bottom <= _ROW_PITCH * block[-1].size:
            break
        row = _row(line, _columns([*block, line]), years)
        if row is None:
            break
        rows.append(row)
        block.append(line)
    if len(rows) < 2:
        return None
    # A line added later only widens the columns (or is refused): the rows read before stand.
    return [labels[0].text if labels else "", *(cell.text for cell in years)], rows


def _columns(block: list[_Line]) -> list[tuple[float, float]]:
    """The columns of a block of lines: the stretches across which some line prints, between gaps that
    every line leaves (at least `_RIVER` font sizes wide)."""
    river = _RIVER * min(line.size for line in block)
    merged: list[tuple[float, float]] = []
    for x0, x1 in sorted((cell.x0, cell.x1) for line in block for cell in line.cells):
        if merged and x0 <= merged[-1][1] + river:
            merged[-1] = (merged[-1][0], max(merged[-1][1], x1))
        else:
            merged.append((x0, x1))
    return merged


def _row(line: _Line, columns: list[tuple[float, float]], years: list[_Span]) -> list[str] | None:
    """A line's cells by column: its label (the first column), then one cell per year; None where the
    columns are not the label's and one per year (each year heading in its own), two cells share a year's
    column, or the line has no label or no figure."""
    if len(columns) != 1 + len(years) or any(not columns[j + 1][0] <= y.x0 <= y.x1 <= columns[j + 1][1]
                                             for j, y in enumerate(years)):
        return None
    row = [""] * len(columns)
    for cell in line.cells:
        j = next(j for j, (x0, x1) in enumerate(columns) if x0 <= cell.x0 <= x1)
        if j and row[j]:
            return None
        row[j] = f"{row[j]} {cell.text}".strip()
    if not row[0] or not any(row[1:]):
        return None
    return row


def _line(glyphs: list[_Glyph | None], text: str) -> _Line | None:
    """A line of characters (None: a space) cut into cells at its wide gaps; None where it has none."""
    cells: list[_Span] = []
    words = ""
    first: _Glyph | None = None
    last: _Glyph | None = None
    spaced = False
    for glyph in glyphs:
        if glyph is None:
            spaced = True
            continue
        if last is not None and glyph.x0 - last.x1 > _WIDE_GAP * last.size:
            cells.append(_Span(words, first.x0, last.x1))
            words, first = "", None
        elif last is not None and (spaced or glyph.x0 - last.x1 > _SPACE_GAP * last.size):
            words += " "
        first = first or glyph
        words += glyph.text
        last, spaced = glyph, False
    if last is None:
        return None
    cells.append(_Span(words, first.x0, last.x1))
    # PDFium measures from the page's bottom: a lower line has a smaller bottom; kept as a distance down.
    return _Line(text, tuple(cells), -last.bottom, last.size)
