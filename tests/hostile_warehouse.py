"""A warehouse with made-up hostile rows: the seed warehouse copied, then facts, documents, codes and flags
added by SQL whose texts are markdown, HTML, spreadsheet formulas and Plotly templates, and whose values
are infinite, not a number or near the largest double. The dashboard must show every text literally and
never break on a value. Nothing here is from a real report."""
from __future__ import annotations

import math
import shutil
from pathlib import Path

from ingest.model import Location, Spot
from warehouse import connect

# Texts a hostile upload could carry, each in a form that would do something if it were not escaped.
HOSTILE_TEXTS = (
    '=HYPERLINK("http://x")',
    '<a href="https://example.com">x</a>',
    "![i](https://example.com/i.png)",
    "**bold**",
    ":red[x]",
    "$x$",
    "two\nlines",
    "%{xaxis.title.text}",
    "+SUM(A1)",
    "-2+3",
    "@cmd",
    "\tTAB",
    "\rCR",
    ":material/home:",
    "www.example.com",
    "x@example.com",
)

# What must never reach a markdown body or a Plotly text unescaped (each stands for one of the texts above).
RAW_FRAGMENTS = ("![i](", "<a href", "**bold**", ":red[x]", "$x$", ":material/home:", "https://example.com",
                 "www.example.com", "x@example.com", "%{xaxis.title.text}")

ABSURD_VALUES = (math.inf, -math.inf, math.nan, 1e308)
TEXT_P1 = Spot("text", Location(page=1))  # where the absurd values are said to be printed

MUNICIPALITY = "Ļaunuma <b>novads</b> :red[x]"
DOCUMENT_ID = "0badc0ffee00"
FILE_NAME = "![i](https://example.com/i.png) <a href=x>.pdf"
# An indicator whose names and definitions in both languages are every hostile text; the hostile texts'
# budget rows are its facts.
INDICATOR = "hostile_indicator"
INDICATOR_TEXT = " ".join(HOSTILE_TEXTS)
# A row of a primary document that names a file outside raw_reports/.
ESCAPING_DOCUMENT_ID = "0badc0ffee01"
ESCAPING_FILE_NAME = "../" * 12 + "etc/passwd"


def _hostile_text_facts() -> list[tuple]:
    """Facts whose labels, places and flags are hostile texts, in every topic a page draws:
    (municipality, territory, year, period, topic, metric, category, subgroup, value, unit, spot, raw_value,
    flag)"""
    rows = []
    for i, text in enumerate(HOSTILE_TEXTS):
        source = Spot(text, Location(page=i + 1))
        for municipality in ("Tukuma novads", MUNICIPALITY):
            for year in (2023, 2024):
                value = 5_000_000.0 + 1000 * i + year
                rows += [
                    (municipality, None, year, str(year), "budget", "spend", text, None, value, "EUR", source, text, text),
                    (municipality, None, year, str(year), "social_assistance", "spend", text, None, value, "EUR", source,
                     text, None),
                    (municipality, None, year, str(year), "recipients", "persons", text, None, 900.0 + i, "persons",
                     source, text, None),
                    (municipality, None, year, str(year), "recipients", "persons", text, "Sievietes", 500.0 + i,
                     "persons", source, text, None),
                    (municipality, None, year, str(year), "recipients", "persons", f"pansionāts {text}", None, 40.0 + i,
                     "persons", source, text, None),
                    (municipality, None, year, str(year), "documents", "documents", text, None, 1e6 + i, "documents",
                     source, text, text),
                ]
            rows += [
                (municipality, text, 2015, "2015-03-31", "caseload", "active_cases", f"{text} #1", "SP", 40.0 + i,
                 "cases", source, text, text),
                (municipality, text, 2015, "2015-03-31", "caseload", "active_cases", text, f"Z/{text}", 3.0, "cases",
                 source, text, None),
                (municipality, text, 2015, "2015-03-31", "caseload", "active_cases", text, f"SP ({text})", 5.0,
                 "cases", source, text, None),
                (municipality, None, 2016, "2016-01-01", "staff", "specialists", text, None, 10.0 + i, "persons", source,
                 text, text),
                (municipality, text, 2015, "2015", "focus_group", "recognition", text, None, 1.0 + i, "count", source,
                 text, None),
                (municipality, text, 2015, "2015", "focus_group", "availability", text, None, 1.0 + i, "count", source,
                 text, None),
                (municipality, text, 2015, "2015", "focus_group", "respondents", "respondenti", None, 3.0 + i, "persons",
                 source, text, None),
            ]
    return rows


