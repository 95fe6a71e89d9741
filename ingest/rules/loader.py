"""Reading a layout's rules file (TOML) into typed rules, refusing what is wrong with the file and line.

A rules file has the tables `[layout]` (name, signature, formats, transforms, territory kinds),
`[fragments]` (named pieces of patterns and names), `[document]` (whose report it is and which one, with
`[[document.find]]` patterns), `[[tables]]` (each with a `shape` and the keys of that shape's spec),
`[[prose]]` groups of `[[prose.rules]]`, `[[checks]]` (each with a `kind`, and `among = "prose"` for a check
of the prose figures alone), `[[same_figures]]` and `[[transform_rules]]` (each with the `transform` it is for,
one of `[layout] transforms` registered with a spec, and the keys of that spec).
Every key is checked against the dataclass it fills: an unknown key, a missing one, a value of the wrong
type, a pattern that does not compile or that lacks the group a rule reads are each refused in one line.
"""
from __future__ import annotations

import dataclasses
import re
import tomllib
import types
import typing
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from ingest.checks import (ChangeCheck, ListedPartsCheck, PartCheck, Pick, RangeCheck, RatioCheck, RowPartsCheck,
                           SameFigure, ShareCheck, StageTotalsCheck, SumCheck)
from ingest.flags import CATALOGUE as FLAG_KINDS
from ingest.rules import registry
from ingest.rules.tokens import PLACE_TOKENS, TokenError, expand, placeholder_free
from ingest.specs import Prose

CHECK_KINDS: dict[str, type] = {"sum": SumCheck, "ratio": RatioCheck, "share": ShareCheck, "change": ChangeCheck,
                                "part": PartCheck, "range": RangeCheck, "listed_parts": ListedPartsCheck,
                                "row_parts": RowPartsCheck, "stage_totals": StageTotalsCheck}

# Keys that hold regular expressions, in any table of a rules file: they may use tokens and fragments.
REGEX_KEYS = frozenset({"pattern", "caption", "header", "context", "signature", "subtotal", "total", "skip_rows",
                        "value_columns", "part", "section", "volumes", "target_group", "words", "caption_total",
                        "labels"})
# Keys that hold names: a `{fragment}` in them is replaced by the fragment's text; other `{group}` fields
# are filled from the groups of the sentence a figure is read from.
TEMPLATE_KEYS = frozenset({"category", "subgroup", "territory", "period", "municipality"})
PLACE_FORMS = {"parish": "parish_nominative", "unit": "unit_nominative"}  # -> ingest.place_names


class RulesError(ValueError):
    """A rules file that cannot be used, said in one line: file, line, key and why."""


@dataclass(frozen=True)
class Find:
    """A pattern the document's identity is read from; its groups are known as `{name[group]}` in the
    `[document]` templates. `within`: text (the lines as read), flow (lines joined, white space folded),
    cover (the first 400 characters of the flow, emphasis marks removed) or file_name. `pick`: first, or
    latest (the match with the greatest `year` group)."""

    name: str
    pattern: str
    within: str = "text"
    pick: str = "first"


@dataclass(frozen=True)
class DocumentRules:
    """Whose report a document is and which one, as templates over the groups of its finds; a template
    naming a group that was not found gives nothing. `municipality` is a name ("Latvija") or a printed form
    looked up in the municipalities seed; `period` is a template or `facts` (the earliest year of the
    figures to the report year), `annual` (the years of figures that cover a whole year) or `table_years`
    (those years of the tables' figures only: a date the text gives is not a year of the data)."""

    kind: str
    municipality: str
    find: tuple[Find, ...] = ()
    title: str | None = None
    report_year: str | None = None
    published: str | None = None
    edition: str | None = None
    period: str = "facts"


@dataclass(frozen=True)
class ProseRules:
    """Prose figures that share a context sentence (ingest.specs.ProseGroup), with defaults for their rules.
    `dated`: report_year dates every rule whose sentence names no year by the report year."""

    rules: tuple[Prose, ...]
    context: str | None = None
    municipality: str | None = None
    territory: str | None = None
    territory_form: str | None = None  # parish or unit: the printed place in the nominative
    dated: str | None = None
    flags: tuple[str, ...] = ()  # flag kinds (without parameters) every fact of the group gets


@dataclass(frozen=True)
class TableRule:
    shape: str
    spec: Any


