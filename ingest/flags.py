"""Why a value needs care, in English and Latvian: the kinds of flag, read from `flag_kinds.toml` beside
this module and validated when loaded.

Each kind has an English and a Latvian wording and named, typed parameters. A flag is raised as a
`Reason` (a kind and its parameters), and rendered in either language: numbers in the language's style
(Latvian `1 234,56`, English `1,234.56`), printed text quoted as it was printed, source references with
their words in the language. An unknown kind, a missing or unexpected parameter, or a parameter of the
wrong type is refused with an error naming it.
"""
from __future__ import annotations

import re
import string
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from warehouse.source_refs import reference_text

CATALOGUE_FILE = Path(__file__).with_name("flag_kinds.toml")
LANGUAGES = ("en", "lv")


class FlagKindError(ValueError):
    """A flag kind or its parameters do not match the catalogue; the message names what and why."""


@dataclass(frozen=True)
class Number:
    """A number for a flag's wording: `decimals` fixes how many are shown (else up to two, trailing zeros
    dropped); `percent` adds the per cent sign as the language writes it; `signed` a plus sign to a rise."""

    value: float
    decimals: int | None = None
    percent: bool = False
    signed: bool = False


def format_number(value: float, language: str, decimals: int | None = None) -> str:
    """`1234.5` -> '1 234,5' (lv) or '1,234.5' (en); integers without decimals."""
    if decimals is None:
        text = f"{value:,.2f}".rstrip("0").rstrip(".") if round(value, 2) % 1 else f"{value:,.0f}"
    else:
        text = f"{value:,.{decimals}f}"
    if language == "lv":
        text = text.replace(",", " ").replace(".", ",")
    return text


def _number(value: Any, language: str) -> str:
    if isinstance(value, Number):
        text = ("+" if value.signed and value.value > 0 else "") + format_number(value.value, language, value.decimals)
        return text + (" %" if language == "lv" else "%") if value.percent else text
    return format_number(value, language)


def _prints(value: Any, language: str) -> str:
    return "; ".join(f"'{printed}' ({reference_text(ref, language)})" for printed, ref in value)


# Parameter types: how a value is checked and written in each language.
_TYPES = {
    "text": (lambda v: isinstance(v, str), lambda v, language: v),
    "number": (lambda v: isinstance(v, (int, float, Number)) and not isinstance(v, bool), _number),
    "year": (lambda v: isinstance(v, int) and not isinstance(v, bool), lambda v, language: str(v)),
    "years": (lambda v: isinstance(v, tuple) and all(isinstance(y, int) for y in v),
              lambda v, language: ", ".join(map(str, v))),
    "ref": (lambda v: isinstance(v, str), reference_text),
    # other prints of a figure: (printed text, source reference) pairs
    "prints": (lambda v: isinstance(v, tuple) and all(isinstance(p, tuple) and len(p) == 2 for p in v), _prints),
}


@dataclass(frozen=True)
class FlagKind:
    name: str
    wording: dict[str, str]  # language -> template with {parameter} fields
    params: dict[str, str]  # parameter -> type


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def load_catalogue(path: Path = CATALOGUE_FILE) -> dict[str, FlagKind]:
    """The flag kinds of a catalogue file, each checked: both wordings present, every parameter typed and
    used in both, no field left undeclared."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise FlagKindError(f"{path.name}: cannot be read ({exc})") from None
    kinds = {}
    for name, entry in data.items():
        where = f"{path.name}, kind '{name}'"
        if not isinstance(entry, dict):
            raise FlagKindError(f"{where}: not a table")
        unknown = set(entry) - {*LANGUAGES, "params"}
        if unknown:
            raise FlagKindError(f"{where}: unknown keys {sorted(unknown)}")
        params = entry.get("params", {})
        bad_types = {p: t for p, t in params.items() if t not in _TYPES}
        if bad_types:
            raise FlagKindError(f"{where}: unknown parameter types {bad_types}")
        wording = {}
        for language in LANGUAGES:
            template = entry.get(language)
            if not isinstance(template, str) or not template.strip():
                raise FlagKindError(f"{where}: no {language} wording")
            if _fields(template) != set(params):
                raise FlagKindError(f"{where}: the {language} wording uses {sorted(_fields(template))}, "
                                    f"the parameters are {sorted(params)}")
            wording[language] = template
        kinds[name] = FlagKind(name, wording, dict(params))
    return kinds


CATALOGUE = load_catalogue()


@dataclass(frozen=True)
class Reason:
    """One reason a value needs care: a kind of the catalogue and its parameters."""

    kind: str
    params: tuple[tuple[str, Any], ...]

    def text(self, language: str) -> str:
        kind = CATALOGUE[self.kind]
        values = {name: _TYPES[kind.params[name]][1](value, language) for name, value in self.params}
        return kind.wording[language].format(**values)


def wording(kind: str, language: str) -> str:
    """The template of `kind` in `language`, its parameters as {fields}: for a flag written in SQL over many
    rows at once (warehouse.revisions), whose numbers are then formatted as `format_number` does."""
    found = CATALOGUE.get(kind)
    if found is None:
        raise FlagKindError(f"unknown flag kind '{kind}'")
    return found.wording[language]


def reason(kind: str, **params: Any) -> Reason:
    """A Reason of `kind`; refused when the kind is unknown or its parameters are not the declared ones."""
    found = CATALOGUE.get(kind)
    if found is None:
        raise FlagKindError(f"unknown flag kind '{kind}'")
    if set(params) != set(found.params):
        raise FlagKindError(f"flag kind '{kind}' takes {sorted(found.params)}, not {sorted(params)}")
    for name, value in params.items():
        if not _TYPES[found.params[name]][0](value):
            raise FlagKindError(f"flag kind '{kind}': parameter '{name}' is not of type {found.params[name]}: "
                                f"{value!r}")
    return Reason(kind, tuple(sorted(params.items())))
