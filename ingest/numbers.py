"""Reading numbers as Latvian reports print them.

Spaces (also no-break and thin spaces) group thousands, comma or dot marks decimals, `%` and `+` may
follow, `-` means no value. Misprints are read as a careful person would, and the reading is explained
in `flag` so that nobody has to trust it blindly.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# Characters that group thousands in these reports.
_SPACES = " \u00a0\u202f\u2009\u2007"
_MISSING = {"", "-", "–", "—", "x", "X", "..", "…"}

# A leading number token: digits, grouping spaces and decimal marks; a sign in front.
_TOKEN = re.compile(rf"^(?P<sign>[-−–]?)(?P<body>\d[\d{_SPACES}]*(?:[.,][\d{_SPACES}]*\d)*)(?P<pct>\s*%)?(?P<plus>\+)?")


@dataclass(frozen=True)
class LvNumber:
    value: float | None  # None when the text holds no number (e.g. "-")
    flag: str | None = None  # why the reading needs care, else None
    is_percent: bool = False
    rest: str = ""  # text after the number, e.g. "vienošanās" in "259; 219 vienošanās"


def _join_groups(int_part: str) -> tuple[str, bool]:
    """Digits of the integer part, and whether its grouping was irregular."""
    groups = [g for g in re.split(f"[{_SPACES}]+", int_part.strip()) if g]
    irregular = len(groups) > 1 and (len(groups[0]) > 3 or any(len(g) != 3 for g in groups[1:]))
    return "".join(groups), irregular


def _group(digits: str) -> str:
    """'1004777' -> '1 004 777', to show the reading in a flag."""
    out = ""
    while len(digits) > 3:
        out = " " + digits[-3:] + out
        digits = digits[:-3]
    return digits + out


def parse_lv_number(text: str | None) -> LvNumber:
    """Read the number at the start of `text`.

    >>> parse_lv_number("1 116 657,22").value
    1116657.22
    """
    if text is None:
        return LvNumber(None)
    raw = text.strip()
    if raw in _MISSING:
        return LvNumber(None)
    m = _TOKEN.match(raw)
    if not m:
        return LvNumber(None, rest=raw)
    body = m.group("body").rstrip(_SPACES)
    rest = raw[m.end():].strip().lstrip(";").strip()
    flags: list[str] = []

    marks = [i for i, ch in enumerate(body) if ch in ".,"]
    if not marks:
        int_part, frac = body, ""
    elif len(marks) == 1:
        int_part, frac = body[: marks[0]], body[marks[0] + 1:]
    else:
        # Two decimal marks ("6 492.5.00"): the first one is the decimal point; what follows the
        # second is a stray repeat of the decimals.
        int_part, frac = body[: marks[0]], body[marks[0] + 1: marks[1]]
        flags.append(f"two decimal marks in '{raw}'")

    frac = re.sub(f"[{_SPACES}]", "", frac)
    digits, irregular = _join_groups(int_part)
    if irregular:
        flags.append(f"irregular digit grouping in '{m.group(0).strip()}'")
    if len(frac) == 3 and len(marks) == 1:
        # In these reports a dot or comma is a decimal mark, never a thousands separator.
        flags.append(f"three decimal places printed in '{raw}'")

    value = float(f"{digits}.{frac}" if frac else digits)
    if m.group("sign"):
        value = -value
    if m.group("plus"):
        flags.append(f"printed as '{m.group(0).strip()}' (at least this many)")
    if flags:
        shown = _group(digits) + (f",{frac[:3].ljust(2, '0')[:2]}" if frac else "")
        flags[-1] += f"; read as {shown}"
    return LvNumber(value, "; ".join(flags) or None, is_percent=bool(m.group("pct")), rest=rest)


def find_lv_numbers(text: str) -> list[tuple[str, LvNumber]]:
    """Every number printed in a run of text, with the printed token (for prose rules)."""
    found = []
    for m in re.finditer(rf"(?<![\w.,])\d[\d{_SPACES}]*(?:[.,]\d+)*%?", text):
        token = m.group(0).rstrip(_SPACES)
        found.append((token, parse_lv_number(token)))
    return found
