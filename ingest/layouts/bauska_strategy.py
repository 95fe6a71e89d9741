"""Bauska social service development strategy (Markdown export of a PDF).

What it holds: staff as of the date the text gives, funding by source and by purpose over the data years,
one recipients table per service (gender by year, some with adult/child or own/other municipality
columns), care placements and social-assistance recipients by target group. Tables are matched by
caption and header words; tables split by a page break are joined first.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ingest.checks import (ChangeCheck, Pick, SameFigure, SumCheck, check_arithmetic, check_rows_sum,
                           check_table_shares, flag_copied_tables, flag_disagreements, sum_tolerance)
from ingest.flags import Number, Reason
from ingest.layouts import Layout
from ingest.model import Cell, DocumentInfo, Extraction, Fact, ParsedDocument, RawCell, Table
from ingest.numbers import parse_lv_number
from ingest.specs import FlowText, Prose, caption_year_reason, month_number, read_prose, table_raw_cells

MUNICIPALITY = "Bauskas novads"

# A year on its own in a header cell: "2014", "2014.", "2014. gads".
_YEAR_CELL = re.compile(r"^\s*((?:19|20)\d\d)\.?\s*(?:g\.|gads)?\s*$", re.IGNORECASE)


# =========================================================================== spec types

@dataclass(frozen=True)
class Figure:
    """A prose figure: a specs.Prose rule plus whose figure it is and when it holds. `as_of_staff` dates
    it by the staff count's date (the only date the text gives for the present); `undated` says that its
    own sentence prints no date, so that the date is assumed (and the figure flagged)."""

    rule: Prose
    municipality: str = MUNICIPALITY
    as_of_staff: bool = False
    undated: bool = False


@dataclass(frozen=True)
class StaffList:
    """Two columns, a label and a count, as of the staff date; the caption may print the total
    (group `value` of `caption_total`) the rows should add up to."""

    caption: str
    topic: str
    metric: str
    unit: str
    caption_total: str | None = None


@dataclass(frozen=True)
class SourceTable:
    """Rows by year columns; a row matching `group` heads the rows below it (their subgroup) until the
    next such row, and when it prints values of its own they are checked against those rows."""

    header: str
    topic: str
    metric: str
    unit: str
    group: str


@dataclass(frozen=True)
class YearRowTable:
    """A row of years, perhaps under a row of column-group labels (the category); each row beneath is one
    measure for every column, in `unit` unless a cell prints '%'. Without group labels the category is
    the caption (or its group `category`)."""

    caption: str
    topic: str
    metrics: dict[str, str]  # unit -> metric
    unit: str = "EUR"


@dataclass(frozen=True)
class YearCountTable:
    """Counts by year (a second header row may qualify the year columns, e.g. adults/children) and by
    row, usually gender. A `total` row is the sum of the rows above it; a row naming a measure
    (`measure_row`, e.g. "Aizbildņu skaits") prints its own total first and its parts below it. A
    printed '-' counts none.

    The category is the caption (numbering removed; or its group `category`) or, with
    category_from="header", the measure as printed in the header cell or measure row."""

    caption: str
    topic: str
    header: str = r"skaits"
    metric: str | None = None  # else by the measure's words (METRIC_WORDS)
    category_from: str = "caption"
    total: str = r"^kopā\b"
    measure_row: str = r"skaits$"


@dataclass(frozen=True)
class NestedTable:
    """Rows nested by their label columns: a row marked `part_marker` in the first column is a part of
    the top-level row above; a row with that column empty is a part of the nearest marked row. A row
    printed with a trailing ':' or named a total is checked against the sum of its parts."""

    caption: str
    topic: str
    metric: str
    unit: str
    part_marker: str = r"^No tām$"
    total: str = r"\bkopā\b"
    row_map: tuple[tuple[str, str, str, str], ...] = ()  # label regex -> topic, metric, unit


# =========================================================================== what this report holds

STAFF_DATE = (r"(?P<year>\d{4})\.\s?gada\s+(?P<day>\d{1,2})\.\s?(?P<month>[^\W\d_]+)\s+"
              r"Sociālajā dienestā strādā")

_MUNICIPAL = "pašvaldības finansējums"
_PROJECTS = "projektos iegūtie līdzekļi sociālo pakalpojumu attīstībai"
_ASSISTANCE = "Sociālā palīdzība"
_COUNCIL = ("Pašvaldības domes finansējums sociālajiem pakalpojumiem(institucionālā aprūpe nepilngadīgām un "
            "pilngadīgām personām)")
_GENERALISTS = "Sociālie darbinieki (strādā ar visām mērķgrupām)"

FIGURES = (
    # The staff paragraph: "2015.gada 1.oktobrī Sociālajā dienestā strādā 40 darbinieki (amatu vienību skaits
    # – 37,75, vakances – 1 amatu vienība). No šiem darbiniekiem 22 ir sociālā darba speciālisti, ..."
    Figure(Prose(r"Sociālajā dienestā strādā (?P<value>\d+) darbinieki", "staff", "employees", "persons",
                 "darbinieki"), as_of_staff=True),
    Figure(Prose(r"amatu vienību skaits\s*[–-]\s*(?P<value>\d+(?:[.,]\d+)?)", "staff", "fte", "FTE",
                 "amatu vienības"), as_of_staff=True),
    Figure(Prose(r"vakances\s*[–-]\s*(?P<value>\d+) amatu vienīb", "staff", "positions", "positions",
                 "vakances"), as_of_staff=True),
    Figure(Prose(r"No šiem darbiniekiem (?P<value>\d+) ir sociālā darba speciālisti", "staff", "specialists",
                 "persons", "sociālā darba speciālisti"), as_of_staff=True),
    # Named like the rows of the table "Citi speciālisti", so that a disagreement with it is flagged.
    Figure(Prose(r"sociālā darba speciālisti, (?P<value>\d+) ergoterapeit", "staff", "employees", "persons",
                 "Ergoterapeits"), as_of_staff=True),
    Figure(Prose(r"ergoterapeits, (?P<value>\d+) psihologi", "staff", "employees", "persons", "Psihologi"),
           as_of_staff=True),
    Figure(Prose(r"psihologi, (?P<value>\d+) aprūpētāji", "staff", "employees", "persons", "Aprūpētāji"),
           as_of_staff=True),
    Figure(Prose(r"nepieciešami vēl (?P<value>\d+) sociālie darbinieki", "staff", "specialists_missing",
                 "persons", "sociālie darbinieki"), as_of_staff=True),
    Figure(Prose(r"iedzīvotāju skaits [^()]*?(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<year>\d{4})\.? ir "
                 r"(?P<value>\d{1,3}(?:[ \u00a0]\d{3})*)", "population", "residents", "persons",
                 "iedzīvotāju skaits", period="{year}-{m:0>2}-{d:0>2}")),
    # The staff portrait.
    Figure(Prose(r"Valstī kopumā tikai (?P<value>\d+(?:[.,]\d+)?\s?%) vīrieši ir sociālie darbinieki", "staff",
                 "share", "percent", "sociālie darbinieki", subgroup="vīrieši"),
           municipality="Latvija", as_of_staff=True, undated=True),
    Figure(Prose(r"no \d+ sociālā darba speciālistiem (?P<value>\d+\s?%) ir sievietes", "staff", "share",
                 "percent", "sociālā darba speciālisti", subgroup="sievietes"), as_of_staff=True),
    Figure(Prose(r"\(tikai (?P<value>\d+)\) sociālie darbinieki, kuriem pieredze ir no (?P<span>\d+\s?[-–]\s?\d+ "
                 r"gad\w*)", "staff", "specialists", "persons", "sociālie darbinieki", subgroup="pieredze {span}"),
           as_of_staff=True),
    Figure(Prose(r"(?P<value>\d+) darbiniekiem ir (?P<what>otrā līmeņa profesionālā augstākā izglītība)", "staff",
                 "specialists", "persons", "sociālie darbinieki", subgroup="{what}"), as_of_staff=True),
    Figure(Prose(r"(?P<value>\d+) [-–] (?P<what>augstākā izglītība karitatīvajā sociālajā darbā)", "staff",
                 "specialists", "persons", "sociālie darbinieki", subgroup="{what}"), as_of_staff=True),
    Figure(Prose(r"(?P<value>\d+) darbiniekiem ir (?P<what>maģistra grāds sociālajā darbā)", "staff",
                 "specialists", "persons", "sociālie darbinieki", subgroup="{what}"), as_of_staff=True),
    Figure(Prose(r"Grupu supervīzija.{0,80}?To apmeklē (?P<value>\d+) sociālie darbinieki", "staff",
                 "specialists", "persons", "sociālie darbinieki", subgroup="grupu supervīzija"), as_of_staff=True),
    Figure(Prose(r"(?P<value>\d+) darbinieki izvēlējušies individuālo supervīziju", "staff", "specialists",
                 "persons", "sociālie darbinieki", subgroup="individuālā supervīzija"), as_of_staff=True),
    # Present-tense figures elsewhere in the text.
    Figure(Prose(r"psihologi \((?P<value>\d+(?:[.,]\d+)?) slodzes\) Sociālajā dienestā", "staff", "fte", "FTE",
                 "Psihologi"), as_of_staff=True, undated=True),
    Figure(Prose(r"SOS bērnu ciemats.{0,120}?pērk pakalpojumu (?P<value>\d+) bērniem", "care", "children",
                 "persons", "SOS bērnu ciemats"), as_of_staff=True, undated=True),
    Figure(Prose(r"specializējušies (?P<value>\d+) sociālie darbinieki", "staff", "specialists", "persons",
                 "specializējušies sociālie darbinieki"), as_of_staff=True, undated=True),
    # Named like the table row of generalist social workers, so that a disagreement with it is flagged.
    Figure(Prose(r"pārējie (?P<value>\d+) dara visu", "staff", "specialists", "persons",
                 _GENERALISTS), as_of_staff=True, undated=True),
    Figure(Prose(r"(?P<year>\d{4})\.\s?gadā Sociālais dienests piešķir (?P<value>\d+) pabalstu veidus",
                 "social_assistance", "benefit_types", "count", "pabalstu veidi", period="{year}")),
    # Funding changes as the text states them (a fall is negative).
    Figure(Prose(r"(?P<year>\d{4})\.\s?gadā projektos iegūtie līdzekļi sociālo pakalpojumu attīstībai "
                 r"palielinājās par (?P<value>\d+(?:[.,]\d+)?\s?%)", "budget", "change", "percent", _PROJECTS,
                 period="{year}")),
    Figure(Prose(r"(?P<year>\d{4})\.\s?gadā projektos iegūtie[^.]*?pašvaldības finansējums samazinājās par "
                 r"(?P<value>\d+(?:[.,]\d+)?\s?%)", "budget", "change", "percent", _MUNICIPAL,
                 period="{year}", scale=-1.0)),
    # ... and over the three years of the tables, named as the tables name the rows.
    Figure(Prose(r"sociālajai palīdzībai, taču tam ir tendence mazināties, apm\. par (?P<value>\d+\s?%) trijos gados",
                 "budget", "change", "percent", _ASSISTANCE, scale=-1.0)),
    Figure(Prose(r"Domes budžeta finansējums aprūpes pakalpojumiem 3 gadu laikā samazinājies par "
                 r"(?P<value>\d+\s?%)", "budget", "change", "percent", _COUNCIL, scale=-1.0)),
    # The specialised social workers and the others, of the 22 (line 903).
    Figure(Prose(r"no (?P<value>\d+) sociālajiem darbiniekiem specializējušies", "staff", "specialists", "persons",
                 "sociālie darbinieki"), as_of_staff=True, undated=True),
)

STAFF_TABLES = (
    StaffList(r"sociālā darba speciālistiem ar noteiktām mērķgrupām", "staff", "specialists", "persons",
              caption_total=r"No (?P<value>\d+) sociālā darba speciālist"),
    StaffList(r"Citi speciālisti", "staff", "employees", "persons"),
)

SOURCE_TABLES = (
    SourceTable(r"^Finansējuma avoti$", "budget", "funding", "EUR", group=r"^No\s"),
)

YEAR_ROW_TABLES = (
    YearRowTable(r"finansējums sociālajai palīdzībai un sociālajiem pakalpojumiem", "budget",
                 {"EUR": "spend", "percent": "share"}),
    YearRowTable(r"domes finansējums\W*sociālajiem pakalpojumiem", "budget",
                 {"EUR": "funding", "percent": "share"}),
)

COUNT_TABLES = (
    YearCountTable(r"(?P<category>Sociālo aprūpi institūcijā pieaugušām personām)", "care"),
    YearCountTable(r"(?P<category>Nepilngadīgo sociālo aprūpi institūcijā)", "care", metric="children"),
    YearCountTable(r"ārpusģimenes aprūpes pakalpojumi", "care", category_from="header"),
    # One table per service, captioned by its number in the list of services ("2.1. psihologa pakalpojums").
    YearCountTable(r"^\d+(?:\.\d+)*\.?\s+\S", "recipients"),
)

NESTED_TABLES = (
    NestedTable(r"Sociālās palīdzības saņēmēju skaits", "social_assistance", "persons", "persons",
                row_map=((r"līdzekļi", "social_assistance", "spend", "EUR"),)),
)

# One figure under two names: the social assistance spent, in the funding table and in the recipients table.
SAME_FIGURES = (
    SameFigure(Pick("spend", _ASSISTANCE), Pick("spend", "Izlietotie līdzekļi sociālajai palīdzībai kopā")),
)
# The text's figures among themselves: the specialised social workers and the others make the 22.
TEXT_CHECKS = (
    SumCheck((Pick("specialists", "specializējušies sociālie darbinieki"), Pick("specialists", _GENERALISTS)),
             Pick("specialists", "sociālie darbinieki")),
)
# The text's changes against the tables' figures (the council's and social assistance's shares beside them).
CHECKS = (
    ChangeCheck(Pick("change", _MUNICIPAL), Pick("funding", "No pašvaldības budžeta")),
    ChangeCheck(Pick("change", _PROJECTS), Pick("funding", None, "No projektu finansējuma")),
    ChangeCheck(Pick("change", _ASSISTANCE), Pick("spend", _ASSISTANCE), shares=Pick("share", _ASSISTANCE)),
    ChangeCheck(Pick("change", _COUNCIL), Pick("funding", _COUNCIL), shares=Pick("share", _COUNCIL)),
)

# What a count's measure words make it; the first match wins.
METRIC_WORDS = ((r"ģimeņu", "families"), (r"bērnu", "children"), (r"vecāku", "parents"), (r"", "persons"))
_METRIC_UNITS = {"families": "count"}


# =========================================================================== tables as printed

def _has_letters(text: str) -> bool:
    return bool(re.search(r"[^\W\d_]", text))


def _adjacent(doc: ParsedDocument, upper: Table, lower: Table) -> bool:
    """Nothing but blank lines or page furniture without words (page numbers, rules) between two tables."""
    end, start = upper.rows[-1][0].loc.line, lower.rows[0][0].loc.line
    if end is None or start is None:
        return True  # page-located tables: consecutive in reading order is all we know
    return not any(_has_letters(line.text) for line in doc.lines if line.loc.line and end < line.loc.line < start)


def _width(table: Table) -> int:
    return max(len(row) for row in table.rows)


def _is_year_header(row: list[Cell]) -> bool:
    return sum(bool(_YEAR_CELL.match(cell.text)) for cell in row) >= 2


def tables_as_printed(doc: ParsedDocument) -> list[Table]:
    """The reader's tables with page breaks undone: a captionless block right after a table, with as many
    columns and no header of its own, is the rest of that table; a captionless block with its own year
    header is a second table under the same heading and takes that heading as its caption. A page
    number the reader took for a caption is no caption."""
    out: list[Table] = []
    for table in doc.tables:
        prev = out[-1] if out else None
        if prev is None or _has_letters(table.caption) or not table.rows or not _adjacent(doc, prev, table):
            out.append(table)
        elif _is_year_header(table.rows[0]):
            out.append(replace(table, caption=prev.caption, label=prev.label))
        elif _width(table) == _width(prev):
            out[-1] = replace(prev, rows=prev.rows + table.rows)
        else:
            out.append(table)
    return out


# =========================================================================== shared bits of the readers

def _label(text: str) -> str:
    """A label without layout noise: markup and footnote stars, a trailing ':'."""
    return re.sub(r"\s+", " ", text.replace("*", "")).strip().rstrip(":").strip()


def _caption_category(caption: str, pattern: str) -> str:
    """The category a caption names: its group `category`, else the caption without its numbering."""
    m = re.search(pattern, caption, re.IGNORECASE)
    if m and m.groupdict().get("category"):
        return _label(m.group("category"))
    return _label(re.sub(r"^\s*\d+(?:\.\d+)*\.?\s*", "", caption))


def _spanned(row: list[Cell], width: int) -> list[str]:
    """Header texts carried right over the empty cells a merged header cell left."""
    out, current = [], ""
    for c in range(width):
        current = (row[c].text.strip() if c < len(row) else "") or current
        out.append(current)
    return out


def _matching(tables: list[Table], caption: str | None = None, header: str | None = None) -> list[Table]:
    """Tables whose caption matches `caption` and whose first cell matches `header` (both when given)."""
    return [t for t in tables if t.rows
            and (caption is None or re.search(caption, t.caption, re.IGNORECASE))
            and (header is None or re.search(header, _label(t.rows[0][0].text), re.IGNORECASE))]


def _raw(table: Table, r: int, c: int) -> RawCell:
    cell = table.rows[r][c]
    return RawCell(table.ref(), table.caption, r, c, cell.text, cell.loc)


def _row_raw(table: Table, r: int) -> list[RawCell]:
    return [_raw(table, r, c) for c, cell in enumerate(table.rows[r]) if cell.text.strip()]


@dataclass(frozen=True)
class _Column:
    year: int
    qualifier: str | None  # e.g. "pieaug" under a year spanning two columns
    printed: str


@dataclass(frozen=True)
class _What:
    """What a row's values are: everything of a Fact but the value and where it came from."""

    topic: str
    metric: str
    unit: str
    category: str
    subgroup: str | None = None


