"""Declarative extraction specs and the few shared primitives that apply them.

A layout (a rules file, ingest/rules/layouts/*.toml) is data: which tables it expects (matched by caption
or header words), what their rows and columns mean, and which sentences carry prose figures. The functions
here turn those specs plus a ParsedDocument into Facts, never by line, page or row position.
"""
from __future__ import annotations

import bisect
import calendar
import re
from dataclasses import dataclass
from datetime import date
from typing import Callable

from ingest.checks import check_rows_sum
from ingest.flags import Number, Reason, reason
from ingest.model import Cell, Fact, Location, ParsedDocument, RawCell, Spot, Table, TextLine
from ingest.numbers import parse_lv_number

YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


# --------------------------------------------------------------------------- running text (prose)

class FlowText:
    """A document's lines joined into one string with white space folded, so that a sentence broken over
    lines or pages still matches; every offset maps back to the line or page it came from."""

    def __init__(self, lines: list[TextLine]):
        parts: list[str] = []
        self._starts: list[int] = []
        self._locs: list[Location] = []
        pos = 0
        for line in lines:
            text = re.sub(r"\s+", " ", line.text).strip()
            if not text:
                continue
            self._starts.append(pos)
            self._locs.append(line.loc)
            parts.append(text)
            pos += len(text) + 1
        self.text = " ".join(parts)

    def loc_at(self, offset: int) -> Location:
        i = bisect.bisect_right(self._starts, offset) - 1
        return self._locs[max(i, 0)] if self._locs else Location()


@dataclass(frozen=True)
class Prose:
    """A figure in running text, found by a regex anchored on its sentence.

    The group `value` holds the printed number. `category`, `territory`, `subgroup` and `period` may
    name other groups as `{group}`; `year` is fixed or read from a group `year`.
    """

    pattern: str
    topic: str
    metric: str
    unit: str
    category: str
    year: int | None = None
    period: str | None = None
    territory: str | None = None
    subgroup: str | None = None
    scale: float = 1.0  # "31,9 tūkstoši" -> 1000
    every: bool = False  # every occurrence (one per parish, say), not the first only


def _fill(template: str | None, groups: dict[str, str | None]) -> str | None:
    if template is None:
        return None
    return template.format(**{k: (v or "").strip() for k, v in groups.items()})


# A prose figure is rounded where it is printed in thousands or millions ("31,9 tūkstoši") or said to be
# about so much ("ap 30 tūkstošiem", "apmēram 60%").
_MAGNITUDE = re.compile(r"\b(?:tūkst|milj)", re.IGNORECASE)
_ABOUT = re.compile(r"\b(?:ap|apmēram|aptuveni|gandrīz)\s+$", re.IGNORECASE)


def _approximation(flow: FlowText, m: re.Match) -> str | None:
    """The printed words that make a figure approximate, with the figure ('ap 30 tūkstošiem'), if any."""
    about = _ABOUT.search(flow.text[max(0, m.start("value") - 12): m.start("value")])
    printed = (about.group(0) if about else "") + m.group("value").strip()
    return printed if about or _MAGNITUDE.search(m.group("value")) else None


def read_prose(flow: FlowText, rules: list[Prose], municipality: str) -> tuple[list[Fact], list[str]]:
    """Facts for the prose rules that match, a rounded figure flagged as approximate; and a message for
    each rule that found nothing."""
    facts: list[Fact] = []
    missing: list[str] = []
    for rule in rules:
        matches = list(re.finditer(rule.pattern, flow.text)) if rule.every else \
            [m for m in [re.search(rule.pattern, flow.text)] if m]
        if not matches:
            missing.append(f"no sentence matched {rule.topic}/{rule.metric}/{rule.category!r}")
        for m in matches:
            groups = m.groupdict()
            printed = groups["value"]
            number = parse_lv_number(printed)
            if number.value is None:
                continue
            year = rule.year if rule.year is not None else (int(groups["year"]) if groups.get("year") else None)
            fact = Fact(
                municipality=municipality, territory=_fill(rule.territory, groups), year=year,
                period=_fill(rule.period, groups), topic=rule.topic, metric=rule.metric,
                category=_fill(rule.category, groups), subgroup=_fill(rule.subgroup, groups),
                value=number.value * rule.scale, unit=rule.unit,
                spot=Spot("text", flow.loc_at(m.start("value"))), raw_value=printed.strip())
            fact.add_reasons(number.reasons)
            if approximation := _approximation(flow, m):
                fact.add_flag("approximate", printed=approximation,
                              value=Number(fact.value, percent=fact.unit == "percent"))
            facts.append(fact)
    return facts, missing