@dataclass(frozen=True)
class TransformRule:
    transform: str
    spec: Any


@dataclass(frozen=True)
class LayoutRules:
    name: str
    path: Path
    signature: tuple[str, ...]
    document: DocumentRules
    formats: tuple[str, ...] = ("pdf", "txt", "md")
    fragments: dict[str, str] = field(default_factory=dict)
    transforms: tuple[str, ...] = ()
    territory_kinds: tuple[tuple[str, str], ...] = ()  # (regex, kind): the first that matches a territory
    strip_emphasis: bool = False  # read prose with markdown emphasis marks (*, **) removed
    tables: tuple[TableRule, ...] = ()
    prose: tuple[ProseRules, ...] = ()
    checks: tuple[Any, ...] = ()
    prose_checks: tuple[Any, ...] = ()  # checks of the prose figures alone (`among = "prose"`)
    same_figures: tuple[SameFigure, ...] = ()
    transform_rules: tuple[TransformRule, ...] = ()

    def specs_of(self, transform: str) -> tuple:
        """The specs the file gives the transform, in order."""
        return tuple(rule.spec for rule in self.transform_rules if rule.transform == transform)


# --------------------------------------------------------------------------- where a key is in the file

_PROJECT = Path(__file__).resolve().parents[2]


def _shown(path: Path) -> str:
    """A rules file as messages name it: its path inside the project, else its name."""
    try:
        return str(path.resolve().relative_to(_PROJECT))
    except ValueError:
        return path.name


class _Locator:
    """The line of a key path (`tables`, 3, `caption`) in a TOML text written with `[table]` and `[[array]]`
    headers: the line of the key itself where it is found, else of the deepest header on the path."""

    _HEADER = re.compile(r"^\s*(\[\[?)\s*([\w.\-]+)\s*\]\]?")
    _KEY = re.compile(r"^\s*([\w\-]+)\s*=")

    def __init__(self, text: str):
        self.lines = text.splitlines()

    def line(self, path: tuple) -> int | None:
        steps: list[tuple[str, int | None]] = []  # each name with the index that follows it, if any
        for part in path:
            if isinstance(part, int) and steps:
                steps[-1] = (steps[-1][0], part)
            elif isinstance(part, str):
                steps.append((part, None))
        names = [name for name, _ in steps]
        counts: dict[str, int] = {}
        best, depth = None, 0
        depth_here: int | None = 0  # path steps the current header covers; None: off the path
        for number, text in enumerate(self.lines, 1):
            if m := self._HEADER.match(text):
                header = m.group(2)
                if m.group(1) == "[[":
                    counts[header] = counts.get(header, -1) + 1
                    for nested in [k for k in counts if k.startswith(header + ".")]:
                        del counts[nested]
                parts = header.split(".")
                on_path = parts == names[:len(parts)] and all(
                    index is None or counts.get(".".join(parts[:i + 1])) == index
                    for i, (_, index) in enumerate(steps[:len(parts)]))
                depth_here = len(parts) if on_path else None
                if on_path and len(parts) > depth:
                    best, depth = number, len(parts)
                continue
            key = self._KEY.match(text)
            if key and depth_here is not None and depth_here < len(names) and key.group(1) == names[depth_here]:
                return number
        return best


# --------------------------------------------------------------------------- typed values

@cache
def _keys_of(cls: type) -> tuple[dict[str, dataclasses.Field], dict[str, Any]]:
    """A spec dataclass's keys and their types (worked out once: rules files build hundreds of specs)."""
    return {f.name: f for f in dataclasses.fields(cls) if f.init}, typing.get_type_hints(cls)


