"""Whose document it is and when, from its own words: the municipality's name for itself (the gazetteer
of the municipalities seed, every inflected form, the municipalities before the 2021 reform as themselves), the
period of its title and sentences, the date it was published; the file name only as a last resort, and then
every figure says so. The words it reads by are `identity.toml` (ingest/generic/identity_words.py).

Which municipality, in this order:
1. the first name for itself in the document's first lines ("Talsu novada Sociālais dienests", a title
   "Jēkabpils novada sociālā dienesta publiskais pārskats");
2. a name for itself further on, when one municipality's clearly outnumbers the others' (`dominance`);
3. without any name for itself, a municipality named at least `least_mentions` times and clearly more than
   any other, the country counting as one (a national page names a city or two, but "Latvijā" far more);
4. the file name, flagged on every figure, and only when the text left no choice or the file name picks one
   of the municipalities the text was torn between; else none (nothing but raw cells is stored).

Which period: that of the first of its first lines that names the report ("2024. GADA PUBLISKAIS PĀRSKATS",
"pārskats par 2022. gadu"), else of its title (`period_in`, or a bare year or span of years there:
"Pārskats 2023"); none when they name none (a sentence's year is no report's period).

A year is a figure's period only where it stands as one: not after "kopš", "līdz", "nekā" (since, until,
compared with) and not before "noteikumi", "likums", "Nr." (a legal reference); a day is the day figures hold
only after "uz" or "stāvoklis" (or alone, as a heading), any other day is an event's and dates nothing.
"""
from __future__ import annotations

import calendar
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache
from itertools import islice
from pathlib import Path

from ingest.flags import Reason, reason
from ingest.generic.identity_words import IdentityWords, load_identity_words
from ingest.generic.prose import load_prose
from ingest.model import ParsedDocument
from ingest.specs import Dated, FlowText, iso_period, month_number
from warehouse.seeds import Mention, load_municipalities, municipality_mentions

_YEAR = r"(?:19|20)\d\d"
# "2022. gadā", "2022. gada", "par 2022. gadu", "2022.g."
_YEAR_WORD = re.compile(rf"(?<![\d.,/])(?P<year>{_YEAR})\.?\s?(?:gad(?:a|ā|u|s|am|os|iem)?(?!\w)|g\.)", re.IGNORECASE)
# "2016.–2020. gadā", "2016-2020"
_YEAR_SPAN = re.compile(rf"(?<![\d.,/])(?P<first>{_YEAR})\.?\s?[-–—]\s?(?P<last>{_YEAR})(?![\d,])\.?"
                        r"(?:\s?(?:gad\w*|g\.))?", re.IGNORECASE)
# "2017. gada 1. oktobri"
_DAY_WORD = re.compile(rf"(?<![\d.,/])(?P<year>{_YEAR})\.\s?(?:gada|g\.)\s?(?P<day>\d{{1,2}})\.\s?"
                       r"(?P<month>[^\W\d_]+)", re.IGNORECASE)
# "01.10.2017."
_DAY_NUMBERS = re.compile(rf"(?<![\d.,])(?P<day>\d{{1,2}})\.(?P<month>\d{{1,2}})\.(?P<year>{_YEAR})(?!\d)\.?")
# A month in the locative ("aprīlī", "martā"), if month_number knows it; not after a day ("12. martā").
_MONTH_WORD = re.compile(r"(?<![\w.])(?<!\d\. )(?P<month>[^\W\d_]{4,}[īā])(?!\w)")
# A year alone, as a title prints it ("Pārskats 2023", "2016-2020"), never a group of a longer number
# ("tālr. 6322 2021").
_BARE_YEARS = re.compile(rf"(?<![\d.,/-])(?<!\d )(?P<year>(?P<first>{_YEAR}))"
                         rf"(?:\s?[-–—]\s?(?P<last>{_YEAR}))?(?![\d,])(?!\s?\d)")
_HEAD_LINES = 8  # the document's first lines, where it names itself and its period
_TITLE_LENGTH = 120  # a longer line is a paragraph, whose years are its sentences', not the report's
_HEADING_WORDS = 8  # a head line of at most this many words is a heading, not a sentence
_WINDOW = 30  # characters either side of a year where its part of the year is printed
_CLAUSE_MARKS = re.compile(r"[(),;:–—]|\s-\s")


@dataclass(frozen=True)
class DocumentIdentity:
    municipality: str | None  # the nominative the seed names; None when the document names none
    title: str | None
    report_year: int | None  # the year the document reports on, when it says
    period: str | None  # '2023', '2023-01-01..2023-06-30', '2017-10-01', '2016..2020': the period it reports on
    published: str | None = None  # the ISO date it prints as its own
    reasons: tuple[Reason, ...] = ()  # what every figure of it must say (a municipality from the file name)


