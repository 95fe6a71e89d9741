"""Facts from any table the readers found (ruled PDF tables, tab-separated text, workbook sheets, the text
tables of `text_tables`): years from the header, units and scale from the header, the caption and the row
label, each row's label naming its indicator. What is not clearly a figure of a year in a known unit is
kept as a raw cell: a missing value is acceptable, a misread one is not.

- The header is the first row naming years ("2021", "2021. gads", "2015. (euro)", "2022.g.", a partial
  period "1.07.–31.12.2021.", a date of a count "uz 01.01.2021.", "uz 2017. gada 1. oktobri"), or a later
  one of the first three under group headings or a title; rows of headings under it may give a column its
  unit. A heading or caption that names a change, a plan, a target or an average prints no amount.
- A cell's unit is said by the cell ("35 210,40 EUR"), its row label, its column's headings, or the table
  (caption and the labels' heading), the nearest first; where the row and the column say different units,
  or two places say one unit at different scales, or one place names two units, nothing is read there.
  "tūkst. EUR" multiplies by 1 000 (flagged). Once a row says another unit than the header gives, the rows
  under it that say none are not read.
- Two columns of one period and one unit cannot be told apart: neither is read; beside columns of a
  year that name their units, one that names none gives only figures printed with their own unit, of
  another ("92 personas/369 apmeklējumi"). A year spanning several
  columns, or over a sub-heading that names a part of its figures ("pieaug."), is not read either.
- A cell holding a figure and a note in brackets gives the figure (the note is kept raw); a cell of two
  figures gives both only where its header names the unit of each ("EUR / personas"). Readings that
  would be a guess (irregular grouping, three decimals, two decimal marks, a date) are kept raw.
- A "Kopā"/"Pavisam" row is checked against the rows it sums (the groups, where rows head groups with a
  ':'), flagged when it differs, never changed.
- A row whose label stands right of a year column, or that is wider than its header, is shifted against
  the header: it is not read.
- A table without years is read only where it has one column of figures and its caption or header names
  one year, the document's report year.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from ingest.checks import check_rows_sum
from ingest.flags import Reason, reason
from ingest.generic.figures import generic_fact
from ingest.generic.table_words import load_table_words
from ingest.generic.units import load_units
from ingest.model import Cell, Fact, Table
from ingest.numbers import LvNumber, parse_lv_number
from ingest.rules.registry import Reading, TableReading
from ingest.rules.year_cells import label, spanned
from ingest.specs import YEAR, caption_year_reason, month_number, printed_period, table_raw_cells

# The first rows a header of years may be found in (group headings above it).
_HEADER_ROWS = 3
# A header cell longer than this is a sentence, not a column's heading.
_HEADER_CHARS = 80
# A caption longer than this, or ending as a sentence, is text above the table, not its title.
_TITLE_CHARS = 160
# Readings of parse_lv_number that are a guess in a table of unknown layout: its cells are kept raw.
_UNSURE_READINGS = {"two_decimal_marks", "irregular_grouping", "three_decimal_places"}
_ONE_DATE = re.compile(r"(?<![\d.])(\d{1,2})\.\s?(\d{1,2})\.\s?((?:19|20)\d\d)\.?(?!\d)")
_WORDED_DATE = re.compile(r"((?:19|20)\d\d)\.?\s*gada\s+(\d{1,2})\.\s*([^\W\d_]+)", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+\.?")
_BRACKETED = re.compile(r"\(([^()]*)\)")
_NOTE = re.compile(r"^\(.*\)$|^\*+$")

# What a scope (a row label, a column's headers, the table) says its numbers are in: (unit, factor)
# pairs; empty when it says nothing, None when what it says is unclear (a scale of nothing, two scales).
Measures = frozenset[tuple[str, int]] | None
_NOTHING: frozenset[tuple[str, int]] = frozenset()


@dataclass(frozen=True)
class _Column:
    """A column of figures: the year and period it prints, its header as printed and what it says."""

    index: int
    year: int
    period: str
    printed: str
    measures: Measures
    as_of: bool  # its header is a date: only counts can be of a date
    pair: tuple[tuple[str, int], tuple[str, int]] | None = None  # the units of a cell of two figures
    # A heading without a unit beside a column of its period that has one ("Atbalsta apjoms 2024." beside
    # "Izlietots (EUR) 2024."): only figures printed with their own unit, none of `taken`, are read.
    own_units_only: bool = False
    taken: frozenset[str] = frozenset()


def _counted_units(text: str) -> set[str]:
    units = load_units()
    return {u for word in _WORD.findall(text) if (u := units.noun_unit(word.rstrip(".")))}


def measures_in(text: str, heading: bool = False) -> Measures:
    """What `text` says its numbers are in: currencies, percent, and counted nouns where it names a count
    ("Personu skaits"); a heading (a column's, a caption) also by a noun in brackets ("(personas)") or
    alone ("Personas"). A row label is no heading: its nouns say who a figure is for ("Pabalsts (ģimenēm)")."""
    units, words = load_units(), load_table_words()
    found = {units.currency_of(m) for m in re.findall(units.currency_pattern, text)}
    if "%" in text:
        found.add("percent")
    if words.count.search(text):
        found |= _counted_units(text) or {"count"}
    if heading:
        for inner in _BRACKETED.findall(text):
            if len(inner.split()) <= 2:
                found |= _counted_units(inner)
        if len(text.split()) <= 2:
            found |= _counted_units(text)
    scales = {f for word in _WORD.findall(text) if (f := units.scale_of(word))}
    if len(scales) > 1 or (scales and not found) or scales - {1000}:
        return None
    factor = scales.pop() if scales else 1
    return frozenset((unit, 1 if unit == "percent" else factor) for unit in found)


def _row_measures(text: str) -> Measures:
    """What a row label says its figures are in; nothing where it prints a number ("Pabalsts EUR 50
    apmērā" says a rate, not the unit of its row)."""
    return _NOTHING if re.search(r"\d", text) else measures_in(text)


def measure_of(row: Measures, column: Measures, table: Measures) -> tuple[str, int] | None:
    """The one unit and scale a cell is in, said by its row, else its column, else its table; None where
    they do not say it clearly (see the module's note)."""
    named = [(scope, m) for scope, m in (("row", row), ("column", column), ("table", table)) if m != _NOTHING]
    if not named or any(m is None for _, m in named) or len(named[0][1]) != 1:
        return None
    scope, chosen = named[0]
    unit, factor = next(iter(chosen))
    for other_scope, other in named[1:]:
        if (unit, factor) in other:
            continue
        if scope == "row" and other_scope == "column":
            return None  # the row and the column say different things
        if any(u == unit and f != factor for u, f in other):
            return None  # one unit at two scales
    return unit, factor


def _year_period(text: str) -> tuple[int, str, bool] | None:
    """The year a header cell prints, its period, and whether it is a date (an as-of count); None where it
    names no year, more than one, or a change, plan or average."""
    if len(text) > _HEADER_CHARS or load_table_words().not_amount.search(text):
        return None
    years = {int(y) for y in YEAR.findall(text)}
    if len(years) != 1:
        return None
    year = years.pop()
    period = printed_period(text, year)
    if period != str(year):
        return year, period, False
    if m := _ONE_DATE.search(text):
        day, month = int(m[1]), int(m[2])
    elif (m := _WORDED_DATE.search(text)) and month_number(m[3]):
        day, month = int(m[2]), month_number(m[3])  # "uz 2017. gada 1. oktobri"
    else:
        return year, period, False
    try:
        return year, date(year, month, day).isoformat(), True
    except ValueError:
        return None


def _plain_number(text: str) -> bool:
    number = parse_lv_number(text)
    return number.value is not None and not number.rest


def _header_row(table: Table) -> int | None:
    """The row of years: the first, or one of the next under group headings or a title (no figures above
    it)."""
    for r, row in enumerate(table.rows[:_HEADER_ROWS]):
        years = [c for c, cell in enumerate(row) if _year_period(cell.text.strip())]
        if not years:
            continue
        others = [cell for c, cell in enumerate(row) if c not in years and cell.text.strip()]
        above = [cell for upper in table.rows[:r] for cell in upper if cell.text.strip()]
        if any(_plain_number(cell.text) for cell in others + above):
            return None
        # Under headings a year row's first cell is empty; under a title, the years stand alone in their
        # columns. Else a row of figures that look like years (2019, 2020) could be taken for a header.
        if r and row[0].text.strip() and any(c < len(upper) and upper[c].text.strip()
                                             for upper in table.rows[:r] for c in years):
            return None
        return r
    return None


def _pair(text: str) -> tuple[tuple[str, int], tuple[str, int]] | None:
    """The units of a heading of two figures ("EUR / personas"): one clear unit each side of one '/'."""
    sides = text.split("/")
    if len(sides) != 2:
        return None
    found = [measures_in(side, heading=True) for side in sides]
    if all(m is not None and len(m) == 1 for m in found):
        return next(iter(found[0])), next(iter(found[1]))
    return None


def _sub_heading_rows(table: Table, r: int) -> int:
    """How many rows under the header row r are headings too: no label, no figure, some text."""
    k = r + 1
    while k < len(table.rows) and table.rows[k] and not table.rows[k][0].text.strip() and \
            any(cell.text.strip() for cell in table.rows[k]) and not any(_plain_number(c.text) for c in table.rows[k]):
        k += 1
    return k - r - 1


def _year_columns(table: Table, r: int, below: int) -> list[_Column]:
    """The columns of figures of the header row r, with the headings above it and the `below` rows of
    headings under it; a year that spans several columns, a column whose heading under the year says more
    than its unit ("pieaug."), and two columns of one period and one unit are left out."""
    width = max(len(row) for row in table.rows)
    above = [spanned(row, width) for row in table.rows[:r]]
    under = table.rows[r + 1: r + 1 + below]
    year_row = table.rows[r]
    columns = []
    for c, cell in enumerate(year_row):
        found = _year_period(cell.text.strip())
        if not found:
            continue
        if c + 1 < width and not (year_row[c + 1].text.strip() if c + 1 < len(year_row) else "") and any(
                c + 1 < len(row) and _plain_number(row[c + 1].text) for row in table.rows[r + 1:]):
            continue  # an empty heading beside it holds figures: the year spans sub-columns
        sub = " ".join(row[c].text.strip() for row in under if c < len(row) and row[c].text.strip())
        if sub and (len(sub.split()) > 2 or len(measures_in(sub, heading=True) or ()) != 1):
            continue  # a sub-heading that names a part of the year's figures, not their unit
        heading = " ".join(t for t in [*(row[c] for row in above), cell.text.strip(), sub] if t)
        if load_table_words().not_amount.search(heading):
            continue  # a heading above it says the column is a change, a plan or an average
        year, period, as_of = found
        pair = _pair(heading)
        columns.append(_Column(c, year, period, cell.text.strip(),
                               frozenset(pair) if pair else measures_in(heading, heading=True), as_of, pair))
    kept = []
    for col in columns:
        same_period = [o for o in columns if o.period == col.period]
        unnamed = [o for o in same_period if o.measures == _NOTHING and not o.pair]
        if _told_apart(col, same_period):
            kept.append(col)
        elif unnamed == [col] and all(o is col or (o.measures and len(o.measures) == 1) for o in same_period):
            kept.append(replace(col, own_units_only=True,
                                taken=frozenset(u for o in same_period for u, _ in o.measures or ())))
    return kept


def _told_apart(column: _Column, same_period: list[_Column]) -> bool:
    """Whether a column is the only one of its period, or its heading names one unit the others of that
    period do not: else two columns would give one figure two values."""
    if len(same_period) == 1:
        return True
    return bool(column.measures) and len(column.measures) == 1 and all(
        o is column or (o.measures is not None and not o.measures & column.measures) for o in same_period)


def _label(row: list[Cell], skip: set[int]) -> tuple[int, str] | None:
    """The row's label: its first cell, not a column of figures nor a row number, that has letters."""
    words = load_table_words()
    for c, cell in enumerate(row):
        text = cell.text.strip()
        if c in skip or not text or words.row_number.match(text):
            continue
        return (c, label(text)) if re.search(r"[^\W\d_]", text) else None
    return None


def _figures(cell: Cell, column: _Column) -> list[tuple[LvNumber, tuple[str, int] | None, str]] | None:
    """The figures a cell prints, each with the unit the cell itself or its pair heading gives it (None:
    its row's, column's or table's) and its text; None where the cell holds more than a figure and a note
    or its unit ("35 210,40 EUR"), or a reading that would be a guess."""
    text = cell.text.strip()
    exact = getattr(cell, "number", None)  # a workbook's numeric cell (WorkbookCell): its value as stored
    if exact is not None:
        return [(LvNumber(exact), None, text)]
    if _ONE_DATE.search(text):
        return None
    # Two figures split at one '/', where the heading names their units or each prints its own
    # ("92 personas/369 apmeklējumi").
    parts = [p.strip() for p in text.split("/")] if text.count("/") == 1 else [text]
    if len(parts) == 2 and not column.pair and not all(parse_lv_number(p).rest for p in parts):
        parts = [text]
    out = []
    for k, part in enumerate(parts):
        number = parse_lv_number(part)
        if number.value is None or {r.kind for r in number.reasons} & _UNSURE_READINGS:
            return None
        own = column.pair[k] if column.pair and len(parts) == 2 else None
        if number.rest and not _NOTE.match(number.rest):
            said = measures_in(number.rest, heading=True) if len(number.rest.split()) == 1 else None
            if not said or len(said) != 1 or (own and own not in said) or next(iter(said))[1] != 1:
                return None
            own = next(iter(said))
        out.append((number, own, part))
    return out


def _table_measures(table: Table, header: list[Cell], columns: list[_Column]) -> Measures:
    """What the table as a whole says: its caption, where it is a table's title (labelled "N. tabula", or a
    heading: short, not a sentence), and the heading of its label column (which, as a row label, says a unit
    only by a count: "Personu skaits", not "Ģimenes")."""
    corner = measures_in(header[0].text) if header and columns[0].index != 0 else _NOTHING
    caption = table.caption.strip()
    title = table.label or (len(caption) <= _TITLE_CHARS and not caption.endswith("."))
    said = measures_in(caption, heading=True) if title else _NOTHING
    return None if corner is None or said is None else corner | said


def read_table(table: Table, reading: Reading) -> TableReading:
    """The facts of a table of any reader (see the module's note), and a raw cell for every other cell."""
    out = TableReading()
    if load_table_words().not_amount.search(table.caption):
        out.raw_cells = table_raw_cells(table)  # a table of changes, plans or averages
        return out
    r = _header_row(table)
    if r is None:
        columns, first_row = _yearless_columns(table, reading), 1
    else:
        below = _sub_heading_rows(table, r)
        columns, first_row = _year_columns(table, r, below), r + 1 + below
    if not columns:
        out.raw_cells = table_raw_cells(table)
        return out
    words = load_table_words()
    by_index = {col.index: col for col in columns}
    whole = _table_measures(table, table.rows[r if r is not None else 0], columns)
    caption_reason = caption_year_reason(table, [col.year for col in columns]) if r is not None else None
    used: set[tuple[int, int]] = set()
    width = max(len(row) for row in table.rows[:first_row])
    rows: list[tuple[str, bool, dict[int, list[Fact]]]] = []  # label, whether it heads a group, facts
    parent = None  # the label of the last row that is not a part
    # Once a row says another unit than the header would give it ("Audžuģimeņu skaits" in a table of
    # persons), the rows under it that say none may be of either: they are not read.
    defaults = {col.index: measure_of(_NOTHING, col.measures, whole) for col in columns}
    sectioned = False
    for i, row in enumerate(table.rows[first_row:], start=first_row):
        labelled = _label(row, set(by_index))
        if labelled is None or words.not_amount.search(labelled[1]) or labelled[0] > min(by_index) or \
                any(cell.text.strip() for cell in row[width:]):
            continue  # a row whose label stands right of a year, or that is wider than its header: shifted
        c_label, row_text = labelled
        is_part = bool(words.is_part(row_text))
        category = _category(table, row_text, parent if is_part else None)
        parent = parent if is_part else row_text
        row_measures = _row_measures(row_text)
        if row_measures == _NOTHING and sectioned:
            continue
        sectioned = sectioned or any(measure_of(row_measures, col.measures, whole) != defaults[col.index]
                                     for col in columns)
        row_facts: dict[int, list[Fact]] = {}
        for c, cell in enumerate(row):
            column = by_index.get(c)
            if column is None or not cell.text.strip():
                continue
            figures = _figures(cell, column)
            if figures is None:
                continue
            facts = []
            for number, own, printed in figures:
                scoped = measure_of(row_measures, column.measures, whole)
                measure = own or scoped
                if measure is None or (own and scoped and own != scoped) or \
                        (column.own_units_only and (own is None or own[0] in column.taken)) or \
                        (column.as_of and measure[0] in ("EUR", "LVL")):
                    facts = []
                    break
                facts.append(_fact(reading, table, column, row_text, category, number, measure, printed,
                                   (*cell.reasons, *((caption_reason,) if caption_reason else ()))))
            if not facts:
                continue
            row_facts[c] = facts
            out.facts += facts
            if not any(_NOTE.match(number.rest) for number, _, _ in figures if number.rest):
                used.add((i, c))  # a note beside the figure is kept as the raw cell
            used.add((i, c_label))
        rows.append((row_text, row[c_label].text.replace("*", "").strip().endswith(":"), row_facts))
    _check_totals(rows)
    out.raw_cells = table_raw_cells(table, used)
    return out


def _fact(reading: Reading, table: Table, column: _Column, row_text: str, category: str, number: LvNumber,
          measure: tuple[str, int], printed: str, reasons: tuple[Reason, ...]) -> Fact:
    unit, factor = ("percent", 1) if number.is_percent else measure
    scaled = () if factor == 1 else (reason("scaled_by_header", printed=printed, header=column.printed),)
    return generic_fact(municipality=reading.municipality, year=column.year, period=column.period,
                        value=number.value * factor, unit=unit, label=category,
                        spot=table.spot(row=row_text, column=column.printed), raw_value=printed,
                        reasons=(*reasons, *number.reasons, *scaled))


def _category(table: Table, row_text: str, parent: str | None) -> str:
    """A row's category: its table and, for a part ("t.sk.", "no tām"), the row it is a part of, before
    its own label, so that rows of one name ("Kopā", "Vīrieši", "No tām") in two tables or under two rows
    are told apart; the indicator is named by the row's own words (the part after the last " / ")."""
    place = table.label or (table.caption[:60].strip() if table.caption else "")
    return " / ".join(p for p in (place, parent, row_text) if p)


def _yearless_columns(table: Table, reading: Reading) -> list[_Column]:
    """A table without a header of years is of the report year only where its caption or its header names
    that year and no other, and it has one column of figures (the others' cells stay raw)."""
    year = reading.identity.report_year if reading.identity is not None else None
    if year is None or len(table.rows) < 2:
        return []
    header = table.rows[0]
    said = {int(y) for y in YEAR.findall(" ".join([table.caption, *(c.text for c in header)]))}
    if said != {year}:
        return []
    figures = [c for c in range(1, len(header)) if any(c < len(row) and _plain_number(row[c].text)
                                                        for row in table.rows[1:])]
    if len(figures) != 1:
        return []
    c = figures[0]
    printed = header[c].text.strip()
    if load_table_words().not_amount.search(printed):
        return []
    return [_Column(c, year, str(year), printed, measures_in(printed, heading=True), False)]


def _check_totals(rows: list[tuple[str, bool, dict[int, list[Fact]]]]) -> None:
    """Each "Kopā" row against the rows above it since the last total (or, printed first, all below it),
    column by column, of its unit: a part ("t.sk.") is not counted, it is within the row above it; where
    some rows head groups ("Sociālā palīdzība:" over its benefits), the total is of those."""
    words = load_table_words()
    totals = [k for k, (text, _, _) in enumerate(rows) if words.is_total(text)]
    start = 0
    for k in totals:
        parts = rows[start:k] if k > start else [row for row in rows[k + 1:] if not words.is_total(row[0])]
        start = k + 1
        parts = [row for row in parts if not words.is_part(row[0])]
        parts = [row for row in parts if row[1]] or parts
        for c, (total, *_) in rows[k][2].items():
            added = [facts[0] for _, _, by_column in parts if (facts := by_column.get(c))
                     and facts[0].unit == total.unit]
            if len(added) == len(parts) and added:
                check_rows_sum(total, added)
