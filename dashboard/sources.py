"""The source line under a chart: every file its rows were read from, each place once, in the reader's
language: `tukuma_novads_2024_publiskais_parskats.pdf (4.1. tabula, 15. lpp.; teksts, 3., 12. lpp.)` in
Latvian, `… (table 4.1, p. 15; text, p. 3, 12)` in English (places said by warehouse.source_refs). Pure
functions, importable without Streamlit.
"""
from __future__ import annotations

import re

import pandas as pd

from warehouse.source_refs import place_and_spot, place_text, spots_text


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
            place, spot = place_and_spot(ref)
            spots = places.setdefault(place, {})
            if spot:
                spots.setdefault(spot[0], []).append(spot[1])
        text = "; ".join(
            ", ".join([place_text(place, lang)] + [spots_text(kind, list(dict.fromkeys(numbers)), lang)
                                                   for kind, numbers in spots.items()])
            for place, spots in places.items())
        out.append(f"{file_name} ({text})")
    return out


def _natural(text: str) -> list:
    return [int(p) if p.isdigit() else p for p in re.split(r"(\d+)", text or "")]
