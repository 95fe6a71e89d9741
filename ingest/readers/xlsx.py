"""Excel workbooks a user uploads: each sheet is a table, each cell located by sheet and row.

A workbook is a zip archive of XML parts, which can unpack to far more than the file's size, and a sheet
may declare a range far larger than what it fills. So the parts' declared sizes are checked before
openpyxl opens the file (zipfile never inflates a part past its declared size), rows are read only as far
as their last filled cell, and the cells read are counted against a limit.
"""
from __future__ import annotations

import math
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from ingest.limits import ReadLimits
from ingest.model import Cell, Location, ParsedDocument, Table, TextLine


@dataclass(frozen=True)
class WorkbookCell(Cell):
    """A workbook cell; `number` is the value of a numeric cell, exact, as the workbook stores it (None for
    text, even text that looks like a number)."""

    number: float | None = None


def _plain_decimal(value: float) -> str:
    """A number as a person would type it: 0.00001, not 1e-05; 1234.567; 176, not 176.0."""
    if value.is_integer():
        return str(int(value))
    return format(Decimal(repr(value)), "f")


def _cell(value, loc: Location) -> WorkbookCell:
    if value is None:
        return WorkbookCell("", loc)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = float(value)
        return WorkbookCell(_plain_decimal(number) if math.isfinite(number) else str(value), loc, number=number)
    return WorkbookCell(str(value).strip(), loc)


def _check_archive(path: Path, limits: ReadLimits) -> None:
    from ingest.readers import UnreadableFile

    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise UnreadableFile("damaged workbook (its zip directory cannot be read)") from None
    if unpacked > limits.max_input_bytes:
        raise UnreadableFile(f"the workbook unpacks to {unpacked / 2**20:.0f} MB, over the limit of "
                             f"{limits.max_input_mb:g} MB (--max-input-mb)")


def read_xlsx(path: Path, limits: ReadLimits = ReadLimits()) -> ParsedDocument:
    from openpyxl import load_workbook

    from ingest.readers import UnreadableFile, sha256_of

    if not zipfile.is_zipfile(path):
        raise UnreadableFile("not an Excel .xlsx workbook (an .xlsx file is a zip archive; this is not)")
    _check_archive(path, limits)
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for damaged workbooks
        raise UnreadableFile(f"damaged or unsupported workbook ({type(exc).__name__})") from None
    tables: list[Table] = []
    lines: list[TextLine] = []
    cells_read = 0
    try:
        for sheet in book.worksheets:
            # The declared range (say A1:XFD1048576) would make openpyxl pad every row to its width.
            sheet.reset_dimensions()
            rows = []
            for r, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                cells_read += len(values)
                if cells_read > limits.max_cells:
                    raise UnreadableFile(f"the workbook has more than {limits.max_cells} cells (sheet "
                                         f"'{sheet.title}', row {r}), over the limit (--max-cells)")
                loc = Location(line=r, sheet=sheet.title)
                cells = [_cell(v, loc) for v in values]
                while cells and not cells[-1].text:
                    cells.pop()
                if not cells:
                    continue
                rows.append(cells)
                lines.append(TextLine("\t".join(c.text for c in cells), loc))
            if rows:
                tables.append(Table(caption=sheet.title, rows=rows, loc=rows[0][0].loc))
    except UnreadableFile:
        raise
    except Exception as exc:  # a damaged sheet part
        raise UnreadableFile(f"damaged workbook ({type(exc).__name__})") from None
    finally:
        book.close()
    if not tables:
        raise UnreadableFile("the workbook has no filled cells")
    return ParsedDocument(path=str(path), file_name=path.name, sha256=sha256_of(path), format="xlsx",
                          lines=lines, tables=tables, n_pages=len(book.worksheets))
