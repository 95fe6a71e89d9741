"""Tukums evaluation of social work and a model for the parishes (Tukuma novada sociālais dienests, 2016).

A text export of a Word document whose tables come out flattened one cell per line (see
ingest/readers/flattened.py). The tables are described below as specs, matched by caption words:

- services (1. tabula): spend and recipients per service and year, two numbers per cell;
- caseloads (2., 5. and 7. tabula): active cases per social-work position and case code;
- focus groups (4. tabula): how many respondents recognised each form of support, and where it is available;
- staffing models (8., 9. and 11. tabula): residents and positions per parish, existing and proposed;
- funding needs (10. and 12. tabula): what the proposed models cost.

Tables 3 and 6 (job duties) are text; their cells, and every cell no spec reads, are kept as raw cells.
The layout itself is ingest/rules/layouts/tukums_evaluation.toml (its prose figures, chart data and checks);
its transforms `evaluation_tables` and `evaluation_table_checks` (ingest/rules/shapes/evaluation_table_bridge.py)
run read_tables, read_case_codes, check_stage_totals and availability_checks below.
"""
from __future__ import annotations

import calendar
import re
from collections import Counter
from dataclasses import dataclass, field, replace

from ingest.checks import PartCheck, Pick, check_rows_sum, sum_tolerance
from ingest.flags import Number, Reason, reason
from ingest.model import Cell, Fact, ParsedDocument, RawCell, Table
from ingest.numbers import LvNumber, parse_lv_number
from ingest.place_names import unit_nominative
from ingest.readers.flattened import flattened_tables
from ingest.specs import FlowText, column_years, find_tables, month_number, table_raw_cells

MUNICIPALITY = "Tukuma novads"
# The town as the staffing tables print it, and as the facts name it (the caseload table's own name).
TERRITORY_NAMES = {"Tukums": "Tukuma pilsēta"}


# --------------------------------------------------------------------------- specs

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
class PairYearTable:
    """Rows are services, columns are years, and each cell prints two numbers on two lines (spend, then
    recipients). Row roles come from label patterns, never from positions:
    `total` sums the top-level rows; `subtotal` sums the rows below it up to the next subtotal or section;
    `group` is a row inside a subtotal that sums the rows below it; `part` is an 'of which' row of the row
    above; `section` is a row outside every subtotal (state-funded services), and the rows below it are
    its variants. Rows under a group, a section or a 'part' row are named `parent / row`.
    """

    caption: str
    first: tuple[str, str, str]  # topic, metric, unit of the first number
    second: tuple[str, str, str]  # ... and of the second
    total: str = r"^kopā:?$"
    subtotal: str = r":$"
    group: str | None = None
    part: str = r"^t\.\s?sk\b\.?\s*"
    section: str | None = None


@dataclass(frozen=True)
class CaseTable:
    """Active cases per social-work position (rows) and case code: a cell lists codes one per line and the
    next cell their counts; a code may carry a sub-label ('KC/ seniori'). A row holding only a position
    cell is a section heading: a heading naming the town gives its rows that territory, one matching
    `whole_municipality` none, and any other heading (not a place, such as the service providers' units)
    is a unit, named in the nominative. Further lines of a position cell name its territory; a row with
    no position continues the position above (another worker in the same post, or the rest of a cell)."""

    caption: str
    as_of: AsOf | None = None
    stage: str | None = None  # tells apart the same caseloads before and after a change, in the subgroup
    territory: str | None = None  # where the whole table is about one territory and its rows name none
    position: str = r"amats"
    codes: str = r"sējums"
    counts: str = r"skaits"
    town_section: str = r"pilsēta$"
    whole_municipality: str = r"^Visā novada\b"


@dataclass(frozen=True)
class TerritoryCountTable:
    """Rows are categories; each column whose header matches a key of `columns` counts something, for the
    territory a second header row names above it, if any. Rows repeating the header are skipped."""

    caption: str
    columns: dict[str, tuple[str, str, str]]  # header regex -> topic, metric, unit
    as_of: AsOf | None = None


