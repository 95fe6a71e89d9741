"""PDF reports: running text per page and ruled tables, each located by page.

PDFium (pypdfium2, installed with pdfplumber) parses every page: its text, which pages draw vector paths,
and on those pages the rulings and character boxes that pdfplumber's table finder reads
(ingest.readers.pdf_geometry), about ten times faster than pdfplumber's own parse (pdfminer's). Only a
page whose geometry PDFium cannot give as pdfminer would (a rotated page, a form XObject, curves, turned
text in a table) is parsed by pdfplumber.

The result mirrors the text reader (ingest.readers.text) on the report's text export: the same tables
(caption, label, header rows, cell texts) and, in `lines`, the running text with each table row as one
tab-separated line, as the export prints it, so prose and signature regexes see the same text.

A page without ruled tables may print one without rulings, its columns apart by wide gaps: those are
found from PDFium's character boxes (ingest.readers.pdf_columns) and kept apart, in `unruled_tables`, for
the generic reader; their rows stay in `lines` as the page text gives them.
"""
from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import pdfplumber
import pdfplumber.page
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import LITERALS_FLATE_DECODE, PDFStream, resolve1
from pdfminer.psexceptions import PSException
from pdfplumber.table import Table as PlumberTable
from pdfplumber.table import TableFinder, TableSettings
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

from ingest.limits import ReadLimits
from ingest.model import Cell, Location, ParsedDocument, Table, TextLine
from ingest.readers import UnreadableFile, sha256_of
from ingest.readers.pdf_columns import UnruledTable, unruled_tables, wants_columns
from ingest.readers.pdf_geometry import HYPHEN_MARKS, PageGeometry, page_geometry
from ingest.readers.text import CAPTION_LABEL, clean_cell_text

_RULE_MAX = 2.0  # a ruling is a rect or line at most this thick (pt)
_NEAR = 2.0  # pt: coordinates this close are the same
_FORM_DEPTH = 15  # forms within forms looked into for paths (PDFium's helpers' own default)
# What pdfplumber/pdfminer raise on a damaged file that PDFium managed to open (pdfplumber wraps most
# parse errors in PdfminerException; building a page from a broken page dictionary raises plain ones).
_PLUMBER_ERRORS = (PdfminerException, MalformedPDFException, PSException, ValueError, TypeError, IndexError,
                   KeyError)


@dataclass
class _PageTable:
    """One ruled table as found on one page (possibly a part of a table that runs over pages)."""

    page: int
    top: float
    bottom: float
    rows: list[list[str]]
    open_top: bool  # no ruling above its first row: a row cut by a page break, continued from the page before
    open_bottom: bool  # no ruling below its last row: that row goes on on the next page


@dataclass
class _Page:
    number: int
    height: float
    has_paths: bool
    n_chars: int
    tables: list[_PageTable] = field(default_factory=list)
    tables_read: bool = False  # its tables found (from PDFium's geometry), or it has none (no paths)
    bands: list[list[str]] | None = None  # with tables: its text lines above, between and below them
    unruled: list[UnruledTable] = field(default_factory=list)  # without ruled tables: those without rulings


