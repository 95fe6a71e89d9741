"""The pieces shared by the shapes of tables whose value columns are years: which cells are years, labels
without layout noise, headers carried over merged cells, and one row's values as facts."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from ingest.checks import check_rows_sum
from ingest.flags import Reason
from ingest.model import Cell, Fact, RawCell, Table
from ingest.numbers import parse_lv_number
from ingest.specs import table_raw_cells

# A year on its own in a header cell: "2014", "2014.", "2014. gads".
YEAR_CELL = re.compile(r"^\s*((?:19|20)\d\d)\.?\s*(?:g\.|gads)?\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class MeaningByWords:
    """What a row or measure is when its label matches `words` (a regex, case-insensitive): its metric and
    unit, and its topic where it differs from the table's."""

    words: str
    metric: str
    unit: str
    topic: str | None = None


def meaning_of(label: str, meanings: tuple[MeaningByWords, ...]) -> MeaningByWords | None:
    """The first meaning whose words the label has."""
    return next((m for m in meanings if re.search(m.words, label, re.IGNORECASE)), None)


def is_year_header(row: list[Cell]) -> bool:
    return sum(bool(YEAR_CELL.match(cell.text)) for cell in row) >= 2


def year_header_row(table: Table) -> int | None:
    """The index of the table's first row that is a header of years, or None where it has none."""
    return next((r for r, row in enumerate(table.rows) if is_year_header(row)), None)


def with_year_header(tables: list[Table], raw_cells: list[RawCell]) -> Iterator[tuple[Table, int]]:
    """Each of `tables` that has a header of years, with that row's index; the cells of every other table
    are kept in `raw_cells`, as printed."""
    for table in tables:
        year_row = year_header_row(table)
        if year_row is None:
            raw_cells += table_raw_cells(table)
        else:
            yield table, year_row


def label(text: str) -> str:
    """A label without layout noise: markup and footnote stars, a trailing ':'."""
    return re.sub(r"\s+", " ", text.replace("*", "")).strip().rstrip(":").strip()


def caption_category(caption: str, pattern: str) -> str:
    """The category a caption names: its group `category`, else the caption without its numbering."""
    m = re.search(pattern, caption, re.IGNORECASE)
    if m and m.groupdict().get("category"):
        return label(m.group("category"))
    return label(re.sub(r"^\s*\d+(?:\.\d+)*\.?\s*", "", caption))


def spanned(row: list[Cell], columns: int) -> list[str]:
    """Header texts carried right over the empty cells a merged header cell left."""
    out, current = [], ""
    for c in range(columns):
        current = (row[c].text.strip() if c < len(row) else "") or current
        out.append(current)
    return out


def matching(tables: list[Table], caption: str | None = None, header: str | None = None) -> list[Table]:
    """Tables whose caption matches `caption` and whose first cell matches `header` (both when given)."""
    return [t for t in tables if t.rows
            and (caption is None or re.search(caption, t.caption, re.IGNORECASE))
            and (header is None or re.search(header, label(t.rows[0][0].text), re.IGNORECASE))]


def raw_cell(table: Table, r: int, c: int) -> RawCell:
    cell = table.rows[r][c]
    return RawCell(table.ref(), table.caption, r, c, cell.text, cell.loc)


def row_raw_cells(table: Table, r: int) -> list[RawCell]:
    return [raw_cell(table, r, c) for c, cell in enumerate(table.rows[r]) if cell.text.strip()]


@dataclass(frozen=True)
class YearColumn:
    year: int
    qualifier: str | None  # e.g. "pieaug" under a year spanning two columns
    printed: str


def year_columns(table: Table, r: int) -> dict[int, YearColumn]:
    """The columns of row r that name a year."""
    return {c: YearColumn(int(m.group(1)), None, cell.text.strip())
            for c, cell in enumerate(table.rows[r]) if (m := YEAR_CELL.match(cell.text))}


@dataclass(frozen=True)
class RowMeaning:
    """What a row's values are: everything of a Fact but the value and where it came from."""

    topic: str
    metric: str
    unit: str
    category: str
    subgroup: str | None = None


def read_row(table: Table, r: int, columns: dict[int, YearColumn], what: RowMeaning, skip: set[int],
             municipality: str, extra_reason: Reason | None = None,
             counts: bool = False) -> tuple[dict[int, Fact], list[RawCell]]:
    """Facts for the value cells of row r (by column), raw cells for what else the row prints. In a row of
    `counts` a printed '-' is none (0)."""
    facts: dict[int, Fact] = {}
    raw: list[RawCell] = []
    for c, cell in enumerate(table.rows[r]):
        if c in skip:
            continue
        column = columns.get(c)
        if column is None:
            if cell.text.strip():
                raw.append(raw_cell(table, r, c))
            continue
        number = parse_lv_number(cell.text, dash_means_none=counts)
        if number.rest:
            raw.append(raw_cell(table, r, c))  # text beside or instead of a number: keep it
        if number.value is None:
            continue
        subgroup = ", ".join(s for s in (what.subgroup, column.qualifier) if s) or None
        fact = Fact(municipality=municipality, year=column.year, period=str(column.year), topic=what.topic,
                    metric=what.metric, category=what.category, subgroup=subgroup, value=number.value,
                    unit="percent" if number.is_percent else what.unit,
                    spot=table.spot(what.subgroup or what.category, column.printed),
                    raw_value=cell.text.strip())
        fact.add_reasons(number.reasons + ((extra_reason,) if extra_reason else ()))
        facts[c] = fact
    return facts, raw


def check_by_column(total: dict[int, Fact], parts: dict[int, list[Fact]]) -> None:
    """Each column's total against the sum of that column's parts."""
    for c, fact in total.items():
        check_rows_sum(fact, parts.get(c, []))
