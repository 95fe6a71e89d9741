"""The one constructor of the generic reader's facts: named by `naming`, flagged as read by the generic
reader (and for any other reason the reading gives), placed where it was printed."""
from __future__ import annotations

from typing import Iterable

from ingest.flags import Reason, reason
from ingest.generic.naming import name_figure
from ingest.model import Fact, Spot

# A generic fact's label as its category: the printed words, cut where a chart's legend would overflow.
LABEL_CHARS = 120


def generic_fact(*, municipality: str, year: int | None, period: str | None, value: float, unit: str,
                 label: str, spot: Spot, raw_value: str, reasons: Iterable[Reason] = (),
                 subgroup: str | None = None, territory: str | None = None) -> Fact:
    """A fact read by the generic reader. `label` is the figure's own words (a row label, the words of a
    sentence's clause) as printed; they name its indicator and are kept as its category."""
    category = " ".join(label.split())[:LABEL_CHARS]
    naming = name_figure(category, unit)
    fact = Fact(municipality=municipality, year=year, topic=naming.topic, metric=naming.metric, category=category,
                value=value, unit=unit, spot=spot, raw_value=raw_value, territory=territory,
                period=period if period is not None else (str(year) if year is not None else None),
                subgroup=subgroup, indicator=naming.indicator, indicator_candidates=naming.candidates)
    fact.add_reasons((reason("generic_reader"), *reasons))
    return fact