def _read_row(table: Table, r: int, columns: dict[int, _Column], what: _What, skip: set[int],
              extra_reason: Reason | None = None, counts: bool = False) -> tuple[dict[int, Fact], list[RawCell]]:
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
                raw.append(_raw(table, r, c))
            continue
        number = parse_lv_number(cell.text, dash_means_none=counts)
        if number.rest:
            raw.append(_raw(table, r, c))  # text beside or instead of a number: keep it
        if number.value is None:
            continue
        subgroup = ", ".join(s for s in (what.subgroup, column.qualifier) if s) or None
        fact = Fact(municipality=MUNICIPALITY, year=column.year, period=str(column.year), topic=what.topic,
                    metric=what.metric, category=what.category, subgroup=subgroup, value=number.value,
                    unit="percent" if number.is_percent else what.unit,
                    spot=table.spot(what.subgroup or what.category, column.printed),
                    raw_value=cell.text.strip())
        fact.add_reasons(number.reasons + ((extra_reason,) if extra_reason else ()))
        facts[c] = fact
    return facts, raw


def _check_by_column(total: dict[int, Fact], parts: dict[int, list[Fact]]) -> None:
    for c, fact in total.items():
        check_rows_sum(fact, parts.get(c, []))


# =========================================================================== readers, one per spec type

