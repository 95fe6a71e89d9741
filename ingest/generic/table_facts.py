"""Facts from any table the readers found (ruled PDF tables, tab-separated text, the text tables of
`text_tables`): years from the header, units and scale from the header and the caption, each row's label
naming its indicator. A cell that is not clearly a figure of a year is kept as a raw cell.

(A first cut: every cell is kept as a raw cell.)
"""
from __future__ import annotations

from ingest.model import Table
from ingest.rules.registry import Reading, TableReading
from ingest.specs import table_raw_cells


def read_table(table: Table, reading: Reading) -> TableReading:
    return TableReading(raw_cells=table_raw_cells(table))
