"""The shapes data takes between stages: raw file -> ParsedDocument -> Extraction (facts) -> warehouse."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable

from ingest.flags import Reason, reason


@dataclass(frozen=True)
class Location:
    """Where a piece of text sits in its source: a page (PDF), a line (text export) or a sheet and row
    (workbook); numbers are 1-based."""

    page: int | None = None
    line: int | None = None
    sheet: str | None = None

    def ref(self) -> str:
        if self.sheet is not None:
            return f"sheet '{self.sheet}', row {self.line}"
        if self.page is not None:
            return f"p. {self.page}"
        if self.line is not None:
            return f"line {self.line}"
        return ""


@dataclass(frozen=True)
class Spot:
    """Where a fact was printed, as the warehouse's columns (page, line, table_label, row_label,
    column_label) and as the one display text built from them (`source_ref`): every layout places its facts
    through this, so that the text and the columns never disagree.

    `place` is the table's label or caption start as Table.ref() names it, `text` for running text,
    `chart data (…)` for a chart's data, a workbook's sheet name; `loc` is where the table, the sentence or
    the chart value is (for a table, where its caption is: row and column say where in it). The other fields
    only shape the text, as the golden files hold it: how much of the labels it quotes, whether a chart's
    row is a `label`, the cell's own line after the column (the text exports' tables), and an uploader's own
    reference last.
    """

    place: str
    loc: Location = Location()
    row: str | None = None
    column: str | None = None
    row_word: str = "row"
    widths: tuple[int, int] = (40, 30)  # characters of the row and the column label the text quotes
    cell: Location | None = None
    note: str = ""

    @property
    def page(self) -> int | None:
        return self.loc.page

    @property
    def line(self) -> int | None:
        """The line of a text file, or the row of a sheet."""
        return self.loc.line

    @property
    def place_ref(self) -> str:
        """The place and its location as the text says them: `4.1. tabula, p. 15`, `sheet 'facts', row 3`."""
        if self.loc.sheet is not None:
            return f"sheet '{self.loc.sheet}'" + (f", row {self.loc.line}" if self.loc.line is not None else "")
        return f"{self.place}, {self.loc.ref()}" if self.loc.ref() else self.place

    @property
    def source_ref(self) -> str:
        """`4.1. tabula, p. 15; row 'Kopā', column '2024'`, `text, line 56`, `sheet 'facts', row 3; …`."""
        text = self.place_ref
        if self.row is not None:
            text += f"; {self.row_word} '{self.row[:self.widths[0]]}'"
        if self.column is not None:
            text += f", column '{self.column[:self.widths[1]]}'"
        if self.cell is not None:
            text += f", {self.cell.ref()}"
        return text + (f"; {self.note}" if self.note else "")


@dataclass(frozen=True)
class Cell:
    text: str
    loc: Location
    # Why this cell's reading needs care, said by the reader that made it (the generic reader's split of a
    # row printed without clear separators); a fact read from it carries these.
    reasons: tuple[Reason, ...] = ()


@dataclass
class Table:
    """A table as the reader found it: a caption and rows of cells (header rows included)."""

    caption: str  # e.g. "3.1. tabula Sociālās palīdzības finanšu izlietojums ..."; "" when none
    rows: list[list[Cell]]
    loc: Location  # where the caption (or the first row) is
    label: str | None = None  # the number part of the caption, e.g. "3.1. tabula"

    def spot(self, row: str | None = None, column: str | None = None, **said: Any) -> Spot:
        """Where a value of this table was printed: its label (or caption start) and location, and the row
        and column named; `said` as Spot takes it. A sheet is named by itself, without a row."""
        if self.loc.sheet is not None:
            return Spot(self.loc.sheet, Location(sheet=self.loc.sheet), row, column, **said)
        return Spot(self.label or (self.caption[:60] if self.caption else "table"), self.loc, row, column, **said)

    def ref(self) -> str:
        """How facts cite this table: its label (or caption start) and location."""
        return self.spot().place_ref


@dataclass(frozen=True)
class TextLine:
    text: str
    loc: Location


@dataclass
class ParsedDocument:
    """A raw file minimally parsed: its text lines and tables, each with its location."""

    path: str
    file_name: str
    sha256: str
    format: str  # pdf, txt, md, xlsx
    lines: list[TextLine]
    tables: list[Table] = field(default_factory=list)
    n_pages: int | None = None
    # Tables of PDF pages printed without rulings (columns found from the characters' positions), for the
    # generic reader only: layouts read the ruled tables as they always have. Their rows stay in `lines` as
    # text; `unruled_lines` are the indexes of those lines.
    unruled_tables: list[Table] = field(default_factory=list)
    unruled_lines: frozenset[int] = frozenset()

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


@dataclass
class Fact:
    """One number, with canonical names and its provenance. Mirrors the warehouse's `facts` table."""

    municipality: str
    year: int | None
    topic: str
    metric: str
    category: str
    value: float
    unit: str
    spot: Spot  # where it was printed: source_ref and the place columns
    raw_value: str
    territory: str | None = None
    period: str | None = None
    subgroup: str | None = None
    flag: str | None = None  # why the value needs care, in English
    flag_lv: str | None = None  # the same, in Latvian
    indicator: str | None = None  # what it measures, of the catalogue (ingest/indicators.py); None when unsure
    # the indicators its words match when they match more than one (it then has none), for the quality view
    indicator_candidates: tuple[str, ...] = field(default=(), repr=False)
    reasons: tuple[Reason, ...] = field(default=(), repr=False)  # what the flag says, as catalogue kinds

    @property
    def source_ref(self) -> str:
        return self.spot.source_ref

    @property
    def page(self) -> int | None:
        return self.spot.page

    @property
    def line(self) -> int | None:
        return self.spot.line

    @property
    def table_label(self) -> str:
        return self.spot.place

    @property
    def row_label(self) -> str | None:
        return self.spot.row

    @property
    def column_label(self) -> str | None:
        return self.spot.column

    def key(self) -> tuple:
        """Identity of the thing measured (not of its value), used to spot disagreeing duplicates."""
        return (self.municipality, self.territory, self.year, self.period, self.topic, self.metric,
                self.category, self.subgroup, self.unit)

    def add_flag(self, kind: str, **params: Any) -> None:
        """Flag the value for a reason of the catalogue (ingest/flag_kinds.toml), in English and Latvian."""
        self.add_reasons((reason(kind, **params),))

    def add_reasons(self, reasons: Iterable[Reason]) -> None:
        """Add reasons to the flag; one already given is not repeated."""
        for why in reasons:
            if why in self.reasons:
                continue
            self.reasons += (why,)
            self.flag = "; ".join(filter(None, (self.flag, why.text("en"))))
            self.flag_lv = "; ".join(filter(None, (self.flag_lv, why.text("lv"))))


@dataclass(frozen=True)
class RawCell:
    """A table cell no rule mapped to a fact, kept so nothing tabular is lost."""

    table_ref: str
    caption: str
    row_index: int
    col_index: int
    text: str
    loc: Location


@dataclass
class DocumentInfo:
    """What a layout knows about a document: the `documents` row less the file facts."""

    municipality: str
    kind: str  # evaluation, strategy, public report, survey, article, upload
    title: str
    period: str  # the years the figures cover, e.g. "2011..2015"
    published: str | None = None  # ISO date or year as known
    # Which report of its municipality and kind it is, as the document itself says: the report year or
    # period of its title ("2024", "2016..2020"), its date ("2017-02"). None when it does not say.
    edition: str | None = None


@dataclass
class Extraction:
    """Everything a layout read from one document."""

    layout: str
    info: DocumentInfo
    facts: list[Fact] = field(default_factory=list)
    raw_cells: list[RawCell] = field(default_factory=list)
    territories: list[tuple[str, str, str]] = field(default_factory=list)  # (municipality, territory, kind)
    case_codes: list[tuple[str, str]] = field(default_factory=list)  # (code, meaning as printed)
    messages: list[str] = field(default_factory=list)  # what the layout expected but did not find
