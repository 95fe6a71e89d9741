"""A second municipality's rows beside the first's in one chart (Budžets, Saņēmēji): each series named after
its municipality, and both municipalities' series of one row in that row's colour, the second's hatched (or
dashed), so that the reader matches a row across municipalities by its colour."""
from __future__ import annotations

from typing import Callable

import pandas as pd

from dashboard import colours


def labels(frame: pd.DataFrame, name: Callable[[str], str] = lambda label: label) -> pd.Series:
    """Each row's `label` (as `name` says it), after its municipality where `frame` holds several."""
    names = frame["label"].map(name)
    return frame["municipality"] + ": " + names if frame["municipality"].nunique() > 1 else names


def row_colours(frame: pd.DataFrame, rows: list[str], name: Callable[[str], str]) -> dict[str, str]:
    """The colour of each series `labels(frame, name)` names: the colour of its row, ranked in `rows`' order."""
    of_row = colours.ranked(rows)
    return dict(zip(labels(frame, name), frame["label"].map(of_row)))
