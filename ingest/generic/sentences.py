"""Figures of running text and lists: a number with its unit or counted noun, tied to the indicator whose
words stand in the same clause, dated by the clause's own period or the document's.

(A first cut: none read.)
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ingest.model import Fact
from ingest.rules.registry import Reading


@dataclass
class SentenceReading:
    facts: list[Fact] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)


def sentence_facts(reading: Reading) -> SentenceReading:
    return SentenceReading()
