"""A list of services and how many received each, in sections headed '<service> | <where> kopā saņēmuši';
the list may run on in caption-less tables (split by blank lines or page breaks)."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ingest.model import Fact, RawCell, Spot, Table
from ingest.rules.registry import Reading, TableReading, table_shape
from ingest.rules.shapes.cell_counts import counted_parts
from ingest.specs import YEAR, find_tables, table_width


@dataclass(frozen=True)
class SectionedCountList:
    """The list's first table is found by its `caption`; `section`: a regex of the second cell of a row
    that starts a section. The year is the caption's last, else the report year."""

    caption: str
    section: str
    topic: str
    metric: str
    unit: str


def find_lists(spec: SectionedCountList, reading: Reading) -> list[list[Table]]:
    """Each two-column list found by its caption, with the caption-less two-column tables that continue it."""
    lists = []
    for first in find_tables(replace(reading.doc, tables=reading.tables), caption=spec.caption):
        if table_width(first) != 2:
            continue
        tables = [first]
        position = next(i for i, table in enumerate(reading.tables) if table is first)
        for following in reading.tables[position + 1:]:
            header = " ".join(cell.text for cell in following.rows[0]) if following.rows else ""
            continues = not following.caption or re.search(spec.section, header, re.IGNORECASE)
            if following.label or not continues or table_width(following) != 2:
                break
            tables.append(following)
        lists.append(tables)
    return lists


@table_shape("sectioned_count_list", SectionedCountList, find=find_lists)
def read(tables: list[Table], spec: SectionedCountList, reading: Reading) -> TableReading:
    """Facts for each service row: its count(s), the section header (and the words after a count, such
    as '(bērns)') as subgroup."""
    years = YEAR.findall(tables[0].caption)
    year = int(years[-1]) if years else reading.report_year
    out = TableReading()
    section = None
    for table in tables:
        place = table.spot() if table.label else Spot(f"{tables[0].label or 'list'} (continued)", table.loc)
        ref = place.place_ref
        for r, row in enumerate(table.rows):
            label, count = (row[0].text.strip(), row[1].text.strip()) if len(row) == 2 else ("", "")
            if re.search(spec.section, count, re.IGNORECASE):
                section = count
                continue
            parts = counted_parts(count) if label else []
            if not parts:
                out.raw_cells.extend(RawCell(ref, table.caption, r, c, cell.text, cell.loc)
                                     for c, cell in enumerate(row) if cell.text)
                continue
            for _, number, words in parts:
                subgroup = f"{section}: {words}" if section and words else (section or words or None)
                fact = Fact(municipality=reading.municipality, year=year, period=str(year) if year else None,
                            topic=spec.topic, metric=spec.metric, unit=spec.unit, category=label,
                            subgroup=subgroup, value=number.value, raw_value=count,
                            spot=replace(place, row=label))
                fact.add_reasons(number.reasons)
                out.facts.append(fact)
    return out
