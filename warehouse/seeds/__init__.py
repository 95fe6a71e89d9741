"""Reference data as data files (seeds): the municipalities before and after the 2021 reform with their
inflected forms, the names of the warehouse's codes, the case-code glosses, the care-setting words, the
glossary of the reports' labels and the size groups that compare municipalities of a similar number of residents.

Each file is validated when it loads: a bad row is refused with one line naming the file, the line and the
field (SeedError). `municipality_by_form` names the municipality of any printed form of its name;
`municipality_mentions` lists each naming of one in a text, with the words that follow it.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

SEEDS_DIR = Path(__file__).parent
REFORM_DATE = date(2021, 7, 1)
# Levels of the administrative division: the country, the cities of each era, the novadi.
LEVELS = ("valsts", "valstspilsēta", "republikas pilsēta", "novads")
# Alternative printed forms in one field (the genitive "Rīgas valstspilsētas|Rīgas pilsētas|Rīgas"); the
# first is the one to write.
FORM_SEPARATOR = "|"
NAME_KINDS = ("topic", "metric", "unit", "document_kind", "layout", "place", "chart", "kind", "indicator_group",
              "log_action", "log_outcome")
SETTINGS = ("institutional", "community")  # in the order they are tried


class SeedError(ValueError):
    """A seed file cannot be used; the message names the file, line and field, in one line."""


@dataclass(frozen=True)
class Municipality:
    municipality: str            # nominative, as facts store it: Tukuma novads, Rīga, Latvija
    name_en: str
    level: str
    genitive: tuple[str, ...]    # the first is the one to write
    locative: tuple[str, ...]
    valid_from: date | None      # None: before what the file records
    valid_to: date | None        # None: still in force
    became_part_of: str | None   # for one before the reform: the municipality it became part of
    note_lv: str | None
    note_en: str | None

    @property
    def is_current(self) -> bool:
        return self.valid_to is None


@dataclass(frozen=True)
class CodeName:
    kind: str
    code: str
    lv: str
    en: str


@dataclass(frozen=True)
class CaseCode:
    code: str
    gloss_en: str


@dataclass(frozen=True)
class CareSetting:
    setting: str
    words: str                   # a regular expression of lower-case stems


@dataclass(frozen=True)
class SizeGroup:
    group: str                   # its id in the address
    name_lv: str
    name_en: str
    min_residents: int           # its smallest member's residents; the next group's starts where it ends


@dataclass(frozen=True)
class GlossaryEntry:
    stem: str                    # lower case, so that inflected forms match
    gloss_en: str


class _Rows:
    """The rows of one seed file, each with its line number, and the one-line errors about them."""

    def __init__(self, path: Path, columns: tuple[str, ...]):
        self.name = path.name
        try:
            with path.open(encoding="utf-8", newline="") as handle:
                reader = csv.reader(handle)
                header = next(reader, None)
                body = [(reader.line_num, row) for row in reader]
        except (OSError, UnicodeDecodeError, csv.Error) as exc:
            raise SeedError(f"{self.name}: cannot be read ({exc})") from None
        if header is None:
            raise SeedError(f"{self.name}: empty, expected the header {','.join(columns)}")
        if tuple(header) != columns:
            raise SeedError(f"{self.name} line 1: the header is {','.join(header)}, expected {','.join(columns)}")
        self.rows: list[tuple[int, dict[str, str]]] = []
        for line, row in body:
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(columns):
                raise SeedError(f"{self.name} line {line}: {len(row)} fields, expected {len(columns)}")
            # Kept as written: a glossary stem may end in a space ("sac " is the word, not "sacensības").
            self.rows.append((line, dict(zip(columns, row))))

    def error(self, line: int, field: str, why: str) -> SeedError:
        return SeedError(f"{self.name} line {line}, {field}: {why}")

    def required(self, line: int, row: dict[str, str], field: str) -> str:
        if not row[field].strip():
            raise self.error(line, field, "empty")
        return row[field]

    def optional(self, row: dict[str, str], field: str) -> str | None:
        return row[field] if row[field].strip() else None

    def one_of(self, line: int, row: dict[str, str], field: str, allowed: tuple[str, ...]) -> str:
        value = self.required(line, row, field)
        if value not in allowed:
            raise self.error(line, field, f"'{value}' is not one of {', '.join(allowed)}")
        return value

    def day(self, line: int, row: dict[str, str], field: str) -> date | None:
        if not row[field]:
            return None
        try:
            return date.fromisoformat(row[field])
        except ValueError:
            raise self.error(line, field, f"'{row[field]}' is not a date (YYYY-MM-DD)") from None

    def forms(self, line: int, row: dict[str, str], field: str) -> tuple[str, ...]:
        forms = tuple(form.strip() for form in self.required(line, row, field).split(FORM_SEPARATOR))
        if not all(forms):
            raise self.error(line, field, f"an empty form in '{row[field]}'")
        return forms

    def pattern(self, line: int, row: dict[str, str], field: str) -> str:
        value = self.required(line, row, field)
        try:
            re.compile(value)
        except re.error as exc:
            raise self.error(line, field, f"not a regular expression ({exc})") from None
        return value

    def unique(self, line: int, field: str, key, seen: set) -> None:
        if key in seen:
            raise self.error(line, field, f"'{key if isinstance(key, str) else key[-1]}' is given twice")
        seen.add(key)


MUNICIPALITY_COLUMNS = ("municipality", "name_en", "level", "genitive", "locative", "valid_from", "valid_to",
                        "became_part_of", "note_lv", "note_en")


def load_municipalities(path: Path = SEEDS_DIR / "municipalities.csv") -> tuple[Municipality, ...]:
    """Every municipality before and after the 2021 reform, and the country. A name is given once per era;
    one of before the reform names the current one it became part of, one of after it names none."""
    rows = _Rows(path, MUNICIPALITY_COLUMNS)
    out: list[Municipality] = []
    seen: set = set()
    for line, row in rows.rows:
        name = rows.required(line, row, "municipality")
        valid_from, valid_to = rows.day(line, row, "valid_from"), rows.day(line, row, "valid_to")
        if valid_from and valid_to and valid_to < valid_from:
            raise rows.error(line, "valid_to", f"{valid_to} is before valid_from {valid_from}")
        rows.unique(line, "municipality", (valid_to is None, name), seen)
        out.append(Municipality(
            municipality=name, name_en=rows.required(line, row, "name_en"),
            level=rows.one_of(line, row, "level", LEVELS), genitive=rows.forms(line, row, "genitive"),
            locative=rows.forms(line, row, "locative"), valid_from=valid_from, valid_to=valid_to,
            became_part_of=rows.optional(row, "became_part_of"), note_lv=rows.optional(row, "note_lv"),
            note_en=rows.optional(row, "note_en")))
    current = {m.municipality for m in out if m.is_current}
    form_of: dict[str, str] = {}
    for (line, _), m in zip(rows.rows, out):
        for field, forms in (("municipality", (m.municipality,)), ("genitive", m.genitive), ("locative", m.locative)):
            for form in forms:
                other = form_of.setdefault(_fold(form), m.municipality)
                if other != m.municipality:
                    raise rows.error(line, field, f"'{form}' is a form of '{other}' too")
    for (line, _), m in zip(rows.rows, out):
        if m.is_current and m.became_part_of:
            raise rows.error(line, "became_part_of", f"'{m.municipality}' is in force and became part of nothing")
        if not m.is_current and m.became_part_of not in current:
            raise rows.error(line, "became_part_of", f"'{m.became_part_of or ''}' is not a municipality in force")
    return tuple(out)


def load_names(path: Path = SEEDS_DIR / "names.csv") -> tuple[CodeName, ...]:
    """The Latvian and English names of the warehouse's codes (topics, metrics, units, kinds, layouts, ...)."""
    rows = _Rows(path, ("kind", "code", "lv", "en"))
    seen: set = set()
    out = []
    for line, row in rows.rows:
        kind = rows.one_of(line, row, "kind", NAME_KINDS)
        code = rows.required(line, row, "code")
        rows.unique(line, "code", (kind, code), seen)
        out.append(CodeName(kind, code, rows.required(line, row, "lv"), rows.required(line, row, "en")))
    return tuple(out)


