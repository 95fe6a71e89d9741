"""Counts printed in a cell with the words saying what they count ('41 aizgādnim par 62 personām')."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.numbers import LvNumber, parse_lv_number

_COUNT = re.compile(r"(?<![\w.,])\d[\d ]*(?:[.,]\d+)?")


@dataclass(frozen=True)
class CountWord:
    """What a count counts, by the words printed after it: `words` a regex (case-insensitive)."""

    words: str
    metric: str
    unit: str


def counted_parts(text: str) -> list[tuple[str, LvNumber, str]]:
    """Each count printed in a cell with the words after it, e.g. '41 aizgādnim par 62 personām' ->
    ('41', 41, 'aizgādnim'), ('62', 62, 'personām'); words before the first count are dropped."""
    found = list(_COUNT.finditer(text))
    parts = []
    for m, following in zip(found, found[1:] + [None]):
        words = text[m.end(): following.start() if following else len(text)]
        token = m.group(0).strip()
        parts.append((token, parse_lv_number(token), _clean_words(words)))
    return parts


def _clean_words(words: str) -> str:
    """'(pilngadīgais ģim.loc.) – ' -> 'pilngadīgais ģim.loc.'; 'mājsaimniec/ par ' -> 'mājsaimniec'."""
    words = re.sub(r"[()]", " ", words)
    words = re.sub(r"\s*[–—]\s*", " – ", words)
    words = re.sub(r"\s+", " ", words).strip(" /;,–")
    words = re.sub(r"[\s/;,]*\bpar$", "", words).strip(" /;,")
    return re.sub(r"\.{2,}$", ".", words)


def counted_as(words: str, counted: tuple[CountWord, ...]) -> tuple[str, str] | None:
    """(metric, unit) of a count by the words printed after it; None when no entry knows them."""
    for entry in counted:
        if re.search(entry.words, words, re.IGNORECASE):
            return entry.metric, entry.unit
    return None
