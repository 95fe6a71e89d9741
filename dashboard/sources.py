"""The source line under a chart: every file its rows were read from, each place once, in the reader's
language: `tukuma_novads_2024_publiskais_parskats.pdf (4.1. tabula, 15. lpp.; teksts, 3., 12. lpp.)` in
Latvian, `… (table 4.1, p. 15; text, p. 3, 12)` in English (places said by warehouse.source_refs). Pure
functions, importable without Streamlit.
"""
from __future__ import annotations

import re

import pandas as pd

from warehouse.source_refs import place_text, spot, spots_text


def source_lines(frame: pd.DataFrame, lang: str) -> list[str]:
    """`file (place, page or line …; …)` for every file the rows of `frame` were read from, each place once
    with its pages or lines (columns `file_name` and the place columns `source_table`, `page`, `line`; or
    `places`, a list of them per row, where a row was printed in several places)."""
    if frame.empty or "file_name" not in frame:
        return []
    out = []
    for file_name, part in frame.groupby("file_name", sort=True):
        places: dict[str, dict[str, list[int]]] = {}
        for table, at in sorted(set(_places(part)), key=lambda p: (_natural(p[0]), p[1] or ("", 0))):
            spots = places.setdefault(table, {})
            if at:
                spots.setdefault(at[0], []).append(at[1])
        text = "; ".join(
            ", ".join([place_text(place, lang)] + [spots_text(kind, numbers, lang) for kind, numbers in spots.items()])
            for place, spots in places.items())
        out.append(f"{file_name} ({text})")
    return out


def _places(part: pd.DataFrame):
    """(table label, spot) of every place the rows of `part` were printed in."""
    if "places" in part:
        rows = [p for places in part["places"] for p in places]
    else:
        rows = part[["source_table", "page", "line"]].to_dict("records")
    for row in rows:
        if isinstance(row["source_table"], str):
            yield row["source_table"].strip(), spot(row["page"], row["line"])


def _natural(text: str) -> list:
    return [int(p) if p.isdigit() else p for p in re.split(r"(\d+)", text or "")]