def read_pdf(path: Path, limits: ReadLimits = ReadLimits(), notes: list[str] | None = None) -> ParsedDocument:
    """Parse a PDF; raise UnreadableFile (one-line reason) when it is encrypted, damaged, not a PDF, has
    no text layer, or a page's content unpacks past the size limit. A page whose content cannot be decoded
    is read as far as it goes, with a line in `notes`."""
    _check_envelope(path)
    undecodable = _check_page_contents(path, limits)
    try:
        doc = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        # PDFium's error code is the last one it set, maybe for an earlier file (it sets none when a
        # document has no pages): only a file with an /Encrypt entry is taken to be encrypted.
        if _has_encryption_entry(path):
            raise UnreadableFile("encrypted PDF: it needs a password to open") from None
        if exc.err_code in (pdfium_c.FPDF_ERR_SUCCESS, pdfium_c.FPDF_ERR_PASSWORD):
            raise UnreadableFile("damaged PDF: it has no pages, or its page tree is broken") from None
        raise UnreadableFile(f"damaged PDF: {_short(exc)}") from None
    try:
        if len(doc) == 0:
            raise UnreadableFile("the PDF has no pages")
        pages, texts = _scan_pages(doc)
        if not any(p.n_chars for p in pages):
            if undecodable:
                raise UnreadableFile(f"damaged PDF: {undecodable[0]}")
            raise UnreadableFile("the PDF has no text layer (scanned images?); it needs OCR first")
        _parse_ruled_tables(path, [p for p in pages if not p.tables_read])
        items = _page_items(doc, pages, texts)
    except pdfium.PdfiumError as exc:  # a page that will not load
        raise UnreadableFile(f"damaged PDF: {_short(exc)}") from None
    finally:
        doc.close()
    lines, tables = _assemble(items)
    if notes is not None:
        notes.extend(undecodable)
    unruled = [found for page in pages for found in page.unruled]
    return ParsedDocument(
        path=str(path), file_name=path.name, sha256=sha256_of(path), format="pdf",
        lines=lines, tables=tables, n_pages=len(pages),
        unruled_tables=[found.table for found in unruled], unruled_lines=_lines_of(lines, unruled),
    )


def _lines_of(lines: list[TextLine], unruled: list[UnruledTable]) -> frozenset[int]:
    """The indexes of the running text's lines that the unruled tables hold."""
    def folded(text: str) -> str:
        return " ".join(text.split())

    held = {(found.table.loc.page, folded(text)) for found in unruled for text in found.texts}
    return frozenset(i for i, line in enumerate(lines) if (line.loc.page, folded(line.text)) in held)


def _short(exc: Exception) -> str:
    text = re.sub(r"\s+", " ", str(exc)).strip() or type(exc).__name__
    return text[:120]


def _check_envelope(path: Path) -> None:
    """Reject what is plainly not a whole PDF before any parser sees it: parsers repair what they can
    and would silently read a truncated file's first pages."""
    size = path.stat().st_size
    with open(path, "rb") as fh:
        head = fh.read(1024)
        fh.seek(max(0, size - 2048))
        tail = fh.read()
    if b"%PDF-" not in head:
        raise UnreadableFile("not a PDF (no %PDF- header); check the file's real type")
    if b"%%EOF" not in tail:
        raise UnreadableFile("truncated or damaged PDF (no %%EOF end marker)")


def _check_page_contents(path: Path, limits: ReadLimits) -> list[str]:
    """Decompress each page's content streams, counting, before any parser inflates them whole: a page
    whose content unpacks past the size limit refuses the file (a decompression bomb); one whose content
    cannot be decoded gets a note, as PDFium would read nothing of it without a word. Only unencrypted
    Flate streams are checked (nearly all are); a file pdfminer cannot parse is left to PDFium's verdict."""
    notes: list[str] = []
    with open(path, "rb") as fh:
        try:
            document = PDFDocument(PDFParser(fh))
            if document.encryption is not None:
                return notes
            for number, page in enumerate(PDFPage.create_pages(document), start=1):
                unpacked = 0
                for stream in page.contents:
                    stream = resolve1(stream)
                    if not isinstance(stream, PDFStream) or not stream.rawdata:
                        continue
                    filters = stream.get_filters()
                    if len(filters) != 1 or filters[0][0] not in LITERALS_FLATE_DECODE:
                        continue
                    size, whole = _inflated_size(stream.rawdata, limits.max_input_bytes - unpacked)
                    unpacked += size
                    if unpacked > limits.max_input_bytes:
                        raise UnreadableFile(f"page {number}: its content unpacks to more than the limit of "
                                             f"{limits.max_input_mb:g} MB (--max-input-mb)")
                    if not whole:
                        notes.append(f"page {number}: part of its content cannot be decoded (damaged); what "
                                     "it prints there is missing")
        except UnreadableFile:
            raise
        except Exception:  # whatever pdfminer raises on a file it cannot parse: PDFium's verdict will do
            return notes
    return notes


def _inflated_size(data: bytes, limit: int) -> tuple[int, bool]:
    """How many bytes Flate `data` inflates to (stopping just past `limit`), and whether it decodes whole."""
    inflater = zlib.decompressobj()
    size = 0
    try:
        chunk = inflater.decompress(data, 1 << 20)
        while chunk:
            size += len(chunk)
            if size > limit:
                return size, True
            chunk = inflater.decompress(inflater.unconsumed_tail, 1 << 20)
    except zlib.error:
        return size, False
    return size, inflater.eof


