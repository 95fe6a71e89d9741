"""Excel workbooks a user uploads: each sheet is a table, each cell located by sheet and row."""
from __future__ import annotations

import zipfile
from pathlib import Path

from ingest.model import Cell, Location, ParsedDocument, Table, TextLine


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_xlsx(path: Path) -> ParsedDocument:
    from openpyxl import load_workbook

    from ingest.readers import UnreadableFile, sha256_of

    if not zipfile.is_zipfile(path):
        raise UnreadableFile("not an Excel .xlsx workbook (an .xlsx file is a zip archive; this is not)")
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for damaged workbooks
        raise UnreadableFile(f"damaged or unsupported workbook ({type(exc).__name__})") from None
    tables: list[Table] = []
    lines: list[TextLine] = []
    try:
        for sheet in book.worksheets:
            rows = []
            for r, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                texts = [_cell_text(v) for v in values]
                while texts and not texts[-1]:
                    texts.pop()
                if not texts:
                    continue
                loc = Location(line=r, sheet=sheet.title)
                rows.append([Cell(t, loc) for t in texts])
                lines.append(TextLine("\t".join(texts), loc))
            if rows:
                tables.append(Table(caption=sheet.title, rows=rows, loc=rows[0][0].loc))
    finally:
        book.close()
    if not tables:
        raise UnreadableFile("the workbook has no filled cells")
    return ParsedDocument(path=str(path), file_name=path.name, sha256=sha256_of(path), format="xlsx",
                          lines=lines, tables=tables, n_pages=len(book.worksheets))