# --------------------------------------------------------------------------- tables

def find_tables(doc: ParsedDocument, caption: str | None = None, header: str | None = None) -> list[Table]:
    """Tables whose caption matches `caption`, or whose first rows' text matches `header` (regexes,
    case-insensitive). Matching by words, never by position, so that moved tables are still found."""
    found = []
    for table in doc.tables:
        head_text = " ".join(c.text for row in table.rows[:3] for c in row)
        if caption and re.search(caption, table.caption, re.IGNORECASE):
            found.append(table)
        elif header and re.search(header, head_text, re.IGNORECASE):
            found.append(table)
    return found


def column_years(header: list[Cell]) -> list[tuple[int, int, str]]:
    """(column index, year, printed header) for each header cell naming a year."""
    out = []
    for i, cell in enumerate(header):
        years = YEAR.findall(cell.text)
        if years:
            out.append((i, int(years[-1]), cell.text))
    return out


def caption_year_reason(table: Table, years: list[int]) -> Reason | None:
    """A caption that names other years than the columns hold is flagged on every value of the table."""
    named = sorted({int(y) for y in YEAR.findall(table.caption)})
    if named and years and not set(years) <= set(named):
        return reason("caption_years", named=tuple(named), columns=tuple(sorted(set(years))))
    return None


def _day_month(n: int) -> str:
    return rf"(?P<d{n}>\d{{1,2}})\.\s?(?P<m{n}>\d{{1,2}})\.?(?:\s?(?P<y{n}>(?:19|20)\d\d)\.?)?"


_TO = r"\s*(?:[-–—]|līdz)\s*"
_DATE_SPAN = re.compile(_day_month(1) + _TO + _day_month(2))
_MONTH_SPAN = re.compile(r"(?P<m1>[^\W\d_]{3,})\.?" + _TO + r"(?P<m2>[^\W\d_]{3,})", re.IGNORECASE)
_HALF_YEAR = re.compile(r"(?:\b(?P<number>[12]|I{1,2})\.?|(?P<word>pirm|otr)\w*)\s*pusgad", re.IGNORECASE)


def _iso_span(year: int, month1: int, day1: int, month2: int, day2: int) -> str | None:
    try:
        start, end = date(year, month1, day1), date(year, month2, day2)
    except ValueError:
        return None
    return f"{start.isoformat()}..{end.isoformat()}" if start < end else None


def printed_period(header_text: str, year: int) -> str:
    """The period a column of `year` covers, as ISO dates: the whole year, or the span its header prints:
    '1.07.- 31.12.2021.', '01.07.2021.–31.12.2021.', 'no 01.07.2021. līdz 31.12.2021.', 'jūlijs–decembris',
    '2. pusgads' or 'otrajā pusgadā' -> '2021-07-01..2021-12-31'."""
    span = None
    if m := _DATE_SPAN.search(header_text):
        span = _iso_span(int(m["y2"] or m["y1"] or year), int(m["m1"]), int(m["d1"]), int(m["m2"]), int(m["d2"]))
    elif m := _HALF_YEAR.search(header_text):
        second = (m["number"] or "").upper() in ("2", "II") or (m["word"] or "").lower() == "otr"
        span = _iso_span(year, 7, 1, 12, 31) if second else _iso_span(year, 1, 1, 6, 30)
    elif m := _MONTH_SPAN.search(header_text):
        first, last = month_number(m["m1"]), month_number(m["m2"])
        if first and last:
            span = _iso_span(year, first, 1, last, calendar.monthrange(year, last)[1])
    return span or str(year)


@dataclass(frozen=True)
class YearTable:
    """A table whose rows are categories and whose columns are years (plus, optionally, more columns).

    Rows whose label ends with ':' (or matches `subtotal`) are the sum of the rows beneath them up to the
    next such row; the sum is checked and a mismatch flagged. A row matching `total` sums every other
    row. Cells the spec does not map are kept as raw cells.
    """

    caption: str | None
    topic: str
    metric: str
    unit: str
    header: str | None = None
    label_column: int = 0
    subtotal: str = r":\s*$"
    total: str | None = r"^\s*(kopā|pavisam)\b"
    skip_rows: str | None = r"^\[\.\.\]$"
    # Regex a year column's header must match; other year-named columns (say, counts printed beside the
    # sums) are left to other rules, as raw cells. None: every column naming a year.
    value_columns: str | None = None
    # Regex a row must match (case-sensitively) to count towards the subtotal above it, e.g. lower-case
    # "ar ..." rows; the first row that does not ends the group. None: every row up to the next subtotal.
    part: str | None = None


