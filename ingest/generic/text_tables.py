"""Tables that text lines hold without tabs, found only under a header of years:

- a header line of years ("PABALSTI   2021 2022 2023", "2021. gads 2022. gads", "2019202020212022"), then
  rows whose label runs into their numbers, split by `grouping` (a printed total may pick a split; a row
  that could be read in more than one way is not stored but reported, its text kept as a raw cell);
- one cell per line, rows separated by blank lines, an empty cell a line of one space, the header's label
  and years each on their own lines; a cell with a note ("63 905 (t.sk. valsts dotācija 9 020)") stays one.

A row is stored only where its reading is certain. Not: a row that splits in more than one way, or that
may also be fewer numbers than columns (a cell left empty: "92 1 206"), unless a printed total picks the
split that adds up; a row with fewer numbers than columns, unless a monospaced table places them under
their years; a number after "līdz" that may be the label's own; in a table that lost its separators, a row
whose groups may run together. Such a row is reported and kept as a raw cell.

Each table is a `Table`: the header row (the label cell, then the years as printed), then rows of a label
cell and one cell per number. The lines they hold, and those of the document's tab-separated tables, are
said so that the sentences do not read their numbers again.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache

from ingest.flags import Reason, reason
from ingest.generic.grouping import (DASHES, RowRun, is_run_token, pick_by_total, row_run, split_by_decimals,
                                     split_years, splits)
from ingest.generic.table_words import load_table_words
from ingest.model import Cell, Location, RawCell, Table, TextLine
from ingest.readers.text import CAPTION_LABEL, clean_cell_text
from ingest.rules.registry import Reading

# The fewest rows a table under a header of years has: one row may be a sentence that ends in numbers.
MIN_ROWS = 2
# Most years a header's neighbouring years lie apart ("2015 2018 2021" is a header, "1990 2020" is not).
MAX_YEAR_STEP = 5
# Longest line taken as a table's unlabelled caption, or as a line of a row's wrapped label.
CAPTION_CHARS = 100
# Most lines a row's label wraps over before the line with its numbers.
MAX_WRAPPED = 2

_YEAR = r"(?:19|20)\d\d"
_TWO_YEARS = re.compile(rf"{_YEAR}\D*?{_YEAR}|{_YEAR}{_YEAR}")
# A run of numbers that lost its decimal separators' spaces ("31.0544.1239.80").
_GLUED_DECIMALS = re.compile(r"\d+(?:[.,]\d+){2,}")
# A label that runs into its number without a space ("Ģimenes17263391"): a letter, then digits.
_GLUED_LABEL = re.compile(r"(?P<label>.*[^\W\d_])(?P<run>\d[\d.,]*%?)$")
# One cell of a one-cell-per-line table: a number (or a dash), perhaps with a note in brackets.
_VALUE_CELL = re.compile(r"(?P<number>[-–—]|\d[\d \u00a0.,]*%?)\s*(?:\([^()]*\))?")
_EMPTY_CELL = " "


@dataclass
class TextTables:
    tables: list[Table] = field(default_factory=list)
    lines: set[int] = field(default_factory=set)  # indexes of the document's lines the tables hold
    messages: list[str] = field(default_factory=list)  # rows not stored, and why (more than one split fits)
    raw_cells: list[RawCell] = field(default_factory=list)  # the text of rows that were not split


@dataclass(frozen=True)
class _HeaderPatterns:
    year_cell: re.Pattern  # one year of a header as printed: "2021", "2021. gads", "2015. (euro)"
    header: re.Pattern  # a header line: a label without digits, then two years or more


@cache
def _patterns() -> _HeaderPatterns:
    words = "|".join(re.escape(w) for w in sorted(load_table_words().year, key=len, reverse=True))
    cell = rf"{_YEAR}(?!\d)\.?(?:\s*(?:{words})(?!\w))?(?:\s*\([^()\d]*\))?"
    header = rf"(?P<label>[^\d\t]*?)\s*(?P<years>{cell}(?:\s+{cell})+|(?:{_YEAR}){{2,}})\s*"
    return _HeaderPatterns(re.compile(cell, re.IGNORECASE), re.compile(header, re.IGNORECASE))


@dataclass(frozen=True)
class _YearHeader:
    label: str
    years: tuple[str, ...]  # as printed
    spans: tuple[tuple[int, int], ...] | None  # where each year is printed on its line; None when glued


def _years_follow(years: tuple[str, ...]) -> bool:
    numbers = [int(re.match(r"\d+", y).group(0)) for y in years]
    steps = [b - a for a, b in zip(numbers, numbers[1:])]
    return all(0 < s <= MAX_YEAR_STEP for s in steps) or all(0 < -s <= MAX_YEAR_STEP for s in steps)


def _header_line(text: str) -> _YearHeader | None:
    """The header of years a line is, if it is one."""
    if not _TWO_YEARS.search(text):
        return None
    patterns = _patterns()
    m = patterns.header.fullmatch(text)
    if not m:
        return None
    label = clean_cell_text(m.group("label"))
    if m.group("years").isdigit():
        years = split_years(m.group("years"))
        return _YearHeader(label, years, None) if years else None
    found = list(patterns.year_cell.finditer(text, m.start("years")))
    years = tuple(clean_cell_text(y.group(0)) for y in found)
    if not _years_follow(years):
        return None
    return _YearHeader(label, years, tuple(y.span() for y in found))


@dataclass
class _TextRow:
    index: int  # of the line in the document that holds the label
    label: str
    run: RowRun | None  # None: the row's numbers are placed by the columns they are printed under
    placed: tuple[str, ...] = ()  # the row's cells by column ("" where none is printed), when certain
    reasons: tuple[Reason, ...] = ()
    why: str = ""  # why the row is not stored
    cell_lines: tuple[int, ...] = ()  # the line of each cell, when not the label's (one cell per line)
    text: str = ""  # the row as printed, white space folded: kept as a raw cell when not stored
    # Whether its numbers stand each under a year of the header (a monospaced table): all of them, or
    # some (a row with fewer numbers than columns, placed by where they stand).
    aligned: bool = False
    by_columns: bool = False
    glued: bool = False  # the label runs into the numbers ("Ģimenes17263391")
    takes_number: bool = False  # the label ends with a word a number of its own may follow ("līdz")
    numbers: str = ""  # the run of numbers as printed, of a row under a header line

    @property
    def split(self) -> bool:
        """Whether the row's numbers can be told apart (in one way or more)."""
        return bool(self.placed) or (self.run is not None and bool(self.run.candidates) and not self.run.glued)


