"""The prose figures and chart data of the evaluation of social work, read by their own module
(ingest.layouts.tukums_evaluation_prose) until they are rules too, and the checks of its text against the
tables' figures."""
from __future__ import annotations

from ingest.checks import check_arithmetic
from ingest.layouts.tukums_evaluation_prose import CHECKS_WITH_TABLES, extract_prose_and_charts
from ingest.model import Extraction
from ingest.rules.registry import Reading, transform


@transform("evaluation_prose_and_charts", stage="facts")
def read_prose_and_charts(out: Extraction, reading: Reading) -> None:
    facts, raw, messages = extract_prose_and_charts(reading.doc, reading.municipality)
    out.facts += facts
    out.raw_cells += raw
    out.messages += messages
    check_arithmetic(out.facts, CHECKS_WITH_TABLES)
