"""A table of territories (parishes and the town) with their residents and staff positions: for the
existing situation and, from the column whose header names a model, once more for a proposed model."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

from ingest.checks import check_rows_sum, sum_tolerance
from ingest.flags import Number
from ingest.model import Fact, Table
from ingest.numbers import parse_lv_number
from ingest.place_names import territory_name
from ingest.rules.registry import Reading, TableReading, read_each, table_shape
from ingest.rules.shapes.territory_count_table import spanned_headers, sub_header
from ingest.specs import AsOf, Dated, cell_spot, read_as_of, row_label


@dataclass(frozen=True)
class StaffingTable:
    """Merged cells are read as a person would: a value stands for its row and the rows below whose cell is
    empty. A row that lacks cells (merged across) is aligned to the left on the existing side and to the
    right on the model side. `residents_figure` and `positions_figure` are the topic, metric and unit of
    the columns whose header matches `residents` and `positions`; `territory_names`: places as printed ->
    as facts name them."""

    PATTERN_KEYS: ClassVar[frozenset[str]] = frozenset({"residents", "positions", "model"})
    caption: str
    residents_figure: tuple[str, str, str]
    positions_figure: tuple[str, str, str]
    residents_as_of: AsOf | None = None
    positions_as_of: AsOf | None = None
    total_is_municipality: bool = False  # else the total row covers just the rows above it
    residents: str = r"iedzīvotāju skaits"
    positions: str = r"amata vietas"
    model: str = r"modelis"
    total: str = r"^kopā:?$"
    territory_names: tuple[tuple[str, str], ...] = ()


@dataclass
class _Side:
    """One side of a staffing table: the existing situation, or a proposed model."""

    name: str  # "" for the existing situation, else e.g. "Minimālais modelis"
    headers: list[tuple[str, str | None]]


@dataclass
class _Grid:
    """Where each side's columns sit in rows that lack cells (merged across): the existing side is aligned
    to the left of the row, a model side to its right."""

    table: Table
    width: int
    sides: list[_Side]
    body: range
    min_left: int = 2  # a row's existing side holds at least its name and residents

    def index(self, r: int, side: _Side, j: int) -> int | None:
        row_len = len(self.table.rows[r])
        if side is self.sides[0]:
            # In a short row the model side takes its cells from the right; the rest are this side's.
            mine = row_len - (self.width - len(side.headers)) if row_len < self.width else len(side.headers)
            return j if j < mine else None
        start = row_len - len(side.headers)
        return start + j if start >= self.min_left else None

    def text(self, r: int, side: _Side, j: int) -> str:
        c = self.index(r, side, j)
        return self.table.rows[r][c].text if c is not None else ""


@dataclass
class _FigureColumn:
    """One column of figures of a side, and what they are."""

    figure: tuple[str, str, str]
    category: str
    subhead: str | None
    dated: Dated
    cells: list[tuple[int, int | None]]  # (row, column index in that row) down the table body


@table_shape("staffing_table", StaffingTable)
def read(tables: list[Table], spec: StaffingTable, reading: Reading) -> TableReading:
    return read_each(tables, lambda table: _read_staffing_table(table, spec, reading))


def _read_staffing_table(table: Table, spec: StaffingTable, reading: Reading) -> tuple[list[Fact], set, list[str]]:
    sub = sub_header(table)
    headers = spanned_headers(table.rows[0], sub)
    n_header = 2 if sub else 1
    used = {(r, c) for r in range(n_header) for c in range(len(table.rows[r]))}
    split = next((c for c, (top, _) in enumerate(headers) if c and re.search(spec.model, top, re.IGNORECASE)),
                 len(headers))
    sides = [_Side("", headers[:split])]
    if split < len(headers):
        sides.append(_Side(headers[split][0], headers[split:]))
    grid = _Grid(table, len(headers), sides, range(n_header, len(table.rows)))
    residents = next((j for j, (top, _) in enumerate(sides[0].headers)
                      if re.search(spec.residents, top, re.IGNORECASE)), None)
    if residents is None:
        return [], used, [f"{table.ref()}: no residents column"]
    totals = {r for r in grid.body if re.search(spec.total, table.rows[r][0].text.strip(), re.IGNORECASE)}
    territories = {r: territory_name(table.rows[r][0].text, spec.territory_names) for r in grid.body
                   if r not in totals and grid.text(r, sides[0], residents)}
    residents_date = read_as_of(reading.flow, spec.residents_as_of)
    positions_date = read_as_of(reading.flow, spec.positions_as_of)
    facts = []
    for side in sides:
        for j, (top, subhead) in enumerate(side.headers):
            if re.search(spec.residents, top, re.IGNORECASE):
                figure, category, dated = spec.residents_figure, top, residents_date
            elif re.search(spec.positions, top, re.IGNORECASE):
                figure = spec.positions_figure
                category = f"{side.name}, {top}" if side.name else top
                dated = Dated() if side.name else positions_date  # a proposed model holds at no date
            else:
                continue
            column = _FigureColumn(figure, category, subhead, dated, [(r, grid.index(r, side, j)) for r in grid.body])
            facts += _staffing_column(table, spec, column, territories, totals, used, reading.municipality)
    _check_residents_spans(facts, territories, spec.residents_figure[1])
    used.update((r, 0) for r in grid.body)
    for side in sides[1:]:  # a model side's first column repeats the row's parish
        used.update((r, grid.index(r, side, 0)) for r in grid.body if grid.text(r, side, 0))
    return facts, used, []


def _staffing_column(table: Table, spec: StaffingTable, column: _FigureColumn, territories: dict[int, str],
                     totals: set[int], used: set, municipality: str) -> list[Fact]:
    """Facts of one column: a value stands for its row and the territory rows below it whose cell is empty
    (a merged cell); the total row is checked against the rows above it."""
    topic, metric, unit = column.figure
    dated = column.dated
    facts: list[Fact] = []
    total_fact = None
    for i, (r, c) in enumerate(column.cells):
        cell = table.rows[r][c] if c is not None else None
        number = parse_lv_number(cell.text) if cell else None
        if number is None or number.value is None:
            continue
        row_category = column.category
        if r in totals:
            territory = None if spec.total_is_municipality else "/".join(territories.values())
        elif r in territories:
            territory = "/".join(territories[q] for q in _span(table, column.cells, i, territories))
        else:
            territory, row_category = None, row_label(table.rows[r][0].text)
        named = f"{column.category}: {column.subhead}" if column.subhead else column.category
        fact = Fact(municipality=municipality, territory=territory, year=dated.year, period=dated.period,
                    topic=topic, metric=metric, category=row_category, subgroup=column.subhead, value=number.value,
                    unit=unit, raw_value=cell.text, spot=cell_spot(table, table.rows[r][0].text, named, cell))
        fact.add_reasons(number.reasons)
        if number.rest:
            fact.add_flag("unexplained_second_number", printed=cell.text, rest=number.rest)
        else:
            used.add((r, c))
        if dated.reason:
            fact.add_reasons((dated.reason,))
        facts.append(fact)
        if r in totals:
            total_fact = fact
    if total_fact:
        check_rows_sum(total_fact, [f for f in facts if f is not total_fact])
    return facts


def _span(table: Table, cells: list[tuple[int, int | None]], i: int, territories: dict[int, str]) -> list[int]:
    """Rows a value at cells[i] stands for: its own, and the territory rows below whose cell is empty."""
    rows = [cells[i][0]]
    for r, c in cells[i + 1:]:
        if r not in territories or c is None or table.rows[r][c].text:
            break
        rows.append(r)
    return rows


def _check_residents_spans(facts: list[Fact], territories: dict[int, str], residents: str) -> None:
    """A residents value read to cover several rows must hold the sum of their own residents."""
    own = {f.territory: f.value for f in facts if f.metric == residents and f.territory in territories.values()}
    for fact in facts:
        if fact.metric != residents or not fact.territory or fact.territory in own:
            continue
        names = fact.territory.split("/")
        if all(n in own for n in names):
            covered = sum(own[n] for n in names)
            if abs(covered - fact.value) > sum_tolerance([fact]):
                fact.add_flag("merged_cell_not_sum", printed=fact.raw_value, territory=fact.territory,
                              sum=Number(covered, decimals=0))
