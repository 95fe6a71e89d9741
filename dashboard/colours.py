"""One colour per meaning, the same on every page: a gender, a care setting, a judgement against the norm,
a case code keeps its colour in every chart it appears in.

Okabe & Ito (2008) give eight colours that stay apart with the common colour-vision deficiencies; a chart
uses no other. Series with no fixed meaning take, in order, the palette's colours no fixed meaning in the
same chart uses; past eight, the rest are grouped as one grey "other" entry (dashboard/charts.py).

A municipality has a colour of its own, the same on every page and whichever others are charted beside it:
picked by its name (`municipality_colour`). Seven colours cannot tell 43 municipalities apart, so two that
share one in a chart are told apart by the dash of their line or the hatching of their bar
(dashboard/charts.py), and a chart names at most eight municipalities (the rest grey, "other").
"""
from __future__ import annotations

import zlib
from typing import Iterable

# Okabe & Ito, ordered so that the first colours contrast most on white.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442", "#000000"]
OTHER = "#999999"

BLUE, ORANGE, GREEN, VERMILION, SKY, PURPLE = PALETTE[:6]

# Genders as the reports print them (lower case): women and girls, men and boys.
GENDER = {"sievietes": ORANGE, "meitenes": ORANGE, "vīrieši": BLUE, "zēni": BLUE}
SETTING = {"community": GREEN, "institutional": PURPLE}
# A two-way judgement against a norm: vermilion below it, blue meeting it.
BELOW_NORM, MEETS_NORM = VERMILION, BLUE
# Marks on a chart: the legal norm's line, a reference band, the 2021 reform.
NORM_LINE, BAND, REFORM = VERMILION, GREEN, "#555555"
# A reference a national source gives, and a municipality's own observation.
REFERENCE, OBSERVED = GREEN, BLUE


# A municipality's colours: the palette without yellow, too faint on white for a line.
MUNICIPALITY_PALETTE = [c for c in PALETTE if c != "#F0E442"]


def municipality_colour(name: str) -> str:
    """A municipality's own colour: by the CRC-32 of its name (UTF-8), so that it never depends on the
    order or the company it is charted in, nor on the Python process (unlike `hash`)."""
    return MUNICIPALITY_PALETTE[zlib.crc32(name.encode("utf-8")) % len(MUNICIPALITY_PALETTE)]


def gender_colours(values: Iterable[str]) -> dict[str, str]:
    """The fixed colour of each printed gender among `values`."""
    return {v: GENDER[v.lower()] for v in set(values) if isinstance(v, str) and v.lower() in GENDER}


def ranked(values: Iterable[str]) -> dict[str, str]:
    """Colours for values ranked by importance (most first): the palette in order, grey past it. Used where
    a set of codes must keep one colour each wherever they are charted (case codes)."""
    return {v: PALETTE[i] if i < len(PALETTE) else OTHER for i, v in enumerate(dict.fromkeys(values))}
