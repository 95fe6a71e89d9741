"""Numbers as a reader of each language expects them: Latvian `1 116 657,22 €`, English `1,116,657.22 €`.

Pure functions, importable without Streamlit, so they are tested directly.
"""
from __future__ import annotations

import math

# A no-break space groups thousands and separates the unit, so a number never wraps across lines.
NBSP = "\u00a0"

UNIT_SUFFIX = {
    "EUR": "€",
    "EUR_per_resident": "€",
    "percent": "%",
}

# Plotly's `separators` layout setting: the decimal mark, then the thousands separator.
PLOTLY_SEPARATORS = {"lv": ", ", "en": ".,"}


def decimals_for(value: float, unit: str | None = None) -> int:
    """Whole numbers without decimals; money with cents; other fractions with as few digits as they need."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return 0
    if float(value).is_integer():
        return 0
    if unit in ("EUR", "EUR_per_resident"):
        return 2
    for digits in (1, 2, 3):
        if abs(round(value, digits) - value) < 1e-9:
            return digits
    return 2


def number(value: float | int | None, lang: str = "lv", decimals: int | None = None) -> str:
    """`1116657.22` -> `1 116 657,22` (lv) or `1,116,657.22` (en); empty text for a missing value."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if decimals is None:
        decimals = decimals_for(value)
    text = f"{value:,.{decimals}f}"
    if lang == "lv":
        text = text.replace(",", NBSP).replace(".", ",")
    return text


def amount(value: float | int | None, unit: str | None, lang: str = "lv", decimals: int | None = None) -> str:
    """A number with its unit: `1 116 657,22 €`, `69,4 %`, `290` (counts carry their unit in the title)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if decimals is None:
        decimals = decimals_for(value, unit)
    text = number(value, lang, decimals)
    suffix = UNIT_SUFFIX.get(unit or "")
    return f"{text}{NBSP}{suffix}" if suffix else text


def signed_percent(value: float | None, lang: str = "lv") -> str:
    """A change in percent with its sign: `+5,3 %`, `−12,0 %`."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    sign = "+" if value > 0 else ("−" if value < 0 else "±")
    return f"{sign}{number(abs(value), lang, 1)}{NBSP}%"


def signed_amount(value: float | None, unit: str | None, lang: str = "lv") -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    sign = "+" if value > 0 else ("−" if value < 0 else "±")
    return f"{sign}{amount(abs(value), unit, lang)}"


def plotly_number_format(unit: str | None) -> str:
    """A d3 format for hover labels and axes: thousands grouped, cents for money."""
    return ",.2f" if unit in ("EUR", "EUR_per_resident") else ",.4~f"