def read_staff_list(table: Table, spec: StaffList, date: str | None) -> tuple[list[Fact], list[RawCell]]:
    facts: list[Fact] = []
    raw: list[RawCell] = []
    for r, row in enumerate(table.rows):
        label = _label(row[0].text)
        number = parse_lv_number(row[-1].text) if len(row) > 1 else parse_lv_number(None)
        if r == 0 and number.value is None:
            continue  # the header
        if not label or number.value is None:
            raw.extend(_row_raw(table, r))
            continue
        fact = Fact(municipality=MUNICIPALITY, year=int(date[:4]) if date else None, period=date,
                    topic=spec.topic, metric=spec.metric, category=label, value=number.value,
                    unit=spec.unit, spot=table.spot(label), raw_value=row[-1].text.strip())
        fact.add_reasons(number.reasons)
        facts.append(fact)
        raw.extend(_raw(table, r, c) for c in range(1, len(row) - 1) if row[c].text.strip())
    m = re.search(spec.caption_total, table.caption) if spec.caption_total else None
    if m and facts:
        added = sum(f.value for f in facts)
        printed = parse_lv_number(m.group("value")).value
        if printed is not None and abs(added - printed) > sum_tolerance(facts):
            for fact in facts:
                fact.add_flag("caption_count_differs", printed=m.group("value"), rows=len(facts),
                              sum=Number(added))
    return facts, raw


