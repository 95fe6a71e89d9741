"""Slides of the national survey of municipal social services (February 2017), as a text export.

What it holds: who answered, the social-work specialists of the answering municipalities against the
1 per 1 000 residents norm, and the caseload of the social workers for families with children. The
chart slides lost their numbers in the export; what is left are short sentences, read by Prose rules
dated by the slide that says when the survey was made.
"""
from __future__ import annotations

import re

from ingest.checks import Pick, RangeCheck, RatioCheck, check_arithmetic, flag_disagreements
from ingest.layouts import Layout
from ingest.model import DocumentInfo, Extraction, ParsedDocument
from ingest.specs import FlowText, Prose, ProseGroup, iso_period, read_prose_groups

MUNICIPALITY = "Latvija"
SURVEY_DATE = r"Aptauja tika veikta (?P<year>\d{4})\.\s?gada (?P<month>[^\W\d_]+)"

DEC = r"\d+(?:[.,]\d+)?"
_FAMILY_WORKERS = "sociālie darbinieki darbam ar ģimeni un bērniem"
_IN_CASES = r"ilgstošas sociālās\s+problēmas\s*[–-]\s*vidēji "
_SPECIALISTS = "sociālā darba speciālisti"

RESPONSES = (
    Prose(r"Saņemtas atbildes:\s*-?\s*no (?P<value>\d+) pašvaldību sociālo dienestu vadītājiem", "survey",
          "respondents", "persons", "pašvaldību sociālo dienestu vadītāji"),
    Prose(r"no (?P<value>\d+) sociālajiem darbiniekiem darbam ar\s+ģimeni un bērniem", "survey", "respondents",
          "persons", _FAMILY_WORKERS),
    Prose(r"darbiniekiem darbam ar\s+ģimeni un bērniem \(t\.sk\.\s?(?P<value>\d+) (?P<who>vīrieši)\)", "survey",
          "respondents", "persons", _FAMILY_WORKERS, subgroup="{who}"),
    Prose(r"(?P<value>\d+) sociālo darbinieku atbildēs (?P<what>klienta zemā motivācija un\s+nevēlēšanās "
          r"sadarboties) ir minēti kā viens no", "survey", "respondents", "persons", _FAMILY_WORKERS,
          subgroup="minējuši: {what}"),
    Prose(r"jābūt (?P<value>\d+) sociālā darba speciālistam\s+uz 1000 iedzīvotājiem", "staff",
          "specialists_per_1000", "per_1000", _SPECIALISTS, subgroup="SPSPL norma"),
)

# The specialists slide counts the answering municipalities only: they are its territory. Its residents
# are dated by their source note, "*PMLP, 01.01.2017.", which follows the slide's text.
_ANSWERING = "atbildējušās pašvaldības"
_PMLP_NOTE = r"(?=.*?\*\s*PMLP,\s*(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4}))"
SPECIALISTS = (
    Prose(rf"sociālajos dienestos (?P<value>{DEC}\s?%) no nepieciešamā\s+sociālā darba speciālistu skaita",
          "staff", "specialists", "percent", _SPECIALISTS, subgroup="no nepieciešamā skaita"),
    Prose(r"šajās \d+ pašvaldībās bija (?P<value>\d+)\*? iedzīvotāji" + _PMLP_NOTE, "population", "residents",
          "persons", "iedzīvotāju skaits", period="{year}-{month:0>2}-{day:0>2}"),
    Prose(r"šajās \d+ pašvaldībās bija \d+\*? iedzīvotāji\s*-\s*nepieciešami (?P<value>\d+)\s+sociālā darba "
          r"speciālisti", "staff", "specialists_required", "persons", _SPECIALISTS),
    Prose(r"SD sniegtās atbildes\s*[–-]\s*(?P<value>\d+) sociālā darba speciālisti", "staff", "specialists",
          "persons", _SPECIALISTS),
    Prose(r"sociālā darba speciālisti, t\.sk\.\s?(?P<value>\d+)\s+(?P<who>sociālie darbinieki)", "staff",
          "specialists", "persons", _SPECIALISTS, subgroup="{who}"),
    Prose(r"\(no kuriem (?P<value>\d+) SD (?P<who>darbam ar ģimeni un\s+bērniem)\)", "staff", "specialists",
          "persons", _SPECIALISTS, subgroup="sociālie darbinieki {who}"),
    Prose(r"(?P<value>\d+) pašvaldībās (?P<what>nav SD darbam ar ģimeni un bērniem)", "staff", "municipalities",
          "count", "pašvaldības, kurās {what}"),
)

