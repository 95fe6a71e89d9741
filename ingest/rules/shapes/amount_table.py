"""A table of cost items with one amount each, and a total row checked against them."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.checks import check_rows_sum
from ingest.model import Fact, Table
from ingest.numbers import parse_lv_number
from ingest.rules.registry import Reading, TableReading, table_shape
from ingest.specs import cell_spot, row_label, table_raw_cells


@dataclass(frozen=True)
class AmountTable:
    """Rows are items with one amount each (the first cell after the label that holds a number), and a
    total row; the figures hold at no date (e.g. the cost of a proposal)."""

    caption: str
    topic: str
    metric: str
    unit: str
    subgroup: str | None = None
    total: str = r"^kopā:?$"


@table_shape("amount_table", AmountTable)
def read(tables: list[Table], spec: AmountTable, reading: Reading) -> TableReading:
    out = TableReading()
    for table in tables:
        used = {(0, c) for c in range(len(table.rows[0]))}
        facts, total = [], None
        for r, row in enumerate(table.rows[1:], start=1):
            value_col = next((c for c in range(1, len(row)) if parse_lv_number(row[c].text).value is not None),
                             None)
            if value_col is None:
                continue
            cell = row[value_col]
            number = parse_lv_number(cell.text)
            category = row_label(row[0].text)
            column = table.rows[0][value_col].text if value_col < len(table.rows[0]) else ""
            fact = Fact(municipality=reading.municipality, year=None, topic=spec.topic, metric=spec.metric,
                        category=category, subgroup=spec.subgroup, value=number.value, unit=spec.unit,
                        spot=cell_spot(table, category, column, cell), raw_value=cell.text)
            fact.add_reasons(number.reasons)
            facts.append(fact)
            used.update({(r, 0), (r, value_col)})
            if re.search(spec.total, row[0].text.strip(), re.IGNORECASE):
                total = fact
        if total:
            check_rows_sum(total, [f for f in facts if f is not total])
        out.facts += facts
        out.raw_cells += table_raw_cells(table, used)
    return out
