"""The words text tables are read by (`table_words.toml`): total rows, part rows and the words printed
with a header's years, read and checked once. A file that is wrong is refused in one line naming the file
and the key."""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

TABLE_WORDS_FILE = Path(__file__).with_name("table_words.toml")
_KEYS = ("total", "part", "year")


class TableWordsError(ValueError):
    """table_words.toml cannot be used: file, key and why, in one line."""


@dataclass(frozen=True)
class TableWords:
    total: tuple[str, ...]
    part: tuple[str, ...]
    year: tuple[str, ...]

    def is_total(self, label: str) -> bool:
        return label.strip().lower().startswith(self.total)

    def is_part(self, label: str) -> bool:
        return label.strip().lower().startswith(self.part)


@cache
def load_table_words(path: Path = TABLE_WORDS_FILE) -> TableWords:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise TableWordsError(f"{path.name}: cannot be read: {exc}") from None
    unknown = sorted(set(data) - set(_KEYS))
    if unknown:
        raise TableWordsError(f"{path.name}: unknown key '{unknown[0]}'; it takes {', '.join(_KEYS)}")
    words = {}
    for key in _KEYS:
        value = data.get(key)
        if not isinstance(value, list) or not value or not all(isinstance(w, str) and w.strip() for w in value):
            raise TableWordsError(f"{path.name}: '{key}' must be a list of words")
        words[key] = tuple(w.strip().lower() for w in value)
    return TableWords(**words)