CASELOAD = (
    # The reference band of other countries, as two facts.
    Prose(r"klientu lietu skaita maksimālā robeža dažādās\s+valstīs variē no (?P<value>\d+) līdz", "caseload",
          "cases_per_worker", "cases", "maksimālā robeža dažādās valstīs", subgroup="min"),
    Prose(r"klientu lietu skaita maksimālā robeža dažādās\s+valstīs variē no \d+ līdz (?P<value>\d+) lietām",
          "caseload", "cases_per_worker", "cases", "maksimālā robeža dažādās valstīs", subgroup="max"),
    Prose(r"(?P<value>\d+) darbinieki strādā\s+ar \d+ klientu lietām", "caseload", "workers", "persons",
          _FAMILY_WORKERS),
    Prose(r"\d+ darbinieki strādā\s+ar (?P<value>\d+) klientu lietām", "caseload", "active_cases", "cases",
          _FAMILY_WORKERS),
    Prose(_IN_CASES + r"(?P<value>\d+\s?-\s?\d+ tūkstoši) cilvēku", "caseload", "persons_in_cases", "persons",
          _FAMILY_WORKERS, subgroup="min", scale=1000),
    Prose(_IN_CASES + r"\d+\s?-\s?(?P<value>\d+ tūkstoši) cilvēku", "caseload", "persons_in_cases", "persons",
          _FAMILY_WORKERS, subgroup="max", scale=1000),
    Prose(r"Aptuvenais personu skaits klientu lietās, ko sociālie\s+darbinieki uzrāda, ir "
          r"(?P<value>\d{1,3}(?: \d{3})*)", "caseload", "persons_in_cases", "persons", _FAMILY_WORKERS),
    Prose(rf"vidēji (?P<value>{DEC}) personas\s+uz tā klientu lietu", "caseload", "persons_per_case", "persons",
          _FAMILY_WORKERS),
    # "Līdzko ... klientu lietu skaits pieaug virs 20-25 ...": the threshold band, as two facts.
    Prose(r"klientu lietu skaits pieaug\s+virs (?P<value>\d+)\s?-\s?\d+", "caseload", "cases_per_worker", "cases",
          "slieksnis, virs kura nav iespējams pievērsties visiem klientiem", subgroup="min"),
    Prose(r"klientu lietu skaits pieaug\s+virs \d+\s?-\s?(?P<value>\d+)", "caseload", "cases_per_worker", "cases",
          "slieksnis, virs kura nav iespējams pievērsties visiem klientiem", subgroup="max"),
)

PROSE = (
    ProseGroup(RESPONSES, context=SURVEY_DATE),
    ProseGroup(SPECIALISTS, context=SURVEY_DATE, territory=_ANSWERING),
    ProseGroup(CASELOAD, context=SURVEY_DATE),
)

CHECKS = (
    RatioCheck(ratio=Pick("specialists", _SPECIALISTS, "no nepieciešamā skaita", territory=_ANSWERING),
               numerator=Pick("specialists", _SPECIALISTS, territory=_ANSWERING),
               denominator=Pick("specialists_required", _SPECIALISTS, territory=_ANSWERING), scale=100),
    # The law's norm: at least one social-work specialist per 1 000 residents.
    RatioCheck(ratio=Pick("specialists_required", _SPECIALISTS, territory=_ANSWERING),
               numerator=Pick("residents", "iedzīvotāju skaits", territory=_ANSWERING), scale=1 / 1000),
    RatioCheck(ratio=Pick("persons_per_case", _FAMILY_WORKERS), numerator=Pick("persons_in_cases", _FAMILY_WORKERS),
               denominator=Pick("active_cases", _FAMILY_WORKERS)),
    # "vidēji 25-30 tūkstoši cilvēku" in the cases, and the 36 003 persons the social workers count in them.
    RangeCheck(low=Pick("persons_in_cases", _FAMILY_WORKERS, "min"),
               high=Pick("persons_in_cases", _FAMILY_WORKERS, "max"), exact=Pick("persons_in_cases", _FAMILY_WORKERS)),
)


def extract(doc: ParsedDocument) -> Extraction:
    """The figures of the slides, checked against each other; the survey's month as its publication."""
    flow = FlowText(doc.lines)
    facts, missing = read_prose_groups(flow, PROSE, MUNICIPALITY)
    check_arithmetic(facts, CHECKS)
    flag_disagreements(facts)
    survey = re.search(SURVEY_DATE, flow.text)
    when = iso_period(survey.groupdict())[:7] if survey else None  # the survey's month, "2017-02"
    info = DocumentInfo(municipality=MUNICIPALITY, kind="survey",
                        title="Pašvaldību sociālo dienestu aptauja" + (f" ({when})" if when else ""),
                        period=survey.group("year") if survey else "", published=when, edition=when)
    units = sorted({f.territory for f in facts if f.territory})  # the answering municipalities, as one unit
    return Extraction(layout="national survey", info=info, facts=facts, messages=missing,
                      territories=[(MUNICIPALITY, unit, "unit") for unit in units])


LAYOUT = Layout(
    name="national survey",
    signature=(r"Aptauja tika veikta \d{4}\.\s?gada", r"pašvaldību sociālo dienestu vadītāj",
               r"Sociālā darba speciālistu skaits"),
    extract=extract,
)
