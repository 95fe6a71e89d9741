"""Checks across a document's facts, for the inconsistencies a careful reader finds: totals and the rows
they sum, a figure printed twice (or rounded), a table printed twice (or one of its years), and the
arithmetic the document implies: sums, ratios, shares of amounts, stated changes, parts of wholes, ranges.

Each kind of check is one function with one tolerance rule (a printed figure is exact as printed, unless
it is rounded: a share in %, an approximate figure, or the less precise of two prints of one figure,
which stand for half a unit of their last digit either way), and flags through one kind of reason
(ingest/flag_kinds.toml). A check whose facts are missing is skipped: the reading already reported them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ingest.flags import Number
from ingest.model import Fact
from ingest.numbers import parse_lv_number

# --------------------------------------------------------------------------- picking facts

@dataclass(frozen=True)
class Pick:
    """One fact of a document's facts, for a check: metric, category, subgroup and territory must equal the
    fact's (None matches None); `unit` None matches any unit, and `category` None (or left out) any
    category (the rows of a group, which a check sums)."""

    metric: str
    category: str | None = None
    subgroup: str | None = None
    unit: str | None = None
    territory: str | None = None

    def matches(self, fact: Fact) -> bool:
        return ((fact.metric, fact.subgroup, fact.territory) == (self.metric, self.subgroup, self.territory)
                and self.category in (None, fact.category) and self.unit in (None, fact.unit))

    def find(self, facts: list[Fact]) -> Fact | None:
        return next((f for f in facts if self.matches(f)), None)

    def of_year(self, facts: list[Fact], year: int | None) -> Fact | None:
        return next((f for f in facts if self.matches(f) and f.year == year), None)


def rounding(fact: Fact) -> float:
    """How far a figure may be from the exact one: half a unit of its last digit where it is rounded (a
    share in %, a figure flagged approximate), else 0 (printed figures are exact as printed)."""
    rounded = fact.unit == "percent" or any(r.kind == "approximate" for r in fact.reasons)
    return half_unit(fact) if rounded else 0.0


def half_unit(fact: Fact) -> float:
    """How far a printed figure may stand from what it rounds: half a unit of its last printed digit, in
    the fact's own scale (0.5 for '260 389', 0.05 for '260 389.4', 500 for '25-30 tūkstoši')."""
    printed = parse_lv_number(fact.raw_value).value
    scale = abs(fact.value / printed) if printed else 1.0
    m = re.search(r"\d[.,](\d+)", fact.raw_value)
    return 0.5 * 10 ** -(len(m.group(1)) if m else 0) * scale


# --------------------------------------------------------------------------- totals of table rows

# Printed figures are exact as printed: a total must equal the sum of its parts to the cent, give or take
# the rounding of the parts and the total that are rounded (shares in %, approximate figures).
SUM_TOLERANCE = 0.005


def sum_tolerance(figures: list[Fact]) -> float:
    return SUM_TOLERANCE + sum(rounding(f) for f in figures)


def sum_of(parts: list[Fact]) -> Number:
    """The sum of the parts, shown with cents where any part has them."""
    return Number(sum(p.value for p in parts), decimals=2 if any(round(p.value, 6) % 1 for p in parts) else 0)


def check_rows_sum(total: Fact, parts: list[Fact], elided: bool = False) -> None:
    """Flag a total (or subtotal) row that is not the sum of the rows it covers. Where the table marks rows
    as left out ('[..]'), the total can only be checked as an upper bound of the rows listed."""
    if not parts:
        return
    added = sum_of(parts)
    if elided:
        if total.value < added.value - sum_tolerance([total, *parts]):
            total.add_flag("elided_total_exceeded", printed=total.raw_value, rows=len(parts), sum=added)
    elif abs(added.value - total.value) > sum_tolerance([total, *parts]):
        total.add_flag("rows_sum_differs", printed=total.raw_value, rows=len(parts), sum=added)


# --------------------------------------------------------------------------- one figure printed twice

