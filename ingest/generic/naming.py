"""A generic figure's label and unit to what it measures: the catalogue's indicator its words name, and the
topic and metric that indicator's facts have; a label naming none, or more than one, is kept as printed
under the topic `other` (metric `figure`), with no indicator: never a guess."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ingest.indicators import indicators_named

UNNAMED_TOPIC = "other"
UNNAMED_METRIC = "figure"


@dataclass(frozen=True)
class Naming:
    topic: str
    metric: str
    indicator: str | None
    candidates: tuple[str, ...] = ()  # the indicators named when more than one was


@lru_cache(maxsize=4096)  # a table's row label names the figures of each of its years
def name_figure(label: str | None, unit: str) -> Naming:
    """What a figure of `unit` labelled `label` measures. The indicator's first topic/metric pair is the
    fact's, so that the ingest's own matching (ingest.indicators.assign_indicators) names it again."""
    named = indicators_named(label, unit)
    if len(named) == 1:
        topic, metric = named[0].facts[0].split("/")
        return Naming(topic, metric, named[0].indicator)
    return Naming(UNNAMED_TOPIC, UNNAMED_METRIC, None, tuple(i.indicator for i in named))
