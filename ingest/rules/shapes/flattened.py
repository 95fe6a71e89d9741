"""Tables of a Word export whose cells stand one per line (ingest/readers/flattened.py): the tables facts
are read from, in place of those the text reader found."""
from __future__ import annotations

from ingest.model import Extraction
from ingest.readers.flattened import flattened_tables
from ingest.rules.registry import Reading, transform


@transform("flattened_tables", stage="tables")
def read_flattened(out: Extraction, reading: Reading) -> None:
    reading.tables = flattened_tables(reading.doc.lines)