def document_identity(doc: ParsedDocument, flow: FlowText) -> DocumentIdentity:
    words = load_identity_words()
    head = list(islice((" ".join(line.text.split()) for line in doc.lines if not _furniture(line.text)),
                       _HEAD_LINES))
    title = head[0] if head else None
    published = _published(flow.text, words)
    dated = _document_period(head, DocumentIdentity(None, title, None, None, published), words)
    municipality, reasons = _municipality(" ".join(head), flow.text, doc.file_name, words)
    return DocumentIdentity(municipality, title, dated.year if dated else None, dated.period if dated else None,
                            published, reasons)


def _furniture(line: str) -> bool:
    """An empty line, or page furniture above the title (a cookie banner, a menu, name days); a line that
    is only a year or a span of years is a title's ("Pārskats" / "2021"), not a page number."""
    text = line.strip()
    return not text or (load_prose().is_noise(text) and not _BARE_YEARS.fullmatch(text))


def period_in(text: str, identity: DocumentIdentity | None = None) -> Dated | None:
    """The period a sentence or clause names ("2022. gadā", "par 2022. gadu", "2022. gada 1. pusgadā",
    "4. ceturksnī", "aprīlī", "pērn", "uz 01.10.2017."), words relative to the document read against its
    identity (the publication date, else the year it reports on); None when it names none. The first period
    named wins. `Dated.period` is as Fact.period: '2022', '2022-01-01..2022-06-30', '2021-01-01'; a span of
    years ("2019.–2021. gadā") is Dated(None, '2019..2021'), which no single year dates."""
    return _period(text, identity, bare=False)


def _period(text: str, identity: DocumentIdentity | None, bare: bool) -> Dated | None:
    """period_in; with `bare`, a year printed alone counts too, as in a title ("Pārskats 2023")."""
    words = load_identity_words()
    text = " ".join(text.split())
    covered = 0
    anchors = _anchors(text, words, bare)
    for anchor in anchors:
        m = anchor.match
        if m.start() < covered:
            continue
        covered = m.end()
        if _not_a_period(text, m.start(), m.end(), words):
            continue
        if anchor.kind == "span":
            first, last = int(m["first"]), int(m["last"])
            if first < last:
                return Dated(None, f"{first}..{last}")
        elif anchor.kind == "day":
            alone = not (text[:m.start()] + text[m.end():]).strip(" .:")
            as_of = alone or words.as_of.search(text[max(0, m.start() - _WINDOW):m.start()])
            period = iso_period({"year": m["year"], "month": m["month"], "day": m["day"]}) if as_of else None
            if period and len(period) == 10:  # a day the figures hold, not a whole month or year
                return Dated(int(m["year"]), period)
        else:
            year = int(m["year"]) if anchor.kind == "year" else _relative_year(anchor.years, identity)
            if year is not None:
                return Dated(year, _part_of(_near(text, m.start(), m.end()), year, words) or str(year))
    if anchors:  # "salīdzinājumā ar 2021. gada pirmo pusgadu": the half is that year's, and no figure's
        return None
    year = identity.report_year or _year_of(identity.published) if identity else None
    part = _part_of(text, year, words) if year else None
    return Dated(year, part) if part else None


@dataclass(frozen=True)
class _Anchor:
    kind: str  # span (of years), day, year, relative (to the publication date)
    match: re.Match
    years: int = 0  # of a relative one: added to the year of the publication date


def _anchors(text: str, words: IdentityWords, bare: bool) -> list[_Anchor]:
    """Every printed year (alone too, if `bare`), span of years, day and year relative to the document, by
    where it starts (the longest first where two start at one place). "2023. gada 4. ceturksnī" is a year,
    not a day."""
    kinds = (("span", _YEAR_SPAN), ("day", _DAY_WORD), ("day", _DAY_NUMBERS), ("year", _YEAR_WORD),
             *((("span", _BARE_YEARS),) if bare else ()))
    found = [_Anchor("year" if kind == "span" and not m["last"] else kind, m) for kind, pattern in kinds
             for m in pattern.finditer(text) if kind != "day" or month_number(m["month"])]
    found += [_Anchor("relative", m, rule.years) for rule in words.relative for m in rule.words.finditer(text)]
    return sorted(found, key=lambda a: (a.match.start(), -a.match.end()))


def _not_a_period(text: str, start: int, end: int, words: IdentityWords) -> bool:
    """A year or date after "kopš", "nekā" (since, compared with), or before "noteikumi", "Nr." (a legal
    reference, a document's date)."""
    return bool(words.no_period_after.search(text[max(0, start - _WINDOW):start])
                or words.no_period_before.match(text, end))


def _relative_year(years: int, identity: DocumentIdentity | None) -> int | None:
    base = _year_of(identity.published) or identity.report_year if identity else None
    return base + years if base is not None else None


def _year_of(iso_date: str | None) -> int | None:
    return int(iso_date[:4]) if iso_date else None


def _near(text: str, start: int, end: int) -> str:
    """The words either side of a year within its clause, where its part of the year is printed ("2022. gada
    pirmajā pusgadā"); not those of the clause before ("otrajā pusgadā 40, bet 2022. gadā kopā 80")."""
    before = _CLAUSE_MARKS.split(text[max(0, start - _WINDOW):start])[-1]
    after = _CLAUSE_MARKS.split(text[end:end + _WINDOW])[0]
    return f"{before} {after}"


