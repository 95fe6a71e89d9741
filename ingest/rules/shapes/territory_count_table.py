"""A table of counts per category (rows), whose columns count something for the territory a second header
row names above them, if any (e.g. focus-group answers per parish)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.model import Cell, Fact, Table
from ingest.numbers import parse_lv_number
from ingest.place_names import territory_name
from ingest.rules.registry import Reading, TableReading, table_shape
from ingest.specs import AsOf, cell_spot, read_as_of, row_label, table_raw_cells


@dataclass(frozen=True)
class CountColumn:
    """What the columns whose header matches `header` count."""

    header: str
    topic: str
    metric: str
    unit: str


@dataclass(frozen=True)
class TerritoryCountTable:
    """Rows are categories; each column whose header matches one of `columns` counts something, for the
    territory a second header row names above it, if any. Rows repeating the header are skipped.
    `territory_names`: places as printed -> as facts name them."""

    caption: str
    columns: tuple[CountColumn, ...]
    as_of: AsOf | None = None
    territory_names: tuple[tuple[str, str], ...] = ()


def spanned_headers(top: list[Cell], sub: list[Cell] | None) -> list[tuple[str, str | None]]:
    """Each column's (header, sub-header): a run of non-empty sub-header cells sits under one header cell,
    and each empty sub-header cell under a header cell of its own."""
    if sub is None:
        return [(cell.text, None) for cell in top]
    out: list[tuple[str, str | None]] = []
    t = i = 0
    while i < len(sub):
        top_text = top[t].text if t < len(top) else ""
        if not sub[i].text:
            out.append((top_text, None))
            i += 1
        else:
            while i < len(sub) and sub[i].text:
                out.append((top_text, sub[i].text))
                i += 1
        t += 1
    return out


def sub_header(table: Table) -> list[Cell] | None:
    """The second header row, if the table has one: it leaves the label column empty."""
    if len(table.rows) > 1 and table.rows[1] and not table.rows[1][0].text:
        return table.rows[1]
    return None


@table_shape("territory_count_table", TerritoryCountTable)
def read(tables: list[Table], spec: TerritoryCountTable, reading: Reading) -> TableReading:
    out = TableReading()
    dated = read_as_of(reading.flow, spec.as_of)
    for table in tables:
        sub = sub_header(table)
        headers = spanned_headers(table.rows[0], sub)
        n_header = 2 if sub else 1
        used = {(r, c) for r in range(n_header) for c in range(len(table.rows[r]))}
        header_texts = [[cell.text for cell in table.rows[r]] for r in range(n_header)]
        for r, row in enumerate(table.rows[n_header:], start=n_header):
            if row[0].text == table.rows[0][0].text or (sub and [cell.text for cell in row] in header_texts):
                used.update((r, c) for c in range(len(row)))  # the header again, after a page break
                continue
            category = row_label(row[0].text)
            for c, cell in enumerate(row[1:len(headers)], start=1):
                top, territory = headers[c]
                meaning = next((m for m in spec.columns if re.search(m.header, top, re.IGNORECASE)), None)
                number = parse_lv_number(cell.text)
                if meaning is None or number.value is None:
                    continue
                column = f"{top}: {territory}" if territory else top
                fact = Fact(municipality=reading.municipality,
                            territory=territory_name(territory, spec.territory_names) if territory else None,
                            year=dated.year, period=dated.period, topic=meaning.topic, metric=meaning.metric,
                            category=category, value=number.value, unit=meaning.unit,
                            spot=cell_spot(table, category, column, cell), raw_value=cell.text)
                fact.add_reasons(number.reasons)
                out.facts.append(fact)
                used.update({(r, 0), (r, c)} if not number.rest else {(r, 0)})
        out.raw_cells += table_raw_cells(table, used)
    return out
