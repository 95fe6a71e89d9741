"""Where a figure was printed, said in each language, from the warehouse's place columns and the display text.

A fact's place is its columns: `table_label` (`4.1. tabula`, `text`, `chart data (…)`, a caption start, a
sheet), `page` (PDF) and `line` (text file; a sheet's row). Said in Latvian: `4.1. tabula, 15. lpp.`,
`teksts, 56. rinda`; in English: `table 4.1, p. 15`, `text, line 56`. The whole reference the ingest
writes (`source_ref`: `4.1. tabula, p. 15; row 'Kopā', column '2024'`) is display text, said word for word
in the reader's language (`4.1. tabula, 15. lpp.; rinda 'Kopā', aile '2024'`); nothing reads a place out of
it. Words quoted from the document are never translated. The flags' wording (at ingest) and the pages say
places through this one module. Pure functions.
"""
from __future__ import annotations

import math
import re

# The words the ingest writes into a place or a reference, and their Latvian.
_WORDS_LV = (
    (re.compile(r"^text\b"), "teksts"),
    (re.compile(r"^list\b"), "saraksts"),
    (re.compile(r"\bchart data\b"), "diagrammas dati"),
    (re.compile(r"\bsheet\b"), "lapa"),
    (re.compile(r"\bcolumn\b"), "aile"),
    (re.compile(r"\blabel\b"), "nosaukums"),
    (re.compile(r"\(continued\)"), "(turpinājums)"),
    (re.compile(r"\brow\b"), "rinda"),
)
# A page, a line of a text file, a row of a sheet in a reference: `p. 15`, `line 56`, `row 3`.
_SPOT = re.compile(r"\b(p\.|line|row) (\d+)\b")
_TABLE = re.compile(r"^(\d+(?:\.\d+)*)\.?\s*tabula\b", re.IGNORECASE)
_QUOTED = re.compile(r"('[^']*')")


def spots_text(kind: str, numbers: list, lang: str) -> str:
    """`p.` 12, 25 -> `12., 25. lpp.` / `p. 12, 25`; `line` 56 -> `56. rinda` / `line 56`."""
    numbers = [str(n) for n in numbers]
    if lang == "en":
        return f"{kind} {', '.join(numbers)}"
    return ", ".join(f"{n}." for n in numbers) + (" lpp." if kind == "p." else " rinda")


def _given(number) -> bool:
    """A place column that holds a number: not None, NaN, or pandas' NA of an integer column (math.isnan
    refuses those with TypeError); without importing pandas, which the ingest does not otherwise need."""
    try:
        return not math.isnan(number)
    except TypeError:
        return False


def spot(page, line) -> tuple[str, int] | None:
    """A fact's page (`p.`) or else its line, from its `page` and `line` columns; None for neither."""
    if _given(page):
        return "p.", int(page)
    return ("line", int(line)) if _given(line) else None


def place_text(table_label, lang: str) -> str:
    """A fact's `table_label` as the reader says it: `text` is `teksts`, `4.1. tabula` is `table 4.1` in
    English; empty for none."""
    return reference_text(table_label.strip(), lang) if isinstance(table_label, str) else ""


def where_text(table_label, page, line, lang: str) -> str:
    """A fact's place columns as the reader says them: `4.1. tabula, 15. lpp.` / `table 4.1, p. 15`."""
    at = spot(page, line)
    return ", ".join(part for part in (place_text(table_label, lang), at and spots_text(at[0], [at[1]], lang))
                     if part)


def _say(words: str, lang: str, first: bool) -> str:
    """A stretch of the code's own words (no quoted text in it); `first`: it starts the reference."""
    if lang == "en":
        return _TABLE.sub(lambda m: f"table {m.group(1)}", words, count=1) if first else words
    words = _SPOT.sub(lambda m: spots_text(m.group(1), [m.group(2)], lang), words)
    for pattern, latvian in _WORDS_LV:
        words = pattern.sub(latvian, words)
    return words


def reference_text(source_ref: str | None, lang: str) -> str:
    """A fact's whole `source_ref` (`4.1. tabula, p. 15; row 'Kopā', column '2024'`) as the reader says it
    (`4.1. tabula, 15. lpp.; rinda 'Kopā', aile '2024'`), word for word; empty for none."""
    if not isinstance(source_ref, str):
        return ""
    parts = _QUOTED.split(source_ref)  # the document's own words at the odd positions
    return "".join(part if i % 2 else _say(part, lang, first=i == 0) for i, part in enumerate(parts))
