"""Report layouts: each is recognised by words in the document (its signature), never by its file name.

A layout of a kind of report is a rules file in `ingest/rules/layouts/` (read by the one engine,
`ingest.rules.engine.apply`): to teach the ingest a new layout, add a rules file. The Python modules listed
in `_MODULES` are readers of another kind (a workbook of facts). Any other document is read by the generic
reader, `ingest/rules/generic.toml` (ingest.layouts.generic), last.
"""
from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path
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


# After the rules layouts; the generic reader comes after these, as it matches anything.
_MODULES = [
    "facts_upload",
]
RULES_DIR = Path(__file__).resolve().parent.parent / "rules" / "layouts"


@cache
def rules_layouts(folder: Path) -> tuple[Layout, ...]:
    """A Layout for every rules file of the folder, in file-name order; a file that is wrong raises
    RulesError."""
    from ingest.rules.engine import apply
    from ingest.rules.loader import load_rules

    layouts = []
    for path in sorted(folder.glob("*.toml")):
        rules = load_rules(path)
        layouts.append(Layout(name=rules.name, signature=rules.signature, extract=partial(apply, rules=rules),
                              formats=rules.formats))
    return tuple(layouts)


def all_layouts() -> list[Layout]:
    layouts = list(rules_layouts(RULES_DIR))
    for name in _MODULES:
        try:
            module = importlib.import_module(f"ingest.layouts.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"ingest.layouts.{name}":
                continue  # not written yet
            raise
        layouts.append(module.LAYOUT)
    from ingest.layouts.generic import generic_layout

    layouts.append(generic_layout())
    return layouts


class UnknownLayout(KeyError):
    """A layout name no layout has; the message lists the names there are."""

    def __str__(self) -> str:
        return self.args[0]


def layout_named(name: str) -> Layout:
    """The layout of that name (`python -m ingest --layout NAME`); UnknownLayout for none."""
    found = {layout.name: layout for layout in all_layouts()}
    if name not in found:
        raise UnknownLayout(f"no layout is named {name!r}; the layouts are: "
                            + ", ".join(repr(known) for known in found))
    return found[name]


def recognise(doc: ParsedDocument) -> Layout:
    text = doc.text
    for layout in all_layouts():
        if layout.matches(doc, text):
            return layout
    raise LookupError("no layout matches")  # unreachable: the generic reader matches every format


def interpret(doc: ParsedDocument, forced: Layout | None = None) -> Extraction:
    """The document read by `forced`, else by the layout that recognises it. A rules layout whose words the
    document has but whose rules read no figure of it (another municipality's report that prints the same
    title words) hands it to the generic reader, which says so."""
    chosen = forced or recognise(doc)
    extraction = chosen.extract(doc)
    extraction.layout = chosen.name
    by_rules = chosen.name in {layout.name for layout in rules_layouts(RULES_DIR)}
    if forced is None and by_rules and not extraction.facts:
        from ingest.layouts.generic import generic_layout

        generic = generic_layout()
        extraction = generic.extract(doc)
        extraction.layout = generic.name
        extraction.messages.insert(0, f"its words are those of the layout {chosen.name!r}, but its rules read no "
                                      "figure of it: read by the generic reader")
    return extraction