def _label_and_run(text: str) -> tuple[str, int, bool] | None:
    """A row's label, where the run of numbers that ends it starts, and whether the label runs into it."""
    tokens = list(re.finditer(r"\S+", text))
    n = len(tokens)  # tokens[n:] are the run
    while n > 0 and (is_run_token(tokens[n - 1].group(0)) or _GLUED_DECIMALS.fullmatch(tokens[n - 1].group(0))):
        n -= 1
    if n == 0:
        return None
    glued = _GLUED_LABEL.fullmatch(tokens[n - 1].group(0))
    if glued:
        label = text[:tokens[n - 1].start()] + glued.group("label")
        run_start = tokens[n - 1].start() + glued.start("run")
    elif n < len(tokens):
        label, run_start = text[:tokens[n - 1].end()], tokens[n].start()
    else:
        return None
    label = clean_cell_text(label)
    if not re.search(r"[^\W\d_]", label):
        return None
    return label, run_start, bool(glued)


def _placed_by_columns(text: str, run_start: int, header: _YearHeader) -> tuple[str, ...] | None:
    """The row's numbers placed under the header's years, when each number (set apart by two spaces or
    more) ends, or starts, exactly where a year does on the header's line, and the years stand two spaces
    apart or more; else None."""
    if header.spans is None or any(b[0] - a[1] < 2 for a, b in zip(header.spans, header.spans[1:])):
        return None
    pieces = [(m.start() + run_start, m.end() + run_start, m.group(0))
              for m in re.finditer(r"\S+(?: \S+)*", text[run_start:])]
    if any(len(splits(piece, 1)) != 1 for _, _, piece in pieces):
        return None
    for edge in (1, 0):  # right-aligned numbers, then left-aligned
        columns = [next((c for c, span in enumerate(header.spans) if span[edge] == (end if edge else start)), None)
                   for start, end, _ in pieces]
        if None not in columns and columns == sorted(set(columns)):
            cells = [""] * len(header.spans)
            for column, (_, _, piece) in zip(columns, pieces):
                cells[column] = piece
            return tuple(cells)
    return None


