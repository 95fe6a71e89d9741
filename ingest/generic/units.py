"""The generic reader's units (`units.toml`): currencies, scale words and counted nouns, read and checked
once. A file that is wrong is refused in one line naming the file and the key."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ingest.generic.words_file import WordsFileError, entries, read_words_file, word_list
from warehouse.seeds import load_names

UNITS_FILE = Path(__file__).with_name("units.toml")
# A counted noun is its stem and a case ending, never a longer word ("liet" counts "lietām", not "lietveži").
_ENDING_LETTERS = 3


class UnitsError(WordsFileError):
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
    # Whether the noun is a word of its figure's label: "iedzīvotāji" after a number are residents who did
    # something ("ap 70 iedzīvotāju apmeklēja"), not the municipality's residents, which a clause says in its
    # own words ("iedzīvotāju skaits ir 45 959 personas").
    in_label: bool = True


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

    def counted_noun(self, word: str) -> CountedNoun | None:
        """The counted noun a word is ("personām", "cilv." -> persons), else None: the word is one of the
        stems with a case ending of at most three letters."""
        folded = word.lower().rstrip(".")
        return next((n for n in self.nouns
                     if any(folded.startswith(stem) and len(folded) - len(stem) <= _ENDING_LETTERS
                            for stem in n.stems)), None)

    def noun_unit(self, word: str) -> str | None:
        """The unit a counted noun is counted in ("personām" -> persons), else None."""
        noun = self.counted_noun(word)
        return noun.unit if noun else None

    @property
    def currency_pattern(self) -> str:
        """A regex alternative of every currency word, longest first, each a whole word."""
        words = sorted({w for c in self.currencies for w in c.words}, key=len, reverse=True)
        return "(?:" + "|".join(rf"(?<!\w){re.escape(w)}(?!\w)" if w[-1].isalnum() else re.escape(w)
                               for w in words) + ")"

    @property
    def scale_pattern(self) -> str:
        """A regex alternative of every scale word (lower case as the file gives them), longest first."""
        words = sorted({w for s in self.scales for w in s.words}, key=len, reverse=True)
        return "(?:" + "|".join(rf"{re.escape(w)}(?!\w)" for w in words) + ")"


@cache
def load_units(path: Path = UNITS_FILE) -> Units:
    data = read_words_file(path, {"lvl_per_eur", "currency", "scale", "noun"}, UnitsError)
    rate = data.get("lvl_per_eur")
    if not isinstance(rate, float) or not 0 < rate < 1:
        raise UnitsError(f"{path.name}: 'lvl_per_eur' must be a number between 0 and 1")
    known_units = {n.code for n in load_names() if n.kind == "unit"}

    def unit(entry: dict, where: str) -> str:
        if entry.get("unit") not in known_units:
            raise UnitsError(f"{where}: unit {entry.get('unit')!r} is not a unit of the names seed")
        return entry["unit"]

    currencies = tuple(Currency(unit(e, w), word_list(e, "words", w, UnitsError))
                       for e, w in entries(data, "currency", {"unit", "words"}, path, UnitsError))
    scales = []
    for entry, where in entries(data, "scale", {"factor", "words"}, path, UnitsError):
        if not isinstance(entry.get("factor"), int) or entry["factor"] < 10:
            raise UnitsError(f"{where}: 'factor' must be a whole number of 10 or more")
        scales.append(Scale(entry["factor"], tuple(w.lower() for w in word_list(entry, "words", where, UnitsError))))
    nouns = []
    for entry, where in entries(data, "noun", {"unit", "stems", "in_label"}, path, UnitsError):
        if not isinstance(entry.get("in_label", True), bool):
            raise UnitsError(f"{where}: 'in_label' must be true or false")
        stems = tuple(s.lower() for s in word_list(entry, "stems", where, UnitsError))
        nouns.append(CountedNoun(unit(entry, where), stems, entry.get("in_label", True)))
    return Units(rate, currencies, tuple(scales), tuple(nouns))