def _year_columns(table: Table, r: int) -> dict[int, _Column]:
    row = table.rows[r]
    return {c: _Column(int(m.group(1)), None, cell.text.strip())
            for c, cell in enumerate(row) if (m := _YEAR_CELL.match(cell.text))}


def read_source_table(table: Table, spec: SourceTable) -> tuple[list[Fact], list[RawCell]]:
    columns = _year_columns(table, 0)
    cap_reason = caption_year_reason(table, [col.year for col in columns.values()])
    facts: list[Fact] = []
    raw: list[RawCell] = []
    group: str | None = None
    checks: list[tuple[dict[int, Fact], dict[int, list[Fact]]]] = []
    for r in range(1, len(table.rows)):
        label = _label(table.rows[r][0].text)
        if not label:
            raw.extend(_row_raw(table, r))
            continue
        is_group = bool(re.search(spec.group, label))
        what = _What(spec.topic, spec.metric, spec.unit, label, None if is_group else group)
        row_facts, row_raw = _read_row(table, r, columns, what, {0}, cap_reason)
        facts.extend(row_facts.values())
        raw.extend(row_raw)
        if is_group:
            group = label
            checks.append((row_facts, {}))
        elif checks:
            for c, fact in row_facts.items():
                checks[-1][1].setdefault(c, []).append(fact)
    for totals, parts in checks:
        _check_by_column(totals, parts)
    return facts, raw


