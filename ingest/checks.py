"""Checks across a document's facts, for the inconsistencies a careful reader finds: totals and the rows
they sum, figures printed twice, and the arithmetic the text implies (sums, ratios).

Each kind of check is one function with one tolerance rule, and flags through one kind of reason
(ingest/flag_kinds.toml). A check whose facts are missing is skipped: the reading already reported them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.flags import Number
from ingest.model import Fact

# --------------------------------------------------------------------------- totals of table rows

# Printed figures are exact as printed: a total must equal the sum of its parts to the cent. (Shares in %,
# which are rounded, are the one exception; see SumCheck.)
SUM_TOLERANCE = 0.005


def _sum_of(parts: list[Fact]) -> Number:
    """The sum of the parts, shown with cents where any part has them."""
    return Number(sum(p.value for p in parts), decimals=2 if any(round(p.value, 6) % 1 for p in parts) else 0)


def check_rows_sum(total: Fact, parts: list[Fact], elided: bool = False) -> None:
    """Flag a total (or subtotal) row that is not the sum of the rows it covers. Where the table marks rows
    as left out ('[..]'), the total can only be checked as an upper bound of the rows listed."""
    if not parts:
        return
    added = _sum_of(parts)
    if elided:
        if total.value < added.value - SUM_TOLERANCE:
            total.add_flag("elided_total_exceeded", printed=total.raw_value, rows=len(parts), sum=added)
    elif abs(added.value - total.value) > SUM_TOLERANCE:
        total.add_flag("rows_sum_differs", printed=total.raw_value, rows=len(parts), sum=added)


# --------------------------------------------------------------------------- one figure printed twice

def flag_disagreements(facts: list[Fact]) -> None:
    """Where two places in a document give different values for the same thing, keep both, flagged."""
    by_key: dict[tuple, list[Fact]] = {}
    for fact in facts:
        by_key.setdefault(fact.key(), []).append(fact)
    for same in by_key.values():
        values = {round(f.value, 6) for f in same}
        if len(values) > 1:
            for fact in same:
                fact.add_flag("printed_elsewhere",
                              others=tuple((o.raw_value, o.source_ref) for o in same if o is not fact))


# --------------------------------------------------------------------------- arithmetic the text implies

@dataclass(frozen=True)
class Pick:
    """One fact of a document's facts, for an arithmetic check: metric, category, subgroup and territory
    must equal the fact's (None matches None); `unit` None matches any unit."""

    metric: str
    category: str
    subgroup: str | None = None
    unit: str | None = None
    territory: str | None = None

    def find(self, facts: list[Fact]) -> Fact | None:
        return next((f for f in facts if (f.metric, f.category, f.subgroup, f.territory)
                     == (self.metric, self.category, self.subgroup, self.territory)
                     and self.unit in (None, f.unit)), None)


@dataclass(frozen=True)
class SumCheck:
    """Figures the text gives as a total and its parts, or (with `whole`, e.g. 100 for shares) as parts of
    a whole: where they do not add up, the total (or each part) is flagged. Rounded shares may be off by
    half a point each; counts and sums must add up exactly."""

    parts: tuple[Pick, ...]
    total: Pick | None = None
    whole: float | None = None


@dataclass(frozen=True)
class RatioCheck:
    """A printed ratio that should equal numerator / denominator × scale to its printed precision, e.g.
    a share in %, persons per case, or specialists required by a per-1 000 norm."""

    ratio: Pick
    numerator: Pick
    denominator: Pick | None = None
    scale: float = 1.0


def _printed_precision(raw: str) -> float:
    """Half a unit of the last digit printed: 0.5 for '32', 0.005 for '3,28'."""
    m = re.search(r"\d[.,](\d+)", raw)
    return 0.5 * 10 ** -(len(m.group(1)) if m else 0)


def check_arithmetic(facts: list[Fact], checks: tuple[SumCheck | RatioCheck, ...] | list) -> None:
    """Flag the facts that break the sums and ratios the text implies; checks whose facts are missing
    are skipped (the figures were not found, which read_prose already reports)."""
    for check in checks:
        if isinstance(check, RatioCheck):
            _check_ratio(facts, check)
        else:
            _check_sum(facts, check)


def _check_sum(facts: list[Fact], check: SumCheck) -> None:
    parts = [p.find(facts) for p in check.parts]
    total = check.total.find(facts) if check.total else None
    if None in parts or (check.total and total is None):
        return
    added = _sum_of(parts)
    rounded = all(p.unit == "percent" for p in parts)
    tolerance = 0.5 * len(parts) if rounded else SUM_TOLERANCE
    expected = total.value if total else check.whole
    if expected is None or abs(added.value - expected) <= tolerance:
        return
    listed = " + ".join(p.raw_value for p in parts)
    if total:
        total.add_flag("text_parts_differ", parts=listed, sum=added, printed=total.raw_value)
    else:
        for part in parts:
            part.add_flag("text_parts_not_whole", parts=listed, sum=added, whole=expected)


def _check_ratio(facts: list[Fact], check: RatioCheck) -> None:
    ratio, numerator = check.ratio.find(facts), check.numerator.find(facts)
    denominator = check.denominator.find(facts) if check.denominator else None
    if ratio is None or numerator is None or (check.denominator and (not denominator or denominator.value == 0)):
        return
    computed = numerator.value / (denominator.value if denominator else 1) * check.scale
    if abs(computed - ratio.value) > _printed_precision(ratio.raw_value) + 1e-9:
        # Written as a plain division: a share's scale is its per cent sign, a norm's 1/1000 its divisor.
        percent = ratio.unit == "percent"
        divisor = (denominator.value if denominator else 1) / (check.scale / 100 if percent else check.scale)
        ratio.add_flag("ratio_differs", numerator=numerator.value, denominator=divisor,
                       computed=Number(round(computed, 2), percent=percent), printed=ratio.raw_value)