@dataclass(frozen=True)
class SameFigure:
    """Two names a document gives one figure (two tables, say, or a table and the text): facts named as
    `other` are compared with those named as `one`, for the same place, year and period."""

    one: Pick
    other: Pick


def _figure_key(fact: Fact, names: dict[Pick, tuple]) -> tuple:
    """The identity of the thing a fact measures, a name declared to mean another one replaced by it."""
    name = next((canonical for pick, canonical in names.items() if pick.matches(fact)), None)
    if name is None:
        return fact.key()
    topic, metric, category, subgroup, unit = name
    return (fact.municipality, fact.territory, fact.year, fact.period, topic, metric, category, subgroup, unit)


def _rounds(precise: Fact, rounded: Fact) -> bool:
    """Whether `rounded` is `precise` printed with fewer digits (260 389 for 260 389.4)."""
    return half_unit(rounded) > half_unit(precise) and abs(precise.value - rounded.value) <= half_unit(rounded) + 1e-9


def _prints(facts: list[Fact]) -> tuple[tuple[str, str], ...]:
    return tuple((f.raw_value, f.source_ref) for f in facts)


def flag_disagreements(facts: list[Fact], same: tuple[SameFigure, ...] = ()) -> None:
    """Where two places in a document give different values for the same thing, keep both, flagged; where
    one only prints the other with fewer digits, flag the rounded one as rounded, not as a disagreement.
    `same` declares names that mean one figure."""
    names = {}
    for alias in same:
        target = next((f for f in facts if alias.one.matches(f)), None)
        if target is not None:
            names[alias.other] = (target.topic, target.metric, target.category, target.subgroup, target.unit)
    by_key: dict[tuple, list[Fact]] = {}
    for fact in facts:
        by_key.setdefault(_figure_key(fact, names), []).append(fact)
    for group in by_key.values():
        for fact in group:
            others = [o for o in group if round(o.value, 6) != round(fact.value, 6)]
            more_exact = [o for o in others if _rounds(o, fact)]
            disagreeing = [o for o in others if o not in more_exact and not _rounds(fact, o)]
            if disagreeing:
                fact.add_flag("printed_elsewhere", others=_prints(disagreeing))
            if more_exact:
                fact.add_flag("printed_rounded", others=_prints(more_exact))


# --------------------------------------------------------------------------- a table printed twice

# Fewer numbers than this in a table, or a column adding up to less, can repeat by chance.
_COPY_LEAST_NUMBERS = 6
_COLUMN_LEAST_NUMBERS, _COLUMN_LEAST_SUM = 3, 20


def _columns(facts: list[Fact]) -> dict[int | None, tuple]:
    """A table's numbers by year: (row, value) pairs in a fixed order."""
    columns: dict[int | None, list] = {}
    for fact in facts:
        columns.setdefault(fact.year, []).append((fact.subgroup or "", fact.value))
    return {year: tuple(sorted(numbers)) for year, numbers in columns.items()}


def flag_copied_tables(tables: list[tuple[str, list[Fact]]]) -> None:
    """Two tables (a reference and their facts) printing exactly the same numbers are likely a copy-paste
    slip: flag both. Where only one year's column is the same in both (enough numbers, adding up to
    enough, that chance is unlikely), flag that column in both."""
    columns = [(ref, facts, _columns(facts)) for ref, facts in tables]
    for i, (_, facts, mine) in enumerate(columns):
        for other_ref, _, theirs in columns[:i] + columns[i + 1:]:
            if mine == theirs and len(facts) >= _COPY_LEAST_NUMBERS and any(f.value for f in facts):
                for fact in facts:
                    fact.add_flag("copied_table", other=other_ref)
                continue
            for year, numbers in mine.items():
                if theirs.get(year) == numbers and len(numbers) >= _COLUMN_LEAST_NUMBERS \
                        and sum(value for _, value in numbers) >= _COLUMN_LEAST_SUM:
                    for fact in facts:
                        if fact.year == year:
                            fact.add_flag("partly_copied_table", year=year, other=other_ref)


# --------------------------------------------------------------------------- arithmetic the text implies

