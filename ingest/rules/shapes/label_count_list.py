"""A list of two columns, a label and a count, as of one date the document gives (e.g. staff by kind)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.checks import sum_tolerance
from ingest.flags import Number
from ingest.model import Fact, Table
from ingest.numbers import parse_lv_number
from ingest.rules.engine import fill
from ingest.rules.registry import Reading, TableReading, table_shape
from ingest.rules.year_cells import label, raw_cell, row_raw_cells


@dataclass(frozen=True)
class LabelCountList:
    """Rows of a label and a count (in the last column). `as_of` is a template over the document's finds
    giving the ISO date the counts hold on (e.g. "{staff[iso]}"); none found leaves them undated. The
    caption may print the total the rows should add up to (group `value` of `caption_total`)."""

    caption: str
    topic: str
    metric: str
    unit: str
    as_of: str | None = None
    caption_total: str | None = None


@table_shape("label_count_list", LabelCountList)
def read(tables: list[Table], spec: LabelCountList, reading: Reading) -> TableReading:
    out = TableReading()
    date = fill(spec.as_of, reading.known)
    for table in tables:
        facts: list[Fact] = []
        for r, row in enumerate(table.rows):
            name = label(row[0].text)
            number = parse_lv_number(row[-1].text) if len(row) > 1 else parse_lv_number(None)
            if r == 0 and number.value is None:
                continue  # the header
            if not name or number.value is None:
                out.raw_cells += row_raw_cells(table, r)
                continue
            fact = Fact(municipality=reading.municipality, year=int(date[:4]) if date else None, period=date,
                        topic=spec.topic, metric=spec.metric, category=name, value=number.value, unit=spec.unit,
                        spot=table.spot(name), raw_value=row[-1].text.strip())
            fact.add_reasons(number.reasons)
            facts.append(fact)
            out.raw_cells += [raw_cell(table, r, c) for c in range(1, len(row) - 1) if row[c].text.strip()]
        _check_caption_total(table, spec, facts)
        out.facts += facts
    return out


def _check_caption_total(table: Table, spec: LabelCountList, facts: list[Fact]) -> None:
    m = re.search(spec.caption_total, table.caption) if spec.caption_total else None
    if not (m and facts):
        return
    added = sum(f.value for f in facts)
    printed = parse_lv_number(m.group("value")).value
    if printed is not None and abs(added - printed) > sum_tolerance(facts):
        for fact in facts:
            fact.add_flag("caption_count_differs", printed=m.group("value"), rows=len(facts), sum=Number(added))