def _year_row(line: TextLine, index: int, header: _YearHeader) -> _TextRow | None:
    """One row under a header of years, or None when the line is not one."""
    found = _label_and_run(line.text)
    if found is None:
        return None
    label, run_start, glued = found
    run, k = line.text[run_start:].strip(), len(header.years)
    words = load_table_words()
    if _GLUED_DECIMALS.fullmatch(run):
        # after "līdz" the first digits may be the label's own ("līdz 33,74…": 3 and 3,74)
        cells = split_by_decimals(run, k) if not words.takes_number(label) else None
        if cells is None:
            return _TextRow(index, label, None, why=f"'{run}' is printed without separators and no fixed decimals "
                                                 f"split it into {k} numbers")
        return _TextRow(index, label, None, cells, (reason("split_by_decimals", printed=run),))
    placed = _placed_by_columns(line.text, run_start, header)
    if len(run.split()) < k and not glued:
        if placed is None:
            return _TextRow(index, label, None, why=_fewer_numbers(run, k))
        return _TextRow(index, label, None, placed, by_columns=True, numbers=run)
    aligned = placed is not None and all(placed)
    first, _, rest = run.partition(" ")
    if rest and not glued and (first in DASHES or words.takes_number(label)):
        # A dash after the label may set the label apart, or be an empty cell; a number after "līdz" may be
        # the label's own ("Bērni līdz 3"), or the first cell: one of the two readings must fail.
        as_cell, as_label = row_run(run, k), row_run(rest, k)
        if as_cell.candidates and (as_label.candidates or as_label.fewer or len(rest.split()) < k):
            why = ("the dash may be an empty cell or set the label apart" if first in DASHES
                   else f"'{first}' may be a number of the label ('{label} {first}')")
            return _TextRow(index, label, None, why=f"'{run}': {why}")
        # The number is the label's when only that reading splits, and certainly: no group of four digits
        # or more that may be the label's number run together with a cell ("līdz 38 2167": 3 and 8 216?).
        if not as_cell.candidates and as_label.certain and not re.search(r"\d{4}", run):
            return _TextRow(index, label if first in DASHES else f"{label} {first}", as_label,
                            takes_number=first not in DASHES)
    return _TextRow(index, label, row_run(run, k, glued), aligned=aligned, glued=glued,
                    takes_number=words.takes_number(label))


def _fewer_numbers(run: str, k: int) -> str:
    return f"'{run}' has fewer numbers than the {k} columns and its column is not certain"


def _why_not(row: _TextRow, k: int) -> str:
    run = row.run
    if run.glued:
        return f"'{run.run}' is printed without separators and no total confirms a split into {k} numbers"
    if not run.candidates:
        return f"'{run.run}' cannot be split into {k} numbers by thousands grouping"
    if len(run.candidates) == 1:
        return (f"'{run.run}' may also be fewer numbers than the {k} columns (a cell left empty) and no total "
                "confirms it")
    return f"'{run.run}' splits into {k} numbers in more than one way and no total picks one"


def _resolve_totals(rows: list[_TextRow], k: int) -> None:
    """Rows whose split is not certain, split where a printed total below them picks one way."""
    words = load_table_words()
    segment: list[_TextRow] = []
    for row in rows:
        if row.run is not None and words.is_total(row.label):
            parts = [r for r in segment if not words.is_part(r.label)]
            if all(r.run is not None for r in parts):
                picks = pick_by_total([r.run for r in parts], row.run, k)
                for i, cells in picks.items():
                    target = (parts + [row])[i]
                    target.placed = cells
                    target.reasons = (reason("split_by_total", printed=target.run.run, total=row.run.run),)
            segment = []
        else:
            segment.append(row)
    for row in rows:
        if not row.placed and not row.why:
            certain = row.run.certain
            if certain is not None:
                row.placed = certain
            else:
                row.why = _why_not(row, k)


def _caption_above(lines: list[TextLine], start: int, taken: set[int]) -> tuple[str, str | None, int | None]:
    """The caption of a table whose header is line `start`: the nearest line above (a blank one between
    at most), when it is a 'N. tabula' caption or a short line that is not a sentence."""
    for i in range(start - 1, max(start - 3, -1), -1):
        text = lines[i].text.strip()
        if not text:
            continue
        if i in taken or "\t" in lines[i].text:
            return "", None, None
        caption = clean_cell_text(text)
        m = CAPTION_LABEL.match(caption)
        if m:
            return caption, re.sub(r"\s+", " ", m.group(1)), i
        if len(caption) <= CAPTION_CHARS and not caption.endswith("."):
            return caption, None, i
        return "", None, None
    return "", None, None


