"""The words text tables are read by (`table_words.toml`): total rows, part rows, the words printed
with a header's years and the words after which a label takes a number of its own, read and checked once.
A file that is wrong is refused in one line naming the file and the key."""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

TABLE_WORDS_FILE = Path(__file__).with_name("table_words.toml")
_KEYS = ("total", "part", "year", "before_number")


class TableWordsError(ValueError):
    """table_words.toml cannot be used: file, key and why, in one line."""


@dataclass(frozen=True)
class TableWords:
    total: tuple[str, ...]
    part: tuple[str, ...]
    year: tuple[str, ...]
    before_number: tuple[str, ...]

    def is_total(self, label: str) -> bool:
        """Whether the label says its row is a total: "Kopā pabalstiem", "Pabalsti kopā"."""
        folded = label.strip().rstrip(":").lower()
        return folded.startswith(self.total) or folded.endswith(self.total)

    def is_part(self, label: str) -> bool:
        return label.strip().lower().startswith(self.part)

    def takes_number(self, label: str) -> bool:
        """Whether the label ends with a word that a number of the label itself may follow."""
        words = label.lower().split()
        return bool(words) and words[-1] in self.before_number


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
