"""Numbers as a reader of each language expects them: Latvian `1 116 657,22 €`, English `1,116,657.22 €`.

Dates likewise: `2015. gada 31. marts`, `31 March 2015` (Babel's CLDR patterns). Pure functions, importable
without Streamlit, so they are tested directly.
"""
from __future__ import annotations

import datetime
import math
import re

import pandas as pd
from babel.dates import format_date, format_datetime

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


def date_text(value, lang: str = "lv") -> str:
    """A date, a month, a year or a period (`2021-07-01..2021-12-31`) as the reader writes it: `2015. gada
    31. marts`, `2017. gada februāris`; in English `31 March 2015`, `February 2017`; a period as its two ends
    (`2011–2015`). A timestamp with its time. Text that is none of these is returned as it is."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return ""
    locale = "en_GB" if lang == "en" else "lv"
    if isinstance(value, (pd.Timestamp, datetime.datetime)):
        return format_datetime(value, "d MMMM y, HH:mm" if lang == "en" else "y. 'gada' d. MMMM, HH:mm",
                               locale=locale)
    text = str(value).strip()
    if ".." in text:
        start, _, end = text.partition("..")
        return f"{date_text(start, lang)} – {date_text(end, lang)}" if "-" in start + end else f"{start}–{end}"
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return format_date(datetime.date.fromisoformat(text), "long", locale=locale)
        if re.fullmatch(r"\d{4}-\d{2}", text):
            month = datetime.date.fromisoformat(text + "-01")
            return format_date(month, "LLLL y" if lang == "en" else "y. 'gada' LLLL", locale=locale)
    except ValueError:  # not a date after all (a month 13)
        pass
    return text
