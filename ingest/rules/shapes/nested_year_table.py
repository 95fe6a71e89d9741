"""A table of rows by year columns nested by their label columns: a row marked `part` in the first column
is a part of the top-level row above; a row with that column empty is a part of the nearest marked row. A
row printed with a trailing ':' or named a total is checked against the sum of its parts."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.model import Fact, Table
from ingest.rules.registry import Reading, TableReading, table_shape
from ingest.rules.year_cells import (MeaningByWords, RowMeaning, check_by_column, label, meaning_of, read_row,
                                     row_raw_cells, with_year_header, year_columns)
from ingest.specs import caption_year_reason


@dataclass(frozen=True)
class NestedYearTable:
    """Rows are `metric` in `unit`, unless their label's words give another meaning (`rows`, the first that
    matches)."""

    caption: str
    topic: str
    metric: str
    unit: str
    part: str
    total: str = r"\bkopā\b"
    rows: tuple[MeaningByWords, ...] = ()


@dataclass
class _Node:
    label: str
    checked: bool
    facts: dict[int, Fact]
    parts: dict[int, list[Fact]] = field(default_factory=dict)


@table_shape("nested_year_table", NestedYearTable)
def read(tables: list[Table], spec: NestedYearTable, reading: Reading) -> TableReading:
    out = TableReading()
    for table, year_row in with_year_header(tables, out.raw_cells):
        columns = year_columns(table, year_row)
        first = min(columns)
        cap_reason = caption_year_reason(table, [col.year for col in columns.values()])
        nodes: list[_Node] = []
        open_nodes: dict[int, _Node] = {}  # level -> the latest row at that level
        for r in range(year_row + 1, len(table.rows)):
            printed = [cell.text.strip() for cell in table.rows[r][:first]]
            label_cell = next((p for p in reversed(printed) if label(p)), "")
            name = label(label_cell)
            if not name:
                out.raw_cells += row_raw_cells(table, r)
                continue
            marker = label(printed[0]) if printed else ""
            level = 1 if re.search(spec.part, marker, re.IGNORECASE) else 0 if marker == name else 2
            meaning = meaning_of(name, spec.rows)
            topic, metric, unit = ((meaning.topic or spec.topic, meaning.metric, meaning.unit) if meaning
                                   else (spec.topic, spec.metric, spec.unit))
            parent = open_nodes.get(level - 1)
            what = RowMeaning(topic, metric, unit, name, parent.label if parent else None)
            row_facts, row_raw = read_row(table, r, columns, what, set(range(first)), reading.municipality,
                                          cap_reason)
            out.facts += row_facts.values()
            out.raw_cells += row_raw
            node = _Node(name, label_cell.endswith(":") or bool(re.search(spec.total, name, re.IGNORECASE)),
                         row_facts)
            nodes.append(node)
            if parent:
                for c, fact in row_facts.items():
                    parent.parts.setdefault(c, []).append(fact)
            open_nodes = {lvl: n for lvl, n in open_nodes.items() if lvl < level} | {level: node}
        for node in nodes:
            if node.checked:
                check_by_column(node.facts, node.parts)
    return out
