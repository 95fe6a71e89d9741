"""The generic reader's units (`units.toml`): currencies, scale words and counted nouns, read and checked
once. A file that is wrong is refused in one line naming the file and the key."""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from warehouse.seeds import load_names

UNITS_FILE = Path(__file__).with_name("units.toml")


class UnitsError(ValueError):
    """units.toml cannot be used: file, key and why, in one line."""


@dataclass(frozen=True)
class Currency:
    unit: str  # EUR, LVL
    words: tuple[str, ...]


@dataclass(frozen=True)
class Scale:
    factor: int
    words: tuple[str, ...]


@dataclass(frozen=True)
class CountedNoun:
    unit: str
    stems: tuple[str, ...]


@dataclass(frozen=True)
class Units:
    lvl_per_eur: float
    currencies: tuple[Currency, ...]
    scales: tuple[Scale, ...]
    nouns: tuple[CountedNoun, ...]

    def currency_of(self, word: str) -> str | None:
        """The unit a printed currency word is ("eiro" -> EUR, "Ls" -> LVL), else None."""
        return next((c.unit for c in self.currencies if word in c.words), None)

    def scale_of(self, word: str) -> int | None:
        """The factor a scale word multiplies by ("tūkst." -> 1000), else None."""
        folded = word.lower()
        return next((s.factor for s in self.scales if folded in s.words), None)

    def noun_unit(self, word: str) -> str | None:
        """The unit a counted noun is counted in ("personām" -> persons), else None."""
        folded = word.lower()
        return next((n.unit for n in self.nouns if any(folded.startswith(stem) for stem in n.stems)), None)

    @property
    def currency_pattern(self) -> str:
        """A regex alternative of every currency word, longest first, each a whole word."""
        words = sorted({w for c in self.currencies for w in c.words}, key=len, reverse=True)
        return "(?:" + "|".join(rf"(?<!\w){re.escape(w)}(?!\w)" if w[-1].isalnum() else re.escape(w)
                               for w in words) + ")"


def _words(entry: dict, key: str, where: str) -> tuple[str, ...]:
    value = entry.get(key)
    if not isinstance(value, list) or not value or not all(isinstance(w, str) and w.strip() for w in value):
        raise UnitsError(f"{where}: '{key}' must be a list of words")
    return tuple(value)


def _entries(data: dict, key: str, fields: set[str], path: Path) -> list[tuple[dict, str]]:
    entries = data.get(key, [])
    if not isinstance(entries, list):
        raise UnitsError(f"{path.name}: '{key}' must be written [[{key}]]")
    out = []
    for i, entry in enumerate(entries):
        where = f"{path.name}: [[{key}]] {i + 1}"
        unknown = sorted(set(entry) - fields)
        if unknown:
            raise UnitsError(f"{where}: unknown key '{unknown[0]}'; it takes {', '.join(sorted(fields))}")
        out.append((entry, where))
    return out


@cache
def load_units(path: Path = UNITS_FILE) -> Units:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise UnitsError(f"{path.name}: cannot be read: {exc}") from None
    unknown = sorted(set(data) - {"lvl_per_eur", "currency", "scale", "noun"})
    if unknown:
        raise UnitsError(f"{path.name}: unknown key '{unknown[0]}'")
    rate = data.get("lvl_per_eur")
    if not isinstance(rate, float) or not 0 < rate < 1:
        raise UnitsError(f"{path.name}: 'lvl_per_eur' must be a number between 0 and 1")
    known_units = {n.code for n in load_names() if n.kind == "unit"}

    def unit(entry: dict, where: str) -> str:
        if entry.get("unit") not in known_units:
            raise UnitsError(f"{where}: unit {entry.get('unit')!r} is not a unit of the names seed")
        return entry["unit"]

    currencies = tuple(Currency(unit(e, w), _words(e, "words", w))
                       for e, w in _entries(data, "currency", {"unit", "words"}, path))
    scales = []
    for entry, where in _entries(data, "scale", {"factor", "words"}, path):
        if not isinstance(entry.get("factor"), int) or entry["factor"] < 10:
            raise UnitsError(f"{where}: 'factor' must be a whole number of 10 or more")
        scales.append(Scale(entry["factor"], tuple(w.lower() for w in _words(entry, "words", where))))
    nouns = tuple(CountedNoun(unit(e, w), tuple(s.lower() for s in _words(e, "stems", w)))
                  for e, w in _entries(data, "noun", {"unit", "stems"}, path))
    return Units(rate, currencies, tuple(scales), nouns)
