"""The Python a rules file may name: table shapes (a reader for a kind of table) and transforms (a named step
for what a layout needs beyond its data). Each lives in a module of `ingest/rules/shapes/` and registers
itself by name; rules files name them, and the loader refuses a name that is not registered."""
from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any, Callable

from ingest.specs import table_raw_cells

if TYPE_CHECKING:
    from ingest.model import Extraction, Fact, ParsedDocument, RawCell, Table
    from ingest.specs import FlowText


@dataclass
class Reading:
    """What the engine knows of the document being read, for shapes and transforms."""

    doc: ParsedDocument
    flow: FlowText
    municipality: str
    report_year: int | None
    known: dict[str, dict[str, str]]  # the groups of the document's `find` patterns, by find name
    tables: list[Table]  # the tables rules read (a transform may have joined split ones)
    read: set[int] = field(default_factory=set)  # ids of the tables a rule has read
    # What each table rule read, in order: (shape name, the tables of one group, their facts), for the
    # `facts` transforms that compare tables.
    tables_read: list[tuple[str, list[Table], list[Fact]]] = field(default_factory=list)
    # Indexes of the document's lines that tables hold (tab-separated rows, the generic reader's text
    # tables), so that prose readers do not read their numbers again.
    table_lines: set[int] = field(default_factory=set)
    identity: Any = None  # the generic reader's DocumentIdentity (ingest.generic.identity), else None


@dataclass
class TableReading:
    """What a shape read from its tables."""

    facts: list[Fact] = field(default_factory=list)
    raw_cells: list[RawCell] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    case_codes: list[tuple[str, str]] = field(default_factory=list)  # (code, meaning) of a legend of codes


def read_each(tables: list[Table], read_one: Callable[[Table], tuple[list[Fact], set, list[str]]]) -> TableReading:
    """A group of tables read one by one: `read_one` gives a table's facts, the (row, column) cells it
    read and its messages; every other cell of the table is kept as a raw cell."""
    out = TableReading()
    for table in tables:
        facts, used, messages = read_one(table)
        out.facts += facts
        out.raw_cells += table_raw_cells(table, used)
        out.messages += messages
    return out


@dataclass(frozen=True)
class TableShape:
    name: str
    spec: type  # the dataclass a rules file's [[tables]] entry is read into
    read: Callable[[list[Table], Any, Reading], TableReading]
    # Which tables (groups of tables, for one that runs on) the spec finds; None: by caption/header words.
    find: Callable[[Any, Reading], list[list[Table]]] | None = None


@dataclass(frozen=True)
class Transform:
    name: str
    run: Callable[[Extraction, Reading], None]
    stage: str  # "tables": on the tables before any is read; "facts": after tables and prose, before checks
    # The dataclass of the rules a rules file gives the transform (its [[transform_rules]] entries); a
    # transform with a spec is run as run(extraction, reading, specs), with the file's specs in order.
    spec: type | None = None


_SHAPES: dict[str, TableShape] = {}
_TRANSFORMS: dict[str, Transform] = {}
TRANSFORM_STAGES = ("tables", "facts")


def table_shape(name: str, spec: type, find: Callable | None = None) -> Callable:
    """Register the decorated function as the reader of the table shape `name`."""
    def register(read: Callable) -> Callable:
        _SHAPES[name] = TableShape(name, spec, read, find)
        return read
    return register


def transform(name: str, stage: str = "facts", spec: type | None = None) -> Callable:
    """Register the decorated function as the transform `name`; `spec`: the dataclass of its rules."""
    assert stage in TRANSFORM_STAGES, stage

    def register(run: Callable) -> Callable:
        _TRANSFORMS[name] = Transform(name, run, stage, spec)
        return run
    return register


@cache
def _import_all() -> None:
    """Import every module of ingest/rules/shapes/ once: each registers its shapes and transforms."""
    from ingest.rules import shapes

    for module in pkgutil.iter_modules(shapes.__path__):
        importlib.import_module(f"{shapes.__name__}.{module.name}")


def shapes() -> dict[str, TableShape]:
    _import_all()
    return _SHAPES


def transforms() -> dict[str, Transform]:
    _import_all()
    return _TRANSFORMS
