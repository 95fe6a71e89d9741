"""The words the generic reader reads a table by (`table_words.toml`): total rows, part rows, count words, headers and
labels that print no amount of a year, row numbers; read and checked once. A file that is wrong is refused
in one line naming the file and the key."""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

TABLE_WORDS_FILE = Path(__file__).with_name("table_words.toml")
_KEYS = ("total", "part", "count", "not_amount", "row_number")


class TableWordsError(ValueError):
    """table_words.toml cannot be used: file, key and why, in one line."""


@dataclass(frozen=True)
class TableWords:
    total: re.Pattern
    part: re.Pattern
    count: re.Pattern
    not_amount: re.Pattern
    row_number: re.Pattern


def _pattern(data: dict, key: str, path: Path) -> re.Pattern:
    value = data.get(key)
    if not isinstance(value, list) or not value or not all(isinstance(p, str) and p.strip() for p in value):
        raise TableWordsError(f"{path.name}: '{key}' must be a list of regular expressions")
    for pattern in value:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise TableWordsError(f"{path.name}: '{key}': bad regular expression {pattern!r} ({exc})") from None
    return re.compile("|".join(f"(?:{p})" for p in value), re.IGNORECASE)


@cache
def load_table_words(path: Path = TABLE_WORDS_FILE) -> TableWords:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise TableWordsError(f"{path.name}: cannot be read: {exc}") from None
    unknown = sorted(set(data) - set(_KEYS))
    if unknown:
        raise TableWordsError(f"{path.name}: unknown key '{unknown[0]}'; it takes {', '.join(_KEYS)}")
    return TableWords(*(_pattern(data, key, path) for key in _KEYS))