def load_case_codes(path: Path = SEEDS_DIR / "case_codes.csv") -> tuple[CaseCode, ...]:
    """English glosses of the case-file codes (the warehouse keeps each report's printed legend)."""
    rows = _Rows(path, ("code", "gloss_en"))
    seen: set = set()
    out = []
    for line, row in rows.rows:
        code = rows.required(line, row, "code")
        rows.unique(line, "code", code, seen)
        out.append(CaseCode(code, rows.required(line, row, "gloss_en")))
    return tuple(out)


def load_size_groups(path: Path = SEEDS_DIR / "size_groups.csv") -> tuple[SizeGroup, ...]:
    """Groups of municipalities of a similar number of residents (as Kolada groups similar municipalities),
    smallest first: each from its `min_residents` up to the next group's, the first from 0."""
    rows = _Rows(path, ("group", "name_lv", "name_en", "min_residents"))
    seen: set = set()
    out: list[SizeGroup] = []
    for line, row in rows.rows:
        group = rows.required(line, row, "group")
        rows.unique(line, "group", group, seen)
        text = rows.required(line, row, "min_residents")
        if not text.isdigit():
            raise rows.error(line, "min_residents", f"'{text}' is not a whole number")
        if out and int(text) <= out[-1].min_residents:
            raise rows.error(line, "min_residents", f"{text} is not above the previous group's {out[-1].min_residents}")
        if not out and int(text) != 0:
            raise rows.error(line, "min_residents", f"the first group starts at {text}, not at 0")
        out.append(SizeGroup(group, rows.required(line, row, "name_lv"), rows.required(line, row, "name_en"), int(text)))
    if not out:
        raise SeedError(f"{rows.name}: no groups")
    return tuple(out)