@dataclass(frozen=True)
class SumCheck:
    """Figures the document gives as a total and its parts, or (with `whole`, e.g. 100 for shares) as parts
    of a whole, in each year it gives them all: where they do not add up, the total (or each part) is flagged.
    Rounded shares may be off by half a point each; counts and sums must add up exactly."""

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


@dataclass(frozen=True)
class ShareCheck:
    """A share (in %) printed with the amount it is a share of: it should be the amount's part of the sum of
    `whole` (one figure, or the figures the whole is made of), all of the share's year."""

    share: Pick
    amount: Pick
    whole: tuple[Pick, ...]


@dataclass(frozen=True)
class ChangeCheck:
    """A change the text states ('samazinājās par 12 %', 'par 23 156 euro mazāk') against the figures it is
    a change of (`of`, summed where it names a group of rows): from `years` before the change's year to its
    year, or, for a change the text dates by no year ('3 gadu laikā'), over all the years the figures span.
    A change in % is read as the figures' relative change or, where the document prints their shares
    (`shares`), as the change of those shares in points."""

    change: Pick
    of: Pick
    years: int = 1
    shares: Pick | None = None


@dataclass(frozen=True)
class PartCheck:
    """A figure that is a part of another (a subgroup, a parish's count of a whole): it cannot be larger
    than the whole of its year."""

    part: Pick
    whole: Pick


@dataclass(frozen=True)
class RangeCheck:
    """A range the document prints ('vidēji 25-30 tūkstoši') and the exact figure it gives elsewhere for the
    same thing: the figure should lie in the range."""

    low: Pick
    high: Pick
    exact: Pick


@dataclass(frozen=True)
class ListedPartsCheck:
    """A total whose every subgroup the document prints (age groups, care levels) is a part of it: a
    SumCheck of the total and the subgroups found, whichever they are."""

    total: Pick


@dataclass(frozen=True)
class RowPartsCheck:
    """Counts of metric `part` that are parts of the count of metric `whole` in the same row (category) for
    no territory, e.g. the answers that a form of support is available in a parish, of the answers that
    recognise it in all parishes: a PartCheck for each `part` fact."""

    part: str
    whole: str


@dataclass(frozen=True)
class StageTotalsCheck:
    """Counts of `metric` restated after a change (cases redistributed among workers) keep the count of
    each code: facts whose subgroup reads 'code (stage)', for each stage after the first of `stages`, are
    flagged where a code's counts add up to another number than in the stage before."""

    metric: str
    stages: tuple[str, ...]


Check = (SumCheck | RatioCheck | ShareCheck | ChangeCheck | PartCheck | RangeCheck | ListedPartsCheck | RowPartsCheck
         | StageTotalsCheck)


def check_arithmetic(facts: list[Fact], checks: tuple[Check, ...] | list[Check]) -> None:
    """Flag the facts that break the arithmetic the document implies; checks whose facts are missing are
    skipped (the figures were not found, which the reading already reports)."""
    for check in checks:
        _CHECKERS[type(check)](facts, check)


def _check_sum(facts: list[Fact], check: SumCheck) -> None:
    """Every year the total (or, against a whole, the first part) is printed with all its parts."""
    anchors = [f for f in facts if (check.total or check.parts[0]).matches(f)]
    for anchor in anchors:
        parts = [p.of_year(facts, anchor.year) for p in check.parts]
        if None not in parts:
            _check_parts_add_up(parts, anchor if check.total else None, check.whole)


def _check_parts_add_up(parts: list[Fact], total: Fact | None, whole: float | None) -> None:
    added = sum_of(parts)
    expected = total.value if total else whole
    if expected is None or abs(added.value - expected) <= sum_tolerance(parts + ([total] if total else [])):
        return
    listed = " + ".join(p.raw_value for p in parts)
    if total:
        total.add_flag("parts_differ", parts=listed, sum=added, printed=total.raw_value)
    else:
        for part in parts:
            part.add_flag("parts_not_whole", parts=listed, sum=added, whole=expected)


