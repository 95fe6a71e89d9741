"""Files for researchers: any table as CSV, XLSX or Parquet; the data dictionary; a Frictionless data
package (a zip of every warehouse table as CSV plus `datapackage.json` describing columns, units and
sources). Pure functions over DataFrames the query layer returns; no SQL and no Streamlit here.
"""
from __future__ import annotations

import io
import json
import math
import zipfile
from datetime import datetime, timezone

import pandas as pd

from warehouse.queries import PACKAGE_TABLES  # the tables and views a package holds, in reading order

PACKAGE_NAME = "socdash"
PACKAGE_TITLE = "Latvian municipal social services: figures from public reports, with provenance"

TABLE_DESCRIPTIONS: dict[str, tuple[str, str]] = {
    "facts": ("Viens skaitlis katrā rindā, ar vietu, kur tas nodrukāts.",
              "One number per row, with where it was printed."),
    "indicators": ("Rādītāju katalogs: ko skaitlis mēra, kā to sauc dažādu pašvaldību pārskati.",
                   "The indicator catalogue: what a fact measures, and how reports of different municipalities name it."),
    "documents": ("Katrs nolasītais fails: pārskats, tā metadati un teksts.",
                  "Every ingested file: the report, its metadata and its text."),
    "municipalities": ("Visas pašvaldības pirms un pēc 2021. gada reformas: angļu nosaukums, locījumi, spēkā "
                       "esamība, kurā pašvaldībā bijušā iekļauta, piezīme par reformu.",
                       "Every municipality before and after the 2021 reform: English name, inflected forms, "
                       "validity, which one a former one became part of, a note on the reform."),
    "code_names": ("Datu noliktavas kodu (tēmu, rādītāju, mērvienību, veidu) nosaukumi latviski un angliski.",
                   "The Latvian and English names of the warehouse's codes (topics, metrics, units, kinds)."),
    "territories": ("Pagasti, pilsētas un vienības pašvaldību iekšienē.",
                    "Parishes, towns and units inside the municipalities."),
    "case_codes": ("Klientu lietu sējumu kodi un to skaidrojums, kā nodrukāts.",
                   "Client-case codes and their meaning as printed."),
    "raw_tables": ("Katra tabulas šūna, kuru neviens noteikums nepārvērta skaitlī.",
                   "Every table cell no rule turned into a fact."),
    "corrections": ("Pārskatu iesniedzēju labojumi un izlaistie skaitļi; nodrukātais teksts paliek faktos, "
                    "labotā vērtība ir tā, ko rāda, ar piezīmi.",
                    "The directors' corrections and left-out facts; the printed text stays in facts, the corrected "
                    "value is the one shown, flagged."),
    "ingest_log": ("Katra nolasīšana, izņemšana un labojums: kad, kas, kurš fails, iznākums un skaitļu skaits.",
                   "Every ingest, removal and correction: when, who, which file, the outcome and how many facts."),
    "quality": ("Katrs skaitlis ar piezīmi: kas nodrukāts, kas nolasīts, kāpēc un kur.",
                "Every flagged value: what was printed, what was read, why and where."),
    "municipality_population": ("Iedzīvotāju skaits pa gadiem, kā to dod dokumenti.",
                                "Population by year as the documents give it."),
}