def read_year_row_table(table: Table, spec: YearRowTable) -> tuple[list[Fact], list[RawCell]]:
    year_row = next((r for r, row in enumerate(table.rows) if _is_year_header(row)), None)
    if year_row is None:
        return [], table_raw_cells(table)
    width = _width(table)
    groups = _spanned(table.rows[year_row - 1], width) if year_row else [""] * width
    # A unit printed over the columns ("EUR") is not a group label.
    groups = ["" if re.fullmatch(r"EUR|%|euro", g, re.IGNORECASE) else g for g in groups]
    columns = _year_columns(table, year_row)
    cap_reason = caption_year_reason(table, [col.year for col in columns.values()])
    facts: list[Fact] = []
    raw: list[RawCell] = []
    by_category: dict[str, set[int]] = {}
    for c in columns:
        by_category.setdefault(_label(groups[c]) or _caption_category(table.caption, spec.caption), set()).add(c)
    for r in range(year_row + 1, len(table.rows)):
        unit = "percent" if any("%" in cell.text for cell in table.rows[r]) else spec.unit
        for category, own in by_category.items():
            what = _What(spec.topic, spec.metrics[unit], unit, category)
            row_facts, row_raw = _read_row(table, r, columns, what, set(columns) - own, cap_reason)
            facts.extend(row_facts.values())
            raw.extend(cell for cell in row_raw if cell.col_index in own)
        raw.extend(_raw(table, r, c) for c, cell in enumerate(table.rows[r]) if c not in columns and cell.text.strip())
    return facts, raw


