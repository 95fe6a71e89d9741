"""The words the generic reader reads running text by (`prose.toml`): approximation and lower-bound words,
what makes a clause's figures differences or rates, label words, page furniture, numbers written in words;
read and checked once. A file that is wrong is refused in one line naming the file and the key."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ingest.generic.words_file import WordsFileError, entries, read_words_file, regex_list, word_list

PROSE_FILE = Path(__file__).with_name("prose.toml")
_LISTS = ("approximate", "lower_bound", "difference_after", "not_amount_before", "continuation", "filler",
          "modifiers", "abbreviations", "noise_words")
_PATTERNS = ("not_amount_patterns", "noise_line_patterns", "mask_patterns")


class ProseError(WordsFileError):
    """prose.toml cannot be used: file, key and why, in one line."""


@dataclass(frozen=True)
class ProseWords:
    approximate: tuple[str, ...]
    lower_bound: tuple[str, ...]
    difference_after: frozenset[str]
    not_amount_before: tuple[str, ...]
    continuation: frozenset[str]
    filler: re.Pattern  # every filler phrase, as one regex
    modifiers: tuple[str, ...]  # stems
    # The file's patterns of each kind joined in one, so that a text is searched once.
    not_amount: re.Pattern
    noise_line: re.Pattern
    mask: re.Pattern
    number_words: dict[str, int]  # a printed form, lower case -> its value
    abbreviations: frozenset[str]  # words whose dot ends no sentence, lower case
    noise_words: tuple[str, ...]  # a line holding one of these (lower case) is page furniture

    def is_noise(self, line: str) -> bool:
        """Whether a line is page furniture: it holds a noise word or matches a noise pattern."""
        folded = line.lower()
        return any(word in folded for word in self.noise_words) or bool(self.noise_line.search(line))

    def is_modifier(self, word: str) -> bool:
        folded = word.lower()
        return any(folded.startswith(stem) for stem in self.modifiers)


def phrases_pattern(phrases: tuple[str, ...]) -> str:
    """A regex alternative of whole phrases, longest first, white space between their words loose."""
    ordered = sorted(set(phrases), key=len, reverse=True)
    return "(?:" + "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in ordered) + ")"


@cache
def load_prose(path: Path = PROSE_FILE) -> ProseWords:
    data = read_words_file(path, {*_LISTS, *_PATTERNS, "number_word"}, ProseError)
    lists = {key: tuple(w.lower() for w in word_list(data, key, path.name, ProseError)) for key in _LISTS}
    patterns = {key: re.compile("|".join(f"(?:{p.pattern})" for p in regex_list(data, key, path.name, ProseError)),
                                re.IGNORECASE) for key in _PATTERNS}
    number_words: dict[str, int] = {}
    for entry, where in entries(data, "number_word", {"value", "words"}, path, ProseError):
        value = entry.get("value")
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise ProseError(f"{where}: 'value' must be a whole number of 1 or more")
        for word in word_list(entry, "words", where, ProseError):
            if number_words.setdefault(word.lower(), value) != value:
                raise ProseError(f"{where}: '{word}' is already the number {number_words[word.lower()]}")
    filler = re.compile(rf"(?<!\w){phrases_pattern(lists['filler'])}(?!\w)", re.IGNORECASE)
    return ProseWords(lists["approximate"], lists["lower_bound"], frozenset(lists["difference_after"]),
                      lists["not_amount_before"],
                      frozenset(lists["continuation"]), filler, lists["modifiers"],
                      patterns["not_amount_patterns"], patterns["noise_line_patterns"], patterns["mask_patterns"],
                      number_words, frozenset(lists["abbreviations"]), lists["noise_words"])