class _Reader:
    def __init__(self, path: Path, text: str, fragments: dict[str, str]):
        self.path, self.locator, self.fragments = path, _Locator(text), fragments

    def fail(self, where: tuple, why: str) -> RulesError:
        line = self.locator.line(where)
        key = ".".join(str(p) if isinstance(p, str) else f"[{p}]" for p in where).replace(".[", "[")
        at = f"{_shown(self.path)}, line {line}" if line else _shown(self.path)
        return RulesError(f"{at}: {key or 'file'}: {why}")

    def regex(self, value: Any, where: tuple) -> str:
        if not isinstance(value, str):
            raise self.fail(where, f"a pattern must be a string, not {type(value).__name__}")
        try:
            pattern = expand(value, self.fragments)
            re.compile(placeholder_free(pattern))
        except TokenError as exc:
            raise self.fail(where, str(exc)) from None
        except re.error as exc:
            raise self.fail(where, f"the pattern does not compile: {exc}") from None
        return pattern

    def template(self, value: str) -> str:
        return re.sub(r"\{([a-z_][a-z0-9_]*)\}",
                      lambda m: self.fragments.get(m.group(1), m.group(0)), value)

    def value(self, hint: Any, value: Any, where: tuple, key: str) -> Any:
        origin, args = typing.get_origin(hint), typing.get_args(hint)
        if origin in (typing.Union, types.UnionType):
            if value is None and type(None) in args:
                return None
            hint = next(a for a in args if a is not type(None))
            origin, args = typing.get_origin(hint), typing.get_args(hint)
        if origin is tuple:
            if not isinstance(value, list):
                raise self.fail(where, "must be a list")
            if len(args) == 2 and args[1] is Ellipsis:
                return tuple(self.value(args[0], v, (*where, i), key) for i, v in enumerate(value))
            if len(value) != len(args):
                raise self.fail(where, f"must be a list of {len(args)}")
            return tuple(self.value(a, v, (*where, i), key) for i, (a, v) in enumerate(zip(args, value)))
        if dataclasses.is_dataclass(hint):
            return self.build(hint, value, where)
        if hint is float and isinstance(value, int) and not isinstance(value, bool):
            return float(value)
        if hint is Any:
            return value
        if not isinstance(value, hint) or (hint is int and isinstance(value, bool)):
            raise self.fail(where, f"must be {hint.__name__}, not {type(value).__name__}")
        if hint is str and key in REGEX_KEYS:
            return self.regex(value, where)
        if hint is str and key in TEMPLATE_KEYS:
            return self.template(value)
        return value

    def build(self, cls: type, table: Any, where: tuple, skip: tuple[str, ...] = ()) -> Any:
        """An instance of the dataclass `cls` from a TOML table, every key checked."""
        if not isinstance(table, dict):
            raise self.fail(where, f"must be a table of {cls.__name__} keys")
        fields, hints = _keys_of(cls)
        unknown = sorted(set(table) - set(fields) - set(skip))
        if unknown:
            raise self.fail((*where, unknown[0]), f"unknown key; {cls.__name__} takes {', '.join(sorted(fields))}")
        missing = [name for name, f in fields.items() if name not in table and f.default is dataclasses.MISSING
                   and f.default_factory is dataclasses.MISSING]
        if missing:
            raise self.fail(where, f"missing key '{missing[0]}'")
        # A spec names its own keys that hold patterns (PATTERN_KEYS), beyond those every rules file has.
        patterns = getattr(cls, "PATTERN_KEYS", frozenset())
        values = {name: self.value(hints[name], value, (*where, name), "pattern" if name in patterns else name)
                  for name, value in table.items() if name in fields}
        return cls(**values)


# --------------------------------------------------------------------------- the sections

_LAYOUT_KEYS = {"name", "signature", "formats", "transforms", "territory_kinds", "strip_emphasis"}
_TOP_KEYS = {"layout", "fragments", "document", "tables", "prose", "checks", "same_figures", "transform_rules"}
_PROSE_DEFAULTS = ("topic", "metric", "unit", "category")  # a group's defaults for its rules
_FIND_IN = ("text", "flow", "cover", "file_name")
_FIND_PICK = ("first", "latest")


def _expect(reader: _Reader, table: dict, key: str, kind: type, where: tuple) -> Any:
    if not isinstance(table.get(key), kind):
        raise reader.fail((*where, key), f"missing or not a {kind.__name__}")
    return table[key]


def _groups(pattern: str) -> set[str]:
    return set(re.compile(placeholder_free(pattern)).groupindex)


def _template_fields(template: str | None) -> set[str]:
    return set(re.findall(r"\{([a-z_][a-z0-9_]*)", template or ""))