def _metric_of(measure: str, spec: YearCountTable) -> tuple[str, str]:
    metric = spec.metric or next(m for words, m in METRIC_WORDS if re.search(words, measure, re.IGNORECASE))
    return metric, _METRIC_UNITS.get(metric, "persons")


def _count_columns(table: Table) -> tuple[dict[int, _Column], int]:
    """The value columns of a count table (years carried over merged cells, qualified by a second header
    row when there is one) and the index of its first body row."""
    width = _width(table)
    years = _spanned(table.rows[0], width)
    second = table.rows[1] if len(table.rows) > 1 else []
    qualified = bool(second) and not second[0].text.strip() and any(c.text.strip() for c in second[1:]) \
        and all(parse_lv_number(c.text).value is None for c in second[1:])
    columns = {}
    for c in range(1, width):
        m = _YEAR_CELL.match(years[c])
        if not m:
            continue
        qualifier = second[c].text.strip() if qualified and c < len(second) else ""
        columns[c] = _Column(int(m.group(1)), qualifier or None, f"{years[c]} {qualifier}".strip())
    return columns, 2 if qualified else 1


@dataclass
class _Section:
    """A measure's total and the rows that should add up to it, column by column."""

    total: dict[int, Fact] = field(default_factory=dict)
    parts: dict[int, list[Fact]] = field(default_factory=dict)