def _check_listed_parts(facts: list[Fact], check: ListedPartsCheck) -> None:
    total = check.total
    parts = tuple(replace(total, subgroup=f.subgroup) for f in facts if f.subgroup and
                  (f.metric, f.category) == (total.metric, total.category))
    if parts:
        _check_sum(facts, SumCheck(parts, total))


def _check_ratio(facts: list[Fact], check: RatioCheck) -> None:
    ratio = check.ratio.find(facts)
    if ratio is None:
        return
    # The figures of the ratio's year, else of any (the residents a norm counts may be of an earlier date).
    numerator = check.numerator.of_year(facts, ratio.year) or check.numerator.find(facts)
    denominator = (check.denominator.of_year(facts, ratio.year) or check.denominator.find(facts)
                   if check.denominator else None)
    if numerator is None or (check.denominator and (not denominator or denominator.value == 0)):
        return
    computed = numerator.value / (denominator.value if denominator else 1) * check.scale
    if abs(computed - ratio.value) > half_unit(ratio) + 1e-9:
        # Written as a plain division: a share's scale is its per cent sign, a norm's 1/1000 its divisor.
        percent = ratio.unit == "percent"
        divisor = (denominator.value if denominator else 1) / (check.scale / 100 if percent else check.scale)
        ratio.add_flag("ratio_differs", numerator=numerator.value, denominator=divisor,
                       computed=Number(round(computed, 2), percent=percent), printed=ratio.raw_value)


def _check_shares(facts: list[Fact], check: ShareCheck) -> None:
    for share in [f for f in facts if check.share.matches(f)]:
        amount = check.amount.of_year(facts, share.year)
        whole = [pick.of_year(facts, share.year) for pick in check.whole]
        if amount is not None and None not in whole:
            check_share(share, amount, whole)


def check_share(share: Fact, amount: Fact, whole: list[Fact]) -> None:
    """Flag a share that is not its amount's part of the whole, to the rounding of the figures."""
    total = sum(f.value for f in whole)
    slack = sum(rounding(f) for f in whole)
    if total - slack <= 0:
        return
    low = (amount.value - rounding(amount)) / (total + slack) * 100
    high = (amount.value + rounding(amount)) / (total - slack) * 100
    if share.value + half_unit(share) + 1e-9 < low or share.value - half_unit(share) - 1e-9 > high:
        share.add_flag("share_differs", amount=amount.value, whole=total,
                       computed=Number(round(amount.value / total * 100, 2), percent=True), printed=share.raw_value)


def check_table_shares(facts: list[Fact]) -> None:
    """Shares printed in one table beside the amounts they are shares of (a % row under an amount row):
    the shares that add up to 100 (those of one year, else those of one row over the years) are each
    checked against their amount's part of those amounts."""
    amounts = {(f.category, f.subgroup, f.year): f for f in facts if f.unit != "percent"}
    pairs = [(f, amounts[key]) for f in facts if f.unit == "percent" and (key := (f.category, f.subgroup, f.year))
             in amounts]
    for whole_of in (lambda share: share.year, lambda share: (share.category, share.subgroup)):
        groups: dict = {}
        for share, amount in pairs:
            groups.setdefault(whole_of(share), []).append((share, amount))
        # Which shares make one whole is recognised loosely (half a point each), as one of them may be the
        # wrong one the check is for.
        if groups and all(len(group) > 1 and abs(sum(s.value for s, _ in group) - 100) <= 0.5 * len(group)
                          for group in groups.values()):
            for group in groups.values():
                for share, amount in group:
                    check_share(share, amount, [a for _, a in group])
            return


