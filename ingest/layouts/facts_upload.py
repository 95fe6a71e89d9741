"""A workbook a service director fills in: one row per figure, with the columns of the `facts` table.

The first sheet whose header row names the required columns is read; every other sheet is kept in
raw_tables. A row that cannot be read refuses the whole file, naming the sheet, row and column, so that
a half-read report never replaces a complete one.
"""
from __future__ import annotations

import math
import re

from ingest.layouts import Layout
from ingest.flags import Reason
from ingest.model import Cell, DocumentInfo, Extraction, Fact, ParsedDocument, Spot, Table
from ingest.numbers import parse_lv_number
from ingest.readers import UnreadableFile
from ingest.readers.xlsx import WorkbookCell
from ingest.specs import table_raw_cells

REQUIRED = ("municipality", "year", "topic", "metric", "category", "value", "unit")
OPTIONAL = ("territory", "period", "subgroup", "source_ref", "flag")


def _header(table: Table) -> dict[str, int]:
    return {cell.text.strip().lower(): i for i, cell in enumerate(table.rows[0])}


def _facts_sheet(doc: ParsedDocument) -> Table | None:
    return next((t for t in doc.tables if set(REQUIRED) <= set(_header(t))), None)


def _shown(text: str) -> str:
    """A cell's text as a refusal quotes it: short enough to keep the message on one line."""
    return text if len(text) <= 40 else text[:40] + "…"


def _value(cell: Cell, where: str) -> tuple[float, tuple[Reason, ...]]:
    """The cell's value and why its reading needs care: a numeric cell as stored, exactly; a text cell read
    as Latvian reports print numbers."""
    if isinstance(cell, WorkbookCell) and cell.number is not None:
        value, reasons = cell.number, ()
    else:
        number = parse_lv_number(cell.text)
        if number.value is None or number.rest:
            raise UnreadableFile(f"{where}, column 'value': '{_shown(cell.text)}' is not a number")
        value, reasons = number.value, number.reasons
    if not math.isfinite(value):
        raise UnreadableFile(f"{where}, column 'value': '{_shown(cell.text)}' is too large to be a number")
    return value, reasons


def _row_fact(table: Table, columns: dict[str, int], row) -> Fact:
    def get(name: str) -> str:
        i = columns.get(name)
        return row[i].text.strip() if i is not None and i < len(row) else ""

    where = row[0].loc.ref()
    for name in REQUIRED:
        if not get(name):
            raise UnreadableFile(f"{where}, column '{name}': empty (required)")
    if not re.fullmatch(r"(19|20)\d\d", get("year")):
        raise UnreadableFile(f"{where}, column 'year': '{_shown(get('year'))}' is not a year")
    value, reading = _value(row[columns["value"]], where)
    fact = Fact(
        municipality=get("municipality"), territory=get("territory") or None, year=int(get("year")),
        period=get("period") or get("year"), topic=get("topic"), metric=get("metric"),
        category=get("category"), subgroup=get("subgroup") or None, value=value, unit=get("unit"),
        spot=Spot(row[0].loc.sheet, row[0].loc, note=get("source_ref")),
        raw_value=get("value"))
    if get("flag"):
        fact.add_flag("uploaders_note", note=get("flag"))  # their own words, in whichever language they wrote
    fact.add_reasons(reading)
    return fact


def extract(doc: ParsedDocument) -> Extraction:
    table = _facts_sheet(doc)
    if table is None:
        raise UnreadableFile(f"no sheet has the columns {', '.join(REQUIRED)}")
    columns = _header(table)
    facts = [_row_fact(table, columns, row) for row in table.rows[1:] if any(c.text for c in row)]
    if not facts:
        raise UnreadableFile(f"sheet '{table.caption}' has a header but no rows")
    municipalities = sorted({f.municipality for f in facts})
    years = sorted({f.year for f in facts})
    # A workbook of figures names no report of its own: the name its uploader gave it is its edition.
    info = DocumentInfo(
        municipality=municipalities[0] if len(municipalities) == 1 else ", ".join(municipalities),
        kind="upload", title=doc.file_name, period=f"{years[0]}..{years[-1]}" if len(years) > 1 else str(years[0]),
        edition=doc.file_name)
    raw = [cell for other in doc.tables if other is not table for cell in table_raw_cells(other)]
    return Extraction(layout="facts upload", info=info, facts=facts, raw_cells=raw)


LAYOUT = Layout(name="facts upload", signature=tuple(rf"\b{c}\b" for c in REQUIRED), extract=extract,
                formats=("xlsx",))