def read_year_count_table(table: Table, spec: YearCountTable) -> tuple[list[Fact], list[RawCell]]:
    columns, body = _count_columns(table)
    cap_reason = caption_year_reason(table, [col.year for col in columns.values()])
    measure = _label(table.rows[0][0].text)
    category = measure if spec.category_from == "header" else _caption_category(table.caption, spec.caption)
    metric, unit = _metric_of(measure, spec)
    sections = [_Section()]
    facts: list[Fact] = []
    raw: list[RawCell] = []
    for r in range(body, len(table.rows)):
        label = _label(table.rows[r][0].text)
        if not label:
            raw.extend(_row_raw(table, r))
            continue
        is_total = bool(re.search(spec.total, label, re.IGNORECASE))
        starts_measure = not is_total and bool(re.search(spec.measure_row, label, re.IGNORECASE))
        if starts_measure:
            metric, unit = _metric_of(label, spec)
            if spec.category_from == "header":
                category = label
        what = _What(spec.topic, metric, unit, category, None if starts_measure else label)
        row_facts, row_raw = _read_row(table, r, columns, what, {0}, cap_reason, counts=True)
        facts.extend(row_facts.values())
        raw.extend(row_raw)
        if is_total:
            sections[-1].total = row_facts
            sections.append(_Section())
        elif starts_measure:
            sections.append(_Section(total=row_facts))
        else:
            for c, fact in row_facts.items():
                sections[-1].parts.setdefault(c, []).append(fact)
    for section in sections:
        _check_by_column(section.total, section.parts)
    return facts, raw


@dataclass
class _Node:
    label: str
    checked: bool
    facts: dict[int, Fact]
    parts: dict[int, list[Fact]] = field(default_factory=dict)


def read_nested_table(table: Table, spec: NestedTable) -> tuple[list[Fact], list[RawCell]]:
    year_row = next((r for r, row in enumerate(table.rows) if _is_year_header(row)), None)
    if year_row is None:
        return [], table_raw_cells(table)
    columns = _year_columns(table, year_row)
    first = min(columns)
    cap_reason = caption_year_reason(table, [col.year for col in columns.values()])
    facts: list[Fact] = []
    raw: list[RawCell] = []
    nodes: list[_Node] = []
    open_nodes: dict[int, _Node] = {}  # level -> the latest row at that level
    for r in range(year_row + 1, len(table.rows)):
        printed = [cell.text.strip() for cell in table.rows[r][:first]]
        label_cell = next((p for p in reversed(printed) if _label(p)), "")
        label = _label(label_cell)
        if not label:
            raw.extend(_row_raw(table, r))
            continue
        marker = _label(printed[0]) if printed else ""
        level = 1 if re.search(spec.part_marker, marker, re.IGNORECASE) else 0 if marker == label else 2
        topic, metric, unit = next(((t, m, u) for words, t, m, u in spec.row_map
                                    if re.search(words, label, re.IGNORECASE)), (spec.topic, spec.metric, spec.unit))
        parent = open_nodes.get(level - 1)
        what = _What(topic, metric, unit, label, parent.label if parent else None)
        row_facts, row_raw = _read_row(table, r, columns, what, set(range(first)), cap_reason)
        facts.extend(row_facts.values())
        raw.extend(row_raw)
        checked = label_cell.endswith(":") or bool(re.search(spec.total, label, re.IGNORECASE))
        node = _Node(label, checked, row_facts)
        nodes.append(node)
        if parent:
            for c, fact in row_facts.items():
                parent.parts.setdefault(c, []).append(fact)
        open_nodes = {lvl: n for lvl, n in open_nodes.items() if lvl < level} | {level: node}
    for node in nodes:
        if node.checked:
            _check_by_column(node.facts, node.parts)
    return facts, raw


# =========================================================================== the document

def staff_date(flow: FlowText) -> str | None:
    """The staff count's date as ISO ("2015.gada 1.oktobrī Sociālajā dienestā strādā" -> 2015-10-01)."""
    m = re.search(STAFF_DATE, flow.text)
    if not m:
        return None
    month = month_number(m.group("month"))
    return f"{m.group('year')}-{month:02d}-{int(m.group('day')):02d}" if month else None


