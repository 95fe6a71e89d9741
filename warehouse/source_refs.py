"""Where a figure was printed, said in each language: a fact's `source_ref` as the reader reads it.

The ingest writes places in one form: `4.1. tabula, p. 15; row 'Kopā', column '2024'`, `text, line 56`,
`chart data (…), line 2586; label '…'`, `sheet 'facts', row 3`, `4.2. tabula (continued), p. 20`. Said in
Latvian: `4.1. tabula, 15. lpp.; rinda 'Kopā', aile '2024'`; in English: `table 4.1, p. 15; row 'Kopā',
column '2024'`. Words quoted from the document are never translated. The flags' wording (at ingest) and the
pages say places through this one module. Pure functions.
"""
from __future__ import annotations

import re

# The words the ingest writes into a source reference, and their Latvian.
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
# A page, a line of a text file, a row of a sheet: `p. 15`, `line 56`, `row 3`.
_SPOT = re.compile(r"\b(p\.|line|row) (\d+)\b")
_LAST_SPOT = re.compile(r",\s*(line|p\.)\s*(\d+)$")
_TABLE = re.compile(r"^(\d+(?:\.\d+)*)\.?\s*tabula\b", re.IGNORECASE)
_QUOTED = re.compile(r"('[^']*')")


def place_and_spot(source_table: str) -> tuple[str, tuple[str, str] | None]:
    """The table or text a fact was read from, and its page or line: `1. tabula, line 117` ->
    (`1. tabula`, (`line`, `117`)); no spot where none is printed."""
    text = str(source_table or "").strip()
    spot = _LAST_SPOT.search(text)
    return (text[:spot.start()].strip(), (spot.group(1), spot.group(2))) if spot else (text, None)


def place_name(source_table: str) -> str:
    """The table or text a fact was read from, without its line or page: `1. tabula, line 117` -> `1. tabula`."""
    return place_and_spot(source_table)[0]


def spots_text(kind: str, numbers: list, lang: str) -> str:
    """`p.` 12, 25 -> `12., 25. lpp.` / `p. 12, 25`; `line` 56 -> `56. rinda` / `line 56`."""
    numbers = [str(n) for n in numbers]
    if lang == "en":
        return f"{kind} {', '.join(numbers)}"
    return ", ".join(f"{n}." for n in numbers) + (" lpp." if kind == "p." else " rinda")


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
    (`4.1. tabula, 15. lpp.; rinda 'Kopā', aile '2024'`); empty for none."""
    if not isinstance(source_ref, str):
        return ""
    parts = _QUOTED.split(source_ref)  # the document's own words at the odd positions
    return "".join(part if i % 2 else _say(part, lang, first=i == 0) for i, part in enumerate(parts))


def place_text(place: str, lang: str) -> str:
    """A table or a part of a document as the reader says it: `text` is `teksts`, `4.1. tabula` is
    `table 4.1` in English."""
    return reference_text(str(place).strip(), lang)