def _document(reader: _Reader, table: Any) -> DocumentRules:
    finds = table.get("find", []) if isinstance(table, dict) else []
    document = reader.build(DocumentRules, {**table, "find": []} if isinstance(table, dict) else table,
                            ("document",))
    parsed = []
    for i, entry in enumerate(finds if isinstance(finds, list) else []):
        find = reader.build(Find, entry, ("document", "find", i))
        if find.within not in _FIND_IN:
            raise reader.fail(("document", "find", i, "within"), f"must be one of {', '.join(_FIND_IN)}")
        if find.pick not in _FIND_PICK:
            raise reader.fail(("document", "find", i, "pick"), f"must be one of {', '.join(_FIND_PICK)}")
        parsed.append(find)
    names = {f.name for f in parsed}
    for key in ("municipality", "title", "report_year", "published", "edition", "period"):
        for ref in re.findall(r"\{([a-z_]\w*)\[", getattr(document, key) or ""):
            if ref not in names:
                raise reader.fail(("document", key), f"names find '{ref}', which the file does not define")
    return dataclasses.replace(document, find=tuple(parsed))


def _prose_group(reader: _Reader, group: Any, i: int) -> ProseRules:
    where = ("prose", i)
    if not isinstance(group, dict):
        raise reader.fail(where, "must be a table")
    defaults = {k: group[k] for k in _PROSE_DEFAULTS if k in group}
    rules = group.get("rules")
    if not isinstance(rules, list) or not rules:
        raise reader.fail((*where, "rules"), "a prose group needs [[prose.rules]]")
    context = reader.regex(group["context"], (*where, "context")) if "context" in group else None
    built = []
    for j, entry in enumerate(rules):
        rule = reader.build(Prose, {**defaults, **entry} if isinstance(entry, dict) else entry,
                            (*where, "rules", j))
        groups = _groups(rule.pattern)
        if "value" not in groups:
            raise reader.fail((*where, "rules", j, "pattern"), "has no {n} (or group 'value') to read the figure from")
        for key in ("category", "subgroup", "territory", "period"):
            unknown = _template_fields(getattr(rule, key)) - groups - set(PLACE_TOKENS)
            if unknown:
                raise reader.fail((*where, "rules", j, key), f"names group '{sorted(unknown)[0]}', which the "
                                                            "pattern does not have")
        built.append(rule)
    rest = {k: v for k, v in group.items() if k not in (*_PROSE_DEFAULTS, "rules", "context")}
    prose = reader.build(ProseRules, {**rest, "rules": []}, where)
    if prose.territory_form and prose.territory_form not in PLACE_FORMS:
        raise reader.fail((*where, "territory_form"), f"must be one of {', '.join(PLACE_FORMS)}")
    if prose.dated not in (None, "report_year"):
        raise reader.fail((*where, "dated"), "must be report_year")
    for k, kind in enumerate(prose.flags):
        if kind not in FLAG_KINDS or FLAG_KINDS[kind].params:
            raise reader.fail((*where, "flags", k), f"'{kind}' is not a flag kind without parameters")
    return dataclasses.replace(prose, rules=tuple(built), context=context)


def _named_by(reader: _Reader, entry: Any, key: str, where: tuple) -> str:
    """The name an entry of a list of tables gives under `key` (its shape, kind or transform)."""
    if not isinstance(entry, dict):
        raise reader.fail(where, "must be a table")
    return _expect(reader, entry, key, str, where)


def _table_rule(reader: _Reader, entry: Any, i: int) -> TableRule:
    where = ("tables", i)
    shape_name = _named_by(reader, entry, "shape", where)
    shapes = registry.shapes()
    if shape_name not in shapes:
        raise reader.fail((*where, "shape"), f"unknown shape '{shape_name}'; known: {', '.join(sorted(shapes))}")
    spec = reader.build(shapes[shape_name].spec, {k: v for k, v in entry.items() if k != "shape"}, where)
    return TableRule(shape_name, spec)


_CHECK_AMONG = ("facts", "prose")


def _check(reader: _Reader, entry: Any, i: int) -> tuple[str, Any]:
    """A check and which facts it is run on: all the `facts` (the default) or the `prose` figures alone."""
    where = ("checks", i)
    kind = _named_by(reader, entry, "kind", where)
    if kind not in CHECK_KINDS:
        raise reader.fail((*where, "kind"), f"unknown check kind '{kind}'; known: {', '.join(CHECK_KINDS)}")
    among = entry.get("among", "facts")
    if among not in _CHECK_AMONG:
        raise reader.fail((*where, "among"), f"must be one of {', '.join(_CHECK_AMONG)}")
    return among, reader.build(CHECK_KINDS[kind], {k: v for k, v in entry.items() if k not in ("kind", "among")},
                               where)