def read_year_table(table: Table, spec: YearTable, municipality: str) -> tuple[list[Fact], list[RawCell]]:
    """Facts for every (row, year column) of a YearTable, whose first row is its header; raw cells for
    everything else."""
    header = table.rows[0]
    years = [(i, y, text) for i, y, text in column_years(header)
             if not spec.value_columns or re.search(spec.value_columns, text, re.IGNORECASE)]
    year_cols = {i: (y, printed_period(text, y)) for i, y, text in years}
    cap_reason = caption_year_reason(table, [y for _, y, _ in years])
    facts: list[Fact] = []
    raw: list[RawCell] = []
    groups: list[tuple[dict[int, Fact], dict[int, list[Fact]]]] = []
    all_rows: dict[int, list[Fact]] = {}
    total_row: dict[int, Fact] | None = None
    in_group = False  # whether the rows read now are parts of the last subtotal
    elided = False  # whether the table marks rows as left out
    for r, row in enumerate(table.rows[1:], start=1):
        if len(row) <= spec.label_column:
            continue
        label = row[spec.label_column].text.strip()
        if not label or (spec.skip_rows and re.search(spec.skip_rows, label)):
            elided = elided or bool(label)
            raw.extend(RawCell(table.ref(), table.caption, r, c, cell.text, cell.loc) for c, cell in enumerate(row) if cell.text)
            continue
        is_subtotal = bool(re.search(spec.subtotal, label))
        is_total = bool(spec.total and re.search(spec.total, label, re.IGNORECASE))
        category = label.rstrip(":").strip()
        row_facts: dict[int, Fact] = {}
        for c, cell in enumerate(row):
            if c == spec.label_column:
                continue
            if c not in year_cols:
                if cell.text:
                    raw.append(RawCell(table.ref(), table.caption, r, c, cell.text, cell.loc))
                continue
            number = parse_lv_number(cell.text)
            if number.value is None:
                continue
            year, period = year_cols[c]
            fact = Fact(municipality=municipality, year=year, period=period, topic=spec.topic, metric=spec.metric,
                        category=category, value=number.value,
                        unit="percent" if number.is_percent else spec.unit,
                        spot=table.spot(category, header[c].text),
                        raw_value=cell.text)
            fact.add_reasons(number.reasons)
            if cap_reason:
                fact.add_reasons((cap_reason,))
            if number.rest:
                raw.append(RawCell(table.ref(), table.caption, r, c, cell.text, cell.loc))
            row_facts[c] = fact
            facts.append(fact)
        if is_total:
            total_row = row_facts
        elif is_subtotal:
            groups.append((row_facts, {}))
            in_group = True
        else:
            in_group = in_group and not (spec.part and not re.search(spec.part, label))
            for c, fact in row_facts.items():
                all_rows.setdefault(c, []).append(fact)
                if in_group:
                    groups[-1][1].setdefault(c, []).append(fact)
    for parent_row, parts in groups:
        for c, parent in parent_row.items():
            check_rows_sum(parent, parts.get(c, []))
    if total_row:
        for c, total in total_row.items():
            subtotals = [g[0][c] for g in groups if c in g[0]]
            check_rows_sum(total, subtotals or all_rows.get(c, []), elided=elided)
    return facts, raw


def table_raw_cells(table: Table, read: set[tuple[int, int]] | frozenset = frozenset()) -> list[RawCell]:
    """Every non-empty cell of a table that no rule read: all of them, or all but the (row, column) `read`."""
    return [RawCell(table.ref(), table.caption, r, c, cell.text, cell.loc)
            for r, row in enumerate(table.rows) for c, cell in enumerate(row)
            if cell.text.strip() and (r, c) not in read]


def row_label(text: str) -> str:
    """A row label without layout noise: footnote stars and a trailing colon."""
    return re.sub(r"\s*\*+\s*$", "", text).strip().rstrip(":").strip()


def cell_spot(table: Table, row_name: str, column: str, cell: Cell) -> Spot:
    """A table cell of a text export: the table's place, the row and column named (white space folded),
    and the cell's own line, said after them."""
    row_name, column = (" ".join(text.split()) for text in (row_name, column))
    return table.spot(row_name, column, widths=(50, 40), cell=cell.loc)


def table_width(table: Table) -> int:
    """The number of cells of the table's widest row."""
    return max((len(row) for row in table.rows), default=0)


# --------------------------------------------------------------------------- prose that a context sentence dates

_MONTH_STEMS = ("janvār", "februār", "mart", "aprīl", "maij", "jūnij", "jūlij", "august", "septembr",
                "oktobr", "novembr", "decembr")
