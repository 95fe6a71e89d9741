"""The words the generic reader tells whose document it is and when by (`identity.toml`): what makes a
municipality's name the document's own, which years and dates are a figure's period and which are not, the
parts of a year, the years counted from the publication date. Read, checked and compiled once; a file that
is wrong is refused in one line naming the file and the key."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ingest.generic.words_file import WordsFileError, read_words_file

IDENTITY_WORDS_FILE = Path(__file__).with_name("identity.toml")


class IdentityWordsError(WordsFileError):
    """identity.toml cannot be used: file, key and why, in one line."""


@dataclass(frozen=True)
class RelativeYear:
    years: int  # added to the year of the publication date: 0 "šogad", -1 "pērn"
    words: re.Pattern


@dataclass(frozen=True)
class PartOfYear:
    first_month: int
    last_month: int
    words: re.Pattern


@dataclass(frozen=True)
class IdentityWords:
    self_name: re.Pattern  # matched at the start of the text after a municipality's form
    not_named: re.Pattern  # likewise
    least_mentions: int
    dominance: int
    report: re.Pattern  # anywhere in a line
    published: re.Pattern  # anywhere: the words the page's own date follows
    as_of: re.Pattern  # matched at the end of the text before a date
    no_period_after: re.Pattern  # likewise, before a year
    no_period_before: re.Pattern  # matched at the start of the text after a year or a date
    relative: tuple[RelativeYear, ...]
    parts: tuple[PartOfYear, ...]


_MUNICIPALITY_KEYS = {"self_name", "not_named", "least_mentions", "dominance"}
_PERIOD_KEYS = {"report", "published", "as_of", "no_period_after", "no_period_before", "relative", "part"}


def _table(data: dict, key: str, keys: set[str], where: str) -> dict:
    table = data.get(key)
    if not isinstance(table, dict):
        raise IdentityWordsError(f"{where}: [{key}] is missing")
    _check_keys(table, keys, f"{where}: [{key}]")
    return table


def _check_keys(table: dict, keys: set[str], at: str) -> None:
    """Refuse a table with a key not in `keys`, or without one of them."""
    unknown = sorted(set(table) - keys)
    if unknown:
        raise IdentityWordsError(f"{at} unknown key '{unknown[0]}'; it takes {', '.join(sorted(keys))}")
    missing = sorted(keys - set(table))
    if missing:
        raise IdentityWordsError(f"{at} '{missing[0]}' is missing")


def _alternatives(value: object, where: str) -> str:
    """One regex alternative of a list of patterns, each checked."""
    if not isinstance(value, list) or not value or not all(isinstance(p, str) and p.strip() for p in value):
        raise IdentityWordsError(f"{where}: must be a list of patterns")
    for pattern in value:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise IdentityWordsError(f"{where}: '{pattern}' is not a regular expression ({exc})") from None
    return "(?:" + "|".join(value) + ")"


def _following(value: object, where: str) -> re.Pattern:
    """Words matched at the start of the text that follows something."""
    return re.compile(r"\s*" + _alternatives(value, where) + r"(?!\w)", re.IGNORECASE)


def _preceding(value: object, where: str) -> re.Pattern:
    """Words matched at the end of the text that precedes something."""
    return re.compile(r"(?<!\w)" + _alternatives(value, where) + r"\s*:?\s*$", re.IGNORECASE)


def _anywhere(value: object, where: str) -> re.Pattern:
    return re.compile(r"(?<!\w)" + _alternatives(value, where) + r"(?!\w)", re.IGNORECASE)


def _whole_number(value: object, where: str, lowest: int, highest: int = 10 ** 6) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not lowest <= value <= highest:
        raise IdentityWordsError(f"{where}: must be a whole number from {lowest} to {highest}")
    return value


def _entries(table: dict, key: str, keys: set[str], where: str) -> list[tuple[dict, str]]:
    entries = table[key]
    if not isinstance(entries, list) or not entries or not all(isinstance(e, dict) for e in entries):
        raise IdentityWordsError(f"{where}: '{key}' must be written [[period.{key}]]")
    out = []
    for i, entry in enumerate(entries, 1):
        at = f"{where}: [[period.{key}]] {i}"
        _check_keys(entry, keys, f"{at}:")
        out.append((entry, at))
    return out


def _part(entry: dict, where: str) -> PartOfYear:
    months = entry["months"]
    if not isinstance(months, list) or len(months) != 2:
        raise IdentityWordsError(f"{where}: 'months' must be [first, last]")
    first, last = (_whole_number(m, f"{where}: 'months'", 1, 12) for m in months)
    if first > last:
        raise IdentityWordsError(f"{where}: 'months' {first} is after {last}")
    return PartOfYear(first, last, _anywhere(entry["words"], f"{where}: 'words'"))


@cache
def load_identity_words(path: Path = IDENTITY_WORDS_FILE) -> IdentityWords:
    data = read_words_file(path, {"municipality", "period"}, IdentityWordsError)
    where = path.name
    places = _table(data, "municipality", _MUNICIPALITY_KEYS, where)
    period = _table(data, "period", _PERIOD_KEYS, where)
    return IdentityWords(
        self_name=_following(places["self_name"], f"{where}: [municipality] self_name"),
        not_named=_following(places["not_named"], f"{where}: [municipality] not_named"),
        least_mentions=_whole_number(places["least_mentions"], f"{where}: [municipality] least_mentions", 1),
        dominance=_whole_number(places["dominance"], f"{where}: [municipality] dominance", 1),
        report=_anywhere(period["report"], f"{where}: [period] report"),
        published=re.compile(_anywhere(period["published"], f"{where}: [period] published").pattern + r"\s*:?\s*",
                             re.IGNORECASE),
        as_of=_preceding(period["as_of"], f"{where}: [period] as_of"),
        no_period_after=_preceding(period["no_period_after"], f"{where}: [period] no_period_after"),
        no_period_before=_following(period["no_period_before"], f"{where}: [period] no_period_before"),
        relative=tuple(RelativeYear(_whole_number(e["years"], f"{at}: 'years'", -10, 0),
                                    _anywhere(e["words"], f"{at}: 'words'"))
                       for e, at in _entries(period, "relative", {"years", "words"}, where)),
        parts=tuple(_part(e, at) for e, at in _entries(period, "part", {"months", "words"}, where)))