@dataclass(frozen=True)
class StaffingTable:
    """Rows are parishes and the town, with residents and staff positions: for the existing situation
    and, from the column whose header matches `model`, once more for a proposed model. Merged cells
    are read as a person would: a value stands for its row and the rows below whose cell is empty.
    A row that lacks cells (merged across) is aligned to the left on the existing side and to the right
    on the model side."""

    caption: str
    residents_as_of: AsOf | None = None
    positions_as_of: AsOf | None = None
    total_is_municipality: bool = False  # else the total row covers just the rows above it
    residents: str = r"iedzīvotāju skaits"
    positions: str = r"amata vietas"
    model: str = r"modelis"
    total: str = r"^kopā:?$"


@dataclass(frozen=True)
class AmountTable:
    """Rows are cost items with one amount each, and a total row."""

    caption: str
    topic: str
    metric: str
    unit: str
    subgroup: str | None = None
    total: str = r"^kopā:?$"


# The staffing tables give no date: their residents match the pilot section's figures "as of the start of
# 2014", and their existing positions the department's staff "as of 1 January 2016".
PARISH_DATA_AS_OF = AsOf(r"Dati iegūti uz (?P<year>\d{4})\. gada sākumu", month=1, day=1, inferred=True)
STAFF_AS_OF = AsOf(r"Uz (?P<year>\d{4})\. gada (?P<day>\d{1,2})\. (?P<month>\w+) nodaļā strādā")

TABLES = [
    PairYearTable(
        caption=r"nodrošinātie sociālie pakalpojumi, izlietotais finansējums",
        first=("budget", "spend", "EUR"), second=("recipients", "persons", "persons"),
        group=r"^Ilgstošas .*pakalpojums|^Citi sociālie pakalpojumi$",
        section=r"^Valsts apmaksāta|valsts finansēts"),
    CaseTable(
        caption=r"Klientu lietu skaits, ar kurām strādā",
        as_of=AsOf(r"Uz (?P<year>\d{4})\. gada (?P<day>\d{1,2})\. (?P<month>\w+) tika apkopots klientu lietu skaits")),
    TerritoryCountTable(
        caption=r"Atbalsta formu atpazīstamība",
        columns={r"^Atpazīstamība": ("focus_group", "recognition", "count"),
                 r"^Ir pieejams": ("focus_group", "availability", "count")},
        as_of=AsOf(r"(?P<year>\d{4})\. gada (?P<month>\w+) mēnesī kopā tika noorganizētas \d+ fokusgrupas")),
    CaseTable(
        caption=r"Klientu lietu skaits atbilstoši amata pienākumiem", stage="pirms pārdales",
        as_of=AsOf(r"teritorijas raksturojums uz (?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})")),
    # The redistributed caseloads of the pilot in the Slampe and Džūkste parishes; the table names no date.
    CaseTable(caption=r"Pārdalīto klientu lietu skaits", stage="pēc pārdales", territory="Slampe/Džūkste"),
    StaffingTable(
        caption=r"Esošais sociālā darba nodrošināšanas modelis", total_is_municipality=True,
        residents_as_of=PARISH_DATA_AS_OF, positions_as_of=STAFF_AS_OF),
    StaffingTable(
        caption=r"Minimālais sociālā darba nodrošināšanas modelis",
        residents_as_of=PARISH_DATA_AS_OF, positions_as_of=STAFF_AS_OF),
    StaffingTable(
        caption=r"Maksimālais sociālā darba nodrošināšanas modelis",
        residents_as_of=PARISH_DATA_AS_OF, positions_as_of=STAFF_AS_OF),
    AmountTable(caption=r"Nepieciešamais finansējums minimālā", topic="budget", metric="funding_need",
                unit="EUR", subgroup="Minimālais modelis"),
    AmountTable(caption=r"Nepieciešamais finansējums maksimālā", topic="budget", metric="funding_need",
                unit="EUR", subgroup="Maksimālais modelis"),
]

# The case-code legend under the caseload table: "* sējuma skaidrojums", then "code<TAB>meaning" lines.
CODE_LEGEND = r"sējuma skaidrojums"


# --------------------------------------------------------------------------- shared helpers

@dataclass
class _Dated:
    year: int | None = None
    period: str | None = None
    reason: Reason | None = None  # why the date needs care


