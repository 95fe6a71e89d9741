"""Where a figure was printed, in the reader's language: `tukuma_novads_2024_publiskais_parskats.pdf (4.1.
tabula, 15. lpp.; teksts, 3., 12. lpp.)` in Latvian, `… (table 4.1., p. 15; text, p. 3, 12)` in English.

The warehouse writes places as the ingest names them (`4.1. tabula, p. 15; row 'Kopā', column '2024'`,
`text, line 56`, `chart data (focus group recognition), line 2586`); this module only says them. Pure
functions, importable without Streamlit.
"""
from __future__ import annotations

import re

import pandas as pd

from dashboard.i18n import NAMES, label, name
from warehouse.queries import place_name

_SPOT = re.compile(r",\s*(line|p\.)\s*(\d+)$")
_TABLE = re.compile(r"^(?P<number>[\d.]+)\s*tabula$", re.IGNORECASE)
_CHART = re.compile(r"^chart data \((?P<what>.*)\)$")
_CONTINUED = " (continued)"
_DETAIL = re.compile(r"(line|p\.)\s*(\d+)|row '([^']*)'|column '([^']*)'")


def place_text(place: str, lang: str) -> str:
    """A table or a part of a document, as the reader says it: `text` is `teksts`, `4.1. tabula` is
    `table 4.1.` in English, `chart data (…)` is `diagrammas dati (…)` in Latvian."""
    place = str(place).strip()
    if place.endswith(_CONTINUED):  # a table that runs over a page break
        return f"{place_text(place[:-len(_CONTINUED)], lang)} ({name('place', 'continued', lang)})"
    table = _TABLE.match(place)
    if table:
        return f"table {table['number'].rstrip('.')}" if lang == "en" else place
    chart = _CHART.match(place)
    if chart:  # what the chart shows: by its name where known, else as printed (with a gloss in English)
        what = chart["what"]
        shown = name("chart", what, lang) if ("chart", what) in NAMES else label(what, lang)
        return f"{name('place', 'chart data', lang)} ({shown})"
    return name("place", place, lang)


def spots_text(kind: str, numbers: list, lang: str) -> str:
    """`p.` 12, 25 -> `12., 25. lpp.` / `p. 12, 25`; `line` 56 -> `56. rinda` / `line 56`."""
    numbers = [str(n) for n in numbers]
    if lang == "en":
        return f"{kind} {', '.join(numbers)}"
    return ", ".join(f"{n}." for n in numbers) + (" lpp." if kind == "p." else " rinda")


def source_lines(frame: pd.DataFrame, lang: str) -> list[str]:
    """`file (place, page or line …; …)` for every file the rows of `frame` were read from, each place once
    with its pages or lines (columns `file_name`, `source_table`; a source table may join several places
    with `; `)."""
    if frame.empty or "file_name" not in frame:
        return []
    out = []
    for file_name, part in frame.groupby("file_name", sort=True):
        places: dict[str, dict[str, list[str]]] = {}
        refs = {ref.strip() for joined in part["source_table"].dropna() for ref in str(joined).split("; ")}
        for ref in sorted(refs, key=_natural):
            spots = places.setdefault(place_name(ref), {})
            where = _SPOT.search(ref)
            if where:
                spots.setdefault(where.group(1), []).append(where.group(2))
        text = "; ".join(
            ", ".join([place_text(place, lang)] + [spots_text(kind, list(dict.fromkeys(numbers)), lang)
                                                   for kind, numbers in spots.items()])
            for place, spots in places.items())
        out.append(f"{file_name} ({text})")
    return out


def reference_text(source_ref: str | None, lang: str) -> str:
    """A fact's whole `source_ref` (`4.1. tabula, p. 15; row 'Kopā', column '2024'`) as the reader says it:
    `4.1. tabula, 15. lpp.; rinda „Kopā”, kolonna „2024”`."""
    if source_ref is None or (isinstance(source_ref, float) and pd.isna(source_ref)):
        return ""
    head, _, rest = str(source_ref).partition(";")
    where = _SPOT.search(head)
    place = place_text(place_name(head), lang)
    parts = [place + (", " + spots_text(where.group(1), [where.group(2)], lang) if where else "")]

    def detail(match: re.Match) -> str:
        kind, number, row, column = match.groups()
        if kind:
            return spots_text(kind, [number], lang)
        if row is not None:
            return f"row ‘{row}’" if lang == "en" else f"rinda „{row}”"
        return f"column ‘{column}’" if lang == "en" else f"kolonna „{column}”"

    if rest.strip():
        parts.append(_DETAIL.sub(detail, rest.strip()))
    return "; ".join(parts)


def _natural(text: str) -> list:
    return [int(p) if p.isdigit() else p for p in re.split(r"(\d+)", text or "")]
