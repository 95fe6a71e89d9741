"""The words the generic reader reads tables by (`table_words.toml`): total rows, part rows, count words,
headers and labels that print no amount of a year, row numbers, the words printed with a header's years and
the words after which a label takes a number of its own; read and checked once (ingest.generic.words_file).
A file that is wrong is refused in one line naming the file and the key."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ingest.generic.words_file import WordsFileError, read_words_file, regex_list, word_list

TABLE_WORDS_FILE = Path(__file__).with_name("table_words.toml")
_PATTERNS = ("total", "part", "count", "not_amount", "row_number")
_WORDS = ("year", "before_number")


class TableWordsError(WordsFileError):
    """table_words.toml cannot be used: file, key and why, in one line."""


@dataclass(frozen=True)
class TableWords:
    total: re.Pattern
    part: re.Pattern
    count: re.Pattern
    not_amount: re.Pattern
    row_number: re.Pattern
    year: tuple[str, ...]
    before_number: tuple[str, ...]

    def is_total(self, label: str) -> bool:
        """Whether the label says its row is a total: "Kopā pabalstiem", "Pabalsti kopā"."""
        return bool(self.total.search(label.strip()))

    def is_part(self, label: str) -> bool:
        return bool(self.part.match(label))

    def takes_number(self, label: str) -> bool:
        """Whether the label ends with a word that a number of the label itself may follow."""
        words = label.lower().split()
        return bool(words) and words[-1] in self.before_number


def _one(patterns: tuple[re.Pattern, ...]) -> re.Pattern:
    return re.compile("|".join(f"(?:{p.pattern})" for p in patterns), re.IGNORECASE)


@cache
def load_table_words(path: Path = TABLE_WORDS_FILE) -> TableWords:
    data = read_words_file(path, set(_PATTERNS) | set(_WORDS), TableWordsError)
    patterns = {key: _one(regex_list(data, key, path.name, TableWordsError)) for key in _PATTERNS}
    words = {key: tuple(w.strip().lower() for w in word_list(data, key, path.name, TableWordsError)) for key in _WORDS}
    return TableWords(**patterns, **words)
