"""The indicator catalogue, `indicators.toml`: what a fact measures, read and checked when it loads.

Every indicator must have each field of `FIELDS` and no other key, a unit the names seed names, a group of
`GROUPS`,
topic/metric pairs for the facts it can be, and words that are lower-case Latvian words and stems (letters,
digits, spaces, hyphens). An id may appear once. A bad file is refused with one line naming the file, the
line and the indicator.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from warehouse.seeds import SEEDS_DIR, SeedError, load_names

CATALOGUE_FILE = SEEDS_DIR / "indicators.toml"

GROUPS = {"social_assistance", "services", "family_care", "staff", "caseload", "population", "budget"}
# key -> type; `unless` and `default` may be left out
FIELDS = {"indicator": str, "name_lv": str, "name_en": str, "definition_lv": str, "definition_en": str,
          "unit": str, "additive": bool, "per_resident": bool, "group": str, "facts": list, "words": list,
          "unless": list, "default": bool}
OPTIONAL = {"unless": [], "default": False}
_ID = re.compile(r"[a-z][a-z0-9_]*")
_TOPIC_METRIC = re.compile(r"[a-z_]+/[a-z0-9_]+")
_WORD = re.compile(r"[a-zāčēģīķļņšūž0-9]+(?:[ -][a-zāčēģīķļņšūž0-9]+)*")


class CatalogueError(SeedError):
    """The catalogue file cannot be used; the message names the file, line and indicator, in one line."""


@dataclass(frozen=True)
class Indicator:
    indicator: str
    name_lv: str
    name_en: str
    definition_lv: str
    definition_en: str
    unit: str
    additive: bool
    per_resident: bool
    group: str
    facts: tuple[str, ...]  # topic/metric pairs
    words: tuple[str, ...]
    unless: tuple[str, ...]
    default: bool


def _header_lines(text: str) -> list[int]:
    """The line number of each `[[indicator]]` header, in order (tomllib does not say where a table starts)."""
    return [i for i, line in enumerate(text.splitlines(), 1) if line.strip() == "[[indicator]]"]


def _check(entry: dict, where: str, units: set[str]) -> Indicator:
    unknown = sorted(set(entry) - set(FIELDS))
    if unknown:
        raise CatalogueError(f"{where}: unknown keys {unknown}")
    missing = sorted(set(FIELDS) - set(OPTIONAL) - set(entry))
    if missing:
        raise CatalogueError(f"{where}: missing fields {missing}")
    values = {**OPTIONAL, **entry}
    for key, kind in FIELDS.items():
        if not isinstance(values[key], kind):
            raise CatalogueError(f"{where}: {key} must be a {kind.__name__}")
        if kind is str and not values[key].strip():
            raise CatalogueError(f"{where}: {key} is empty")
    if not _ID.fullmatch(values["indicator"]):
        raise CatalogueError(f"{where}: the id must be lower-case letters, digits and underscores")
    if values["unit"] not in units:
        raise CatalogueError(f"{where}: unknown unit '{values['unit']}' (one of {', '.join(sorted(units))})")
    if values["group"] not in GROUPS:
        raise CatalogueError(f"{where}: unknown group '{values['group']}' (one of {', '.join(sorted(GROUPS))})")
    if not values["facts"] or not all(isinstance(f, str) and _TOPIC_METRIC.fullmatch(f) for f in values["facts"]):
        raise CatalogueError(f"{where}: facts must list topic/metric pairs such as 'budget/spend'")
    for key in ("words", "unless"):
        for word in values[key]:
            if not isinstance(word, str) or not _WORD.fullmatch(word):
                raise CatalogueError(f"{where}: {key} holds {word!r}, not lower-case words (letters, digits, "
                                     "single spaces or hyphens)")
        if len(set(values[key])) != len(values[key]):
            raise CatalogueError(f"{where}: {key} holds a word twice")
    if not values["words"] and not values["default"]:
        raise CatalogueError(f"{where}: no words, and not the default of its facts: it could match nothing")
    return Indicator(**{key: tuple(value) if isinstance(value, list) else value for key, value in values.items()})


def load_catalogue(path: Path = CATALOGUE_FILE) -> dict[str, Indicator]:
    """The indicators of a catalogue file by id, in file order, each checked."""
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise CatalogueError(f"{path.name}: cannot be read ({exc})") from None
    unknown = sorted(set(data) - {"indicator"})
    if unknown:
        raise CatalogueError(f"{path.name}: unknown tables {unknown}; each indicator is an [[indicator]]")
    entries = data.get("indicator", [])
    if not isinstance(entries, list) or not entries:
        raise CatalogueError(f"{path.name}: no [[indicator]] in it")
    lines = _header_lines(text)
    found: dict[str, Indicator] = {}
    units = {name.code for name in load_names() if name.kind == "unit"}
    for i, entry in enumerate(entries):
        line = f", line {lines[i]}" if i < len(lines) else ""
        if not isinstance(entry, dict):
            raise CatalogueError(f"{path.name}{line}: an indicator must be a table")
        name = entry.get("indicator")
        where = f"{path.name}{line}, indicator '{name}'" if isinstance(name, str) else f"{path.name}{line}"
        indicator = _check(entry, where, units)
        if indicator.indicator in found:
            raise CatalogueError(f"{where}: the id is used twice")
        found[indicator.indicator] = indicator
    return found


def catalogue_rows(path: Path = CATALOGUE_FILE) -> list[tuple]:
    """The `indicators` table's rows, from the catalogue."""
    return [(i.indicator, i.name_lv, i.name_en, i.definition_lv, i.definition_en, i.unit, i.additive,
             i.per_resident, i.group, "; ".join(i.facts), "; ".join(i.words), "; ".join(i.unless), i.default)
            for i in load_catalogue(path).values()]