def read_as_of(flow: FlowText, spec: AsOf | None) -> _Dated:
    """The date a spec's sentence gives, as (year, ISO period); nothing when the sentence is not found."""
    m = re.search(spec.pattern, flow.text) if spec else None
    if not m:
        return _Dated()
    groups = m.groupdict()
    year = int(groups["year"])
    month = month_number(groups.get("month")) or spec.month
    day = int(groups["day"]) if groups.get("day") else spec.day
    if month is None or not 1 <= month <= 12:
        period = str(year)
    elif day is None or not 1 <= day <= calendar.monthrange(year, month)[1]:
        last = calendar.monthrange(year, month)[1]
        period = f"{year}-{month:02d}-01..{year}-{month:02d}-{last:02d}"
    else:
        period = f"{year}-{month:02d}-{day:02d}"
    why = reason("date_from_sentence", sentence=m.group(0), where=flow.loc_at(m.start()).ref()) \
        if spec.inferred else None
    return _Dated(year, period, why)


def _label(text: str) -> str:
    """A row label without layout noise: footnote stars and a trailing colon."""
    return re.sub(r"\s*\*+\s*$", "", text).strip().rstrip(":").strip()


def _territory(text: str) -> str:
    """A territory as the facts name it: 'Jaunsāti/ Pūre' -> 'Jaunsāti/Pūre', 'Tukums' -> 'Tukuma pilsēta'."""
    parts = [p.strip() for p in text.split("/")]
    return "/".join(TERRITORY_NAMES.get(p, p) for p in parts if p)


def _unused_cells(table: Table, used: set[tuple[int, int]]) -> list[RawCell]:
    return [RawCell(table.ref(), table.caption, r, c, cell.text, cell.loc)
            for r, row in enumerate(table.rows) for c, cell in enumerate(row)
            if cell.text and (r, c) not in used]


def _ref(table: Table, row_name: str, column: str, cell: Cell) -> str:
    row_name, column = (" ".join(text.split()) for text in (row_name, column))
    return f"{table.ref()}; row '{row_name[:50]}', column '{column[:40]}', {cell.loc.ref()}"


# --------------------------------------------------------------------------- services: two numbers a cell

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


def read_pair_year_table(table: Table, spec: PairYearTable) -> tuple[list[Fact], set, list[str]]:
    header = table.rows[0]
    years = {c: y for c, y, _ in column_years(header)}
    if not years:
        return [], set(), [f"{table.ref()}: no year columns in the header"]
    used = {(0, c) for c in years} | {(0, 0)}
    rows = _service_rows(table, spec, years, used)
    _read_lone_numbers(rows)
    facts = []
    for row in rows:
        for c, pair in row.numbers.items():
            for k, number in enumerate(pair):
                if number is None or number.reading.value is None:
                    continue
                topic, metric, unit = (spec.first, spec.second)[k]
                fact = Fact(municipality=MUNICIPALITY, year=years[c], period=str(years[c]), topic=topic,
                            metric=metric, category=row.category, value=number.reading.value, unit=unit,
                            source_ref=_ref(table, row.category, header[c].text, number.cell),
                            raw_value=number.printed)
                fact.add_reasons(number.reading.reasons + ((number.reason,) if number.reason else ()))
                row.facts[(c, k)] = fact
                facts.append(fact)
    _check_service_sums(rows)
    return facts, used, []


def _service_rows(table: Table, spec: PairYearTable, years: dict[int, int], used: set) -> list[_ServiceRow]:
    """The data rows with their roles and parents; a row with no label that only completes the row above
    (a cell's second number pushed over a row break) is joined to it."""
    rows: list[_ServiceRow] = []
    subtotal = group = section = last = None
    for r, cells in enumerate(table.rows[1:], start=1):
        numbers = {c: _cell_numbers(cells[c]) for c in years if c < len(cells) and cells[c].text}
        label = _label(cells[0].text) if cells else ""
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


# --------------------------------------------------------------------------- caseloads

@dataclass
class _CaseRow:
    position: str
    territory: str | None
    entries: list[tuple[str, _Number]]  # (case code, count)


def read_case_table(table: Table, spec: CaseTable, flow: FlowText) -> tuple[list[Fact], set, list[str]]:
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
            territory = _section_territory(_label(position.text), spec)
            used.add((r, cols["position"]))
            posts.append([])
            continue
        if position and position.text:
            name, *where = position.text.split("\n")
            posts.append([])
            current = _CaseRow(_label(name), _territory(" ".join(where)) if where else territory, [])
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
    dated = read_as_of(flow, spec.as_of)
    column = header[cols["counts"]].text
    return _case_facts(table, spec, column, [w for post in posts for w in _workers(post)], dated), used, messages


