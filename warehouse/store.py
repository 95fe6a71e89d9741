"""Writing one document's extraction into the warehouse, in one transaction.

Identity rules:
- the same file again (same sha256) changes nothing;
- a report is (municipality, kind, period); another file of the same report whose facts are the same is
  another rendition (a PDF and its text export): it is stored for search, and the facts stay with the
  rendition of the most authoritative format;
- another file of the same report whose facts differ is a new version: it replaces the old one.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

import duckdb
import pandas as pd

from ingest.model import Extraction, Fact, ParsedDocument
from warehouse.municipalities import describe_municipality

# The published original first: its page references are the ones a reader can check.
FORMAT_RANK = {"pdf": 0, "xlsx": 1, "md": 2, "txt": 3}

FACT_COLUMNS = ["municipality", "territory", "year", "period", "topic", "metric", "category", "subgroup",
                "value", "unit", "document_id", "source_ref", "raw_value", "flag", "flag_lv"]


@dataclass
class StoreResult:
    status: str  # added, unchanged, replaced, rendition
    document_id: str
    facts: int
    flagged: int
    note: str = ""


def _fact_signature(facts) -> list[str]:
    """What a document's facts say, whatever file or place they were read from: tells renditions from
    versions. Compared as text, since the fields hold None beside values."""
    return sorted(repr(
        (f.municipality, f.territory, f.year, f.period, f.topic, f.metric, f.category, f.subgroup,
         round(f.value, 6), f.unit, f.raw_value, f.flag is not None))
        for f in facts)


def _stored_signature(con: duckdb.DuckDBPyConnection, document_id: str) -> list[str]:
    rows = con.execute(
        "SELECT municipality, territory, year, period, topic, metric, category, subgroup, value, unit,"
        " raw_value, flag FROM facts WHERE document_id = ?", [document_id]).fetchall()
    return sorted(repr(r[:8] + (round(r[8], 6), r[9], r[10], r[11] is not None)) for r in rows)


def _delete_document(con: duckdb.DuckDBPyConnection, document_id: str, keep_row: bool = False) -> None:
    for table in ("facts", "raw_tables", "territories", "case_codes"):
        con.execute(f"DELETE FROM {table} WHERE document_id = ?", [document_id])
    if not keep_row:
        con.execute("DELETE FROM documents WHERE document_id = ?", [document_id])


def _insert_facts(con: duckdb.DuckDBPyConnection, document_id: str, facts: list[Fact]) -> None:
    if not facts:
        return
    frame = pd.DataFrame(
        [{**{k: getattr(f, k) for k in FACT_COLUMNS if k != "document_id"}, "document_id": document_id}
         for f in facts], columns=FACT_COLUMNS)
    frame["year"] = frame["year"].astype("Int64")
    con.register("new_facts", frame)
    con.execute(f"INSERT INTO facts ({', '.join(FACT_COLUMNS)}) SELECT {', '.join(FACT_COLUMNS)} FROM new_facts")
    con.unregister("new_facts")


def _insert_details(con: duckdb.DuckDBPyConnection, document_id: str, ex: Extraction) -> None:
    if ex.raw_cells:
        frame = pd.DataFrame([(document_id, c.table_ref, c.caption, c.row_index, c.col_index, c.text,
                               c.loc.page, c.loc.line) for c in ex.raw_cells],
                             columns=["document_id", "table_ref", "caption", "row_index", "col_index", "text",
                                      "page", "line"])
        frame[["page", "line"]] = frame[["page", "line"]].astype("Int64")
        con.register("new_cells", frame)
        con.execute("INSERT INTO raw_tables SELECT * FROM new_cells")
        con.unregister("new_cells")
    for municipality, territory, kind in dict.fromkeys(ex.territories):
        con.execute("INSERT INTO territories VALUES (?, ?, ?, ?)", [municipality, territory, kind, document_id])
    for code, meaning in dict.fromkeys(ex.case_codes):
        con.execute("INSERT INTO case_codes VALUES (?, ?, ?)", [code, meaning, document_id])
    for municipality in {ex.info.municipality, *(f.municipality for f in ex.facts)}:
        name_en, level, note = describe_municipality(municipality)
        con.execute("INSERT INTO municipalities VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    [municipality, name_en, level, note])


def document_text(doc: ParsedDocument) -> str:
    """The text kept for search: lines joined by newlines, and a form feed where a new page starts, so that a
    hit in a paginated document can name its page (page = form feeds before it + 1)."""
    parts: list[str] = []
    page = None
    for line in doc.lines:
        if parts:
            parts.append("\f" if line.loc.page is not None and page is not None and line.loc.page != page else "\n")
        parts.append(line.text)
        page = line.loc.page
    return "".join(parts)


def _insert_document(con, doc: ParsedDocument, ex: Extraction, is_primary: bool, rendition_of: str | None) -> str:
    document_id = doc.sha256[:12]
    info = ex.info
    con.execute(
        "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [document_id, doc.file_name, doc.sha256, info.municipality, info.kind, info.title, info.period,
         info.published, doc.format, ex.layout, doc.n_pages, is_primary, rendition_of,
         datetime.now(timezone.utc).replace(tzinfo=None), document_text(doc)])
    return document_id


def _same_report(con, doc: ParsedDocument, ex: Extraction) -> list[tuple[str, str]]:
    """(document_id, format) of the stored primary documents of the same report."""
    if ex.info.kind in ("unrecognised", "upload"):
        # Nothing says which report these are: only the same file name is the same report.
        return con.execute("SELECT document_id, format FROM documents WHERE file_name = ? AND is_primary",
                           [doc.file_name]).fetchall()
    return con.execute(
        "SELECT document_id, format FROM documents WHERE municipality = ? AND kind = ? AND period = ?"
        " AND is_primary", [ex.info.municipality, ex.info.kind, ex.info.period]).fetchall()


def store_document(con: duckdb.DuckDBPyConnection, doc: ParsedDocument, ex: Extraction) -> StoreResult:
    """Write one document in one transaction: on any error nothing of it is stored."""
    flagged = sum(1 for f in ex.facts if f.flag)
    known = con.execute("SELECT document_id FROM documents WHERE sha256 = ?", [doc.sha256]).fetchone()
    if known:
        return StoreResult("unchanged", known[0], 0, 0, "already in the warehouse")
    con.execute("BEGIN TRANSACTION")
    try:
        result = _store(con, doc, ex, flagged)
        con.execute("COMMIT")
        return result
    except BaseException:
        con.execute("ROLLBACK")
        raise


def _store(con, doc: ParsedDocument, ex: Extraction, flagged: int) -> StoreResult:
    previous = _same_report(con, doc, ex)
    for old_id, old_format in previous:
        if _stored_signature(con, old_id) != _fact_signature(ex.facts) or old_format == doc.format:
            continue
        # Another rendition of the same report: the facts stay with the better-ranked format.
        if FORMAT_RANK.get(doc.format, 9) < FORMAT_RANK.get(old_format, 9):
            _delete_document(con, old_id, keep_row=True)
            new_id = _insert_document(con, doc, ex, is_primary=True, rendition_of=None)
            con.execute("UPDATE documents SET is_primary = false, rendition_of = ? WHERE document_id = ?",
                        [new_id, old_id])
            _insert_facts(con, new_id, ex.facts)
            _insert_details(con, new_id, ex)
            return StoreResult("rendition", new_id, len(ex.facts), flagged,
                               f"same facts as {old_id} ({old_format}); facts now cite this {doc.format}")
        new_id = _insert_document(con, doc, ex, is_primary=False, rendition_of=old_id)
        return StoreResult("rendition", new_id, 0, 0,
                           f"same facts as {old_id} ({old_format}), which keeps them; stored for search")
    for old_id, _ in previous:
        # A new version: the old one goes, with the other renditions of it.
        for (rendition_id,) in con.execute("SELECT document_id FROM documents WHERE rendition_of = ?",
                                           [old_id]).fetchall():
            _delete_document(con, rendition_id)
        _delete_document(con, old_id)
    new_id = _insert_document(con, doc, ex, is_primary=True, rendition_of=None)
    _insert_facts(con, new_id, ex.facts)
    _insert_details(con, new_id, ex)
    status = "replaced" if previous else "added"
    note = f"replaces {', '.join(p[0] for p in previous)}" if previous else ""
    return StoreResult(status, new_id, len(ex.facts), flagged, note)
