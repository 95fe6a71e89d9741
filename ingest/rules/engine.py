"""One way to read any layout: `apply(document, rules) -> Extraction`.

The steps are the same for every layout: say whose report it is and which one (from the document's own
words), let `tables` transforms prepare the tables, read each table rule's tables (each table once; a rule
that finds none says so), keep every other table's cells as raw cells, read the prose groups, run the
`facts` transforms, then the checks and the comparison of figures printed twice. Checks that a rules
file gives `among = "prose"` run on the prose figures alone, as soon as they are read.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import replace
from string import Formatter
from typing import Any

from ingest.checks import check_arithmetic, flag_disagreements
from ingest.model import DocumentInfo, Extraction, Fact, ParsedDocument, TextLine
from ingest.place_names import parish_nominative, unit_nominative
from ingest.rules.loader import PLACE_FORMS, TEMPLATE_KEYS, DocumentRules, Find, LayoutRules, ProseRules
from ingest.rules.places import municipality_by_form, municipality_forms
from ingest.rules.registry import Reading, Transform, shapes, transforms
from ingest.rules.tokens import expand, fill_places
from ingest.specs import YEAR, FlowText, ProseGroup, find_tables, iso_period, month_number, read_prose_groups, \
    table_raw_cells

# `[document] municipality = "named"`: whose and when, from the document's own words (the generic reader).
NAMED = "named"
_PLACE_FORM_FUNCTIONS = {"parish_nominative": parish_nominative, "unit_nominative": unit_nominative}


# --------------------------------------------------------------------------- whose report, and which

def _within(doc: ParsedDocument, flow: FlowText, find: Find) -> str:
    if find.within == "file_name":
        return doc.file_name
    if find.within == "flow":
        return flow.text
    if find.within == "cover":
        return flow.text[:400].replace("*", "")
    return doc.text


def _known_groups(m: re.Match) -> dict[str, str]:
    """A match's groups, with the forms templates need: `iso` (a date or month span as ISO), `month_iso`
    (YYYY-MM) and `month_number` (two digits) where the groups name a month."""
    groups = {k: v.strip() for k, v in m.groupdict().items() if v}
    groups["match"] = m.group(0).strip()
    month = month_number(groups.get("month"))
    if month:
        groups["month_number"] = f"{month:02d}"
        if groups.get("year"):
            groups["month_iso"] = f"{groups['year']}-{month:02d}"
    if groups.get("year"):
        groups["iso"] = iso_period(groups) or groups["year"]
    return groups


def find_known(doc: ParsedDocument, flow: FlowText, finds: tuple[Find, ...]) -> dict[str, dict[str, str]]:
    known = {}
    for find in finds:
        matches = list(re.finditer(find.pattern, _within(doc, flow, find)))
        if find.pick == "latest":
            matches = sorted((m for m in matches if m.groupdict().get("year")), key=lambda m: int(m["year"]))[-1:]
        if matches:
            known[find.name] = _known_groups(matches[0])
    return known


def fill(template: str | None, known: dict[str, dict[str, str]]) -> str | None:
    """A `[document]` template filled from the finds' groups; None where it names a group not found."""
    if template is None:
        return None
    for _, field_name, _, _ in Formatter().parse(template):
        if field_name:
            find, _, group = field_name.partition("[")
            if group.rstrip("]") not in known.get(find, {}):
                return None
    return template.format_map(known).strip() or None


def _line_cleaned(text: str) -> str:
    return re.sub(r"[*#]+", "", text).strip()


def document_municipality(rules: DocumentRules, known: dict[str, dict[str, str]]) -> str | None:
    """The municipality the document names, in the nominative the warehouse uses; None when it names none
    the municipalities seed knows."""
    printed = fill(rules.municipality, known)
    if printed is None:
        return None
    return municipality_by_form(printed) or (printed if "{" not in rules.municipality else None)


# --------------------------------------------------------------------------- prose

