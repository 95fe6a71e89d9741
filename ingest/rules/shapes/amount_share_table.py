"""A table of amounts and their shares by year: a row of years, perhaps under a row of column-group labels
(the category); each row beneath is one measure for every column, an amount, or a share where a cell of
the row prints '%'. The shares printed beside the amounts are checked against them."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.checks import check_table_shares
from ingest.model import Table
from ingest.rules.registry import Reading, TableReading, table_shape
from ingest.rules.year_cells import (RowMeaning, caption_category, label, raw_cell, read_row, spanned,
                                     with_year_header, year_columns)
from ingest.specs import caption_year_reason, table_width


@dataclass(frozen=True)
class AmountShareTable:
    """Amounts are `metric` in `unit`, shares `share_metric` in percent. Without group labels over the
    years the category is the caption (or its group `category`)."""

    caption: str
    topic: str
    metric: str
    share_metric: str
    unit: str = "EUR"


@table_shape("amount_share_table", AmountShareTable)
def read(tables: list[Table], spec: AmountShareTable, reading: Reading) -> TableReading:
    out = TableReading()
    for table, year_row in with_year_header(tables, out.raw_cells):
        columns_count = table_width(table)
        groups = spanned(table.rows[year_row - 1], columns_count) if year_row else [""] * columns_count
        # A unit printed over the columns ("EUR") is not a group label.
        groups = ["" if re.fullmatch(r"EUR|%|euro", g, re.IGNORECASE) else g for g in groups]
        columns = year_columns(table, year_row)
        cap_reason = caption_year_reason(table, [col.year for col in columns.values()])
        by_category: dict[str, set[int]] = {}
        for c in columns:
            by_category.setdefault(label(groups[c]) or caption_category(table.caption, spec.caption), set()).add(c)
        facts = []
        for r in range(year_row + 1, len(table.rows)):
            share = any("%" in cell.text for cell in table.rows[r])
            metric, unit = (spec.share_metric, "percent") if share else (spec.metric, spec.unit)
            for category, own in by_category.items():
                what = RowMeaning(spec.topic, metric, unit, category)
                row_facts, row_raw = read_row(table, r, columns, what, set(columns) - own, reading.municipality,
                                              cap_reason)
                facts += row_facts.values()
                out.raw_cells += [cell for cell in row_raw if cell.col_index in own]
            out.raw_cells += [raw_cell(table, r, c) for c, cell in enumerate(table.rows[r])
                              if c not in columns and cell.text.strip()]
        check_table_shares(facts)
        out.facts += facts
    return out