def _has_encryption_entry(path: Path) -> bool:
    with open(path, "rb") as fh:
        previous = b""
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            if b"/Encrypt" in previous[-16:] + chunk:
                return True
            previous = chunk
    return False


def _scan_pages(doc) -> tuple[list[_Page], list[list[str]]]:
    """Each page's size, whether it draws paths (only those can hold ruled tables), its text lines, and
    the ruled tables of those that draw paths where PDFium gives their geometry as pdfminer would, with the
    text around them: each page is loaded once."""
    pages, texts = [], []
    for i in range(len(doc)):
        page = doc[i]
        textpage = page.get_textpage()
        try:
            scanned = _Page(number=i + 1, height=page.get_height(), has_paths=_draws_paths(page),
                            n_chars=textpage.count_chars())
            texts.append(_split_lines(textpage.get_text_bounded()))
            geometry = page_geometry(page, textpage) if scanned.has_paths else None
            scanned.tables_read = not scanned.has_paths or (geometry is not None and _add_tables(scanned, geometry))
            if geometry is not None and scanned.tables:
                scanned.bands = _bands(textpage, scanned)
            elif scanned.tables_read and wants_columns(texts[-1]):
                scanned.unruled = unruled_tables(textpage, scanned.number)
            pages.append(scanned)
        finally:
            textpage.close()
            page.close()
    return pages, texts


def _draws_paths(page) -> bool:
    """Whether the page, or a form it draws, holds a path object. Asked of PDFium object by object, without
    wrapping each in a Python helper (that wrapping cost most of the scan)."""
    def holds_path(count: int, get, depth: int) -> bool:
        for i in range(count):
            obj = get(i)
            kind = pdfium_c.FPDFPageObj_GetType(obj)
            if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
                return True
            if kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < _FORM_DEPTH and holds_path(
                    pdfium_c.FPDFFormObj_CountObjects(obj), partial(pdfium_c.FPDFFormObj_GetObject, obj), depth + 1):
                return True
        return False

    raw = page.raw
    return holds_path(pdfium_c.FPDFPage_CountObjects(raw), partial(pdfium_c.FPDFPage_GetObject, raw), 1)


def _split_lines(text: str) -> list[str]:
    text = text.translate(HYPHEN_MARKS)
    return [line.rstrip() for line in re.split(r"\r\n|\r|\n", text) if line.strip()]


# --------------------------------------------------------------------------- ruled tables

def _parse_ruled_tables(path: Path, pages: list[_Page]) -> None:
    """Ruled tables of the given pages from pdfplumber's own parse (pages whose geometry PDFium could not
    give as pdfminer would)."""
    if not pages:
        return
    wanted = {p.number: p for p in pages}
    with open(path, "rb") as fh:  # our stream: nothing for pdfplumber to close when it fails half-way
        try:
            found = {page.page_number: page for page in pdfplumber.open(fh, pages=list(wanted)).pages}
        except _PLUMBER_ERRORS as exc:
            raise UnreadableFile(f"damaged PDF: {_short(exc)}") from None
        if found.keys() != wanted.keys():
            raise UnreadableFile("damaged PDF: its page tree is broken (pages missing)")
        for number, page in found.items():
            try:
                page.objects  # the parse, where a damaged content stream fails
                _add_tables(wanted[number], page)
            except _PLUMBER_ERRORS as exc:
                raise UnreadableFile(f"damaged PDF, page {number}: {_short(exc)}") from None
            finally:
                page.close()  # drop the parsed objects: memory stays flat on long reports


