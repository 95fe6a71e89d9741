"""A year table whose cells may print more than one count: a second count after the first ('259; 219
vienošanās'), and columns saying what a year's sum bought ('92 personas/369 apmeklējumi')."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.model import Cell, Fact, Table
from ingest.numbers import LvNumber, parse_lv_number
from ingest.rules.registry import Reading, TableReading, table_shape
from ingest.rules.shapes.cell_counts import CountWord, counted_as, counted_parts
from ingest.specs import YearTable, caption_year_reason, column_years, printed_period, read_year_table


@dataclass(frozen=True)
class CountedYearTable(YearTable):
    """A YearTable, optionally with columns saying what a year's sum bought (`volumes`: a regex of their
    header, e.g. "Atbalsta pasākuma apjoms 2024. gadā"; each count's metric is named by the words after
    it, by `counted`) and a caption phrase naming whom every value is about (`target_group`: it becomes
    the subgroup)."""

    volumes: str | None = None
    target_group: str | None = None
    counted: tuple[CountWord, ...] = ()


def _year_columns(header: list[Cell], pattern: str | None) -> dict[int, tuple[int, str]]:
    return {i: (year, printed_period(text, year)) for i, year, text in column_years(header)
            if not pattern or re.search(pattern, text, re.IGNORECASE)}


def _row_label(row: list[Cell], spec: YearTable) -> str | None:
    """The category of a data row, or None for rows no rule reads (blank, elided)."""
    if len(row) <= spec.label_column:
        return None
    label = row[spec.label_column].text.strip()
    if not label or (spec.skip_rows and re.search(spec.skip_rows, label)):
        return None
    return label.rstrip(":").strip()


def _cell_fact(table: Table, r: int, c: int, category: str, number: LvNumber, reading: Reading, **kw) -> Fact:
    fact = Fact(municipality=reading.municipality, category=category, raw_value=table.rows[r][c].text,
                value=number.value,
                spot=table.spot(category, table.rows[0][c].text), **kw)
    fact.add_reasons(number.reasons)
    why = caption_year_reason(table, [fact.year])
    if why:
        fact.add_reasons((why,))
    return fact


def _further_counts(table: Table, spec: CountedYearTable, columns: str | None, group: str | None,
                    reading: Reading, mapped: set[tuple[int, int]]) -> list[Fact]:
    """Facts for the counts of the cells of `columns` (a header regex) beyond what read_year_table reads:
    with `columns` None, a second count printed after the first in a value cell ('259; 219 vienošanās' ->
    219 with subgroup 'vienošanās'); else every count of a volume cell whose words `counted` knows, its
    metric named by them, the subgroup the table's target group or else the words. A cell whose every
    count is read is `mapped` (not kept as a raw cell)."""
    volumes = columns is not None
    facts = []
    for r, row in enumerate(table.rows[1:], start=1):
        category = _row_label(row, spec)
        for c, (year, period) in _year_columns(table.rows[0], columns if volumes else spec.value_columns).items():
            if category is None or c >= len(row) or (volumes and not row[c].text):
                continue
            if volumes:
                parts = counted_parts(row[c].text)
            else:
                rest = parse_lv_number(row[c].text).rest
                parts = counted_parts(rest) if re.match(r"\d", rest) else []
            read = []
            for _, number, words in parts:
                what = counted_as(words, spec.counted) if volumes else (spec.metric, spec.unit) if words else None
                read.append(what)
                if what is None or number.value is None:
                    continue
                subgroup = (group or words) if volumes else (f"{group}: {words}" if group else words)
                facts.append(_cell_fact(table, r, c, category, number, reading, year=year, period=period,
                                        topic=spec.topic, metric=what[0], unit=what[1], subgroup=subgroup))
            if read and all(read):
                mapped.add((r, c))
    return facts


@table_shape("counted_year_table", CountedYearTable)
def read(tables: list[Table], spec: CountedYearTable, reading: Reading) -> TableReading:
    out = TableReading()
    for table in tables:
        facts, raw = read_year_table(table, spec, reading.municipality)
        found = re.search(spec.target_group, table.caption, re.IGNORECASE) if spec.target_group else None
        group = found.group(0) if found else None
        if group:
            for fact in facts:
                fact.subgroup = group
        mapped: set[tuple[int, int]] = set()
        facts += _further_counts(table, spec, None, group, reading, mapped)
        if spec.volumes:
            facts += _further_counts(table, spec, spec.volumes, group, reading, mapped)
        out.facts += facts
        out.raw_cells += [cell for cell in raw if (cell.row_index, cell.col_index) not in mapped]
    return out
