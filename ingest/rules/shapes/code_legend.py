"""A legend of codes under a table ('* sējuma skaidrojums', then 'code<TAB>meaning' lines): the document's
case codes, as printed. Found among the tables as the document's reader read them (a tab-separated table),
whatever a transform has made of the tables that facts are read from."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

from ingest.model import Table
from ingest.rules.registry import Reading, TableReading, table_shape
from ingest.specs import find_tables


@dataclass(frozen=True)
class CodeLegend:
    """`caption` finds the legend; a row of two texts whose first matches `code` is a code and its meaning."""

    PATTERN_KEYS: ClassVar[frozenset[str]] = frozenset({"code"})
    caption: str
    code: str = r"\w{1,3}"


def _legends(spec: CodeLegend, reading: Reading) -> list[list[Table]]:
    return [[table] for table in find_tables(reading.doc, caption=spec.caption)]


@table_shape("code_legend", CodeLegend, find=_legends)
def read(tables: list[Table], spec: CodeLegend, reading: Reading) -> TableReading:
    out = TableReading()
    for table in tables:
        for row in table.rows:
            texts = [cell.text for cell in row if cell.text]
            if len(texts) == 2 and re.fullmatch(spec.code, texts[0]):
                out.case_codes.append((texts[0], texts[1]))
    return out
