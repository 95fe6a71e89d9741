"""Reading numbers as Latvian reports print them.

Spaces (also no-break and thin spaces) group thousands, comma or dot marks decimals, `%` and `+` may
follow, `-` means no value (in a count table: none, read as 0 and flagged). Misprints are read as a careful person
would, and each reading is explained by a flag reason (ingest/flags.py) so that nobody has to trust it
blindly.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.flags import Number, Reason, reason

# Characters that group thousands in these reports.
_SPACES = " \u00a0\u202f\u2009\u2007"
_DASHES = {"-", "–", "—"}
_MISSING = {"", *_DASHES, "x", "X", "..", "…"}

# A leading number token: digits, grouping spaces and decimal marks; a sign in front.
_TOKEN = re.compile(rf"^(?P<sign>[-−–]?)(?P<body>\d[\d{_SPACES}]*(?:[.,][\d{_SPACES}]*\d)*)(?P<pct>\s*%)?(?P<plus>\+)?")


@dataclass(frozen=True)
class LvNumber:
    value: float | None  # None when the text holds no number (e.g. "-")
    reasons: tuple[Reason, ...] = ()  # why the reading needs care
    is_percent: bool = False
    rest: str = ""  # text after the number, e.g. "vienošanās" in "259; 219 vienošanās"


def _join_groups(int_part: str) -> tuple[str, bool]:
    """Digits of the integer part, and whether its grouping was irregular."""
    groups = [g for g in re.split(f"[{_SPACES}]+", int_part.strip()) if g]
    irregular = len(groups) > 1 and (len(groups[0]) > 3 or any(len(g) != 3 for g in groups[1:]))
    return "".join(groups), irregular


def parse_lv_number(text: str | None, dash_means_none: bool = False) -> LvNumber:
    """Read the number at the start of `text`. A printed dash gives no value, unless `dash_means_none`
    (a count table, where '-' says there was none, so that the total adds up): then it is 0, flagged.

    >>> parse_lv_number("1 116 657,22").value
    1116657.22
    """
    if text is None:
        return LvNumber(None)
    raw = text.strip()
    if dash_means_none and raw in _DASHES:
        return LvNumber(0.0, (reason("printed_dash", printed=raw),))
    if raw in _MISSING:
        return LvNumber(None)
    m = _TOKEN.match(raw)
    if not m:
        return LvNumber(None, rest=raw)
    body = m.group("body").rstrip(_SPACES)
    rest = raw[m.end():].strip().lstrip(";").strip()
    kinds: list[tuple[str, str]] = []  # (flag kind, the printed text it is about)

    marks = [i for i, ch in enumerate(body) if ch in ".,"]
    if not marks:
        int_part, frac = body, ""
    elif len(marks) == 1:
        int_part, frac = body[: marks[0]], body[marks[0] + 1:]
    else:
        # Two decimal marks ("6 492.5.00"): the first one is the decimal point; what follows the
        # second is a stray repeat of the decimals.
        int_part, frac = body[: marks[0]], body[marks[0] + 1: marks[1]]
        kinds.append(("two_decimal_marks", raw))

    frac = re.sub(f"[{_SPACES}]", "", frac)
    digits, irregular = _join_groups(int_part)
    if irregular:
        kinds.append(("irregular_grouping", m.group(0).strip()))
    if len(frac) == 3 and len(marks) == 1:
        # In these reports a dot or comma is a decimal mark, never a thousands separator.
        kinds.append(("three_decimal_places", raw))

    value = float(f"{digits}.{frac}" if frac else digits)
    if m.group("sign"):
        value = -value
    if m.group("plus"):
        kinds.append(("at_least", m.group(0).strip()))
    reading = Number(value, decimals=2 if frac else 0)
    reasons = tuple(reason(kind, printed=printed, reading=reading) for kind, printed in kinds)
    return LvNumber(value, reasons, is_percent=bool(m.group("pct")), rest=rest)
