"""Tables that text lines hold without tabs: rows whose cells are separated by single spaces under a header
of years (split by `grouping`), and one cell per line with blank lines between rows.

(A first cut: none found.)
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ingest.model import RawCell, Table, TextLine
from ingest.rules.registry import Reading


@dataclass
class TextTables:
    tables: list[Table] = field(default_factory=list)
    lines: set[int] = field(default_factory=set)  # indexes of the document's lines the tables hold
    messages: list[str] = field(default_factory=list)  # rows not stored, and why (more than one split fits)
    raw_cells: list[RawCell] = field(default_factory=list)  # the text of rows that were not split


def text_tables(lines: list[TextLine], reading: Reading) -> TextTables:
    return TextTables()