def _prose_group(rules: ProseRules, report_year: int | None, known: dict, places: dict[str, str]) -> ProseGroup:
    def placed(pattern: str) -> str:
        return expand(pattern, None, places)

    prose = [replace(rule, pattern=placed(rule.pattern)) for rule in rules.rules]
    if rules.dated == "report_year":
        prose = [p if "(?P<year>" in p.pattern else replace(p, year=report_year)
                 for p in prose if report_year is not None or "(?P<year>" in p.pattern]
    form = _PLACE_FORM_FUNCTIONS[PLACE_FORMS[rules.territory_form]] if rules.territory_form else None
    return ProseGroup(tuple(prose), context=placed(rules.context) if rules.context else None,
                      municipality=fill(rules.municipality, known) if rules.municipality else None,
                      territory=rules.territory, territory_form=form)


def _read_prose(rules: LayoutRules, reading: Reading, places: dict[str, str]) -> tuple[list[Fact], list[str]]:
    facts: list[Fact] = []
    missing: list[str] = []
    # A report year read from the file's name is a guess the facts it dates must say.
    year_from_name = any(f.within == "file_name" and f"{{{f.name}[" in (rules.document.report_year or "")
                         for f in rules.document.find)
    for group in rules.prose:
        if group.municipality and fill(group.municipality, reading.known) is None:
            missing.append(f"no sentence names the municipality whose figures {group.municipality!r} are")
            continue
        prose = _prose_group(group, reading.report_year, reading.known, places)
        found, lost = read_prose_groups(reading.flow, [prose], reading.municipality)
        for fact in found:
            for kind in group.flags:
                fact.add_flag(kind)
        if year_from_name and group.dated == "report_year":
            dated = {rule.category for rule in prose.rules if "(?P<year>" not in rule.pattern}
            for fact in found:
                if fact.category in dated and fact.year == reading.report_year:
                    fact.add_flag("year_from_file_name", year=reading.report_year)
        facts += found
        missing += [m for m in lost if m not in missing]  # groups sharing a context miss it once
    if any(g.dated == "report_year" for g in rules.prose) and reading.report_year is None:
        missing.append("no report year found; figures dated only by the report year were skipped")
    return facts, missing


# --------------------------------------------------------------------------- the document

def _period(rules: DocumentRules, facts: list[Fact], table_facts: list[Fact], report_year: int | None,
            known: dict) -> str:
    if rules.period == "facts":
        years = [f.year for f in facts if f.year and (report_year is None or f.year <= report_year)]
        return f"{min(years)}..{report_year or max(years)}" if years else str(report_year or "")
    if rules.period in ("annual", "table_years"):
        of = facts if rules.period == "annual" else table_facts
        annual = sorted({f.year for f in of if f.year is not None and f.period == str(f.year)})
        return f"{annual[0]}..{annual[-1]}" if annual else ""
    return fill(rules.period, known) or ""


def _territory_kind(rules: LayoutRules, territory: str) -> str:
    return next((kind for pattern, kind in rules.territory_kinds if re.search(pattern, territory)), "unit")


def _run(step: Transform, out: Extraction, reading: Reading, rules: LayoutRules) -> None:
    if step.spec is None:
        step.run(out, reading)
    else:
        step.run(out, reading, rules.specs_of(step.name))


def placed(value: Any, places: dict[str, str]) -> Any:
    """Rules with the municipality's forms written into their names (a category such as
    "{of_municipality} sociālais dienests", a check's pick of it): every template key of every rule."""
    if isinstance(value, tuple):
        return tuple(placed(v, places) for v in value)
    if not dataclasses.is_dataclass(value) or isinstance(value, type):
        return value
    changes = {}
    for item in dataclasses.fields(value):
        current = getattr(value, item.name)
        if isinstance(current, str) and item.name in TEMPLATE_KEYS:
            changes[item.name] = fill_places(current, places)
        elif isinstance(current, tuple) or dataclasses.is_dataclass(current):
            changes[item.name] = placed(current, places)
    return dataclasses.replace(value, **changes) if changes else value