def _section_territory(heading: str, spec: CaseTable) -> str | None:
    if re.search(spec.town_section, heading):
        return _territory(heading)
    if re.search(spec.whole_municipality, heading, re.IGNORECASE):
        return spec.territory
    return unit_nominative(heading)


def _column(header: list[Cell], pattern: str) -> int | None:
    return next((c for c, cell in enumerate(header) if re.search(pattern, cell.text, re.IGNORECASE)), None)


def _cell(row: list[Cell], c: int) -> Cell | None:
    return row[c] if c < len(row) else None


def _code_counts(codes: Cell | None, counts: Cell | None) -> list[tuple[str, _Number]] | None:
    """(code, count) pairs of a row; [] when it prints no counts, None when codes and counts differ in
    number (nothing can be paired safely)."""
    if not counts or not counts.text:
        return []
    code_lines = [re.sub(r"\s*/\s*", "/", code.strip()) for code in codes.text.split("\n")] \
        if codes and codes.text else []
    count_lines = counts.text.split("\n")
    if len(code_lines) != len(count_lines):
        return None
    return [(code, _Number(count, parse_lv_number(count), counts)) for code, count in zip(code_lines, count_lines)]


def _workers(post: list[_CaseRow]) -> list[_CaseRow]:
    """The workers of one position's rows: a row each where a code recurs over the rows (several workers in
    one post), else one worker whose cells run on over the rows."""
    code_sets = [{code for code, _ in row.entries} for row in post]
    if any(sum(code in codes for codes in code_sets) > 1 for code in set().union(*code_sets)):
        return post
    return [replace(post[0], entries=[entry for row in post for entry in row.entries])] if post else []


def _case_facts(table: Table, spec: CaseTable, column: str, workers: list[_CaseRow], dated: _Dated) -> list[Fact]:
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
            fact = Fact(municipality=MUNICIPALITY, territory=worker.territory, year=dated.year, period=dated.period,
                        topic="caseload", metric="active_cases", category=category,
                        subgroup=f"{code} ({spec.stage})" if spec.stage else code,
                        value=count.reading.value, unit="cases", raw_value=count.printed,
                        source_ref=_ref(table, category, f"{column}: {code}", count.cell))
            fact.add_reasons(count.reading.reasons + ((dated.reason,) if dated.reason else ()))
            facts.append(fact)
    return facts


def availability_checks(facts: list[Fact]) -> tuple[PartCheck, ...]:
    """4. tabula: the answers that a form of support is available in a parish are a part of the answers
    that recognise it, in all parishes together."""
    return tuple(PartCheck(Pick("availability", f.category, territory=f.territory), Pick("recognition", f.category))
                 for f in facts if f.metric == "availability")


def check_stage_totals(facts: list[Fact]) -> None:
    """Caseloads restated after a change (the pilot's cases redistributed among its workers) keep the cases
    of each code: where a code's cases add up to another number after the change, they are flagged."""
    stages = [spec.stage for spec in TABLES if isinstance(spec, CaseTable) and spec.stage]
    by_stage: dict[str, dict[str, list[Fact]]] = {stage: {} for stage in stages}
    for fact in facts:
        m = re.fullmatch(r"(?P<code>.+) \((?P<stage>[^()]+)\)", fact.subgroup or "")
        if fact.metric == "active_cases" and m and m["stage"] in by_stage:
            by_stage[m["stage"]].setdefault(m["code"], []).append(fact)
    for before, after in zip(stages, stages[1:]):
        for code, later in by_stage[after].items():
            earlier = sum(f.value for f in by_stage[before].get(code, []))
            total = sum(f.value for f in later)
            if abs(total - earlier) > sum_tolerance(later + by_stage[before].get(code, [])):
                for fact in later:
                    fact.add_flag("stage_total_differs", code=code, stage=after, total=total, earlier_stage=before,
                                  earlier=earlier)


# --------------------------------------------------------------------------- counts per territory

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


def _sub_header(table: Table) -> list[Cell] | None:
    """The second header row, if the table has one: it leaves the label column empty."""
    if len(table.rows) > 1 and table.rows[1] and not table.rows[1][0].text:
        return table.rows[1]
    return None


