"""A printed run of numbers split into the numbers of a row, by Latvian grouping, only where the split is
certain.

Thousands are grouped with a space, so "281 004 455 310" may be two numbers or four: a number is a first
group of 1-3 digits then groups of exactly 3 (a group with a leading zero can only continue one; a group of
4 or more digits stands alone; a decimal part ends one), and the number of columns says how many there are.
Where more than one split fits, the row is not guessed; a printed total ("Kopā") may pick the one split
that adds up. Runs that lost their separators ("17263391", "31.0544.1239.80") are split only by fixed
decimals or by a total.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from itertools import product

from ingest.numbers import parse_lv_number

# A token of a run: an integer group with an optional decimal part and percent sign, or a dash (no value).
# Tables print at most two decimals: more are digits of the next number that lost its separator.
_NUMBER = re.compile(r"\d+(?:[.,]\d{1,2})?%?")
DASHES = frozenset("-–—")
# Two spaces or more: where a monospaced table separates its cells.
_WIDE_GAP = re.compile(r"\s{2,}")
# Most groups of one number (999 999 999 999 999): no report prints more.
MAX_GROUPS = 5
# Most splits kept of one run: more are no more useful to a total than "many".
SPLIT_LIMIT = 64
# Most combinations of split rows a total is tried against.
COMBINATION_LIMIT = 4096


def is_run_token(token: str) -> bool:
    """Whether a word is one token of a run of numbers: a group of digits (a decimal part, a percent sign
    after), or a dash."""
    return token in DASHES or bool(_NUMBER.fullmatch(token))


def _run_tokens(run: str) -> list[str] | None:
    """The run's tokens (a percent sign printed apart joins its number), or None when one is not a number."""
    tokens: list[str] = []
    for token in run.split():
        if token == "%" and tokens and tokens[-1][-1].isdigit():
            tokens[-1] += "%"
        elif is_run_token(token):
            tokens.append(token)
        else:
            return None
    return tokens


def _ends_number(token: str) -> bool:
    return not token.isdigit()  # a decimal part, a percent sign or a dash


def _starts_number(token: str) -> bool:
    """A token that can begin a number: not a group with a leading zero (a lone "0" is zero)."""
    digits = re.match(r"\d*", token).group(0)
    return token in DASHES or not (len(digits) > 1 and digits[0] == "0")


def _continues(token: str) -> bool:
    """A token that can follow a group of a number: exactly three digits (and a decimal part after)."""
    return len(re.match(r"\d*", token).group(0)) == 3


def splits(run: str, k: int, limit: int = SPLIT_LIMIT) -> list[tuple[str, ...]]:
    """Every way (up to `limit`) to read `run` as exactly `k` numbers by Latvian grouping, each number as
    printed with single spaces. Two spaces or more always separate numbers.

    >>> splits("298114 493207 331860", 3)
    [('298114', '493207', '331860')]
    >>> splits("1 184 207 1 962 330", 2)
    [('1 184 207', '1 962 330')]
    >>> splits("281 004 455 310", 2)
    [('281 004', '455 310'), ('281 004 455', '310')]
    """
    pieces = [_run_tokens(piece) for piece in _WIDE_GAP.split(run.strip())]
    if not pieces or any(not tokens for tokens in pieces):
        return []
    tokens = [t for piece in pieces for t in piece]
    if not k <= len(tokens) <= MAX_GROUPS * k:
        return []
    cut_after = {sum(map(len, pieces[:i + 1])) - 1 for i in range(len(pieces) - 1)}  # forced cuts
    ends = [_number_ends(tokens, start, cut_after) for start in range(len(tokens))]

    @cache
    def feasible(start: int, left: int) -> bool:
        # Known before a branch is walked, so that a long run none of whose splits fits costs no more
        # than one that fits.
        if start == len(tokens):
            return left == 0
        return left > 0 and any(feasible(end + 1, left - 1) for end in ends[start])

    found: list[tuple[str, ...]] = []

    def extend(start: int, left: int, taken: tuple[str, ...]) -> None:
        if start == len(tokens):
            found.append(taken)
            return
        for end in ends[start]:
            if len(found) >= limit:
                return
            if feasible(end + 1, left - 1):
                extend(end + 1, left - 1, taken + (" ".join(tokens[start:end + 1]),))

    if feasible(0, k):
        extend(0, k, ())
    return found


def _number_ends(tokens: list[str], start: int, cut_after: set[int]) -> list[int]:
    """The indexes of the tokens a number starting at token `start` may end with."""
    first = tokens[start]
    if not _starts_number(first):
        return []
    found = [start]
    if len(first) > 3 or first in DASHES or first == "0":
        return found
    end = start
    while end not in cut_after and not _ends_number(tokens[end]) and end + 1 < len(tokens) \
            and _continues(tokens[end + 1]) and len(found) < MAX_GROUPS:
        end += 1
        found.append(end)
    return found


def split_years(text: str) -> tuple[str, ...] | None:
    """A header of years printed without separators ("2019202020212022"), split when the years follow
    each other one by one; else None."""
    if not text.isdigit() or len(text) < 8 or len(text) % 4:
        return None
    years = [text[i:i + 4] for i in range(0, len(text), 4)]
    numbers = [int(y) for y in years]
    if not all(1990 <= y <= 2100 for y in numbers) or any(b - a != 1 for a, b in zip(numbers, numbers[1:])):
        return None
    return tuple(years)


