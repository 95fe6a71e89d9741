"""The generic reader's shape and transforms (see ingest/rules/generic.toml): thin registrations over the
stages of ingest/generic/."""
from __future__ import annotations

from dataclasses import dataclass

from ingest.model import Extraction, Table
from ingest.rules.registry import Reading, TableReading, table_shape, transform


@dataclass(frozen=True)
class EveryTable:
    """Every table of the document that has rows; a document without tables is no miss."""

    required: bool = False


def _every_table(spec: EveryTable, reading: Reading) -> list[list[Table]]:
    return [[table] for table in reading.tables if table.rows]


@table_shape("generic_table", EveryTable, find=_every_table)
def read_every_table(tables: list[Table], spec: EveryTable, reading: Reading) -> TableReading:
    from ingest.generic.table_facts import read_table

    out = TableReading()
    for table in tables:
        one = read_table(table, reading)
        out.facts += one.facts
        out.raw_cells += one.raw_cells
        out.messages += one.messages
    return out


@transform("generic_unruled_tables", stage="tables")
def add_unruled_tables(out: Extraction, reading: Reading) -> None:
    """The tables PDF pages print without rulings (ingest.readers.pdf_columns), which only the generic
    reader reads: their lines are table lines, not sentences."""
    reading.tables += reading.doc.unruled_tables
    reading.table_lines |= reading.doc.unruled_lines


@transform("generic_text_tables", stage="tables")
def add_text_tables(out: Extraction, reading: Reading) -> None:
    """Tables the text lines hold without tabs, added to the tables rules read."""
    from ingest.generic.text_tables import text_tables

    found = text_tables(reading.doc.lines, reading)
    reading.tables += found.tables
    reading.table_lines |= found.lines
    out.messages += found.messages
    out.raw_cells += found.raw_cells


@transform("generic_sentences", stage="facts")
def read_sentences(out: Extraction, reading: Reading) -> None:
    """Figures of the running text and lists."""
    from ingest.generic.sentences import sentence_facts

    found = sentence_facts(reading)
    out.facts += found.facts
    out.messages += found.messages