def _read_tables(rules: LayoutRules, reading: Reading, out: Extraction) -> None:
    """Each table rule's tables (each table once, in the order of the rules); a rule that finds none says so."""
    readers = shapes()
    for rule in rules.tables:
        shape = readers[rule.shape]
        if shape.find:
            groups = shape.find(rule.spec, reading)
        else:
            found = find_tables(replace(reading.doc, tables=reading.tables),
                                caption=getattr(rule.spec, "caption", None), header=getattr(rule.spec, "header", None))
            groups = [[t] for t in found if t.rows]
        groups = [g for g in groups if not reading.read & {id(t) for t in g}]
        if not groups and getattr(rule.spec, "required", True):
            looked_for = getattr(rule.spec, "caption", None) or getattr(rule.spec, "header", None) or rule.spec
            out.messages.append(f"no table matched {looked_for!r}")
        for tables in groups:
            reading.read.update(id(t) for t in tables)
            result = shape.read(tables, rule.spec, reading)
            reading.tables_read.append((rule.shape, tables, result.facts))
            out.facts += result.facts
            out.raw_cells += result.raw_cells
            out.messages += result.messages
            out.case_codes += result.case_codes


def apply(doc: ParsedDocument, rules: LayoutRules) -> Extraction:
    """Everything the rules read from the document."""
    lines = doc.lines
    if rules.strip_emphasis:  # emphasis marks (*343 euro*, **funkcijas**) are layout noise inside sentences
        lines = [TextLine(re.sub(r"\*+", "", line.text), line.loc) for line in lines]
    flow = FlowText(lines)
    known = find_known(doc, flow, rules.document.find)
    identity = None
    if rules.document.municipality == NAMED:
        # General rules: the document says whose and when in its own words (the generic reader).
        from ingest.generic.identity import document_identity

        identity = document_identity(doc, flow)
        municipality, report_year = identity.municipality, identity.report_year
        title, published, edition = identity.title, identity.published, None
    else:
        municipality = document_municipality(rules.document, known)
        year = fill(rules.document.report_year, known)
        report_year = int(year) if year and YEAR.fullmatch(year) else None
        title, published, edition = (fill(template, known) for template in (
            rules.document.title, rules.document.published, rules.document.edition))
    info = DocumentInfo(municipality=municipality or "nezināma", kind=rules.document.kind,
                        title=_line_cleaned(title or doc.file_name), period="", published=published, edition=edition)
    out = Extraction(layout=rules.name, info=info)
    if municipality is None:
        out.messages.append("the document names no municipality of the municipalities seed: its figures are not "
                            "stored, its text and table cells are kept" if identity is not None else
                            f"the document names no municipality the rules know ({rules.document.municipality!r})")
        out.raw_cells = [cell for table in doc.tables for cell in table_raw_cells(table)]
        return out
    places = municipality_forms(municipality)
    rules = placed(rules, places)
    reading = Reading(doc=doc, flow=flow, municipality=municipality, report_year=report_year, known=known,
                      tables=list(doc.tables), identity=identity)
    steps = transforms()
    for name in rules.transforms:
        if steps[name].stage == "tables":
            _run(steps[name], out, reading, rules)
    _read_tables(rules, reading, out)
    for table in reading.tables:
        if id(table) not in reading.read:
            out.raw_cells += table_raw_cells(table)
    facts, missing = _read_prose(rules, reading, places)
    check_arithmetic(facts, rules.prose_checks)
    out.facts += facts
    out.messages += missing
    for name in rules.transforms:
        if steps[name].stage == "facts":
            _run(steps[name], out, reading, rules)
    check_arithmetic(out.facts, rules.checks)
    flag_disagreements(out.facts, rules.same_figures)
    table_facts = [fact for _, _, facts in reading.tables_read for fact in facts]
    if identity is not None:
        for fact in out.facts:
            fact.add_reasons(identity.reasons)
        info.period = identity.period or _period(replace(rules.document, period="facts"), out.facts, table_facts,
                                                 report_year, known)
    else:
        info.period = _period(rules.document, out.facts, table_facts, report_year, known)
    out.territories = sorted({(municipality, f.territory, _territory_kind(rules, f.territory))
                              for f in out.facts if f.territory})
    return out