# table.column (or column, for every table that has it) -> (Latvian, English)
COLUMN_DESCRIPTIONS: dict[str, tuple[str, str]] = {
    "fact_id": ("Skaitļa identifikators", "Identifier of the fact"),
    "municipality": ("Pašvaldība, kā rakstīts latviski (Tukuma novads, Bauskas novads, Latvija)",
                     "Municipality as written in Latvian (Tukuma novads, Bauskas novads, Latvija)"),
    "territory": ("Pagasts, pilsēta vai vienība pašvaldībā; tukšs — visa pašvaldība",
                  "Parish, town or unit inside the municipality; empty for the whole municipality"),
    "year": ("Pārskata gads (datumam — tā gads)", "Reference year (for an as-of date, its year)"),
    "period": ("Periods, kā nodrukāts, ISO formā (2015-03-31, 2021-07-01..2021-12-31)",
               "The period as printed, in ISO form (2015-03-31, 2021-07-01..2021-12-31)"),
    "topic": ("Tēma: budget, recipients, social_assistance, caseload, staff, population, focus_group, …",
              "Topic: budget, recipients, social_assistance, caseload, staff, population, focus_group, …"),
    "metric": ("Rādītājs: spend, persons, households, active_cases, specialists, recognition, …",
               "Metric: spend, persons, households, active_cases, specialists, recognition, …"),
    "category": ("Rindas nosaukums, kā nodrukāts (latviski)", "The row label as printed (in Latvian)"),
    "facts.indicator": ("Ko skaitlis mēra: rādītājs no tabulas indicators; tukšs, ja neviens neatbilst vai atbilst vairāki",
                        "What the number measures: an indicator of the `indicators` table; empty when none fits, or more than one"),
    "indicator_name_lv": ("Rādītāja nosaukums latviski (no tabulas indicators)",
                          "The indicator's name in Latvian (from the `indicators` table)"),
    "indicator_name_en": ("Rādītāja nosaukums angliski (no tabulas indicators)",
                          "The indicator's name in English (from the `indicators` table)"),
    "indicators.indicator": ("Rādītāja pastāvīgais identifikators", "Stable identifier of the indicator"),
    "indicators.name_lv": ("Nosaukums latviski", "Name in Latvian"),
    "indicators.name_en": ("Nosaukums angliski", "Name in English"),
    "indicators.definition_lv": ("Definīcija latviski", "Definition in Latvian"),
    "indicators.definition_en": ("Definīcija angliski", "Definition in English"),
    "indicators.unit": ("Tā skaitļu mērvienība", "The unit of its numbers"),
    "indicators.additive": ("Vai vērtības drīkst saskaitīt", "Whether its values can be summed"),
    "indicators.per_resident": ("Vai vērtības drīkst dalīt ar iedzīvotāju skaitu", "Whether its values can be divided by residents"),
    "indicators.indicator_group": ("Grupa: social_assistance, services, family_care, staff, caseload, population, budget",
                                   "Group: social_assistance, services, family_care, staff, caseload, population, budget"),
    "indicators.facts": ("Kādi skaitļi (tēma/rādītājs) tas var būt", "Which facts (topic/metric) it can be"),
    "indicators.words": ("Vārdi un saknes, ar kuriem pārskati to sauc", "The words and stems reports name it by"),
    "indicators.unless_words": ("Vārdi, kas to izslēdz", "Words that rule it out"),
    "indicators.is_default": ("Vai tas ir savu skaitļu rādītājs, ja neviena cita vārdi tos nenosauc",
                              "Whether it is its facts' indicator when no other's words name them"),
    "subgroup": ("Kolonnas precizējums vai apakšgrupa (dzimums, lietas kods, pagasts), kā nodrukāts",
                 "Column qualifier or sub-group (gender, case code, parish), as printed"),
    "value": ("Skaitlis, kā nolasīts (mērvienība kolonnā unit)", "The number as read (its unit is in `unit`)"),
    "unit": ("Mērvienība: EUR, persons, households, cases, FTE, documents, percent, count, …",
             "Unit: EUR, persons, households, cases, FTE, documents, percent, count, …"),
    "document_id": ("Dokumenta identifikators (sha256 pirmie 12 heksadecimālie cipari)",
                    "Document identifier (first 12 hex digits of its sha256)"),
    "source_ref": ("Kur skaitlis nodrukāts, lasāmā veidā: tabula un lappuse (PDF) vai rinda (teksts), tabulas "
                   "rinda un aile; veidots no kolonnām page, line, table_label, row_label, column_label",
                   "Where the number was printed, for reading: table and page (PDF) or line (text), the table's "
                   "row and column; made from the columns page, line, table_label, row_label, column_label"),
    "page": ("Lappuse (PDF), kurā ir tabula, diagramma vai teikums", "Page (PDF) of the table, chart or sentence"),
    "line": ("Teksta faila rinda, kurā ir tabulas virsraksts, diagrammas skaitlis vai teikums; darblapas rinda",
             "Line (text file) of the table's caption, the chart's value or the sentence; row of a sheet"),
    "table_label": ("Tabulas numurs vai virsraksta sākums; text — teksts; chart data (…) — diagrammas dati; "
                    "darbgrāmatā — lapas nosaukums",
                    "The table's number or caption start; text for running text; chart data (…) for a chart's "
                    "data; in a workbook, the sheet's name"),
    "row_label": ("Tabulas rinda (diagrammā — nosaukums), kā nodrukāta, pilnā garumā; tukšs tekstā",
                  "The table's row (a chart's label) as printed, in full; empty for running text"),
    "column_label": ("Tabulas ailes virsraksts, kā nodrukāts, pilnā garumā; tukšs, kur tabulai nav ailes",
                     "The table's column header as printed, in full; empty where no column is named"),
    "raw_value": ("Nodrukātais teksts, no kura skaitlis nolasīts", "The printed text the value was read from"),
    "flag": ("Tukšs vai iemesls, kāpēc skaitlim vajag uzmanību (angliski)",
             "Empty, or why the value needs care (in English)"),
    "flag_lv": ("Tas pats iemesls latviski", "The same reason in Latvian"),
    "facts.fact_key": ("Skaitļa identitāte, kas nemainās, būvējot no jauna: no dokumenta sha256 un tā, kas un kur nodrukāts",
                       "The fact's identity across rebuilds: from its document's sha256 and what and where it was printed"),
    "facts.reading_flag": ("Nolasījuma un labojuma iemesls (angliski), pirms pārskatījumiem",
                           "The reading's and a correction's flag (English), before revisions"),
    "facts.reading_flag_lv": ("Tas pats latviski", "The same in Latvian"),
    "facts.revised_in": ("Jaunāka dokumenta identifikators, kas šim pašam gadam dod citu vērtību; tukšs vērtībai, ko rāda grafiki",
                         "The newer document that gives another value for the same thing and year; empty for the value the charts show"),
    "documents.file_name": ("Faila nosaukums mapē raw_reports/", "File name in raw_reports/"),
    "documents.sha256": ("Faila SHA-256", "SHA-256 of the file"),
    "documents.municipality": ("Pašvaldība, kuras pārskats tas ir", "Municipality the report is about"),
    "documents.kind": ("Veids: evaluation, strategy, public report, survey, article, upload, unrecognised",
                       "Kind: evaluation, strategy, public report, survey, article, upload, unrecognised"),
    "documents.title": ("Virsraksts", "Title"),
    "documents.period": ("Aptvertais periods, piem. 2011..2015", "Period covered, e.g. 2011..2015"),
    "documents.published": ("Publicēšanas datums vai gads", "Publication date or year"),
    "documents.format": ("Faila formāts: pdf, txt, md, xlsx", "File format: pdf, txt, md, xlsx"),
    "documents.layout": ("Noteikumi, ar kuriem dokuments nolasīts", "The layout rules that read it"),
    "documents.pages": ("Lappušu skaits (PDF)", "Number of pages (PDF)"),
    "documents.is_primary": ("Vai skaitļi ņemti no šī faila (citi tā paša pārskata faili — meklēšanai)",
                             "Whether the facts come from this file (other renditions are kept for search)"),
    "documents.rendition_of": ("Tā paša pārskata galvenais dokuments", "The primary document of the same report"),
    "documents.ingested_at": ("Kad nolasīts (UTC)", "When ingested (UTC)"),
    "documents.text": ("Dokumenta teksts meklēšanai", "The document's text, for search"),
    "municipalities.name_en": ("Nosaukums angliski", "Name in English"),
    "municipalities.level": ("valsts, valstspilsēta, republikas pilsēta (līdz 2021) vai novads",
                             "valsts (the country), valstspilsēta (state city), republikas pilsēta (republic city, "
                             "before 2021) or novads (municipality)"),
    "municipalities.genitive": ("Nosaukums ģenitīvā, formas atdalītas ar |",
                                "The name in the genitive, forms separated by |"),
    "municipalities.locative": ("Nosaukums lokatīvā, formas atdalītas ar |",
                                "The name in the locative, forms separated by |"),
    "municipalities.valid_from": ("Spēkā no (tukšs — agrāk)", "In force from (empty: earlier)"),
    "municipalities.valid_to": ("Spēkā līdz (tukšs — joprojām)", "In force until (empty: still)"),
    "municipalities.became_part_of": ("Pašvaldība, kurā bijušā iekļauta 2021. gada 1. jūlijā",
                                      "The municipality a former one became part of on 1 July 2021"),
    "municipalities.note_lv": ("Piezīme par 2021. gada reformu latviski", "Note on the 2021 reform, in Latvian"),
    "municipalities.note_en": ("Piezīme par 2021. gada reformu angliski", "Note on the 2021 reform, in English"),
    "code_names.kind": ("Koda veids: topic, metric, unit, document_kind, layout, …",
                        "Kind of code: topic, metric, unit, document_kind, layout, …"),
    "code_names.code": ("Kods, kā to raksta datu noliktava", "The code as the warehouse writes it"),
    "code_names.lv": ("Nosaukums latviski", "Name in Latvian"),
    "code_names.en": ("Nosaukums angliski", "Name in English"),
    "territories.kind": ("parish, town vai unit", "parish, town or unit"),
    "case_codes.code": ("Lietas sējuma kods", "Case-file code"),
    "case_codes.meaning": ("Skaidrojums, kā nodrukāts", "Meaning as printed"),
    "raw_tables.table_ref": ("Tabula un vieta", "Table and place"),
    "raw_tables.caption": ("Tabulas virsraksts", "Table caption"),
    "raw_tables.row_index": ("Rindas numurs tabulā (no 0)", "Row number in the table (from 0)"),
    "raw_tables.col_index": ("Kolonnas numurs tabulā (no 0)", "Column number in the table (from 0)"),
    "raw_tables.text": ("Šūnas teksts", "Cell text"),
    "raw_tables.page": ("Lappuse (PDF)", "Page (PDF)"),
    "raw_tables.line": ("Rinda (teksts)", "Line (text)"),
    "corrections.fact_key": ("Labotais skaitlis (facts.fact_key)", "The fact corrected (facts.fact_key)"),
    "corrections.sha256": ("Dokumenta, no kura skaitlis nolasīts, SHA-256", "SHA-256 of the document the fact was read from"),
    "corrections.printed": ("Nodrukātais teksts, kas paliek (facts.raw_value)", "The printed text, which stays (facts.raw_value)"),
    "corrections.read_value": ("Vērtība, kā nolasīta", "The value as read"),
    "corrections.corrected": ("Vērtība, ko rāda tās vietā; tukšs — skaitlis izlaists",
                              "The value shown instead; empty: the fact is left out"),
    "corrections.reason": ("Labojuma iemesls", "Why it was corrected"),
    "corrections.who": ("Kas laboja", "Who corrected it"),
    "corrections.corrected_at": ("Kad labots (UTC)", "When it was corrected (UTC)"),
    "ingest_log.logged_at": ("Kad (UTC)", "When (UTC)"),
    "ingest_log.who": ("Kas: komandrindas lietotājs vai dashboard (ar pierakstīto kontu)",
                       "Who: the command-line user, or dashboard (with the account signed in)"),
    "ingest_log.action": ("Darbība: ingest (nolasīšana), remove (izņemšana), correct (labojums)",
                          "Action: ingest, remove, correct"),
    "ingest_log.file_name": ("Faila nosaukums", "File name"),
    "ingest_log.sha256": ("Faila SHA-256", "SHA-256 of the file"),
    "ingest_log.outcome": ("Iznākums: added, replaced, rendition, unchanged, removed, corrected, left out vai "
                           "refused: iemesls",
                           "Outcome: added, replaced, rendition, unchanged, removed, corrected, left out, or "
                           "refused: why"),
    "ingest_log.facts_added": ("Pievienotie skaitļi", "Facts added"),
    "ingest_log.facts_replaced": ("Aizstātie skaitļi (iepriekšējās versijas)", "Facts replaced (of the earlier version)"),
    "ingest_log.facts_removed": ("Izņemtie vai izlaistie skaitļi", "Facts removed or left out"),
    "quality.printed": ("Nodrukātais teksts", "The printed text"),
    "quality.read_as": ("Nolasītā vērtība", "The value read"),
    "quality.why": ("Kāpēc vajag uzmanību (angliski); arī, ja skaitļa vārdi atbilst vairākiem rādītājiem",
                    "Why it needs care (in English); also when the number's words match more than one indicator"),
    "quality.why_lv": ("Kāpēc vajag uzmanību (latviski)", "Why it needs care (in Latvian)"),
    "quality.file_name": ("Fails", "File"),
}

