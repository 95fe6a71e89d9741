"""Whose document it is and when, from its own words: the municipality's name for itself (the gazetteer of
the municipalities seed, every inflected form, the municipalities before the 2021 reform as themselves), the
period of its title and sentences, the date it was published; the file name only as a last resort, and then
every figure says so.

(A first cut: the municipality first named in the document, the latest year its first lines name.)
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.flags import Reason
from ingest.model import ParsedDocument
from ingest.rules.places import municipality_by_form
from ingest.specs import Dated, FlowText

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)\.?\s*(?:gad|g\.)")


@dataclass(frozen=True)
class DocumentIdentity:
    municipality: str | None  # the nominative the seed names; None when the document names none
    title: str | None
    report_year: int | None  # the year the document reports on, when it says
    period: str | None  # '2023', '2023-01-01..2023-06-30', '2017-10-01': the period it reports on
    published: str | None = None  # the ISO date it prints as its own
    reasons: tuple[Reason, ...] = ()  # what every figure of it must say (a municipality from the file name)


def document_identity(doc: ParsedDocument, flow: FlowText) -> DocumentIdentity:
    head = flow.text[:2000]
    municipality = municipality_by_form(head) or municipality_by_form(flow.text)
    years = [int(y) for y in _YEAR.findall(head)]
    year = max(years) if years else None
    title = next((line.text.strip() for line in doc.lines if line.text.strip()), None)
    return DocumentIdentity(municipality, title, year, str(year) if year else None)


def period_in(text: str, identity: DocumentIdentity | None = None) -> Dated | None:
    """The period a sentence or clause names ("2022. gadā", "par 2022. gadu", "pirmajā pusgadā", "pērn",
    "uz 01.10.2017."), read against the document's identity for words relative to it; None when it names
    none. `Dated.period` is as Fact.period: '2022', '2022-01-01..2022-06-30', '2021-01-01'."""
    m = _YEAR.search(text)
    return Dated(int(m.group(1)), m.group(1)) if m else None