def _transform_rule(reader: _Reader, entry: Any, i: int, listed: tuple[str, ...]) -> TransformRule:
    where = ("transform_rules", i)
    name = _named_by(reader, entry, "transform", where)
    if name not in listed:
        raise reader.fail((*where, "transform"), f"'{name}' is not one of [layout] transforms")
    spec = registry.transforms()[name].spec
    if spec is None:
        raise reader.fail((*where, "transform"), f"transform '{name}' takes no rules")
    return TransformRule(name, reader.build(spec, {k: v for k, v in entry.items() if k != "transform"}, where))


def load_rules(path: Path | str) -> LayoutRules:
    """The rules of one layout file, validated; RulesError names the file, line and key of what is wrong."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except (OSError, UnicodeDecodeError) as exc:
        raise RulesError(f"{_shown(path)}: cannot be read: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise RulesError(f"{_shown(path)}: not valid TOML: {exc}") from None
    fragments = data.get("fragments", {})
    bootstrap = _Reader(path, text, {})
    if not isinstance(fragments, dict) or not all(isinstance(v, str) for v in fragments.values()):
        raise bootstrap.fail(("fragments",), "must be a table of strings")
    reader = _Reader(path, text, fragments)
    unknown = sorted(set(data) - _TOP_KEYS)
    if unknown:
        raise reader.fail((unknown[0],), f"unknown table; a rules file has {', '.join(sorted(_TOP_KEYS))}")
    layout = data.get("layout")
    if not isinstance(layout, dict):
        raise reader.fail(("layout",), "missing table [layout]")
    bad = sorted(set(layout) - _LAYOUT_KEYS)
    if bad:
        raise reader.fail(("layout", bad[0]), f"unknown key; [layout] takes {', '.join(sorted(_LAYOUT_KEYS))}")
    name = _expect(reader, layout, "name", str, ("layout",))
    signature = reader.value(tuple[str, ...], _expect(reader, layout, "signature", list, ("layout",)),
                             ("layout", "signature"), "signature")
    names = reader.value(tuple[str, ...], layout.get("transforms", []), ("layout", "transforms"), "transforms")
    known = registry.transforms()
    for k, transform in enumerate(names):
        if transform not in known:
            raise reader.fail(("layout", "transforms", k), f"unknown transform '{transform}'")
    kinds = reader.value(tuple[tuple[str, str], ...], layout.get("territory_kinds", []),
                         ("layout", "territory_kinds"), "territory_kinds")
    for k, (pattern, _) in enumerate(kinds):
        reader.regex(pattern, ("layout", "territory_kinds", k))
    if "document" not in data:
        raise reader.fail(("document",), "missing table [document]")
    checks = [_check(reader, entry, i) for i, entry in enumerate(_list(reader, data, "checks"))]
    return LayoutRules(
        name=name, path=path, signature=signature,
        formats=reader.value(tuple[str, ...], layout.get("formats", ["pdf", "txt", "md"]), ("layout", "formats"),
                             "formats"),
        document=_document(reader, data["document"]), fragments=fragments, transforms=names,
        territory_kinds=kinds,
        strip_emphasis=reader.value(bool, layout.get("strip_emphasis", False), ("layout", "strip_emphasis"), ""),
        tables=tuple(_table_rule(reader, entry, i) for i, entry in enumerate(_list(reader, data, "tables"))),
        prose=tuple(_prose_group(reader, group, i) for i, group in enumerate(_list(reader, data, "prose"))),
        checks=tuple(check for among, check in checks if among == "facts"),
        prose_checks=tuple(check for among, check in checks if among == "prose"),
        same_figures=tuple(reader.build(SameFigure, entry, ("same_figures", i))
                           for i, entry in enumerate(_list(reader, data, "same_figures"))),
        transform_rules=tuple(_transform_rule(reader, entry, i, names)
                              for i, entry in enumerate(_list(reader, data, "transform_rules"))),
    )


def _list(reader: _Reader, data: dict, key: str) -> list:
    value = data.get(key, [])
    if not isinstance(value, list):
        raise reader.fail((key,), f"must be written [[{key}]]")
    return value


__all__ = ["LayoutRules", "RulesError", "load_rules", "Pick"]