def _add_tables(page: _Page, geometry: PageGeometry | pdfplumber.page.Page) -> bool:
    """The ruled tables of a page's geometry (PDFium's, or a pdfplumber page) onto `page`, top to bottom;
    False (and none added) when PDFium's characters in them are not all as pdfminer would give them."""
    open_ends = _open_ruling_ends(geometry)
    settings = TableSettings.resolve({"explicit_horizontal_lines": open_ends} if open_ends else {})
    tables = TableFinder(geometry, settings).tables
    if isinstance(geometry, PageGeometry):
        chars = geometry.chars_inside([table.bbox for table in tables])
        if chars is None:
            return False
    else:
        chars = geometry.chars
    for table in tables:
        _, top, _, bottom = table.bbox
        rows = [[clean_cell_text(text or "") for text in row] for row in _cell_texts(table, chars)]
        if not any(any(row) for row in rows):
            continue  # an empty grid (a frame, a form) holds nothing to read
        page.tables.append(_PageTable(
            page=page.number, top=top, bottom=bottom, rows=rows,
            open_top=any(abs(top - y) <= _NEAR for y in open_ends),
            open_bottom=any(abs(bottom - y) <= _NEAR for y in open_ends),
        ))
    page.tables.sort(key=lambda t: t.top)
    return True


@dataclass
class _Characters:
    """The characters a `Table` reads its cells from (the only attribute of a page it reads)."""

    chars: list[dict]


def _cell_texts(table: PlumberTable, chars: list[dict]) -> list[list[str | None]]:
    """`table.extract()`, given only the characters whose middle lies in the table: it looks for each row's
    characters among those it is given, and a page's are many times a table's."""
    x0, top, x1, bottom = table.bbox
    inside = [c for c in chars if x0 <= (c["x0"] + c["x1"]) / 2 < x1 and top <= (c["top"] + c["bottom"]) / 2 < bottom]
    return PlumberTable(_Characters(inside), table.cells).extract()


def _open_ruling_ends(page) -> list[float]:
    """Heights where vertical rulings end with no horizontal ruling across them: a table cut by a page
    break leaves its last (or first) row open, and pdfplumber finds no cell there without a line."""
    vertical, horizontal = [], []
    for obj in page.rects + page.lines:
        width, height = obj["x1"] - obj["x0"], obj["bottom"] - obj["top"]
        if width <= _RULE_MAX < height:
            vertical.append(obj)
        elif height <= _RULE_MAX < width:
            horizontal.append(obj)

    def crossed(x: float, y: float) -> bool:
        return any(h["x0"] - _NEAR <= x <= h["x1"] + _NEAR and h["top"] - _NEAR <= y <= h["bottom"] + _NEAR
                   for h in horizontal)

    def goes_on(x: float, y: float, down: bool) -> bool:  # another segment of the ruling continues
        return any(abs((w["x0"] + w["x1"]) / 2 - x) <= _NEAR and w["top"] - _NEAR <= y <= w["bottom"] + _NEAR
                   and (w["bottom"] > y + _NEAR if down else w["top"] < y - _NEAR) for w in vertical)

    ends: set[float] = set()
    for v in vertical:
        x = (v["x0"] + v["x1"]) / 2
        for y, down in ((v["top"], False), (v["bottom"], True)):
            if not crossed(x, y) and not goes_on(x, y, down):
                ends.add(round(y, 1))
    return sorted(ends)


# --------------------------------------------------------------------------- page text around tables

def _page_items(doc, pages: list[_Page], texts: list[list[str]]) -> list[TextLine | _PageTable]:
    """Every page's text lines and tables, top to bottom, without the running header/footer. On pages
    with tables the text is read in bands between them, so table cells do not appear twice."""
    furniture = _running_furniture(texts)
    items: list[TextLine | _PageTable] = []
    for page, page_lines in zip(pages, texts):
        drop = {line for line in page_lines[:2] + page_lines[-2:] if _furniture_key(line) in furniture}
        if not page.tables:
            bands = [page_lines]
        elif page.bands is not None:
            bands = page.bands
        else:
            pdf_page = doc[page.number - 1]
            textpage = pdf_page.get_textpage()
            bands = _bands(textpage, page)
            textpage.close()
            pdf_page.close()
        for k, band in enumerate(bands):
            items.extend(TextLine(line, Location(page=page.number)) for line in band if line not in drop)
            if k < len(page.tables):
                items.append(page.tables[k])
    return items