def split_by_decimals(run: str, k: int) -> tuple[str, ...] | None:
    """A run of `k` numbers with two decimals each printed without separators ("31.0544.1239.80" ->
    31.05, 44.12, 39.80), when the run can only be read so: its last number shows two decimals, and every
    number in between has a whole part without a leading zero. Else None."""
    if k < 2 or not re.fullmatch(r"\d+(?:[.,]\d+)+", run):
        return None
    parts = re.split(r"([.,])", run)
    whole, marks, rests = parts[0], parts[1::2], parts[2::2]
    if len(marks) != k or len(rests[-1]) != 2 or (len(whole) > 1 and whole[0] == "0"):
        return None
    numbers, head = [], whole
    for mark, rest in zip(marks[:-1], rests[:-1]):
        following = rest[2:]
        if not following or (len(following) > 1 and following[0] == "0"):
            return None
        numbers.append(f"{head}{mark}{rest[:2]}")
        head = following
    numbers.append(f"{head}{marks[-1]}{rests[-1]}")
    return tuple(numbers)


def _glued_reading(run: str, values: tuple[float, ...]) -> tuple[str, ...] | None:
    """The run read as these whole numbers when its separators are lost ("17263391" as 1726 and 3391):
    the pieces of the run, as printed, whose digits are the values'; else None."""
    if any(v < 0 or v != int(v) for v in values):
        return None
    wanted = [str(int(v)) for v in values]
    if "".join(wanted) != re.sub(r"\s", "", run):
        return None
    pieces, at = [], 0
    for digits in wanted:
        start = at
        for _ in digits:
            while run[at].isspace():
                at += 1
            at += 1
        pieces.append(run[start:at].strip())
    return tuple(pieces)


def _cell_values(cells: tuple[str, ...]) -> tuple[float, ...] | None:
    """The numbers of a split, or None when a cell holds none (a dash)."""
    values = tuple(parse_lv_number(cell).value for cell in cells)
    return None if any(v is None for v in values) else values


@dataclass(frozen=True)
class RowRun:
    """The numbers printed on one row of a table: the run as printed, the splits that fit it, whether it
    lost its separators (then any split of its digits may be meant), and whether it may also be read as
    fewer numbers than columns (a cell left empty: "92 1 206" may be 92, 1 and 206, or 92 and 1 206).
    Only a total can say which of these is meant."""

    run: str
    candidates: tuple[tuple[str, ...], ...]
    glued: bool = False
    fewer: bool = False

    @property
    def certain(self) -> tuple[str, ...] | None:
        return self.candidates[0] if len(self.candidates) == 1 and not (self.glued or self.fewer) else None

    def reading_as(self, values: tuple[float, ...]) -> tuple[str, ...] | None:
        """The split of this run whose numbers are `values`, if one fits."""
        if self.glued:
            return _glued_reading(self.run, values)
        return next((c for c in self.candidates if _same(_cell_values(c), values)), None)


def row_run(run: str, k: int, glued: bool = False) -> RowRun:
    """How a row's run may be read as `k` numbers: by grouping; a run glued to its label, or one run of
    digits where there are columns for more, lost its separators."""
    glued = glued or (k > 1 and run.strip().isdigit())
    fewer = not glued and any(splits(run, j, limit=1) for j in range(1, k))
    return RowRun(run, tuple(splits(run, k)), glued, fewer)


def _same(a: tuple[float, ...] | None, b: tuple[float, ...]) -> bool:
    return a is not None and len(a) == len(b) and all(round(x - y, 2) == 0 for x, y in zip(a, b))


def _sums(rows: list[tuple[float, ...]], k: int) -> tuple[float, ...]:
    return tuple(round(sum(row[i] for row in rows), 2) for i in range(k))


def pick_by_total(parts: list[RowRun], total: RowRun, k: int) -> dict[int, tuple[str, ...]]:
    """The splits a printed total picks, by index of `parts` (the total itself is index len(parts)): the
    rows that are not certain, split so that the parts add up to the total column by column, where exactly
    one way does. Nothing when the rows cannot be checked (a cell without a number) or no single way fits."""
    rows = [*parts, total]
    open_rows = [i for i, row in enumerate(rows) if row.certain is None]
    if not parts or not open_rows:
        return {}
    known = {i: _cell_values(row.certain) for i, row in enumerate(rows) if row.certain is not None}
    if any(values is None for values in known.values()):
        return {}
    if len(open_rows) == 1:
        (i,) = open_rows
        others = [values for j, values in known.items() if j != len(parts)]
        if i == len(parts):
            implied = _sums(others, k)
        else:
            implied = tuple(round(t - s, 2) for t, s in zip(known[len(parts)], _sums(others, k)))
        reading = rows[i].reading_as(implied)
        return {i: reading} if reading is not None else {}
    if any(rows[i].glued or len(rows[i].candidates) >= SPLIT_LIMIT for i in open_rows):
        return {}  # a glued row, or one whose splits were not all kept: no combination is certainly the one
    choices = [[(c, _cell_values(c)) for c in rows[i].candidates] for i in open_rows]
    size = 1
    for options in choices:
        size *= len(options)
    if size > COMBINATION_LIMIT:
        return {}
    fitting = []
    for combo in product(*choices):
        if any(values is None for _, values in combo):
            continue
        values = {**known, **{i: v for i, (_, v) in zip(open_rows, combo)}}
        if _same(_sums([values[j] for j in range(len(parts))], k), values[len(parts)]):
            fitting.append(combo)
            if len(fitting) > 1:
                return {}
    return {i: cells for i, (cells, _) in zip(open_rows, fitting[0])} if fitting else {}
