"""The tables of the evaluation of social work, read by the table readers of ingest.layouts.tukums_evaluation
until they are table shapes of their own (transforms `evaluation_tables` and `evaluation_table_checks`)."""
from __future__ import annotations

from ingest.checks import check_arithmetic
from ingest.layouts.tukums_evaluation import availability_checks, check_stage_totals, read_case_codes, read_tables
from ingest.model import Extraction
from ingest.rules.registry import Reading, transform


@transform("evaluation_tables", stage="tables")
def read_evaluation_tables(out: Extraction, reading: Reading) -> None:
    """Facts of the flattened tables, raw cells of the rest of them, and the case codes; the text reader's
    tables are not the document's (its chart dump is read by `chart_data`), so none is kept."""
    facts, raw, messages = read_tables(reading.doc, reading.flow)
    out.facts += facts
    out.raw_cells += raw
    out.messages += messages
    out.case_codes = read_case_codes(reading.doc)
    reading.tables.clear()


@transform("evaluation_table_checks", stage="facts")
def check_evaluation_tables(out: Extraction, reading: Reading) -> None:
    check_stage_totals(out.facts)
    check_arithmetic(out.facts, availability_checks(out.facts))