def read_figures(flow: FlowText, date: str | None) -> tuple[list[Fact], list[str]]:
    facts: list[Fact] = []
    missing: list[str] = []
    for figure in FIGURES:
        rule = figure.rule
        if figure.as_of_staff and date:
            rule = replace(rule, year=int(date[:4]), period=date)
        found, not_found = read_prose(flow, [rule], figure.municipality)
        for fact in found:
            if figure.undated:
                fact.add_flag("dated_by_staff_count")
        facts.extend(found)
        missing.extend(not_found)
    return facts, missing


def _cover(flow: FlowText) -> re.Match | None:
    return re.search(r"^\W*(?P<title>.{10,200}?attīstības stratēģija)\W*"
                     r"(?P<span>(?P<first>\d{4})\s*[-–]\s*(?P<last>\d{4}))", flow.text[:400].replace("*", ""))


def document_title(flow: FlowText) -> str | None:
    """The title as printed on the cover, e.g. '... „Bauskas novada Sociālais dienests” attīstības
    stratēģija 2016-2020'."""
    m = _cover(flow)
    return f"{m.group('title')} {m.group('span')}" if m else None


def _edition(flow: FlowText) -> str | None:
    """The strategy's period as its cover prints it, e.g. '2016..2020'."""
    m = _cover(flow)
    return f"{m.group('first')}..{m.group('last')}" if m else None


def extract(doc: ParsedDocument) -> Extraction:
    flow = FlowText(doc.lines)
    date = staff_date(flow)
    tables = tables_as_printed(doc)
    used: set[int] = set()
    facts: list[Fact] = []
    raw: list[RawCell] = []
    messages: list[str] = [] if date else ["no staff date found: the staff figures are undated"]

    def take(found: list[Table], what: str, read) -> list[tuple[Table, list[Fact]]]:
        """Read the tables a spec found (each table once); say so when it found none."""
        fresh = [t for t in found if id(t) not in used]
        if not fresh:
            messages.append(f"no table matched {what!r}")
        read_here = []
        for table in fresh:
            used.add(id(table))
            table_facts, table_raw = read(table)
            facts.extend(table_facts)
            raw.extend(table_raw)
            read_here.append((table, table_facts))
        return read_here

    for spec in STAFF_TABLES:
        take(_matching(tables, spec.caption), spec.caption, lambda t, s=spec: read_staff_list(t, s, date))
    for spec in SOURCE_TABLES:
        take(_matching(tables, header=spec.header), spec.header, lambda t, s=spec: read_source_table(t, s))
    for spec in YEAR_ROW_TABLES:
        for _, table_facts in take(_matching(tables, spec.caption), spec.caption,
                                   lambda t, s=spec: read_year_row_table(t, s)):
            check_table_shares(table_facts)
    for spec in NESTED_TABLES:
        take(_matching(tables, spec.caption), spec.caption, lambda t, s=spec: read_nested_table(t, s))
    counts = []
    for spec in COUNT_TABLES:
        found = [t for t in _matching(tables, spec.caption, spec.header) if _is_year_header(t.rows[0])]
        counts += take(found, spec.caption, lambda t, s=spec: read_year_count_table(t, s))
    flag_copied_tables([(table.ref(), table_facts) for table, table_facts in counts])
    # The data years are those of the tables' year columns (the staff date and prose years are not).
    years = sorted({f.year for f in facts if f.year is not None and f.period == str(f.year)})

    prose, missing = read_figures(flow, date)
    check_arithmetic(prose, TEXT_CHECKS)
    facts.extend(prose)
    check_arithmetic(facts, CHECKS)
    messages.extend(missing)
    raw.extend(cell for table in tables if id(table) not in used for cell in table_raw_cells(table))
    flag_disagreements(facts, SAME_FIGURES)
    info = DocumentInfo(municipality=MUNICIPALITY, kind="strategy", title=document_title(flow) or doc.file_name,
                        period=f"{years[0]}..{years[-1]}" if years else "", edition=_edition(flow))
    return Extraction(layout="Bauska strategy", info=info, facts=facts, raw_cells=raw, messages=messages)


LAYOUT = Layout(name="Bauska strategy", signature=(r"Sociālā dienesta", r"attīstības stratēģija", r"Bauskas novad"),
                extract=extract)