def _check_change(facts: list[Fact], check: ChangeCheck) -> None:
    for change in [f for f in facts if check.change.matches(f)]:
        years = sorted({f.year for f in facts if check.of.matches(f) and f.year is not None})
        if change.year is not None:
            years = [y for y in (change.year - check.years, change.year) if y in years]
        if len(years) < 2:
            continue
        start_year, end_year = years[0], years[-1]
        start, end = (_summed(facts, check.of, year) for year in (start_year, end_year))
        percent = change.unit == "percent"
        if percent and start == 0:
            continue
        computed = (end - start) / start * 100 if percent else end - start
        tolerance = half_unit(change) + 1e-9
        if abs(computed - change.value) <= tolerance or (percent and check.shares and _share_points_agree(
                facts, check.shares, start_year, end_year, change.value, tolerance)):
            continue
        change.add_flag("change_differs", start=start, start_year=start_year, end=end, end_year=end_year,
                        computed=Number(round(computed, 2), percent=percent, signed=True),
                        stated=Number(change.value, percent=percent, signed=True))


def _summed(facts: list[Fact], pick: Pick, year: int) -> float:
    """The figure a pick names in a year; for a group of rows, the sum of each row's figure."""
    rows: dict[str, float] = {}
    for fact in facts:
        if pick.matches(fact) and fact.year == year:
            rows.setdefault(fact.category, fact.value)  # one figure per row, however often printed
    return sum(rows.values())


def _share_points_agree(facts: list[Fact], shares: Pick, start_year: int, end_year: int, stated: float,
                        tolerance: float) -> bool:
    """Whether a change in % is the change of the printed shares, in points (each share rounded)."""
    first, last = shares.of_year(facts, start_year), shares.of_year(facts, end_year)
    if first is None or last is None:
        return False
    return abs(last.value - first.value - stated) <= tolerance + rounding(first) + rounding(last)


def _check_part(facts: list[Fact], check: PartCheck) -> None:
    for part in [f for f in facts if check.part.matches(f)]:
        whole = check.whole.of_year(facts, part.year)
        if whole is not None and part.value - rounding(part) > whole.value + rounding(whole) + 1e-9:
            part.add_flag("part_exceeds_whole", printed=part.raw_value, whole=whole.raw_value, where=whole.source_ref)


def _check_range(facts: list[Fact], check: RangeCheck) -> None:
    low, high = check.low.find(facts), check.high.find(facts)
    exact = check.exact.of_year(facts, low.year) if low else None
    if low is None or high is None or exact is None:
        return
    if low.value - rounding(low) <= exact.value <= high.value + rounding(high):
        return
    for fact in (exact, low, high):
        fact.add_flag("outside_range", exact=exact.raw_value, exact_where=exact.source_ref, low=low.value,
                      high=high.value, range_where=low.source_ref)


def _check_row_parts(facts: list[Fact], check: RowPartsCheck) -> None:
    for part in [f for f in facts if f.metric == check.part]:
        _check_part(facts, PartCheck(Pick(check.part, part.category, territory=part.territory),
                                     Pick(check.whole, part.category)))


def _check_stage_totals(facts: list[Fact], check: StageTotalsCheck) -> None:
    by_stage: dict[str, dict[str, list[Fact]]] = {stage: {} for stage in check.stages}
    for fact in facts:
        m = re.fullmatch(r"(?P<code>.+) \((?P<stage>[^()]+)\)", fact.subgroup or "")
        if fact.metric == check.metric and m and m["stage"] in by_stage:
            by_stage[m["stage"]].setdefault(m["code"], []).append(fact)
    for before, after in zip(check.stages, check.stages[1:]):
        for code, later in by_stage[after].items():
            earlier = sum(f.value for f in by_stage[before].get(code, []))
            total = sum(f.value for f in later)
            if abs(total - earlier) > sum_tolerance(later + by_stage[before].get(code, [])):
                for fact in later:
                    fact.add_flag("stage_total_differs", code=code, stage=after, total=total, earlier_stage=before,
                                  earlier=earlier)


_CHECKERS = {SumCheck: _check_sum, RatioCheck: _check_ratio, ShareCheck: _check_shares, ChangeCheck: _check_change,
             PartCheck: _check_part, RangeCheck: _check_range, ListedPartsCheck: _check_listed_parts,
             RowPartsCheck: _check_row_parts, StageTotalsCheck: _check_stage_totals}
