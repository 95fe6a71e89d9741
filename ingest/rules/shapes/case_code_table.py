"""A table of active cases per social-work position (rows) and case code: a cell lists codes one per line
and the next cell their counts."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from typing import ClassVar

from ingest.model import Cell, Fact, Table
from ingest.numbers import LvNumber, parse_lv_number
from ingest.place_names import territory_name, unit_nominative
from ingest.rules.registry import Reading, TableReading, read_each, table_shape
from ingest.specs import AsOf, Dated, cell_spot, read_as_of, row_label


@dataclass(frozen=True)
class CaseTable:
    """Active cases per position and code; a code may carry a sub-label ('KC/ seniori'). A row holding only
    a position cell is a section heading: a heading naming the town (`town_section`) gives its rows that
    territory, one matching `whole_municipality` none, and any other heading (not a place, such as the
    service providers' units) is a unit, named in the nominative. Further lines of a position cell name its
    territory; a row with no position continues the position above (another worker in the same post, or
    the rest of a cell). `territory_names`: places as printed -> as facts name them."""

    PATTERN_KEYS: ClassVar[frozenset[str]] = frozenset({"position", "codes", "counts", "town_section",
                                                        "whole_municipality"})
    caption: str
    topic: str
    metric: str
    unit: str
    as_of: AsOf | None = None
    stage: str | None = None  # tells apart the same caseloads before and after a change, in the subgroup
    territory: str | None = None  # where the whole table is about one territory and its rows name none
    position: str = r"amats"
    codes: str = r"sējums"
    counts: str = r"skaits"
    town_section: str = r"pilsēta$"
    whole_municipality: str = r"^Visā novada\b"
    territory_names: tuple[tuple[str, str], ...] = ()


@dataclass
class _CaseCount:
    printed: str
    reading: LvNumber
    cell: Cell


@dataclass
class _CaseRow:
    position: str
    territory: str | None
    entries: list[tuple[str, _CaseCount]]  # (case code, count)


@table_shape("case_code_table", CaseTable)
def read(tables: list[Table], spec: CaseTable, reading: Reading) -> TableReading:
    return read_each(tables, lambda table: _read_case_table(table, spec, reading))


def _read_case_table(table: Table, spec: CaseTable, reading: Reading) -> tuple[list[Fact], set, list[str]]:
    header = table.rows[0]
    cols = {name: _column(header, pattern) for name, pattern in
            (("position", spec.position), ("codes", spec.codes), ("counts", spec.counts))}
    if None in cols.values():
        return [], set(), [f"{table.ref()}: no column for {[k for k, v in cols.items() if v is None]}"]
    used = {(0, c) for c in cols.values()}
    territory = spec.territory
    posts: list[list[_CaseRow]] = []  # the rows of each position, in order
    messages = []
    for r, row in enumerate(table.rows[1:], start=1):
        position, codes, counts = (_cell(row, cols[k]) for k in ("position", "codes", "counts"))
        if position and not (codes and codes.text) and not (counts and counts.text):
            territory = _section_territory(row_label(position.text), spec)
            used.add((r, cols["position"]))
            posts.append([])
            continue
        if position and position.text:
            name, *where = position.text.split("\n")
            posts.append([])
            place = territory_name(" ".join(where), spec.territory_names) if where else territory
            current = _CaseRow(row_label(name), place, [])
            used.add((r, cols["position"]))
        elif posts and posts[-1]:
            current = replace(posts[-1][-1], entries=[])  # another worker in the post above
        else:
            continue
        entries = _code_counts(codes, counts)
        if entries is None:
            messages.append(f"{table.ref()}, row {r}: codes and counts do not pair up")
            continue
        if entries:
            used.update({(r, cols["codes"]), (r, cols["counts"])})
        current.entries = entries
        posts[-1].append(current)
    dated = read_as_of(reading.flow, spec.as_of)
    column = header[cols["counts"]].text
    workers = [w for post in posts for w in _workers(post)]
    return _case_facts(table, spec, column, workers, dated, reading.municipality), used, messages


def _section_territory(heading: str, spec: CaseTable) -> str | None:
    if re.search(spec.town_section, heading):
        return territory_name(heading, spec.territory_names)
    if re.search(spec.whole_municipality, heading, re.IGNORECASE):
        return spec.territory
    return unit_nominative(heading)


def _column(header: list[Cell], pattern: str) -> int | None:
    return next((c for c, cell in enumerate(header) if re.search(pattern, cell.text, re.IGNORECASE)), None)


def _cell(row: list[Cell], c: int) -> Cell | None:
    return row[c] if c < len(row) else None


def _code_counts(codes: Cell | None, counts: Cell | None) -> list[tuple[str, _CaseCount]] | None:
    """(code, count) pairs of a row; [] when it prints no counts, None when codes and counts differ in
    number (nothing can be paired safely)."""
    if not counts or not counts.text:
        return []
    code_lines = [re.sub(r"\s*/\s*", "/", code.strip()) for code in codes.text.split("\n")] \
        if codes and codes.text else []
    count_lines = counts.text.split("\n")
    if len(code_lines) != len(count_lines):
        return None
    return [(code, _CaseCount(count, parse_lv_number(count), counts)) for code, count in zip(code_lines, count_lines)]


def _workers(post: list[_CaseRow]) -> list[_CaseRow]:
    """The workers of one position's rows: a row each where a code recurs over the rows (several workers in
    one post), else one worker whose cells run on over the rows."""
    code_sets = [{code for code, _ in row.entries} for row in post]
    if any(sum(code in codes for codes in code_sets) > 1 for code in set().union(*code_sets)):
        return post
    return [replace(post[0], entries=[entry for row in post for entry in row.entries])] if post else []


def _case_facts(table: Table, spec: CaseTable, column: str, workers: list[_CaseRow], dated: Dated,
                municipality: str) -> list[Fact]:
    """Facts of every worker's cases; workers with the same position in the same territory (within one post
    or in different places of the table) are numbered, so that each keeps a category of their own."""
    same = Counter((w.position, w.territory) for w in workers)
    numbered: Counter = Counter()
    facts = []
    for worker in workers:
        place = (worker.position, worker.territory)
        numbered[place] += 1
        category = f"{worker.position} #{numbered[place]}" if same[place] > 1 else worker.position
        for code, count in worker.entries:
            if count.reading.value is None:
                continue
            fact = Fact(municipality=municipality, territory=worker.territory, year=dated.year, period=dated.period,
                        topic=spec.topic, metric=spec.metric, category=category,
                        subgroup=f"{code} ({spec.stage})" if spec.stage else code,
                        value=count.reading.value, unit=spec.unit, raw_value=count.printed,
                        spot=cell_spot(table, category, f"{column}: {code}", count.cell))
            fact.add_reasons(count.reading.reasons + ((dated.reason,) if dated.reason else ()))
            facts.append(fact)
    return facts
