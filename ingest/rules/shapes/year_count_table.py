"""A table of counts by year (a second header row may qualify the year columns, e.g. adults/children) and
by row, usually gender; and the transform `copied_count_tables`, which flags such tables printing the same
numbers (a copy-paste slip)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.checks import flag_copied_tables
from ingest.model import Extraction, Fact, Table
from ingest.numbers import parse_lv_number
from ingest.rules.registry import Reading, TableReading, table_shape, transform
from ingest.rules.year_cells import (YEAR_CELL, MeaningByWords, RowMeaning, YearColumn, caption_category,
                                     check_by_column, is_year_header, label, matching, meaning_of, read_row,
                                     row_raw_cells, spanned)
from ingest.specs import caption_year_reason, table_width

SHAPE = "year_count_table"


@dataclass(frozen=True)
class YearCountTable:
    """Found by its caption and its first cell (`header`), with a row of years first. A `total` row is the
    sum of the rows above it; a row naming a measure (`subtotal`, e.g. "Aizbildņu skaits") prints its own
    total first and its parts below it. A printed '-' counts none.

    The metric and unit are those the measure's words give (`measures`, the first that matches), else
    `metric` and `unit`. The category is the caption (numbering removed; or its group `category`) or, with
    category_from="header", the measure as printed in the header cell or measure row."""

    caption: str
    topic: str
    metric: str
    header: str
    subtotal: str
    unit: str = "persons"
    measures: tuple[MeaningByWords, ...] = ()
    category_from: str = "caption"
    total: str = r"^kopā\b"


def _find(spec: YearCountTable, reading: Reading) -> list[list[Table]]:
    return [[t] for t in matching(reading.tables, spec.caption, spec.header) if is_year_header(t.rows[0])]


def _metric_of(measure: str, spec: YearCountTable) -> tuple[str, str]:
    meaning = meaning_of(measure, spec.measures)
    return (meaning.metric, meaning.unit) if meaning else (spec.metric, spec.unit)


def _count_columns(table: Table) -> tuple[dict[int, YearColumn], int]:
    """The value columns of a count table (years carried over merged cells, qualified by a second header
    row when there is one) and the index of its first body row."""
    columns_count = table_width(table)
    years = spanned(table.rows[0], columns_count)
    second = table.rows[1] if len(table.rows) > 1 else []
    qualified = bool(second) and not second[0].text.strip() and any(c.text.strip() for c in second[1:]) \
        and all(parse_lv_number(c.text).value is None for c in second[1:])
    columns = {}
    for c in range(1, columns_count):
        m = YEAR_CELL.match(years[c])
        if not m:
            continue
        qualifier = second[c].text.strip() if qualified and c < len(second) else ""
        columns[c] = YearColumn(int(m.group(1)), qualifier or None, f"{years[c]} {qualifier}".strip())
    return columns, 2 if qualified else 1


@dataclass
class _Section:
    """A measure's total and the rows that should add up to it, column by column."""

    total: dict[int, Fact] = field(default_factory=dict)
    parts: dict[int, list[Fact]] = field(default_factory=dict)


@table_shape(SHAPE, YearCountTable, find=_find)
def read(tables: list[Table], spec: YearCountTable, reading: Reading) -> TableReading:
    out = TableReading()
    for table in tables:
        out.facts += _read_table(table, spec, reading, out)
    return out


def _read_table(table: Table, spec: YearCountTable, reading: Reading, out: TableReading) -> list[Fact]:
    columns, body = _count_columns(table)
    cap_reason = caption_year_reason(table, [col.year for col in columns.values()])
    measure = label(table.rows[0][0].text)
    category = measure if spec.category_from == "header" else caption_category(table.caption, spec.caption)
    metric, unit = _metric_of(measure, spec)
    sections = [_Section()]
    facts: list[Fact] = []
    for r in range(body, len(table.rows)):
        name = label(table.rows[r][0].text)
        if not name:
            out.raw_cells += row_raw_cells(table, r)
            continue
        is_total = bool(re.search(spec.total, name, re.IGNORECASE))
        starts_measure = not is_total and bool(re.search(spec.subtotal, name, re.IGNORECASE))
        if starts_measure:
            metric, unit = _metric_of(name, spec)
            if spec.category_from == "header":
                category = name
        what = RowMeaning(spec.topic, metric, unit, category, None if starts_measure else name)
        row_facts, row_raw = read_row(table, r, columns, what, {0}, reading.municipality, cap_reason, counts=True)
        facts += row_facts.values()
        out.raw_cells += row_raw
        if is_total:
            sections[-1].total = row_facts
            sections.append(_Section())
        elif starts_measure:
            sections.append(_Section(total=row_facts))
        else:
            for c, fact in row_facts.items():
                sections[-1].parts.setdefault(c, []).append(fact)
    for section in sections:
        check_by_column(section.total, section.parts)
    return facts


@transform("copied_count_tables", stage="facts")
def flag_copied_count_tables(_out: Extraction, reading: Reading) -> None:
    """Count tables printing exactly the same numbers (or one year's column of them) are flagged."""
    flag_copied_tables([(tables[0].ref(), facts) for shape, tables, facts in reading.tables_read
                        if shape == SHAPE])