def _absurd_value_facts() -> list[tuple]:
    """Facts whose values are infinite, not a number or near the largest double, where the pages chart,
    rank and divide: budgets, recipients, staff, residents, caseloads, focus groups."""
    rows = []
    for value in ABSURD_VALUES:
        label = f"absurd {value!r}"
        for municipality in ("Tukuma novads", "Bauskas novads", MUNICIPALITY):
            for year in (2023, 2024):
                rows += [
                    (municipality, None, year, str(year), "budget", "spend", label, None, value, "EUR", TEXT_P1,
                     repr(value), None),
                    (municipality, None, year, str(year), "recipients", "persons", label, None, value, "persons",
                     TEXT_P1, repr(value), None),
                    (municipality, None, year, str(year), "recipients", "persons", label, "Vīrieši", value, "persons",
                     TEXT_P1, repr(value), None),
                    (municipality, None, year, str(year), "social_assistance", "persons", label, None, value, "persons",
                     TEXT_P1, repr(value), None),
                ]
            rows += [
                (municipality, None, 2016, "2016-01-01", "staff", "specialists", label, None, value, "persons",
                 TEXT_P1, repr(value), None),
                (municipality, None, 2016, "2016-01-01", "staff", "specialists_required", label, None, value, "persons",
                 TEXT_P1, repr(value), None),
                (municipality, None, 2016, "2016-01-01", "population", "residents", label, None, value, "persons",
                 TEXT_P1, repr(value), None),
                (municipality, None, 2024, "2024", "population", "residents", label, None, value, "persons",
                 TEXT_P1, repr(value), None),
                (municipality, "absurd", 2015, "2015-03-31", "caseload", "active_cases", label, "SP", value, "cases",
                 TEXT_P1, repr(value), None),
                (municipality, None, 2017, "2017", "caseload", "cases_per_worker", label, "min", value, "cases",
                 TEXT_P1, repr(value), None),
                (municipality, None, 2017, "2017", "caseload", "cases_per_worker", label, "max", value, "cases",
                 TEXT_P1, repr(value), None),
                (municipality, "absurd", 2015, "2015", "focus_group", "recognition", label, None, value, "count",
                 TEXT_P1, repr(value), None),
                (municipality, "absurd", 2015, "2015", "focus_group", "availability", label, None, value, "count",
                 TEXT_P1, repr(value), None),
                (municipality, "absurd", 2015, "2015", "focus_group", "respondents", label, None, value, "persons",
                 TEXT_P1, repr(value), None),
            ]
    return rows


def build(seed: Path, target: Path) -> Path:
    """`seed` copied to `target`, then the hostile rows added; returns `target`."""
    shutil.copyfile(seed, target)
    con = connect(target)
    try:
        text = "\f".join(f"slodze {t} slodze" for t in HOSTILE_TEXTS)
        for document_id, name in ((DOCUMENT_ID, FILE_NAME), (ESCAPING_DOCUMENT_ID, ESCAPING_FILE_NAME)):
            con.execute("""INSERT INTO documents (document_id, file_name, sha256, municipality, kind, title, period,
                           published, format, layout, pages, is_primary, rendition_of, ingested_at, text)
                           VALUES (?, ?, ?, ?, 'upload', ?, '2023..2024', '2025-03-27', 'pdf',
                           'facts upload', 16, true, NULL, now(), ?)""",
                        [document_id, name, document_id * 2, MUNICIPALITY, HOSTILE_TEXTS[2], text])
        con.executemany("""INSERT INTO facts (municipality, territory, year, period, topic, metric, category, subgroup,
                           value, unit, source_ref, page, line, table_label, row_label, column_label, raw_value,
                           flag, flag_lv, document_id)
                           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                        [(*row[:10], row[10].source_ref, row[10].page, row[10].line, row[10].place, row[10].row,
                          row[10].column, *row[11:], row[-1], DOCUMENT_ID)
                         for row in _hostile_text_facts() + _absurd_value_facts()])
        con.execute("""INSERT INTO indicators (indicator, name_lv, name_en, definition_lv, definition_en, unit, additive,
                           per_resident, indicator_group, facts, words, unless_words, is_default)
                       VALUES (?, ?, ?, ?, ?, 'EUR', true, true, 'budget', 'budget/spend', 'x', '', false)""",
                    [INDICATOR, *[INDICATOR_TEXT] * 4])
        con.execute("""UPDATE facts SET indicator = ? WHERE document_id = ? AND topic = 'budget' AND metric = 'spend'
                       AND list_contains(?, category)""", [INDICATOR, DOCUMENT_ID, list(HOSTILE_TEXTS)])
        con.executemany("INSERT INTO case_codes VALUES (?, ?, ?)",
                        [("Z", text, DOCUMENT_ID) for text in HOSTILE_TEXTS[:3]])
        con.execute("INSERT INTO municipalities (municipality, name_en, level, genitive, locative, note_lv, note_en)"
                    " VALUES (?, ?, 'novads', ?, ?, ?, ?)",
                    [MUNICIPALITY, HOSTILE_TEXTS[1], MUNICIPALITY, MUNICIPALITY, HOSTILE_TEXTS[2], HOSTILE_TEXTS[2]])
    finally:
        con.close()
    return target