def _bands(textpage, page: _Page) -> list[list[str]]:
    """The page's text lines above, between and below its tables."""
    edges = [0.0] + [y for t in page.tables for y in (t.top, t.bottom)] + [page.height]
    # pdfium measures from the page bottom, pdfplumber from the top.
    return [_split_lines(textpage.get_text_bounded(bottom=page.height - b, top=page.height - a))
            for a, b in zip(edges[::2], edges[1::2])]


def _furniture_key(line: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", " ", line).strip())


def _running_furniture(texts: list[list[str]]) -> set[str]:
    """Running header/footer lines: among a page's first or last two lines, the same text (page numbers
    aside) on at least half the pages (and at least three)."""
    counts: dict[str, int] = {}
    for page_lines in texts:
        for key in {_furniture_key(line) for line in page_lines[:2] + page_lines[-2:]}:
            counts[key] = counts.get(key, 0) + 1
    needed = max(3, (len(texts) + 1) // 2)
    return {key for key, n in counts.items() if n >= needed}


# --------------------------------------------------------------------------- tables over page breaks

def _assemble(items: list[TextLine | _PageTable]) -> tuple[list[TextLine], list[Table]]:
    """Join tables continued over a page break, give each its caption, and write the running text with
    each table row as a tab-separated line (as the text export prints tables)."""
    tables: list[Table] = []
    order: list[TextLine | Table] = []  # the running text, tables standing for their rows
    for i, item in enumerate(items):
        if isinstance(item, TextLine):
            order.append(item)
            continue
        loc = Location(page=item.page)
        if len(item.rows[0]) < 2:
            # A one-column grid is a boxed paragraph, not a table: keep its text as running text.
            order.extend(TextLine(row[0], loc) for row in item.rows if row[0])
            continue
        rows = [[Cell(text, loc) for text in row] for row in item.rows]
        prev = items[i - 1] if i else None
        if isinstance(prev, _PageTable) and tables and _continues(prev, item):
            _append_continuation(tables[-1].rows, rows, prev.open_bottom and item.open_top)
            continue
        caption, label, caption_loc = _caption_before(items, i)
        tables.append(Table(caption=caption, rows=rows, loc=caption_loc or loc, label=label))
        order.append(tables[-1])
    lines: list[TextLine] = []
    for entry in order:
        if isinstance(entry, TextLine):
            lines.append(entry)
        else:
            lines.extend(TextLine("\t".join(c.text for c in row), row[0].loc) for row in entry.rows)
    return lines, tables


def _continues(prev: _PageTable, table: _PageTable) -> bool:
    """`table` goes on from `prev`, the item just before it: so prev ends its page and table opens the
    next with no text between them (running footer aside), and both have as many columns."""
    return table.page == prev.page + 1 and len(table.rows[0]) == len(prev.rows[0])


def _append_continuation(rows: list[list[Cell]], more: list[list[Cell]], split_row: bool) -> None:
    """Add a table's rows from the next page to `rows`, without the header rows printed again there."""
    if split_row:
        # A row cut by the page break: its two halves make one row, cell by cell.
        first = more.pop(0)
        rows[-1] = [Cell(" ".join(t for t in (a.text, b.text) if t), a.loc) for a, b in zip(rows[-1], first)]
    header = [[c.text for c in row] for row in rows[: len(more)]]
    k = 0
    while k < len(more) and k < len(header) and [c.text for c in more[k]] == header[k]:
        k += 1  # header rows repeated on the new page
    rows.extend(more[k:])


def _caption_before(items: list, i: int) -> tuple[str, str | None, Location | None]:
    """The caption of the table at items[i]: the text lines above it from the nearest 'N. tabula' label
    within four lines; without a label, the line just above. No caption when a table is just above."""
    picked: list[TextLine] = []
    j = i - 1
    while j >= 0 and isinstance(items[j], TextLine) and len(picked) < 4:
        picked.insert(0, items[j])
        if CAPTION_LABEL.match(items[j].text):
            break
        j -= 1
    if not picked:
        return "", None, None
    if not CAPTION_LABEL.match(picked[0].text):
        picked = picked[-1:]
    caption = clean_cell_text(" ".join(line.text.strip() for line in picked))
    m = CAPTION_LABEL.match(caption)
    label = re.sub(r"\s+", " ", m.group(1)) if m else None
    return caption, label, picked[0].loc