class _TableFinder:
    """Walks the document's lines once, building the tables it finds."""

    def __init__(self, lines: list[TextLine], skip: set[int]):
        self.lines = lines
        self.skip = skip  # lines of tables found otherwise
        self.out = TextTables(lines=set(skip))

    def run(self) -> TextTables:
        i = 0
        while i < len(self.lines):
            i = self._table_at(i) or i + 1
        return self.out

    def _table_at(self, i: int) -> int | None:
        """The table whose header is line i, added; the index after it, or None when there is none."""
        if i in self.skip:
            return None
        header = _header_line(self.lines[i].text)
        if header is not None:
            return self._year_rows(i, header)
        if _is_blank(self.lines[i].text) or (i and not _is_separator(self.lines[i - 1].text)):
            return None
        return self._cell_lines(i)

    # ------------------------------------------------------------------ rows under a header line of years

    def _year_rows(self, start: int, header: _YearHeader) -> int | None:
        rows: list[_TextRow] = []
        i, after_blank, wrapped = start + 1, False, []
        while i < len(self.lines) and i not in self.skip:
            text = self.lines[i].text
            if _is_blank(text):
                i, after_blank = i + 1, True
                continue
            if _header_line(text) is not None:
                break
            row = _year_row(self.lines[i], i, header)
            if row is None and not after_blank and len(wrapped) < MAX_WRAPPED and _is_label_line(text):
                wrapped.append(clean_cell_text(text))  # a label wrapped over lines, its numbers on the last
                i += 1
                continue
            # After a blank line only a row that splits goes on the table: a paragraph ending in a
            # number is no row of it; nor after a wrapped label.
            if row is None or ((after_blank or wrapped) and not row.split):
                break
            if wrapped:
                row.label, wrapped = " ".join([*wrapped, row.label]), []
            rows.append(row)
            i, after_blank = i + 1, False
        if sum(1 for row in rows if row.split) < MIN_ROWS:
            return None
        if any(row.glued for row in rows):
            # A table whose text lost its separators on one row may have lost them on any: a row with a
            # group of four digits or more ("2907") may be two numbers run together, and a label's number
            # may run into the first cell ("līdz 38 078": 3 and 8 078); only a total splits them.
            for row in rows:
                if row.run is not None and (re.search(r"\d{4}", row.run.run) or row.takes_number):
                    row.run = replace(row.run, glued=True, fewer=False)
        if not any(row.aligned for row in rows):
            # Numbers may end under a year by chance: a row is placed by its columns only in a table whose
            # full rows show that it is printed in columns.
            for row in rows:
                if row.by_columns:
                    row.placed, row.why = (), _fewer_numbers(row.numbers, len(header.years))
        _resolve_totals(rows, len(header.years))
        end = rows[-1].index + 1
        self._add(start, header.label, header.years, rows, end)
        return end

    # ------------------------------------------------------------------ one cell per line

    def _cell_lines(self, start: int) -> int | None:
        """A header block (its label lines, then one year a line), then rows of a label and a cell a line,
        each block set apart by a blank line."""
        block = self._block(start)
        years_at = next((n for n, i in enumerate(block) if self._year_cell(i)), None)
        if years_at is None:
            return None
        label = clean_cell_text(" ".join(self.lines[i].text for i in block[:years_at]))
        years = self._header_years(block[years_at:])
        if years is None or len(years) < 2 or not _years_follow(years):
            return None
        k, rows, i = len(years), [], block[-1] + 1
        while True:
            while i < len(self.lines) and _is_separator(self.lines[i].text) and i not in self.skip:
                i += 1
            row_block = self._block(i)
            row = self._cell_row(row_block, k)
            if row is None:
                break
            rows.append(row)
            i = row_block[-1] + 1
        if sum(1 for row in rows if row.split) < MIN_ROWS:
            return None
        self._add(start, label, years, rows, i)
        return i

    def _header_years(self, block: list[int]) -> tuple[str, ...] | None:
        """The years of a header's lines, one a line; a year's word may wrap to a line of its own
        ("2021." above "gads"). None when a line is neither."""
        years: list[str] = []
        for i in block:
            text = clean_cell_text(self.lines[i].text)
            if self._year_cell(i):
                years.append(text)
            elif years and _patterns().year_cell.fullmatch(f"{years[-1]} {text}"):
                years[-1] = f"{years[-1]} {text}"
            else:
                return None
        return tuple(years)

    def _year_cell(self, i: int) -> bool:
        return bool(_patterns().year_cell.fullmatch(self.lines[i].text.strip()))

    def _block(self, start: int) -> list[int]:
        """The indexes of the lines from `start` up to the next blank line (a one-space line is an empty
        cell, not a blank)."""
        end = start
        while end < len(self.lines) and end not in self.skip and not _is_separator(self.lines[end].text):
            end += 1
        return list(range(start, end))

    def _cell_row(self, block: list[int], k: int) -> _TextRow | None:
        texts = [self.lines[i].text for i in block]
        n_label = next((n for n, t in enumerate(texts) if t == _EMPTY_CELL or _VALUE_CELL.fullmatch(t.strip())),
                       len(texts))
        if n_label == 0 or n_label == len(texts) or _header_line(texts[0]) is not None:
            return None
        label = clean_cell_text(" ".join(texts[:n_label]))
        cells = texts[n_label:]
        if not re.search(r"[^\W\d_]", label) or any(t != _EMPTY_CELL and not _VALUE_CELL.fullmatch(t.strip())
                                                      for t in cells):
            return None
        row = _TextRow(block[0], label, None, cell_lines=tuple(block[n_label:]),
                       text=" ".join(" ".join(texts).split()))
        if len(cells) != k:
            row.why = f"{len(cells)} cells under {k} years: which year each is of is not certain"
            return row
        bad = [t.strip() for t in cells if t != _EMPTY_CELL
               and len(splits(_VALUE_CELL.fullmatch(t.strip()).group("number").strip(), 1)) != 1]
        if bad:
            row.why = f"'{bad[0]}' is not one number by thousands grouping"
            return row
        row.placed = tuple(t.strip() for t in cells)
        return row

    # ------------------------------------------------------------------ the table found

    def _add(self, start: int, label: str, years: tuple[str, ...], rows: list[_TextRow], end: int) -> None:
        """The table of header line `start` and these rows, which end before line `end`."""
        caption, caption_label, caption_at = _caption_above(self.lines, start, self.out.lines)
        head = self.lines[start].loc
        table = Table(caption=caption, rows=[[Cell(label, head), *(Cell(y, head) for y in years)]],
                      loc=self.lines[caption_at].loc if caption_at is not None else head, label=caption_label)
        for row in rows:
            loc = self.lines[row.index].loc
            if row.why:
                self.out.messages.append(f"{loc.ref()}: row '{row.label}' of the table '{table.ref()}' is not "
                                         f"stored: {row.why}")
                continue
            locs = [self.lines[i].loc for i in row.cell_lines] or [loc] * len(row.placed)
            table.rows.append([Cell(row.label, loc), *(Cell(c, at, row.reasons) for c, at in zip(row.placed, locs))])
        # The rows not stored, each one cell of its text, numbered after the rows the table holds.
        unstored = [row for row in rows if row.why]
        self.out.raw_cells += [RawCell(table.ref(), caption, len(table.rows) + n, 0,
                                       row.text or " ".join(self.lines[row.index].text.split()),
                                       self.lines[row.index].loc) for n, row in enumerate(unstored)]
        self.out.tables.append(table)
        first = caption_at if caption_at is not None else start
        self.out.lines |= set(range(first, end))


