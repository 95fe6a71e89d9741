"""The transform `tables_as_printed`: tables a page break split are joined again before any rule reads them."""
from __future__ import annotations

import re
from dataclasses import replace

from ingest.model import Extraction, ParsedDocument, Table
from ingest.rules.registry import Reading, transform
from ingest.rules.year_cells import is_year_header
from ingest.specs import table_width


def _has_letters(text: str) -> bool:
    return bool(re.search(r"[^\W\d_]", text))


def _adjacent(doc: ParsedDocument, upper: Table, lower: Table) -> bool:
    """Nothing but blank lines or page furniture without words (page numbers, rules) between two tables."""
    end, start = upper.rows[-1][0].loc.line, lower.rows[0][0].loc.line
    if end is None or start is None:
        return True  # page-located tables: consecutive in reading order is all we know
    return not any(_has_letters(line.text) for line in doc.lines if line.loc.line and end < line.loc.line < start)


def joined_tables(doc: ParsedDocument, tables: list[Table]) -> list[Table]:
    """The tables with page breaks undone: a captionless block right after a table, with as many columns
    and no header of its own, is the rest of that table; a captionless block with its own year header is a
    second table under the same heading and takes that heading as its caption. A page number the reader
    took for a caption is no caption."""
    out: list[Table] = []
    for table in tables:
        prev = out[-1] if out else None
        if prev is None or _has_letters(table.caption) or not table.rows or not _adjacent(doc, prev, table):
            out.append(table)
        elif is_year_header(table.rows[0]):
            out.append(replace(table, caption=prev.caption, label=prev.label))
        elif table_width(table) == table_width(prev):
            out[-1] = replace(prev, rows=prev.rows + table.rows)
        else:
            out.append(table)
    return out


@transform("tables_as_printed", stage="tables")
def join_split_tables(_out: Extraction, reading: Reading) -> None:
    """The reading's tables as printed (nothing is extracted yet)."""
    reading.tables = joined_tables(reading.doc, reading.tables)