def _part_of(text: str, year: int, words: IdentityWords) -> str | None:
    """The part of `year` the text names: a half, a quarter, the first months, or one month; None for none."""
    for part in words.parts:
        if part.words.search(text):
            return _months(year, part.first_month, part.last_month)
    for m in _MONTH_WORD.finditer(text):
        month = month_number(m["month"])
        if month:
            return _months(year, month, month)
    return None


def _months(year: int, first: int, last: int) -> str:
    return f"{year}-{first:02d}-01..{year}-{last:02d}-{calendar.monthrange(year, last)[1]:02d}"


def _document_period(head: list[str], identity: DocumentIdentity, words: IdentityWords) -> Dated | None:
    """The period of the first of the first lines that names the report ("2024. GADA PUBLISKAIS PĀRSKATS"),
    else of the title (a bare year or span of years counts there: "Pārskats 2023", "Stratēģija 2016-2020"),
    else of a short heading among the first lines."""
    # With the line after it: a title is often broken before its years ("attīstības stratēģija" / "2016-2020").
    named = [f"{line} {after}" for line, after in zip(head, [*head[1:], ""])
             if len(line) <= _TITLE_LENGTH and words.report.search(line)]
    for line in named + head[:1]:
        if dated := _period(line, identity, bare=True):
            return dated
    # Else a heading under the title that names a period in words ("Informācija par 2012. gadu",
    # "Rādītāji 2023. gada 4. ceturksnī"); a sentence of figures is longer, and is dated by itself.
    for line in head[1:]:
        if len(line.split()) <= _HEADING_WORDS and (dated := _period(line, identity, bare=False)):
            return dated
    return None


def _published(text: str, words: IdentityWords) -> str | None:
    """The ISO date the document prints as its own ("Publicēts 09.04.2022."), the first one."""
    for marker in words.published.finditer(text):
        m = _DAY_NUMBERS.match(text, marker.end()) or _DAY_WORD.match(text, marker.end())
        day = iso_period({"year": m["year"], "month": m["month"], "day": m["day"]}) if m else None
        if day and len(day) == 10:
            return day
    return None


# --------------------------------------------------------------------------- the municipality

def _municipality(head: str, text: str, file_name: str, words: IdentityWords) -> tuple[str | None, tuple[Reason, ...]]:
    """The municipality the document is of, and the reasons every figure must carry (see the module)."""
    country = _country()
    own = [m.municipality for m in _named(head, words) if _is_self_name(m, words, country)]
    if own:
        return own[0], ()
    mentions = _named(text, words)
    selves = Counter(m.municipality for m in mentions if _is_self_name(m, words, country))
    named = Counter(m.municipality for m in mentions)
    for counts, least in ((selves, 1), (named, words.least_mentions)):
        if counts:
            chosen = _dominant(counts, least, words.dominance)
            if chosen:
                return chosen, ()
            return _from_file_name(file_name, set(counts))
    return _from_file_name(file_name, None)


def _named(text: str, words: IdentityWords) -> list[Mention]:
    return [m for m in municipality_mentions(text) if not words.not_named.match(m.after)]


def _is_self_name(mention: Mention, words: IdentityWords, country: str) -> bool:
    return mention.municipality != country and bool(words.self_name.match(mention.after))


def _dominant(counts: Counter, least: int, dominance: int) -> str | None:
    """The municipality named at least `least` times and `dominance` times as often as the next one."""
    (first, n), *rest = counts.most_common(2)
    return first if n >= least and (not rest or n >= dominance * rest[0][1]) else None


def _from_file_name(file_name: str, candidates: set[str] | None) -> tuple[str | None, tuple[Reason, ...]]:
    """The municipality a file name names ("talsu_novads_2023.pdf", with or without its diacritics), if the
    text left no choice (`candidates` None) or it is one of the candidates; flagged."""
    words = f" {' '.join(re.findall(r'[a-z]+', _ascii(Path(file_name).stem)))} "
    found = [(len(form), name) for form, name in _ascii_forms().items() if f" {form} " in words]
    if not found:
        return None, ()
    longest = max(length for length, _ in found)
    names = {name for length, name in found if length == longest}
    if len(names) != 1 or (candidates is not None and not names <= candidates):
        return None, ()
    name = names.pop()
    return name, (reason("municipality_from_file_name", name=name),)


def _ascii(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))


@cache
def _ascii_forms() -> dict[str, str]:
    """Every form of every municipality without diacritics, a form two names share left out."""
    forms: dict[str, set[str]] = {}
    for m in load_municipalities():
        for form in (m.municipality, *m.genitive, *m.locative):
            forms.setdefault(" ".join(re.findall(r"[a-z]+", _ascii(form))), set()).add(m.municipality)
    return {form: names.pop() for form, names in forms.items() if len(names) == 1}


@cache
def _country() -> str:
    return next(m.municipality for m in load_municipalities() if m.level == "valsts")
