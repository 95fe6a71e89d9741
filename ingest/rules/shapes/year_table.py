"""A table of categories by year: rows are what is counted, columns are years (ingest.specs.YearTable)."""
from __future__ import annotations

from ingest.model import Table
from ingest.rules.registry import Reading, TableReading, table_shape
from ingest.specs import YearTable, read_year_table


@table_shape("year_table", YearTable)
def read(tables: list[Table], spec: YearTable, reading: Reading) -> TableReading:
    out = TableReading()
    for table in tables:
        facts, raw = read_year_table(table, spec, reading.municipality)
        out.facts += facts
        out.raw_cells += raw
    return out