def read_territory_count_table(table: Table, spec: TerritoryCountTable,
                               flow: FlowText) -> tuple[list[Fact], set, list[str]]:
    sub = _sub_header(table)
    headers = spanned_headers(table.rows[0], sub)
    dated = read_as_of(flow, spec.as_of)
    n_header = 2 if sub else 1
    used = {(r, c) for r in range(n_header) for c in range(len(table.rows[r]))}
    header_texts = [[cell.text for cell in table.rows[r]] for r in range(n_header)]
    facts = []
    for r, row in enumerate(table.rows[n_header:], start=n_header):
        if row[0].text == table.rows[0][0].text or (sub and [cell.text for cell in row] in header_texts):
            used.update((r, c) for c in range(len(row)))  # the header again, after a page break
            continue
        category = _label(row[0].text)
        for c, cell in enumerate(row[1:len(headers)], start=1):
            top, territory = headers[c]
            meaning = next((m for pattern, m in spec.columns.items() if re.search(pattern, top, re.IGNORECASE)), None)
            number = parse_lv_number(cell.text)
            if meaning is None or number.value is None:
                continue
            topic, metric, unit = meaning
            column = f"{top}: {territory}" if territory else top
            fact = Fact(municipality=MUNICIPALITY, territory=_territory(territory) if territory else None,
                        year=dated.year, period=dated.period, topic=topic, metric=metric, category=category,
                        value=number.value, unit=unit, source_ref=_ref(table, category, column, cell),
                        raw_value=cell.text)
            fact.add_reasons(number.reasons)
            facts.append(fact)
            used.update({(r, 0), (r, c)} if not number.rest else {(r, 0)})
    return facts, used, []


# --------------------------------------------------------------------------- staffing models

@dataclass
class _Side:
    """One side of a staffing table: the existing situation, or a proposed model."""

    name: str  # "" for the existing situation, else e.g. "Minimālais modelis"
    headers: list[tuple[str, str | None]]


def read_staffing_table(table: Table, spec: StaffingTable, flow: FlowText) -> tuple[list[Fact], set, list[str]]:
    sub = _sub_header(table)
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
    territories = {r: _territory(table.rows[r][0].text) for r in grid.body
                   if r not in totals and grid.text(r, sides[0], residents)}
    residents_date = read_as_of(flow, spec.residents_as_of)
    positions_date = read_as_of(flow, spec.positions_as_of)
    facts = []
    for side in sides:
        for j, (top, subhead) in enumerate(side.headers):
            if re.search(spec.residents, top, re.IGNORECASE):
                meaning, category, dated = ("population", "residents", "persons"), top, residents_date
            elif re.search(spec.positions, top, re.IGNORECASE):
                meaning = ("staff", "positions", "positions")
                category = f"{side.name}, {top}" if side.name else top
                dated = _Dated() if side.name else positions_date  # a proposed model holds at no date
            else:
                continue
            column = [(r, grid.index(r, side, j)) for r in grid.body]
            facts += _staffing_column(table, spec, column, meaning, category, subhead, dated,
                                      territories, totals, used)
    _check_residents_spans(facts, territories)
    used.update((r, 0) for r in grid.body)
    for side in sides[1:]:  # a model side's first column repeats the row's parish
        used.update((r, grid.index(r, side, 0)) for r in grid.body if grid.text(r, side, 0))
    return facts, used, []


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


def _staffing_column(table: Table, spec: StaffingTable, column: list[tuple[int, int | None]],
                     meaning: tuple[str, str, str], category: str, subhead: str | None, dated: _Dated,
                     territories: dict[int, str], totals: set[int], used: set) -> list[Fact]:
    """Facts of one column: a value stands for its row and the territory rows below it whose cell is empty
    (a merged cell); the total row is checked against the rows above it."""
    topic, metric, unit = meaning
    facts: list[Fact] = []
    total_fact = None
    for i, (r, c) in enumerate(column):
        cell = table.rows[r][c] if c is not None else None
        number = parse_lv_number(cell.text) if cell else None
        if number is None or number.value is None:
            continue
        row_category = category
        if r in totals:
            territory = None if spec.total_is_municipality else "/".join(territories.values())
        elif r in territories:
            territory = "/".join(territories[q] for q in _span(table, column, i, territories))
        else:
            territory, row_category = None, _label(table.rows[r][0].text)
        fact = Fact(municipality=MUNICIPALITY, territory=territory, year=dated.year, period=dated.period,
                    topic=topic, metric=metric, category=row_category, subgroup=subhead, value=number.value,
                    unit=unit, raw_value=cell.text,
                    source_ref=_ref(table, table.rows[r][0].text, f"{category}: {subhead}" if subhead else category,
                                    cell))
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