def _is_label_line(text: str) -> bool:
    """A line that may be the start of a row's label wrapped over lines: short words, no digits."""
    return len(text.strip()) <= CAPTION_CHARS and not re.search(r"\d", text) and bool(re.search(r"[^\W\d_]", text))


def _is_blank(text: str) -> bool:
    return not text.strip()


def _is_separator(text: str) -> bool:
    """A blank line between rows (a line of exactly one space is an empty cell of a one-cell-per-line
    table)."""
    return not text.strip() and text != _EMPTY_CELL


def _tab_table_lines(lines: list[TextLine], reading: Reading) -> set[int]:
    """The indexes of the lines the document's tab-separated tables hold: a text export's by their line,
    a PDF's (whose lines print each table row as its cells joined by tabs) by their text on their page."""
    by_line: set[Location] = set()
    by_text: set[tuple[Location, str]] = set()
    for table in reading.tables:
        for row in table.rows:
            if not row:
                continue
            if row[0].loc.line is not None:
                by_line.update(cell.loc for cell in row)
            else:
                by_text.add((row[0].loc, "\t".join(cell.text for cell in row)))
    return {i for i, line in enumerate(lines)
            if "\t" in line.text and (line.loc in by_line or (line.loc, line.text) in by_text)}


def text_tables(lines: list[TextLine], reading: Reading) -> TextTables:
    """The tables of `lines` that no reader found: lines of the tab-separated tables and of tables found
    otherwise (`reading.table_lines`: a PDF's unruled tables) are not read again."""
    return _TableFinder(lines, _tab_table_lines(lines, reading) | reading.table_lines).run()
