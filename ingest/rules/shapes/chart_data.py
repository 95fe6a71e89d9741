"""Chart data a word processor's text export dumps at the end of the file (transform `chart_data`).

In such a dump a chart's series is a run of labels followed by as many values (a year alone on a line, or
trailing the run before, names the run that follows; a row of years with a row of values under it is a
chart over time). A rules file's `[[transform_rules]]` with `transform = "chart_data"` (ChartData specs)
recognise a chart by its labels and read its year from the chart's caption or describing sentence in the
running text. Series that no spec recognises, or that nothing dates, are kept as raw cells. The facts
follow the prose figures, as the dump follows the text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.checks import sum_of, sum_tolerance
from ingest.model import Cell, Extraction, Fact, Location, ParsedDocument, RawCell, Spot
from ingest.numbers import parse_lv_number
from ingest.rules.registry import Reading, transform
from ingest.specs import FlowText, iso_period


@dataclass(frozen=True)
class ChartData:
    """A chart whose numbers the export dumped at the end of the file.

    `labels` recognises the chart: a regex over its series' labels joined by ' | ' (case-sensitive); a
    series is read by the first spec that recognises it. `context` finds the chart's caption or describing
    sentence in the running text; its groups date a series that carries no year (year, and month/day for a
    finer period) and fill `category`. Without `category` each label is a category, after `same_as`
    ((label regex, category) pairs, whole label, any case) names it as the document's tables name the same
    line, so that the figures meet and disagreements are flagged. `label_map` ((label regex, topic, metric,
    unit)) moves labels to another topic, metric and unit. `part_of` names the chart whose total each
    series of this one should add up to, year by year."""

    name: str
    labels: str
    context: str
    topic: str
    metric: str
    unit: str
    category: str | None = None
    same_as: tuple[tuple[str, str], ...] = ()
    label_map: tuple[tuple[str, str, str, str], ...] = ()
    part_of: str | None = None


@dataclass
class ChartSeries:
    """One run of the chart dump: labels and as many values, and the year the dump gives the run."""

    labels: list[Cell]
    values: list[Cell]
    year: int | None = None
    years_axis: bool = False  # the labels are the years (a chart over time)


def _cells(text: str, loc: Location) -> list[Cell]:
    return [Cell(part.strip(), loc) for part in text.split("\t") if part.strip()]


def _is_number(text: str) -> bool:
    number = parse_lv_number(text)
    return number.value is not None and not number.rest and not number.is_percent


def _is_year(text: str) -> bool:
    return bool(re.fullmatch(r"(?:19|20)\d\d", text))


def chart_series(doc: ParsedDocument) -> list[ChartSeries]:
    """The runs of the chart dump. Its lines start with a label or a year (the rows of this export's tables
    start with a tab) and hold labels followed by as many values, a row of years with a row of as many
    values under it, or a year alone (naming the next run; a year trailing a run names the next one too)."""
    lines = [line for line in doc.lines if "\t" in line.text and line.text[:1] not in ("\t", " ")]
    series: list[ChartSeries] = []
    pending_year: int | None = None
    i = 0
    while i < len(lines):
        cells = _cells(lines[i].text, lines[i].loc)
        texts = [c.text for c in cells]
        if len(texts) == 1 and _is_year(texts[0]):
            pending_year = int(texts[0])
        elif len(texts) >= 2 and all(_is_year(t) for t in texts):
            values = _cells(lines[i + 1].text, lines[i + 1].loc) if i + 1 < len(lines) else []
            if len(values) == len(cells) and all(_is_number(v.text) for v in values):
                series.append(ChartSeries(cells, values, years_axis=True))
                i += 1
        else:
            n_labels = next((k for k, t in enumerate(texts) if _is_number(t)), len(texts))
            labels, values = cells[:n_labels], cells[n_labels:]
            trailing = None
            if len(values) == len(labels) + 1 and _is_year(values[-1].text):
                trailing, values = int(values[-1].text), values[:-1]
            if len(labels) >= 2 and len(values) == len(labels) and all(_is_number(v.text) for v in values):
                series.append(ChartSeries(labels, values, year=pending_year))
                pending_year = trailing
        i += 1
    return series


def _category(label: str, spec: ChartData) -> str:
    label = label.rstrip(":").strip()
    return next((category for pattern, category in spec.same_as if re.fullmatch(pattern, label, re.IGNORECASE)),
                label)


def _when(series: ChartSeries, label: Cell, known: dict[str, str | None]) -> tuple[int, str] | None:
    """The year and period of one value: its axis label, the run's year or the chart's context."""
    if series.years_axis:
        return int(label.text), label.text
    if series.year is not None:
        return series.year, str(series.year)
    if known.get("year"):
        return int(known["year"]), iso_period(known)
    return None


def _series_facts(series: ChartSeries, spec: ChartData, known: dict[str, str | None],
                  municipality: str) -> list[Fact]:
    facts = []
    for label, cell in zip(series.labels, series.values):
        when = _when(series, label, known)
        if when is None:
            return []  # undated: the run is kept as raw cells
        topic, metric, unit = next((mapped for pattern, *mapped in spec.label_map if re.search(pattern, label.text)),
                                   (spec.topic, spec.metric, spec.unit))
        category = (spec.category.format(**{k: v or "" for k, v in known.items()}) if spec.category
                    else _category(label.text, spec))
        number = parse_lv_number(cell.text)
        fact = Fact(municipality=municipality, year=when[0], period=when[1], topic=topic, metric=metric,
                    category=category, value=number.value, unit=unit, raw_value=cell.text,
                    spot=Spot(f"chart data ({spec.name})", cell.loc, label.text, row_word="label", widths=(50, 0)))
        fact.add_reasons(number.reasons)
        facts.append(fact)
    return facts


def _check_parts(parts: list[Fact], totals: list[Fact]) -> None:
    """A split (one run of chart data) should add up, year by year, to the total another chart gives."""
    by_year: dict[int | None, list[Fact]] = {}
    for fact in parts:
        by_year.setdefault(fact.year, []).append(fact)
    for total in totals:
        if total.year not in by_year:
            continue
        split = by_year[total.year]
        added = sum_of(split)
        if abs(added.value - total.value) > sum_tolerance([*split, total]):
            # A split printed twice: each print that does not add up gives its own reason.
            total.add_flag("chart_split_differs", sum=added, printed=total.raw_value,
                           where=split[0].spot.place_ref)


def _raw_cells(series: ChartSeries) -> list[RawCell]:
    cells = series.labels + series.values
    ref = f"chart data, {cells[0].loc.ref()}"
    return [RawCell(ref, "", 0, c, cell.text, cell.loc) for c, cell in enumerate(cells)]


def read_charts(doc: ParsedDocument, flow: FlowText, municipality: str, specs: tuple[ChartData, ...],
                messages: list[str]) -> tuple[list[Fact], list[RawCell]]:
    """Facts for every run of the chart dump a spec recognises and can date; raw cells else."""
    read: list[tuple[ChartData, list[Fact]]] = []
    raw: list[RawCell] = []
    for series in chart_series(doc):
        joined = " | ".join(label.text.rstrip(":").strip() for label in series.labels)
        spec = next((s for s in specs if re.search(s.labels, joined)), None)
        context = re.search(spec.context, flow.text) if spec else None
        facts = _series_facts(series, spec, context.groupdict() if context else {}, municipality) if spec else []
        if facts:
            read.append((spec, facts))
        else:
            raw.extend(_raw_cells(series))
    for spec in specs:
        if not any(s is spec for s, _ in read):
            messages.append(f"no chart data found for '{spec.name}'")
        if spec.part_of:
            totals = [f for s, facts in read if s.name == spec.part_of for f in facts]
            for s, facts in read:
                if s is spec:
                    _check_parts(facts, totals)
    return [f for _, facts in read for f in facts], raw


@transform("chart_data", stage="facts", spec=ChartData)
def read_chart_data(out: Extraction, reading: Reading, specs: tuple[ChartData, ...]) -> None:
    facts, raw = read_charts(reading.doc, reading.flow, reading.municipality, specs, out.messages)
    out.facts += facts
    out.raw_cells += raw
