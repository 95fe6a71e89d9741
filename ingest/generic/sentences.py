"""Figures of running text and lists: a number with its unit or counted noun, tied to the indicator whose
words stand in the same clause, dated by the clause's own period or the document's.

The text is read conservatively, so that a figure is missing rather than misread:
- lines of tables and page furniture are left out; phone numbers, legal references, dates, addresses and the
  like are masked, so that their digits never join a word (`prose.toml`);
- paragraphs are split into sentences, sentences into clauses (",", ";", " un ", a dash or colon between
  words); a clause's brackets belong to it ("412 personas (230 mājsaimniecības)") and may name their own
  period ("(2021. gadā – 640 ģimenes)");
- a figure is a number with a currency before or after it ("EUR 35 210,40", "35 210,40 EUR", "Ls 88 412
  Ls", "EUR 248,-"), a scale ("2,7 miljoni eiro") or a counted noun after it ("927 trūcīgās
  mājsaimniecības"); numbers in words ("Četrpadsmit audžuģimenes") too. A number run into other digits, a
  percentage, three decimals, a year-like count are never read;
- a clause of differences, rates or thresholds ("par 3 250 euro vairāk", "150 euro mēnesī", "līdz 272
  euro") gives no figure; approximate figures and lower bounds are flagged;
- a figure's label is its clause's words without the numbers (with its own noun); a figure-less clause before
  a dash or colon heads the clauses after it (a list's "3. Apkures pabalsts – 318 ģimenēm …"), and a clause
  of nothing but words such as "izmaksāti" carries on the clause before it;
- a clause or sentence naming two years dates none of its figures; lats are kept as LVL, with a derived EUR
  fact beside them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

from ingest.flags import Number, Reason, reason
from ingest.generic.figures import generic_fact
from ingest.generic.identity import period_in
from ingest.generic.prose import ProseWords, load_prose, phrases_pattern
from ingest.generic.units import CountedNoun, Units, load_units
from ingest.model import Fact, Spot, TextLine
from ingest.numbers import parse_lv_number
from ingest.rules.registry import Reading
from ingest.specs import Dated, FlowText

_MASK = "#"  # what masked text is replaced by, character for character (offsets stay)
_UPPER = "A-ZĀČĒĢĪĶĻŅŠŪŽ"
_LIST_START = re.compile(r"^\s*(?:\d{1,2}[.)]\s+|[•▪●◦*·]\s*|[-–—]\s+)")
_SENTENCE_END = re.compile(rf"(?:(?<=[.!?])\s+(?=[{_UPPER}„\"«])|(?<=[^\d\s][.!?])\s+(?=\d))")
_BRACKET = re.compile(r"\(([^()]{0,300})\)")
_BRACKET_CHARS = 300  # the longest bracket read as one
_YEAR_NAMED = re.compile(r"(?<!\d)((?:19|20)\d\d)\.?\s*(?:gad|g\.)", re.IGNORECASE)
_DIGIT = re.compile(r"\d")
_NOT_SPACE = re.compile(r"\S")
_PERIOD_WORDS = re.compile(r"(?<!\w)(?:par\s+|līdz\s+|kopš\s+)?(?:19|20)\d\d\.?\s*(?:gad\w*|g\.)", re.IGNORECASE)
_YEAR_LIKE = re.compile(r"(?:19|20)\d\d")
_WORD = re.compile(r"[^\W\d_]+\.?")
_LETTERS = re.compile(r"[^\W\d_]+")
_NEXT_WORD = re.compile(r"\s{1,2}([^\W\d_]+\.?)")  # the word after a number or word, a space or two between
_MODIFIERS = 2  # words that may stand between a number and its counted noun
_AFTER_NUMBER = re.compile(r"[\d.,\-]*\s*")  # what may stand between a number and a currency that is its own
_MAX_FIGURES = 12  # figures of one clause: more are a table or list run together, not a sentence
# A list's own number or bullet before its item ("3. Apkures pabalsts"), but not an ordinal that is part of
# the words ("1. līmeņa aprūpe"); numbers of a label, but its ordinals.
_LIST_MARK = re.compile(rf"^\s*(?:\d{{1,2}}[.)]\s+(?=[{_UPPER}])|[•▪●◦*·]\s*|[-–—]\s+)")
_LABEL_NOISE = re.compile(rf"(?>\d+(?:[.,]\d+)*)(?!\.\s[{_UPPER.lower()}a-z])|{_MASK}+\.?|[()\[\]*]")
_LABEL_EDGES = " ,;:–—-.()"
_ENDING_LAST_LETTERS = set("aeiouāēīūsšm")  # how Latvian case endings end
_RATE_DIGITS = 6  # the rate a derived EUR value is converted at, as printed in its flag
_TWO_YEARS = "its sentence names two years"
_NO_YEAR = "neither it nor the document names a year"
_BEFORE_CHARS = 32  # how far before a number its currency, approximation or bound words are looked for


@dataclass(frozen=True)
class _Patterns:
    """The regexes of one reading, built once from the words files."""

    number: re.Pattern
    clause_break: re.Pattern
    currency_before: re.Pattern
    bound_before: re.Pattern
    not_amount_before: re.Pattern
    after: re.Pattern


@cache
def _patterns() -> _Patterns:
    units, words = load_units(), load_prose()
    scale = units.scale_pattern
    number = re.compile(
        # Not run on from other digits or a range's first number ("10 - 15 personām").
        rf"(?<![\w.,:/+{_MASK}\-–])(?<!\d\s)(?<!\d\s[-–—]\s)(?<!\d[-–—]\s)"
        rf"(?P<int>\d{{1,3}}(?:[ \u00a0\u202f]\d{{3}})+|\d+)"
        rf"(?:(?P<dec>[.,]\d{{1,2}})|(?P<stray>,\s\d(?=\s+{scale}))|(?P<whole>,-))?"
        rf"(?![\d{_MASK}]|[.,]\d|\s\d)", re.IGNORECASE)
    # A comma before a stray space inside a number ("2, 4 miljoni") breaks no clause.
    clause_break = re.compile(rf"(?:;|,(?=\s)(?!\s\d\s+{scale})|(?<=\s)un(?=\s)"
                              rf"|(?P<head>(?<=\s)[–—-](?=\s)|:(?=\s)))\s*", re.IGNORECASE)
    currency_before = re.compile(rf"(?P<cur>{units.currency_pattern})\s?$")
    bounds = {"approximate": words.approximate, "lower_bound": words.lower_bound}
    bound_before = re.compile("(?<!\\w)(?:" + "|".join(
        rf"(?P<{kind}>{phrases_pattern(phrases)})" for kind, phrases in bounds.items()) + r")\s*$", re.IGNORECASE)
    after = re.compile(rf"\s?(?:(?P<scale>{scale})\s*)?(?P<cur>{units.currency_pattern})?", re.IGNORECASE)
    not_amount_before = re.compile(rf"(?<!\w){phrases_pattern(words.not_amount_before)}\s*$", re.IGNORECASE)
    return _Patterns(number, clause_break, currency_before, bound_before, not_amount_before, after)


@dataclass
class SentenceReading:
    facts: list[Fact] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Figure:
    """A figure of a clause: where it is (its whole span, and the part a label leaves out), what it is."""

    start: int
    end: int
    number_end: int  # the label keeps what follows: the figure's own modifiers and counted noun
    value: float
    unit: str
    printed: str
    reasons: tuple[Reason, ...] = ()


@dataclass(frozen=True)
class _Clause:
    start: int
    end: int
    head: bool  # it is followed by a dash or colon: a figure-less one heads the clauses after it


def _masked(text: str, words: ProseWords) -> str:
    if not _DIGIT.search(text):  # every mask is of digits
        return text
    # White space is kept, so that the masked text folds as the printed one and its offsets are the same.
    return words.mask.sub(lambda m: _NOT_SPACE.sub(_MASK, m.group(0)), text)


def _paragraphs(reading: Reading, words: ProseWords) -> list[tuple[FlowText, str]]:
    """The running text in paragraphs, each with its text masked (the flow's own text is as printed, for
    the periods of its dates): lines of tables and page furniture left out, a line joined to the one before
    only where it carries on its sentence (starts in lower case or with a digit, or the line before ends in
    a comma or dash); a list item or a blank line starts a new one."""
    paragraphs: list[list[TextLine]] = []
    current: list[TextLine] = []
    for i, line in enumerate(reading.doc.lines):
        text = line.text.strip()
        # A tab-separated line is a table's row: the tables read it.
        if not text or i in reading.table_lines or "\t" in line.text or words.is_noise(text):
            if current:
                paragraphs.append(current)
            current = []
            continue
        carries_on = bool(current) and not _LIST_START.match(text) and (
            text[0].islower() or text[0].isdigit() or current[-1].text.rstrip()[-1] in ",–—-(")
        if current and not carries_on:
            paragraphs.append(current)
            current = []
        current.append(line)
    if current:
        paragraphs.append(current)
    flows = [FlowText(lines) for lines in paragraphs]
    return [(flow, _masked(flow.text, words)) for flow in flows]


def _sentences(text: str, words: ProseWords) -> list[tuple[int, str]]:
    out, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        # No sentence ends inside brackets ("(t.sk. 120 bērni)"); a bracket left open ends nothing after
        # a short while (and costs no time in a text that never closes it).
        near = max(start, m.start() - _BRACKET_CHARS)
        if text.rfind("(", near, m.start()) > text.rfind(")", near, m.start()):
            continue
        if text[text.rfind(" ", start, m.start()) + 1:m.start()].lower() in words.abbreviations:
            continue
        out.append((start, text[start:m.start()]))
        start = m.end()
    out.append((start, text[start:]))
    return out


def _clauses(main: str, patterns: _Patterns) -> list[_Clause]:
    """The clauses of a sentence whose brackets are blanked (so that nothing inside them breaks a clause)."""
    out, start = [], 0
    for m in patterns.clause_break.finditer(main):
        out.append(_Clause(start, m.start(), bool(m.group("head"))))
        start = m.end()
    out.append(_Clause(start, len(main), False))
    return out


def _blank_brackets(sentence: str) -> str:
    return _BRACKET.sub(lambda m: " " * len(m.group(0)), sentence)


def _counted(text: str, pos: int, hi: int, units: Units, words: ProseWords) -> tuple[CountedNoun, int] | None:
    """(the noun, where its word ends) when the words from `pos` (just after a number) are up to two modifiers
    and a counted noun ("trūcīgās mājsaimniecības"); a noun in the genitive before another word ("12 bērnu
    grupas") counts that word, not it, and gives none."""
    for _ in range(_MODIFIERS + 1):
        m = _NEXT_WORD.match(text, pos, hi)
        if not m:
            return None
        word = m.group(1)
        # A counted noun is written in lower case: "1.2 PERSONĀLS" is a heading, not 1.2 persons.
        noun = units.counted_noun(word) if word[0].islower() else None
        if noun:
            # A noun before another ("23 ģimenes klientu lietas": cases), or in the genitive before a word
            # ("12 bērnu grupas": groups), does not say what is counted.
            following = _NEXT_WORD.match(text, m.end(), hi)
            if following and (units.noun_unit(following.group(1)) or word.lower().endswith("u")):
                return None
            # A dot after a word is its abbreviation's ("cilv."), not the end of a sentence after an ending.
            ends_sentence = word.endswith(".") and word[-2].lower() in _ENDING_LAST_LETTERS
            return noun, m.end() - ends_sentence
        if not words.is_modifier(word):
            return None
        pos = m.end()
    return None


def _figures_in(text: str, lo: int, hi: int, patterns: _Patterns, units: Units,
                words: ProseWords) -> list[_Figure]:
    """The figures whose numbers stand in text[lo:hi] (a clause or a bracket). Every look is bounded by
    positions, never a slice of the rest of the text, so that a long sentence costs no more than its figures."""
    out: list[_Figure] = []
    previous_end = lo  # where the number before this one (a figure or not) ends
    for m in patterns.number.finditer(text, lo, hi):
        # The words before a number are looked for just before it (a regex anchored at the end of a long
        # text would be tried at every position of it).
        window = max(lo, m.start() - _BEFORE_CHARS)
        start, unit, scale = m.start(), None, 1
        cur = patterns.currency_before.search(text, max(window, previous_end), m.start())
        shared = cur is not None and _AFTER_NUMBER.fullmatch(text, previous_end, cur.start()) is not None
        previous_end = m.end()
        if shared:
            # "35 210,40 EUR 300 personām": the currency is the number's before it; with no noun of its own,
            # whose it is cannot be told, and neither number is taken.
            if out and out[-1].end == cur.end("cur"):
                if _counted(text, m.end(), hi, units, words) is None:
                    out.pop()
                    continue
            cur = None
        if cur:
            unit, start = units.currency_of(cur.group("cur")), cur.start()
        after = patterns.after.match(text, m.end(), hi)
        end = m.end()
        if after.group("scale"):
            scale = units.scale_of(after.group("scale")) or 1
            end = after.end("scale")
        if after.group("cur"):
            after_unit = units.currency_of(after.group("cur"))
            if unit and after_unit != unit:
                continue
            unit, end = after_unit, after.end("cur")
        number_end = end
        if unit is None and scale == 1:
            counted = _counted(text, m.end(), hi, units, words)
            # A count is whole ("1.2 personas" is a section number), and a year is no count ("2022 bērni").
            if counted is None or m.group("dec") or _YEAR_LIKE.fullmatch(m.group("int")):
                continue
            unit, end = counted[0].unit, counted[1]
            if not counted[0].in_label:
                number_end = end
        if unit is None:
            continue
        next_word = _NEXT_WORD.match(text, end, hi)
        if next_word and next_word.group(1).lower() in words.difference_after:
            continue
        window = max(lo, start - _BEFORE_CHARS)
        if patterns.not_amount_before.search(text, window, start):  # "uz 1000 iedzīvotājiem", "no 23 līdz 100"
            continue
        digits = m.group("int") + (m.group("dec") or "")
        if m.group("stray"):  # "2, 4 miljoni": a space printed after the decimal comma
            digits = m.group("int") + "," + m.group("stray")[-1]
        number = parse_lv_number(digits)
        if number.value is None:
            continue
        value = number.value * scale
        reasons = list(number.reasons)
        bound = patterns.bound_before.search(text, window, start)
        printed = text[start:end]
        if bound:
            start = bound.start()
        shown = Number(value)
        if bound and bound.group("lower_bound"):
            reasons.append(reason("lower_bound", printed=text[start:end], value=shown))
        elif bound or scale > 1:
            reasons.append(reason("approximate", printed=text[start:end], value=shown))
        out.append(_Figure(start, end, number_end, value, unit, printed, tuple(reasons)))
    return out + _figures_in_words(text, lo, hi, units, words)


def _figures_in_words(text: str, lo: int, hi: int, units: Units, words: ProseWords) -> list[_Figure]:
    """Counts written in words before their counted noun ("Četrpadsmit audžuģimenes", "divdesmit trīs
    personām"); a number word after another that does not make one number with it gives none."""
    out = []
    tokens = list(_WORD.finditer(text, lo, hi))
    for i, m in enumerate(tokens):
        value = words.number_words.get(m.group(0).lower())
        if value is None:
            continue
        before = words.number_words.get(tokens[i - 1].group(0).lower()) if i else None
        after = words.number_words.get(tokens[i + 1].group(0).lower()) if i + 1 < len(tokens) else None
        if before is not None or text[max(lo, m.start() - 3):m.start()].rstrip()[-1:].isdigit():
            continue
        start, last = m.start(), i
        if after is not None:
            if not (value >= 20 and value % 10 == 0 and after < 10):
                continue
            value, last = value + after, i + 1
        counted = _counted(text, tokens[last].end(), hi, units, words)
        if counted is None:
            continue
        noun, end = counted
        printed = text[start:end].strip()
        out.append(_Figure(start, end, tokens[last].end() if noun.in_label else end, float(value), noun.unit,
                           printed, (reason("written_in_words", printed=printed),)))
    return out


def _clause_figures(sentence: str, main: str, clause: _Clause, patterns: _Patterns, units: Units,
                    words: ProseWords) -> list[tuple[_Figure, tuple[int, int] | None]]:
    """The figures of a clause, each with the bracket it is in (None: in the clause itself); a bracket of
    differences or rates gives none."""
    found: list[tuple[_Figure, tuple[int, int] | None]] = \
        [(f, None) for f in _figures_in(main, clause.start, clause.end, patterns, units, words)]
    for b in _BRACKET.finditer(sentence, clause.start, clause.end):
        inside = _figures_in(sentence, b.start(1), b.end(1), patterns, units, words)
        if inside and not words.not_amount.search(b.group(1)):
            found += [(f, b.span()) for f in inside]
    return found


def _label(text: str, lo: int, hi: int, drop: list[tuple[int, int]], words: ProseWords,
           keep: tuple[int, int] | None = None) -> str:
    """The words of text[lo:hi] without the dropped spans (but `keep`, a figure's own noun), its periods,
    numbers, filler and list number."""
    chars = list(text[lo:hi])
    for start, end in drop:
        for i in range(max(start, lo), min(end, hi)):
            if keep is None or not keep[0] <= i < keep[1]:
                chars[i - lo] = " "
    label = _LIST_MARK.sub("", "".join(chars))
    label = words.filler.sub(" ", _PERIOD_WORDS.sub(" ", label))
    label = _LABEL_NOISE.sub(" ", label)
    return " ".join(label.split()).strip(_LABEL_EDGES)


def _joined(*parts: str) -> str:
    return " ".join(p for p in parts if p)


def _only_continuation(label: str, words: ProseWords) -> bool:
    return all(w.lower() in words.continuation for w in _WORD.findall(label))


def _year_count(text: str) -> int:
    return len(set(_YEAR_NAMED.findall(text)))


class _Dating:
    """A figure's year and period: its bracket's, else its clause's, else its sentence's, else the
    document's; a clause (or, when the clause names none, a sentence) naming two years dates none."""

    def __init__(self, reading: Reading):
        identity = reading.identity
        self.year = identity.report_year if identity is not None else reading.report_year
        self.period = identity.period if identity is not None else None
        self.identity = identity
        # A sentence is dated once for all its figures, not once for each (a long one would cost its length
        # times its figures).
        self._named = lru_cache(maxsize=64)(self._read)

    def _read(self, text: str) -> Dated | str | None:
        if _year_count(text) > 1:
            return _TWO_YEARS
        dated = period_in(text, self.identity)
        return dated if dated is not None and dated.year is not None else None

    def of(self, *texts: str) -> Dated | str:
        """The period of the first of `texts` (innermost first) that names one, else the document's; or why
        there is none to take."""
        for text in texts:
            if (named := self._named(text)) is not None:
                return named
        return Dated(self.year, self.period) if self.year is not None else _NO_YEAR


def sentence_facts(reading: Reading) -> SentenceReading:
    """The figures of the document's running text and lists, as generic facts."""
    out = SentenceReading()
    units, words, patterns = load_units(), load_prose(), _patterns()
    dating = _Dating(reading)
    undated = 0
    for flow, masked in _paragraphs(reading, words):
        printed = flow.text
        for offset, sentence in _sentences(masked, words):
            if not _DIGIT.search(sentence) and words.number_words.keys().isdisjoint(_LETTERS.findall(sentence.lower())):
                continue  # no figure can be in it
            main = _blank_brackets(sentence)
            printed_sentence = printed[offset:offset + len(sentence)]
            printed_main = _blank_brackets(printed_sentence)
            clauses = [(clause, _clause_figures(sentence, main, clause, patterns, units, words))
                       for clause in _clauses(main, patterns)]
            # A difference, rate, threshold or plan anywhere in a sentence leaves all its figures out: its
            # clauses often share the words that say so ("Plānots … 14 bērniem … un 16 personām …").
            if not any(found for _, found in clauses) or words.not_amount.search(main):
                continue
            head, previous = "", ""
            for clause, found in clauses:
                if len(found) > _MAX_FIGURES:
                    out.messages.append(f"text, {flow.loc_at(offset + clause.start).ref()}: a clause of "
                                        f"{len(found)} figures not read: more than a sentence says at once")
                    continue
                spans = [(f.start, f.end) for f, _ in found]
                own = _label(main, clause.start, clause.end, spans, words)
                if not found and clause.head:
                    head = own
                    continue
                prefix = _joined(head, previous if previous and _only_continuation(own, words) else "")
                base = _joined(prefix, own)
                previous = base
                for figure, bracket in found:
                    drop = [s for s in spans if s != (figure.start, figure.end)] + [(figure.start, figure.number_end)]
                    keep = (figure.number_end, figure.end)
                    if bracket is None:
                        label = _joined(prefix, _label(main, clause.start, clause.end, drop, words, keep))
                        dated = dating.of(printed_main[clause.start:clause.end], printed_main)
                    else:
                        # A bracket of its own words ("(t.sk. 120 bērni)") is a figure of its own; one of
                        # nothing but figures and a period is its clause's figure in other units or years.
                        label = _label(sentence, *bracket, drop, words, keep) \
                            if _label(sentence, *bracket, spans, words) \
                            else _joined(base, _label(sentence, figure.number_end, figure.end, [], words))
                        dated = dating.of(printed_sentence[bracket[0]:bracket[1]],
                                          printed_main[clause.start:clause.end], printed_main)
                    if dated == _NO_YEAR:
                        undated += 1
                        continue
                    if dated == _TWO_YEARS:
                        out.messages.append(f"text, {flow.loc_at(offset + figure.start).ref()}: "
                                            f"'{figure.printed}' not stored: {dated}")
                        continue
                    out.facts += _facts(reading, figure, label, dated, Spot("text", flow.loc_at(offset + figure.start)),
                                        units)
    if undated:
        out.messages.append(f"{undated} figure(s) of the text not stored: neither they nor the document name a year")
    return out


def _facts(reading: Reading, figure: _Figure, label: str, dated: Dated, spot: Spot, units: Units) -> list[Fact]:
    """The figure as a fact, and a value in lats also as its derived EUR value."""
    dating_reasons = (dated.reason,) if dated.reason else ()
    common = dict(municipality=reading.municipality, year=dated.year, period=dated.period, label=label, spot=spot,
                  raw_value=figure.printed)
    facts = [generic_fact(value=figure.value, unit=figure.unit, reasons=(*figure.reasons, *dating_reasons),
                          **common)]
    if figure.unit == "LVL":
        derived = reason("derived_from_lvl", printed=figure.printed, rate=f"{units.lvl_per_eur:.{_RATE_DIGITS}f}")
        facts.append(generic_fact(value=round(figure.value / units.lvl_per_eur, 2), unit="EUR",
                                  reasons=(*figure.reasons, *dating_reasons, derived), **common))
    return facts
