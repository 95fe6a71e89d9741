"""The one token vocabulary of rules-file patterns, and named fragments.

A pattern is a regular expression in which `{name}` stands for a token of TOKENS (`{n}` a printed number,
`{y}` a year, …), for a fragment the rules file names in its `[fragments]` table, or for a form of the
document's municipality name (`{municipality}`, `{of_municipality}`, `{in_municipality}`), filled in once the
document says whose report it is. Regex quantifiers (`\\d{1,3}`) are never names, so they are left alone.
"""
from __future__ import annotations

import re

TOKENS: dict[str, str] = {
    # A printed number: digits, spaces grouping thousands, a decimal part ("1 234,56", "17", "0.5").
    "n": r"(?P<value>\d[\d ]*\d(?:[.,]\d+)?|\d(?:[.,]\d+)?)",
    "y": r"(?P<year>(?:19|20)\d\d)",
    # A day and a month name: "1. janvāri"
    "date": r"(?P<day>\d{1,2})\. (?P<month>[a-zāēīū]+)",
    "q": r"[\"“”„]",
    "d": r"[–—-]",
    # Unnamed pieces for the parts of a sentence that are not the figure read.
    "int": r"(?:\d{1,3}(?:[ \u00a0]\d{3})+|\d+)",
    "dec": r"\d+(?:[.,]\d+)?",
    "pct": r"\d+(?:[.,]\d+)?\s?%",
}

# Forms of the municipality's name, known only once the document is identified.
PLACE_TOKENS = ("municipality", "of_municipality", "in_municipality")

_NAME = re.compile(r"\{([a-z_][a-z0-9_]*)\}")


class TokenError(ValueError):
    """A pattern names a token or fragment that does not exist, or fragments name each other in a loop."""


def expand(pattern: str, fragments: dict[str, str] | None = None, places: dict[str, str] | None = None,
           _seen: tuple[str, ...] = ()) -> str:
    """The regular expression a pattern stands for. Place tokens are kept as they are when `places` is None
    (the pattern is then only checked), so that a rules file can be validated before any document is read."""
    fragments = fragments or {}

    def fill(m: re.Match) -> str:
        name = m.group(1)
        if name in TOKENS:
            return TOKENS[name]
        if name in PLACE_TOKENS:
            return re.escape(places[name]) if places is not None else m.group(0)
        if name in fragments:
            if name in _seen:
                raise TokenError(f"fragment '{name}' names itself")
            return expand(fragments[name], fragments, places, (*_seen, name))
        raise TokenError(f"unknown token '{{{name}}}'")

    return _NAME.sub(fill, pattern)


def placeholder_free(pattern: str) -> str:
    """A pattern with place tokens replaced by a word, so that it can be compiled to be checked."""
    return _NAME.sub(lambda m: "Xx" if m.group(1) in PLACE_TOKENS else m.group(0), pattern)


def fill_places(template: str, places: dict[str, str]) -> str:
    """A name template with the municipality's forms written in ("{of_municipality} sociālais dienests" ->
    "Tukuma novada sociālais dienests"); its other fields are left to be filled from a sentence's groups."""
    return _NAME.sub(lambda m: places[m.group(1)] if m.group(1) in PLACE_TOKENS else m.group(0), template)