def load_care_settings(path: Path = SEEDS_DIR / "care_settings.csv") -> tuple[CareSetting, ...]:
    """The words of service names that say where the care happens."""
    rows = _Rows(path, ("setting", "words"))
    return tuple(CareSetting(rows.one_of(line, row, "setting", SETTINGS), rows.pattern(line, row, "words"))
                 for line, row in rows.rows)


def load_glossary(path: Path = SEEDS_DIR / "glossary.csv") -> tuple[GlossaryEntry, ...]:
    """Latvian stems of the reports' labels and their English glosses."""
    rows = _Rows(path, ("stem", "gloss_en"))
    seen: set = set()
    out = []
    for line, row in rows.rows:
        stem = rows.required(line, row, "stem")
        if stem != stem.lower():
            raise rows.error(line, "stem", f"'{stem}' is not in lower case")
        rows.unique(line, "stem", stem, seen)
        out.append(GlossaryEntry(stem, rows.required(line, row, "gloss_en")))
    return tuple(out)


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


@lru_cache(maxsize=1)
def _forms() -> tuple[dict[tuple[str, ...], str], frozenset[str], int]:
    """Every printed form as its folded words and the nominative each names (one only: load_municipalities
    refuses a form of two names); the words forms start with; the most words a form has."""
    named = {tuple(_fold(form).split(" ")): m.municipality for m in load_municipalities()
             for form in (m.municipality, *m.genitive, *m.locative)}
    return named, frozenset(words[0] for words in named), max(len(words) for words in named)


_WORDS_AND_GAPS = re.compile(r"(\W+)")


@dataclass(frozen=True)
class Mention:
    """A municipality a text names: the nominative, the form as printed and the text that follows it, both
    folded (lower case, white space single; up to 80 characters after), which says what the naming is."""

    municipality: str
    form: str
    after: str


def municipality_mentions(printed: str) -> list[Mention]:
    """Each naming of a municipality in a printed text, in order ("Talsu novada Sociālais dienests, Rīgas
    iela 5" -> Talsu novads followed by " sociālais dienests, rīgas iela 5", Rīga followed by " iela 5"). At
    each word the form of the most words wins ("Rēzeknes novada" over "Rēzeknes"). Words are looked up, not
    matched by one pattern of every form, so that a 30-page report takes milliseconds."""
    named, first_words, most = _forms()
    folded = _fold(printed or "")
    parts = _WORDS_AND_GAPS.split(folded)  # words at the even places, what separates them at the odd ones
    out: list[Mention] = []
    i = 0
    while i < len(parts):
        if parts[i] not in first_words:
            i += 2
            continue
        for n in range(min(most, (len(parts) - i + 1) // 2), 0, -1):
            end = i + 2 * n - 1
            # The words of a form are one space apart ("Talsu novada", never "Talsu, novada").
            if any(gap != " " for gap in parts[i + 1:end:2]):
                continue
            name = named.get(tuple(parts[i:end:2]))
            if name:
                out.append(Mention(name, "".join(parts[i:end]), "".join(parts[end:end + 40])[:80]))
                i = end + 1
                break
        else:
            i += 2
    return out


def municipality_by_form(printed: str) -> str | None:
    """The nominative name of the municipality a printed text names in any form: "Ogres novada", "Jēkabpils
    novadā", "Talsu novada Sociālais dienests" -> "Talsu novads"; "Rīgas pilsētas" -> "Rīga"; None when it
    names none. The longest form found wins ("Latvijas Tukuma novada" names Tukuma novads). A name both eras
    have (Tukuma novads) is one name, the current municipality's; a former one's own name (Kandavas novads)
    is returned as it is: which one it became part of is its `became_part_of`."""
    found = municipality_mentions(printed)
    return max(found, key=lambda mention: len(mention.form)).municipality if found else None