def _span(table: Table, column: list[tuple[int, int | None]], i: int, territories: dict[int, str]) -> list[int]:
    """Rows a value at column[i] stands for: its own, and the territory rows below whose cell is empty."""
    rows = [column[i][0]]
    for r, c in column[i + 1:]:
        if r not in territories or c is None or table.rows[r][c].text:
            break
        rows.append(r)
    return rows


def _check_residents_spans(facts: list[Fact], territories: dict[int, str]) -> None:
    """A residents value read to cover several rows must hold the sum of their own residents."""
    own = {f.territory: f.value for f in facts if f.metric == "residents" and f.territory in territories.values()}
    for fact in facts:
        if fact.metric != "residents" or not fact.territory or fact.territory in own:
            continue
        names = fact.territory.split("/")
        if all(n in own for n in names):
            covered = sum(own[n] for n in names)
            if abs(covered - fact.value) > sum_tolerance([fact]):
                fact.add_flag("merged_cell_not_sum", printed=fact.raw_value, territory=fact.territory,
                              sum=Number(covered, decimals=0))


# --------------------------------------------------------------------------- amounts

def read_amount_table(table: Table, spec: AmountTable) -> tuple[list[Fact], set, list[str]]:
    used = {(0, c) for c in range(len(table.rows[0]))}
    facts, total = [], None
    for r, row in enumerate(table.rows[1:], start=1):
        value_col = next((c for c in range(1, len(row)) if parse_lv_number(row[c].text).value is not None), None)
        if value_col is None:
            continue
        cell = row[value_col]
        number = parse_lv_number(cell.text)
        category = _label(row[0].text)
        column = table.rows[0][value_col].text if value_col < len(table.rows[0]) else ""
        fact = Fact(municipality=MUNICIPALITY, year=None, topic=spec.topic, metric=spec.metric,
                    category=category, subgroup=spec.subgroup, value=number.value, unit=spec.unit,
                    source_ref=_ref(table, category, column, cell), raw_value=cell.text)
        fact.add_reasons(number.reasons)
        facts.append(fact)
        used.update({(r, 0), (r, value_col)})
        if re.search(spec.total, row[0].text.strip(), re.IGNORECASE):
            total = fact
    if total:
        check_rows_sum(total, [f for f in facts if f is not total])
    return facts, used, []


# --------------------------------------------------------------------------- the document

_READERS = {PairYearTable: read_pair_year_table, AmountTable: read_amount_table}
# Tables whose figures a sentence of the running text dates: their readers take the text too.
_DATED_READERS = {CaseTable: read_case_table, TerritoryCountTable: read_territory_count_table,
                  StaffingTable: read_staffing_table}


def read_tables(doc: ParsedDocument, flow: FlowText) -> tuple[list[Fact], list[RawCell], list[str]]:
    """Facts of every table a spec matches; raw cells of what they leave, and of every other table."""
    flat = replace(doc, tables=flattened_tables(doc.lines))
    facts: list[Fact] = []
    raw: list[RawCell] = []
    messages: list[str] = []
    read: set[int] = set()
    for spec in TABLES:
        tables = [t for t in find_tables(flat, caption=spec.caption) if id(t) not in read]
        if not tables:
            messages.append(f"no table matched {spec.caption!r}")
        for table in tables:
            read.add(id(table))
            dated = _DATED_READERS.get(type(spec))
            found, used, notes = dated(table, spec, flow) if dated else _READERS[type(spec)](table, spec)
            facts += found
            raw += _unused_cells(table, used)
            messages += notes
    for table in flat.tables:
        if id(table) not in read:
            raw += table_raw_cells(table)
    return facts, raw, messages


def read_case_codes(doc: ParsedDocument) -> list[tuple[str, str]]:
    """(code, meaning) from the legend of case codes; the text reader sees it as a tab-separated table."""
    codes = []
    for table in find_tables(doc, caption=CODE_LEGEND):
        for row in table.rows:
            texts = [cell.text for cell in row if cell.text]
            if len(texts) == 2 and re.fullmatch(r"\w{1,3}", texts[0]):
                codes.append((texts[0], texts[1]))
    return codes