_MONTH_ABBREVIATIONS = ("janv", "febr", "mar", "apr", "mai", "jūn", "jūl", "aug", "sept", "okt", "nov", "dec")


def month_number(text: str | None) -> int | None:
    """1-12 from a printed month: a number, a Latvian month name in any case ending ("janvārī",
    "jūnija") or its abbreviation ("janv.", "sept"); None when it is none of these."""
    if not text:
        return None
    if text.isdigit():
        return int(text)
    word = text.lower().rstrip(".")
    return next((i for i, (stem, short) in enumerate(zip(_MONTH_STEMS, _MONTH_ABBREVIATIONS, strict=True), 1)
                 if word.startswith(stem) or word == short), None)


def iso_period(groups: dict[str, str | None]) -> str | None:
    """'2016', '2016-01-01' or, for a month without a day, '2015-06-01..2015-06-30', from the groups year,
    month (a number or a Latvian month word) and day of a date sentence. A month or day that is no date
    ('13', '31' of February) says only the year or the month."""
    year, day = groups.get("year"), groups.get("day")
    if not year:
        return None
    month = month_number(groups.get("month"))
    if not month or not 1 <= month <= 12:
        return year
    last = calendar.monthrange(int(year), month)[1]
    if day and day.isdigit() and 1 <= int(day) <= last:
        return f"{year}-{month:02d}-{int(day):02d}"
    return f"{year}-{month:02d}-01..{year}-{month:02d}-{last:02d}"


@dataclass(frozen=True)
class AsOf:
    """When a table's figures hold, read from a sentence near it because the table itself does not say.

    The pattern's groups: `year`; `month` (a number or a Latvian month name) and `day` where printed,
    else the fixed `month` and `day`. A month without a day stands for the whole month. `inferred` marks a
    sentence that dates related figures rather than the table itself: its facts are flagged.
    """

    pattern: str
    month: int | None = None
    day: int | None = None
    inferred: bool = False


@dataclass(frozen=True)
class Dated:
    """The year and period an AsOf sentence gives, and why the date needs care (an inferred one)."""

    year: int | None = None
    period: str | None = None
    reason: Reason | None = None


def read_as_of(flow: FlowText, spec: AsOf | None) -> Dated:
    """The date a spec's sentence gives; nothing when there is no spec or its sentence is not found."""
    m = re.search(spec.pattern, flow.text) if spec else None
    if not m:
        return Dated()
    groups = {k: v for k, v in m.groupdict().items() if v}
    groups.setdefault("month", str(spec.month) if spec.month else None)
    groups.setdefault("day", str(spec.day) if spec.day else None)
    why = reason("date_from_sentence", sentence=m.group(0), where=flow.loc_at(m.start()).ref()) \
        if spec.inferred else None
    return Dated(int(groups["year"]), iso_period(groups), why)


@dataclass(frozen=True)
class ProseGroup:
    """Prose rules that share a sentence elsewhere in the text saying when (or where) they hold, e.g.
    'Uz 2016. gada 1. janvāri nodaļā strādā:' for the staff counts listed after it.

    The `context` regex's groups year/month/day date each fact whose own sentence names no year;
    `territory` (a template over the context's groups) places each fact whose rule gives no territory;
    `territory_form` turns a printed place name into the one facts use (e.g. a genitive into the
    nominative)."""

    rules: tuple[Prose, ...]
    context: str | None = None
    municipality: str | None = None  # when the figures are not the document's own, e.g. "Latvija"
    territory: str | None = None
    territory_form: Callable[[str], str] | None = None


def read_prose_groups(flow: FlowText, groups: tuple[ProseGroup, ...] | list[ProseGroup],
                      municipality: str) -> tuple[list[Fact], list[str]]:
    """read_prose for each group, completed from its context; a message for each context not found."""
    facts: list[Fact] = []
    missing: list[str] = []
    for group in groups:
        context = re.search(group.context, flow.text) if group.context else None
        if group.context and not context:
            missing.append(f"no context sentence matched {group.context[:60]!r}")
        found, lost = read_prose(flow, list(group.rules), group.municipality or municipality)
        missing.extend(lost)
        known = context.groupdict() if context else {}
        for fact in found:
            if fact.year is None and known.get("year"):
                fact.year = int(known["year"])
                fact.period = fact.period or iso_period(known)
            if fact.period is None and fact.year is not None:
                fact.period = str(fact.year)
            if fact.territory is None and group.territory and context:
                fact.territory = _fill(group.territory, known)
            if fact.territory and group.territory_form:
                fact.territory = group.territory_form(fact.territory)
        facts.extend(found)
    return facts, missing
