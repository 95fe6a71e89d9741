"""Which indicator of the catalogue (warehouse/seeds/indicators.toml) a fact measures, from its words.

A fact can be an indicator when its topic/metric is one the indicator lists and its unit is the
indicator's, so spend, persons and households of one benefit are three indicators. Among those, the
indicator is named by the fact's own words:
- the category's own label: for a sub-row printed under its parent ("Citi sociālie pakalpojumi / Patversme")
  the sub-row's words only, and a "t.sk." row without its "t.sk.", so that a part never takes the indicator
  of its whole (nor a whole that of a part): a part that names nothing gets none;
- text in brackets is an explanation ("sociālā darba speciālisti (sociālie darbinieki, …)") and is left out;
- when the category names none of them, the subgroup ("Sociālā darba un sociālās palīdzības nodaļa",
  subgroup "sociālie darbinieki");
- when neither does, the indicator that is the default of its facts (staff positions, active cases, …).
A fact named by two indicators at one step is given none, and keeps the two as `indicator_candidates`
for the quality view.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ingest.model import Fact
from warehouse.seeds.indicators import Indicator, load_catalogue

_PART_PREFIX = re.compile(r"^\s*(?:t\.\s*sk\.|tai skaitā|tajā skaitā|no tiem|no tām)[\s:,]*", re.IGNORECASE)
_BRACKETS = re.compile(r"\([^()]*\)")
_NOT_WORD = re.compile(r"[^\w]+")
_SUB_ROW = " / "


@dataclass(frozen=True)
class _Rule:
    indicator: Indicator
    words: re.Pattern | None
    unless: re.Pattern | None


def _pattern(stems: tuple[str, ...]) -> re.Pattern | None:
    """One pattern for a list of stems, each word of a stem the start of a word, the words in sequence."""
    if not stems:
        return None
    alternatives = (r"\s+".join(rf"{re.escape(word)}\w*" for word in stem.split()) for stem in stems)
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + ")")


@cache
def _rules() -> dict[tuple[str, str, str], list[_Rule]]:
    """The catalogue's indicators by the (topic, metric, unit) of the facts each can be."""
    by_fact: dict[tuple[str, str, str], list[_Rule]] = {}
    for indicator in load_catalogue().values():
        rule = _Rule(indicator, _pattern(indicator.words), _pattern(indicator.unless))
        for topic_metric in indicator.facts:
            topic, metric = topic_metric.split("/")
            by_fact.setdefault((topic, metric, indicator.unit), []).append(rule)
    return by_fact


def label_words(label: str | None) -> str:
    """A label as matched: its own words (a sub-row's, a "t.sk." row's without it), brackets left out,
    lower case, every run of punctuation one space."""
    if not label:
        return ""
    own = _PART_PREFIX.sub("", label.split(_SUB_ROW)[-1])
    text = _BRACKETS.sub(" ", own)
    if not text.strip():  # a label that is all explanation
        text = own
    return " ".join(_NOT_WORD.sub(" ", text.replace("_", " ")).lower().split())


def _names(rule: _Rule, text: str) -> bool:
    """Whether the words `text` name the rule's indicator (and none of its `unless` words stand there)."""
    return bool(rule.words and text and rule.words.search(text) and not (rule.unless and rule.unless.search(text)))


def _named(rules: list[_Rule], text: str) -> list[str]:
    return [rule.indicator.indicator for rule in rules if _names(rule, text)]


def candidates(fact: Fact) -> list[str]:
    """The indicators the fact's words name at the first step that names any (see the module's note)."""
    rules = _rules().get((fact.topic, fact.metric, fact.unit), [])
    category = label_words(fact.category)
    for text in (category, label_words(fact.subgroup)):
        named = _named(rules, text)
        if named:
            return named
    return [rule.indicator.indicator for rule in rules
            if rule.indicator.default and not (rule.unless and rule.unless.search(category))]


@cache
def _rules_by_unit() -> dict[str, list[_Rule]]:
    """Each indicator's rule once, by its unit (`_rules` lists one under each of its facts' topic/metric)."""
    by_unit: dict[str, list[_Rule]] = {}
    for rule in dict.fromkeys(rule for rules in _rules().values() for rule in rules):
        by_unit.setdefault(rule.indicator.unit, []).append(rule)
    return by_unit


def indicators_named(label: str | None, unit: str) -> list[Indicator]:
    """The indicators of `unit` whose words the label names (as `label_words` reads it), whatever their
    topic and metric: for a figure no layout has placed, such as the generic reader's."""
    text = label_words(label)
    return [rule.indicator for rule in _rules_by_unit().get(unit, []) if _names(rule, text)]


def assign_indicators(facts: list[Fact]) -> None:
    """Set each fact's `indicator` where its words name exactly one; a fact named by more than one gets
    none, and those indicators as its `indicator_candidates`. A fact of a topic and metric no indicator
    can be (the generic reader's unnamed figures) keeps what its reader said."""
    for fact in facts:
        if (fact.topic, fact.metric, fact.unit) not in _rules():
            continue
        found = candidates(fact)
        fact.indicator = found[0] if len(found) == 1 else None
        fact.indicator_candidates = tuple(found) if len(found) > 1 else ()
