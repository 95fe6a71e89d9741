"""A web article of the Latvian Association of Local and Regional Governments (LPS) on a seminar about
social services in municipalities.

Stored mainly for its text (the search finds it); it is qualitative, so the one clear figure read is the
population of the future municipality a speaker describes. The article prints the seminar's day and
month but no year: the year is taken from the file's name, and facts say so in their flag.
"""
from __future__ import annotations

import re

from ingest.layouts import Layout
from ingest.model import DocumentInfo, Extraction, ParsedDocument
from ingest.specs import FlowText, Prose, iso_period, read_prose

SCOPE = "Latvija"
TITLE = r"(?m)^\s*(?P<title>\S[^\n]*seminārs[^\n]*?)\s*$"
SEMINAR_DATE = r"(?P<day>\d{1,2})\.\s*(?P<month>[^\W\d_]+) tiešsaistē notika"

# "... nākotnes Aizkraukles novadā. ... apvienosies sešas pašvaldības: ..., kuros kopā dzīvo ap 30 tūkstošiem
# iedzīvotāju."
FUTURE_MUNICIPALITY = r"izaicinājumus sociālajā jomā nākotnes (?P<name>[^\W\d_]+) novadā"
FUTURE_POPULATION = Prose(r"jaunajā novadā apvienosies [^.]*?kuros kopā dzīvo ap (?P<value>\d+ tūkstoš\w*) "
                          r"iedzīvotāju", "population", "residents", "persons",
                          "iedzīvotāju skaits novadā pēc administratīvi teritoriālās reformas", scale=1000)


def _year_from_name(file_name: str) -> str | None:
    m = re.search(r"(?<!\d)(?:19|20)\d\d(?!\d)", file_name)
    return m.group(0) if m else None


def _edition(title: re.Match | None, held: re.Match | None) -> str | None:
    """The article prints no year: its title and the seminar's day as printed tell it from the others,
    e.g. 'Diskusiju seminārs par sociālajiem pakalpojumiem pašvaldībās (20. oktobrī)'."""
    if not (title and held):
        return None
    return f"{title.group('title')} ({held.group('day')}. {held.group('month')})"


def extract(doc: ParsedDocument) -> Extraction:
    flow = FlowText(doc.lines)
    year = _year_from_name(doc.file_name)
    title = re.search(TITLE, doc.text)
    held = re.search(SEMINAR_DATE, flow.text)
    published = iso_period({**held.groupdict(), "year": year}) if held and year else year
    info = DocumentInfo(municipality=SCOPE, kind="article", title=title.group("title") if title else doc.file_name,
                        period=year or "", published=published, edition=_edition(title, held))
    messages: list[str] = []
    facts = []
    future = re.search(FUTURE_MUNICIPALITY, flow.text)
    if future:
        facts, missing = read_prose(flow, [FUTURE_POPULATION], f"{future.group('name')} novads")
        messages.extend(missing)
    else:
        messages.append("no sentence names the future municipality whose population the article gives")
    for fact in facts:
        fact.year, fact.period = (int(year), year) if year else (None, None)
        fact.add_flag("reform_municipality")
        if year:
            fact.add_flag("year_from_file_name", year=int(year))
    return Extraction(layout="LPS article", info=info, facts=facts, messages=messages)


LAYOUT = Layout(
    name="LPS article",
    signature=(r"Latvijas Pašvaldību savienības", r"diskusiju seminār", r"sociālo pakalpojumu"),
    extract=extract,
)
