"""A table of services by year whose every cell prints two numbers on two lines (spend, then recipients).

Row roles come from label patterns, never from positions; a cell printing one number is read as the
first of the two unless the parts of a row add up to the row's second number; sums are checked.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import ClassVar

from ingest.checks import check_rows_sum
from ingest.flags import Reason, reason
from ingest.model import Cell, Fact, Table
from ingest.numbers import LvNumber, parse_lv_number
from ingest.rules.registry import Reading, TableReading, table_shape
from ingest.specs import cell_spot, column_years, row_label, table_raw_cells


@dataclass(frozen=True)
class PairYearTable:
    """Rows are services, columns are years, and each cell prints two numbers on two lines. Row roles:
    `total` sums the top-level rows; `subtotal` sums the rows below it up to the next subtotal or section;
    `group` is a row inside a subtotal that sums the rows below it; `part` is an 'of which' row of the row
    above; `section` is a row outside every subtotal (state-funded services), and the rows below it are
    its variants. Rows under a group, a section or a 'part' row are named `parent / row`.
    """

    PATTERN_KEYS: ClassVar[frozenset[str]] = frozenset({"group"})
    caption: str
    first: tuple[str, str, str]  # topic, metric, unit of the first number
    second: tuple[str, str, str]  # ... and of the second
    total: str = r"^kopā:?$"
    subtotal: str = r":$"
    group: str | None = None
    part: str = r"^t\.\s?sk\b\.?\s*"
    section: str | None = None


@dataclass
class _Number:
    printed: str
    reading: LvNumber
    cell: Cell  # where it is printed
    reason: Reason | None = None  # why the way it was read needs care


@dataclass
class _ServiceRow:
    label: str
    kind: str  # total, subtotal, section, group, part, plain
    parent: _ServiceRow | None = None
    # year column -> [first, second] numbers of the cell (None where not printed)
    numbers: dict[int, list[_Number | None]] = field(default_factory=dict)
    facts: dict[tuple[int, int], Fact] = field(default_factory=dict)  # (column, 0 or 1) -> fact

    @property
    def category(self) -> str:
        if self.parent and (self.kind == "part" or self.parent.kind in ("group", "section")):
            return f"{self.parent.category} / {self.label}"
        return self.label


@table_shape("pair_year_table", PairYearTable)
def read(tables: list[Table], spec: PairYearTable, reading: Reading) -> TableReading:
    out = TableReading()
    for table in tables:
        header = table.rows[0]
        years = {c: y for c, y, _ in column_years(header)}
        if not years:
            out.messages.append(f"{table.ref()}: no year columns in the header")
            out.raw_cells += table_raw_cells(table)
            continue
        used = {(0, c) for c in years} | {(0, 0)}
        rows = _service_rows(table, spec, years, used)
        _read_lone_numbers(rows)
        for row in rows:
            for c, pair in row.numbers.items():
                for k, number in enumerate(pair):
                    if number is None or number.reading.value is None:
                        continue
                    topic, metric, unit = (spec.first, spec.second)[k]
                    fact = Fact(municipality=reading.municipality, year=years[c], period=str(years[c]),
                                topic=topic, metric=metric, category=row.category, value=number.reading.value,
                                unit=unit, spot=cell_spot(table, row.category, header[c].text, number.cell),
                                raw_value=number.printed)
                    fact.add_reasons(number.reading.reasons + ((number.reason,) if number.reason else ()))
                    row.facts[(c, k)] = fact
                    out.facts.append(fact)
        _check_service_sums(rows)
        out.raw_cells += table_raw_cells(table, used)
    return out


def _service_rows(table: Table, spec: PairYearTable, years: dict[int, int], used: set) -> list[_ServiceRow]:
    """The data rows with their roles and parents; a row with no label that only completes the row above
    (a cell's second number pushed over a row break) is joined to it."""
    rows: list[_ServiceRow] = []
    subtotal = group = section = last = None
    for r, cells in enumerate(table.rows[1:], start=1):
        numbers = {c: _cell_numbers(cells[c]) for c in years if c < len(cells) and cells[c].text}
        label = row_label(cells[0].text) if cells else ""
        if not label:
            if rows and _completes(rows[-1], numbers):
                for c, pair in numbers.items():
                    rows[-1].numbers[c][1] = pair[0]
                    used.add((r, c))
            continue
        used.add((r, 0))
        used.update((r, c) for c, pair in numbers.items() if _fully_read(cells[c], pair))
        if re.search(spec.total, cells[0].text.strip(), re.IGNORECASE):
            row = _ServiceRow(label, "total")
            subtotal = group = section = None
        elif re.search(spec.part, label, re.IGNORECASE) and last:
            row = _ServiceRow(re.sub(spec.part, "", label, flags=re.IGNORECASE), "part", parent=last)
        elif re.search(spec.subtotal, cells[0].text.strip()):
            row = _ServiceRow(label, "subtotal")
            subtotal, group, section = row, None, None
        elif spec.section and re.search(spec.section, label, re.IGNORECASE):
            row = _ServiceRow(label, "section")
            subtotal = group = None
            section = row
        elif spec.group and subtotal and re.search(spec.group, label, re.IGNORECASE):
            row = _ServiceRow(label, "group", parent=subtotal)
            group = row
        else:
            row = _ServiceRow(label, "plain", parent=section or group or subtotal)
        row.numbers = numbers
        rows.append(row)
        if row.kind != "part":
            last = row
    return rows


def _cell_numbers(cell: Cell) -> list[_Number | None]:
    """[first, second] of a cell printing one or two numbers on separate lines."""
    lines = cell.text.split("\n")
    pair: list[_Number | None] = [_Number(line, parse_lv_number(line), cell) for line in lines[:2]]
    return pair + [None] * (2 - len(pair))


def _fully_read(cell: Cell, pair: list[_Number | None]) -> bool:
    """Whether the facts hold everything the cell prints (else it is kept as a raw cell too)."""
    lines = cell.text.split("\n")
    return len(lines) <= 2 and all(n is None or (n.reading.value is not None and not n.reading.rest) for n in pair)


def _completes(row: _ServiceRow, numbers: dict[int, list[_Number | None]]) -> bool:
    return bool(numbers) and all(c in row.numbers and row.numbers[c][1] is None and pair[1] is None
                                 for c, pair in numbers.items())


def _children(rows: list[_ServiceRow], parent: _ServiceRow) -> list[_ServiceRow]:
    if parent.kind == "total":
        return [r for r in rows if r.parent is None and r.kind in ("subtotal", "group", "plain")]
    return [r for r in rows if r.parent is parent]


def _read_lone_numbers(rows: list[_ServiceRow]) -> None:
    """A cell printing one number is read as its first (spend), unless every part of a row prints one
    number in that year and together they add up to the row's second number (recipients). Either way the
    reading is flagged, as a guess; a lone 0 needs none (nothing spent, nobody served)."""
    _read_as_second_where_parts_add_up(rows)
    for row in rows:
        for first, second in row.numbers.values():
            if first is not None and second is None and first.reading.value:
                first.reason = reason("lone_number_read_as_first")


def _read_as_second_where_parts_add_up(rows: list[_ServiceRow]) -> None:
    for parent in rows:
        parts = _children(rows, parent)
        for c, pair in parent.numbers.items():
            cells = [p.numbers[c] for p in parts if c in p.numbers]
            if not cells or pair[1] is None or pair[1].reading.value is None:
                continue
            if any(second is not None or first is None or first.reading.value is None for first, second in cells):
                continue
            total = sum(first.reading.value for first, _ in cells)
            if abs(total - pair[1].reading.value) < 0.005 and abs(total - (pair[0].reading.value or 0)) >= 0.005:
                for cell in cells:
                    cell[0].reason = reason("lone_number_read_as_second", total_row=parent.label,
                                            printed=pair[1].printed)
                    cell[0], cell[1] = None, cell[0]


def _check_service_sums(rows: list[_ServiceRow]) -> None:
    for parent in rows:
        if parent.kind == "section":
            continue  # its rows are variants of it, not parts
        parts = _children(rows, parent)
        for (c, k), fact in parent.facts.items():
            check_rows_sum(fact, [p.facts[(c, k)] for p in parts if (c, k) in p.facts])
