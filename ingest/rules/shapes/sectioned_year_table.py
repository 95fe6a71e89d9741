"""A table of rows by year columns in sections: a row matching `section` heads the rows below it (their
subgroup) up to the next such row, and the values it prints of its own are checked against theirs."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.model import Fact, Table
from ingest.rules.registry import Reading, TableReading, table_shape
from ingest.rules.year_cells import (RowMeaning, check_by_column, label, matching, read_row, row_raw_cells,
                                     year_columns)
from ingest.specs import caption_year_reason


@dataclass(frozen=True)
class SectionedYearTable:
    """Found by its first cell (`header`); its first row names the years."""

    header: str
    topic: str
    metric: str
    unit: str
    section: str


def _find(spec: SectionedYearTable, reading: Reading) -> list[list[Table]]:
    return [[t] for t in matching(reading.tables, header=spec.header)]


@table_shape("sectioned_year_table", SectionedYearTable, find=_find)
def read(tables: list[Table], spec: SectionedYearTable, reading: Reading) -> TableReading:
    out = TableReading()
    for table in tables:
        columns = year_columns(table, 0)
        cap_reason = caption_year_reason(table, [col.year for col in columns.values()])
        section: str | None = None
        sections: list[tuple[dict[int, Fact], dict[int, list[Fact]]]] = []
        for r in range(1, len(table.rows)):
            name = label(table.rows[r][0].text)
            if not name:
                out.raw_cells += row_raw_cells(table, r)
                continue
            heads = bool(re.search(spec.section, name))
            what = RowMeaning(spec.topic, spec.metric, spec.unit, name, None if heads else section)
            row_facts, row_raw = read_row(table, r, columns, what, {0}, reading.municipality, cap_reason)
            out.facts += row_facts.values()
            out.raw_cells += row_raw
            if heads:
                section = name
                sections.append((row_facts, {}))
            elif sections:
                for c, fact in row_facts.items():
                    sections[-1][1].setdefault(c, []).append(fact)
        for totals, parts in sections:
            check_by_column(totals, parts)
    return out