UNIT_DESCRIPTIONS: dict[str, str] = {
    "EUR": "euro",
    "persons": "number of persons",
    "households": "number of households",
    "cases": "number of client cases",
    "FTE": "full-time equivalents",
    "documents": "number of documents",
    "visits": "number of visits",
    "percent": "percent (0–100)",
    "count": "a count",
    "answers": "number of answers",
}

_FRICTIONLESS_TYPES = {"VARCHAR": "string", "BIGINT": "integer", "INTEGER": "integer", "DOUBLE": "number",
                       "BOOLEAN": "boolean", "TIMESTAMP": "datetime", "DATE": "date"}


# --------------------------------------------------------------------------- single tables

# A spreadsheet program takes a cell that starts with one of these for a formula (the usual CSV-injection
# rule); a leading apostrophe makes it text. Texts come from the reports and from uploads, so any may.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    """A text that a spreadsheet would run as a formula, with an apostrophe before it; anything else as it is."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value


def _formulas_neutralised(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with every text cell and header passed through `neutralise_formula`; numbers untouched."""
    frame = frame.rename(columns=neutralise_formula)
    texts = [c for c in frame.columns if frame[c].dtype == object or pd.api.types.is_string_dtype(frame[c])]
    return frame.assign(**{c: frame[c].map(neutralise_formula) for c in texts}) if texts else frame


def to_csv(frame: pd.DataFrame) -> bytes:
    """UTF-8 with a byte-order mark, so that spreadsheet programs read the Latvian letters right; dot
    decimals and no thousands separators, so that any program reads the numbers; formulas neutralised."""
    return _csv_text(frame).encode("utf-8-sig")


def _csv_text(frame: pd.DataFrame) -> str:
    """RFC 4180 lines (CRLF): with both characters as the line end, a field holding either is quoted, so a
    stray carriage return in a label cannot split a row."""
    return _formulas_neutralised(frame).to_csv(index=False, lineterminator="\r\n")


def to_xlsx(frame: pd.DataFrame, sheet: str = "data") -> bytes:
    """A workbook with the table; every text is written as a string cell (never a formula), and the texts
    a spreadsheet would take for formulas are neutralised as in the CSV."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    worksheet = book.create_sheet(sheet[:31])
    frame = _excel_safe(_formulas_neutralised(frame))

    def cell(value):
        if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
            return None
        if isinstance(value, float) and math.isinf(value):
            value = str(value)  # a workbook has no infinity; the text says what the warehouse holds
        if isinstance(value, str):
            written = WriteOnlyCell(worksheet, value=value)
            written.data_type = "s"
            return written
        return value.item() if hasattr(value, "item") else value

    worksheet.append([cell(str(c)) for c in frame.columns])
    for row in frame.itertuples(index=False, name=None):
        worksheet.append([cell(v) for v in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def to_parquet(frame: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False)
    return buffer.getvalue()


def _excel_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """Excel has no time zones and caps a cell at 32 767 characters (document texts are longer)."""
    frame = frame.copy()
    for column in frame.columns:
        if isinstance(frame[column].dtype, pd.DatetimeTZDtype):
            frame[column] = frame[column].dt.tz_localize(None)
        elif frame[column].dtype == object or pd.api.types.is_string_dtype(frame[column]):
            frame[column] = frame[column].map(lambda v: v[:32767] if isinstance(v, str) else v)
    return frame


# --------------------------------------------------------------------------- dictionary and package

def describe(table: str, column: str, lang: str = "lv") -> str:
    found = COLUMN_DESCRIPTIONS.get(f"{table}.{column}") or COLUMN_DESCRIPTIONS.get(column)
    if not found:
        return ""
    return found[1] if lang == "en" else found[0]


def data_dictionary(columns: pd.DataFrame, lang: str = "lv") -> pd.DataFrame:
    """The data dictionary: every column of every package table with its type and meaning.
    `columns` has table_name, column_name, data_type (from `queries.table_columns`)."""
    rows = []
    for row in columns.itertuples(index=False):
        if row.table_name not in PACKAGE_TABLES:
            continue
        rows.append({"table": row.table_name, "column": row.column_name, "type": row.data_type,
                     "description": describe(row.table_name, row.column_name, lang)})
    frame = pd.DataFrame(rows, columns=["table", "column", "type", "description"])
    order = {name: i for i, name in enumerate(PACKAGE_TABLES)}
    return frame.sort_values("table", key=lambda s: s.map(order), kind="stable").reset_index(drop=True)


def datapackage(columns: pd.DataFrame, documents: pd.DataFrame, units: pd.DataFrame,
                created: datetime | None = None) -> dict:
    """A Frictionless `datapackage.json` (tabular data package) for the CSVs `package_zip` writes.
    `documents` lists the source files (file_name, municipality, kind, title, period, published,
    is_primary); `units` the units the facts use (unit, facts)."""
    created = created or datetime.now(timezone.utc)
    sources = [{"title": d.title or d.file_name, "path": f"raw_reports/{d.file_name}",
                "description": f"{d.municipality}; {d.kind}; period {d.period or '?'}"
                               + (f"; published {d.published}" if getattr(d, "published", None) else "")}
               for d in documents.itertuples(index=False)]
    resources = []
    for table in PACKAGE_TABLES:
        fields = []
        for row in columns[columns["table_name"] == table].itertuples(index=False):
            field = {"name": row.column_name,
                     "type": _FRICTIONLESS_TYPES.get(str(row.data_type).upper(), "string"),
                     "description": describe(table, row.column_name, "en")}
            if table == "facts" and row.column_name == "value":
                field["unit"] = "see the `unit` column of the same row"
            fields.append(field)
        if not fields:
            continue
        resource = {"name": table, "path": f"{table}.csv", "profile": "tabular-data-resource",
                    "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
                    "description": TABLE_DESCRIPTIONS.get(table, ("", ""))[1],
                    "schema": {"fields": fields}}
        if table == "facts":
            resource["schema"]["primaryKey"] = ["fact_id"]
            resource["schema"]["foreignKeys"] = [
                {"fields": ["document_id"], "reference": {"resource": "documents", "fields": ["document_id"]}},
                {"fields": ["indicator"], "reference": {"resource": "indicators", "fields": ["indicator"]}}]
            resource["units"] = {u.unit: {"description": UNIT_DESCRIPTIONS.get(u.unit, u.unit), "facts": int(u.facts)}
                                 for u in units.itertuples(index=False)}
            resource["sources"] = [s for s, d in zip(sources, documents.itertuples(index=False)) if d.is_primary]
        if table == "documents":
            resource["schema"]["primaryKey"] = ["document_id"]
        resources.append(resource)
    return {
        "profile": "tabular-data-package",
        "name": PACKAGE_NAME,
        "title": PACKAGE_TITLE,
        "description": ("Every number read from the public reports of Latvian municipal social services, each "
                        "with the document, table and printed text it came from, and a flag where it needs "
                        "care. Labels are in Latvian as printed. 'Tukuma novads' before and after the 1 July "
                        "2021 territorial reform is not the same territory."),
        "created": created.replace(microsecond=0).isoformat(),
        "sources": sources,
        "resources": resources,
    }


def package_zip(tables: dict[str, pd.DataFrame], descriptor: dict) -> bytes:
    """The zip a researcher downloads: `datapackage.json` and one CSV per table."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("datapackage.json", json.dumps(descriptor, ensure_ascii=False, indent=2))
        for resource in descriptor["resources"]:
            # Plain UTF-8 (no byte-order mark) for the package: it is read by programs, not spreadsheets.
            archive.writestr(resource["path"],
                             _csv_text(tables[resource["name"]]).encode("utf-8"))
    return buffer.getvalue()
