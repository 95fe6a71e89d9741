"""Report layouts: each module describes one kind of report (its signature phrases, its tables and its
prose figures) declaratively, and is recognised by words in the document, never by its file name.

To teach the ingest a new layout, add a module here that defines `LAYOUT` and list it in `_MODULES`.
"""
from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from typing import Callable

from ingest.model import Extraction, ParsedDocument


@dataclass(frozen=True)
class Layout:
    name: str  # e.g. "Tukums public report"
    signature: tuple[str, ...]  # regexes that must all be found in the document's text (case-insensitive)
    extract: Callable[[ParsedDocument], Extraction]
    formats: tuple[str, ...] = ("pdf", "txt", "md")

    def matches(self, doc: ParsedDocument, text: str) -> bool:
        return doc.format in self.formats and all(re.search(p, text, re.IGNORECASE) for p in self.signature)


# Most specific first; `unrecognised` last, as it matches anything.
_MODULES = [
    "tukums_public_report",
    "tukums_evaluation",
    "bauska_strategy",
    "national_survey",
    "lps_article",
    "facts_upload",
    "unrecognised",
]


def all_layouts() -> list[Layout]:
    layouts = []
    for name in _MODULES:
        try:
            module = importlib.import_module(f"ingest.layouts.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"ingest.layouts.{name}":
                continue  # not written yet
            raise
        layouts.append(module.LAYOUT)
    return layouts


def recognise(doc: ParsedDocument) -> Layout:
    text = doc.text
    for layout in all_layouts():
        if layout.matches(doc, text):
            return layout
    raise LookupError("no layout matches")  # unreachable while `unrecognised` is listed
