"""Writing one document's extraction into the warehouse, in one transaction.

A report is identified by what the document says of itself: (municipality, kind, edition), the edition
being the report year or period its title prints, or its own date (see DocumentInfo.edition); never by
its file name nor by the years its figures span. The rules:
- the same file again (same sha256) changes nothing;
- another file of the same report whose facts are the same is another rendition (a PDF and its text
  export): it is stored for search, and the facts stay with the rendition of the most authoritative format;
- another file of the same report whose facts differ is a new version and replaces the stored one, unless
  another layout read it, or it would lose more than a fifth of the stored facts or raw table cells: then
  it is refused, unless the caller says `replace`;
- a file whose name is that of a stored document of another report (a truncated or unrelated file saved
  under a report's name) is refused unless `replace`; an unrecognised file (no edition) is a document of
  its own, so it replaces nothing unless `replace`; but one with most of the figures of a stored such
  document (a PDF and its text export read by the generic reader, a page saved again) is a rendition of it,
  so its facts are not doubled;
- a recognised document that does not say which report it is is refused: it could not be told from
  another one, and storing it beside them would double their facts.
A refusal (StoreRefusal) leaves the warehouse exactly as it was.
"""
from __future__ import annotations

import hashlib
import math
from collections import Counter
from dataclasses import dataclass, replace
from datetime import datetime, timezone

import duckdb

from ingest.flags import Reason, reason
from ingest.model import Extraction, Fact, ParsedDocument
from warehouse import corrections
from warehouse.bulk import insert_columns
from warehouse.ingest_log import LogEntry

# A new version may hold up to this share fewer facts (or raw table cells) than the stored one; past it,
# it is more likely a cut or wrong file than a correction, and only `--replace` stores it.
LOSS_ALLOWED = 0.2

# The published original first: its page references are the ones a reader can check.
FORMAT_RANK = {"pdf": 0, "xlsx": 1, "md": 2, "txt": 3}

FACT_COLUMNS = ["municipality", "territory", "year", "period", "topic", "metric", "category", "indicator", "subgroup",
                "value", "unit", "document_id", "source_ref", "page", "line", "table_label", "row_label",
                "column_label", "raw_value", "flag", "flag_lv"]


class StoreRefusal(Exception):
    """The document is not stored, and nothing stored changed; the message says why, in one line."""


@dataclass
class StoreResult:
    status: str  # added, unchanged, replaced, rendition
    document_id: str
    facts: int
    flagged: int
    note: str = ""
    replaced_facts: int = 0  # the facts of the stored documents it replaced, or whose facts it now holds


def _fact_signature(facts) -> list[str]:
    """What a document's facts say, whatever file or place they were read from: tells renditions from
    versions. Compared as text, since the fields hold None beside values."""
    return sorted(repr(
        (f.municipality, f.territory, f.year, f.period, f.topic, f.metric, f.category, f.subgroup,
         round(f.value, 6), f.unit, f.raw_value, f.flag is not None))
        for f in facts)


def _stored_signature(con: duckdb.DuckDBPyConnection, document_id: str) -> tuple[list[str], int]:
    """The signature of a stored document's facts as they were read (a corrected fact with its read value and
    its reading's flag), and how many of its facts were left out by a correction."""
    rows = con.execute(
        "SELECT f.municipality, f.territory, f.year, f.period, f.topic, f.metric, f.category, f.subgroup, f.value,"
        " f.unit, f.raw_value, f.reading_flag, f.fact_key, d.sha256 FROM facts f JOIN documents d USING (document_id)"
        " WHERE f.document_id = ?", [document_id]).fetchall()
    sha256 = rows[0][13] if rows else con.execute("SELECT sha256 FROM documents WHERE document_id = ?",
                                                  [document_id]).fetchone()[0]
    corrected = corrections.of_document(con, sha256)
    signature = []
    for r in rows:
        value, flag = r[8], r[11]
        c = corrected.get(r[12])
        if c is not None and c.corrected is not None:
            value = c.read_value
            flag = _without(flag, _correction_reason(c).text("en"))
        signature.append(repr(r[:8] + (round(value, 6), r[9], r[10], flag is not None)))
    return sorted(signature), sum(1 for c in corrected.values() if c.corrected is None)


def _same_facts(stored: tuple[list[str], int], signature: list[str]) -> bool:
    """Whether a document read as `signature` says what a stored one says: the same facts, but for those a
    correction left out of the stored one."""
    had, left_out = stored
    if len(had) == len(signature):
        return had == signature
    return len(had) < len(signature) <= len(had) + left_out and not Counter(had) - Counter(signature)


def delete_document(con: duckdb.DuckDBPyConnection, document_id: str, keep_row: bool = False) -> None:
    """The document's facts and details out (and its row, unless `keep_row`), within the caller's transaction."""
    for table in ("facts", "indicator_conflicts", "raw_tables", "territories", "case_codes"):
        con.execute(f"DELETE FROM {table} WHERE document_id = ?", [document_id])
    if not keep_row:
        con.execute("DELETE FROM documents WHERE document_id = ?", [document_id])


def fact_key(sha256: str, fact: Fact) -> str:
    """A fact's identity across rebuilds (facts.fact_key): its document's sha256 and what and where it was
    printed; never the fact_id, which is the order of storing."""
    said = repr((sha256, fact.municipality, fact.territory, fact.year, fact.period, fact.topic, fact.metric,
                 fact.category, fact.subgroup, fact.unit, fact.source_ref, fact.raw_value))
    return hashlib.sha256(said.encode("utf-8")).hexdigest()[:16]


def _correction_reason(c: corrections.Correction) -> Reason:
    return reason("corrected", printed=c.printed, read_value=c.read_value, corrected=c.corrected, reason=c.reason,
                  who=c.who)


def _with(flag: str | None, more: str) -> str:
    return f"{flag}; {more}" if flag else more


def _without(flag: str | None, last: str) -> str | None:
    """`flag` without its last reason `last` (what `_with` added)."""
    if flag == last:
        return None
    return flag[:-len(last) - 2] if flag and flag.endswith("; " + last) else flag


def corrected_facts(facts: list[Fact], sha256: str,
                    by_key: dict[str, corrections.Correction]) -> tuple[list[Fact], list[corrections.Correction]]:
    """The facts of the document `sha256` as stored with the corrections `by_key` (by fact key): a left-out
    fact not at all, a corrected one with the corrected value and its reason in its flags (the printed text
    stays in raw_value); and the corrections that applied."""
    if not by_key:
        return facts, []
    kept, applied = [], []
    for f in facts:
        c = by_key.get(fact_key(sha256, f))
        if c is None:
            kept.append(f)
            continue
        applied.append(c)
        if c.corrected is not None:
            why = _correction_reason(c)
            kept.append(replace(f, value=c.corrected, flag=_with(f.flag, why.text("en")),
                                flag_lv=_with(f.flag_lv, why.text("lv"))))
    return kept, applied


def _insert_facts(con: duckdb.DuckDBPyConnection, document_id: str, facts: list[Fact], sha256: str) -> int:
    """Store the document's facts, its corrections applied; how many were stored."""
    facts, _ = corrected_facts(facts, sha256, corrections.of_document(con, sha256))
    if not facts:
        return 0
    columns = {name: [getattr(f, name) for f in facts] for name in FACT_COLUMNS if name != "document_id"}
    columns["value"] = [float(value) for value in columns["value"]]
    columns["document_id"] = [document_id] * len(facts)
    columns["fact_key"] = [fact_key(sha256, f) for f in facts]
    columns["reading_flag"] = columns["flag"]
    columns["reading_flag_lv"] = columns["flag_lv"]
    insert_columns(con, "facts", columns)
    if any(f.indicator_candidates for f in facts):
        # fact_id follows the order the facts were inserted in
        ids = [fact_id for (fact_id,) in con.execute(
            "SELECT fact_id FROM facts WHERE document_id = ? ORDER BY fact_id", [document_id]).fetchall()]
        conflicts = [(fact_id, ", ".join(f.indicator_candidates))
                     for fact_id, f in zip(ids, facts) if f.indicator_candidates]
        insert_columns(con, "indicator_conflicts", {"fact_id": [fact_id for fact_id, _ in conflicts],
                                                     "document_id": [document_id] * len(conflicts),
                                                     "indicators": [names for _, names in conflicts]})
    return len(facts)


def correct_stored(con: duckdb.DuckDBPyConnection,
                   after: list[corrections.Correction]) -> tuple[list[LogEntry], list[str]]:
    """The `corrections` table as `after` (what the file says now), and the stored facts brought from the
    corrections the table held to those, in one transaction: a newly corrected fact shows its corrected
    value and flag, a newly left-out one goes, a fact whose correction was withdrawn shows its read value
    again. A left-out fact taken back is not stored until its document is read again (`make rebuild`).
    Returns what the ingest log records and the municipalities whose facts changed (their revisions to
    recompute)."""
    old = {c.fact_key: c for c in corrections.in_table(con)}
    new = {c.fact_key: c for c in after}
    changed = [key for key in old.keys() | new.keys() if old.get(key) != new.get(key)]
    rows = [] if not changed else con.execute(
        "SELECT f.fact_id, f.fact_key, f.value, f.reading_flag, f.reading_flag_lv, f.municipality, d.file_name,"
        " d.sha256, d.document_id FROM facts f JOIN documents d USING (document_id)"
        " WHERE list_contains(?, f.fact_key) ORDER BY f.fact_id", [sorted(changed)]).fetchall()
    entries, touched = [], set()
    con.execute("BEGIN TRANSACTION")
    try:
        corrections.fill_table(con, after)
        for fact_id, key, value, flag, flag_lv, municipality, file_name, sha256, document_id in rows:
            was, now = old.get(key), new.get(key)
            if was is not None and was.corrected is not None:  # back to the fact as read
                value = was.read_value
                flag, flag_lv = (_without(flag, _correction_reason(was).text("en")),
                                 _without(flag_lv, _correction_reason(was).text("lv")))
            touched.add(municipality)
            if now is not None and now.corrected is None:
                con.execute("DELETE FROM indicator_conflicts WHERE fact_id = ?", [fact_id])
                con.execute("DELETE FROM facts WHERE fact_id = ?", [fact_id])
                entries.append(LogEntry("correct", "left out", file_name, sha256, document_id, facts_removed=1))
                continue
            if now is not None:
                why = _correction_reason(now)
                value, flag, flag_lv = now.corrected, _with(flag, why.text("en")), _with(flag_lv, why.text("lv"))
            con.execute("UPDATE facts SET value = ?, reading_flag = ?, reading_flag_lv = ?, flag = ?, flag_lv = ?"
                        " WHERE fact_id = ?", [float(value), flag, flag_lv, flag, flag_lv, fact_id])
            entries.append(LogEntry("correct", "corrected" if now is not None else "correction withdrawn",
                                    file_name, sha256, document_id))
        con.execute("COMMIT")
    except BaseException:
        _rollback(con)
        raise
    return entries, sorted(touched)


def _insert_details(con: duckdb.DuckDBPyConnection, document_id: str, ex: Extraction) -> None:
    cells = ex.raw_cells
    if cells:
        insert_columns(con, "raw_tables", {
            "document_id": [document_id] * len(cells), "table_ref": [c.table_ref for c in cells],
            "caption": [c.caption for c in cells], "row_index": [c.row_index for c in cells],
            "col_index": [c.col_index for c in cells], "text": [c.text for c in cells],
            "page": [c.loc.page for c in cells], "line": [c.loc.line for c in cells]})
    for municipality, territory, kind in dict.fromkeys(ex.territories):
        con.execute("INSERT INTO territories VALUES (?, ?, ?, ?)", [municipality, territory, kind, document_id])
    for code, meaning in dict.fromkeys(ex.case_codes):
        con.execute("INSERT INTO case_codes VALUES (?, ?, ?)", [code, meaning, document_id])


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
        "INSERT INTO documents (document_id, file_name, sha256, municipality, kind, title, period, edition,"
        " published, format, layout, pages, is_primary, rendition_of, ingested_at, text)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [document_id, doc.file_name, doc.sha256, info.municipality, info.kind, info.title, info.period,
         info.edition, info.published, doc.format, ex.layout, doc.n_pages, is_primary, rendition_of,
         datetime.now(timezone.utc).replace(tzinfo=None), document_text(doc)])
    return document_id


@dataclass(frozen=True)
class _Stored:
    """A stored document as the replacement rules see it."""

    document_id: str
    file_name: str
    format: str
    layout: str
    is_primary: bool
    facts: int
    cells: int  # raw table cells

    def named(self) -> str:
        return f"{self.document_id} ({self.file_name}, read as {self.layout})"


def _stored(con, where: str, params: list) -> list[_Stored]:
    rows = con.execute(
        "SELECT d.document_id, d.file_name, d.format, d.layout, d.is_primary,"
        " (SELECT count(*) FROM facts f WHERE f.document_id = d.document_id),"
        " (SELECT count(*) FROM raw_tables r WHERE r.document_id = d.document_id)"
        f" FROM documents d WHERE {where} ORDER BY d.document_id", params).fetchall()
    return [_Stored(*row) for row in rows]


def _same_report(con, ex: Extraction) -> list[_Stored]:
    """The stored primary documents of the report `ex` is of (none for a document without an edition)."""
    if ex.info.edition is None:
        return []
    return _stored(con, "d.municipality = ? AND d.kind = ? AND d.edition = ? AND d.is_primary",
                   [ex.info.municipality, ex.info.kind, ex.info.edition])


# Two documents without an edition whose figures (year, value, unit) are at least this share the same are
# one page or report in two files (a PDF and its text export, a page saved again): two different pages
# rarely print most of the same figures.
SAME_FIGURES = 0.8


def _figures(rows) -> Counter:
    return Counter((year, round(value, 2), unit) for year, value, unit in rows)


def _rendition_without_edition(con, ex: Extraction) -> _Stored | None:
    """A stored document that does not say which report it is (read by the generic reader) of which this
    one is another rendition: the same municipality and reader, and most of the same figures."""
    if ex.info.edition is not None or not ex.facts:
        return None
    mine = _figures((f.year, f.value, f.unit) for f in ex.facts)
    for old in _stored(con, "d.edition IS NULL AND d.is_primary AND d.municipality = ? AND d.layout = ?",
                       [ex.info.municipality, ex.layout]):
        if not old.facts or min(old.facts, len(ex.facts)) < SAME_FIGURES * max(old.facts, len(ex.facts)):
            continue
        theirs = _figures(con.execute("SELECT year, value, unit FROM facts WHERE document_id = ?",
                                      [old.document_id]).fetchall())
        if sum((mine & theirs).values()) >= SAME_FIGURES * max(len(ex.facts), old.facts):
            return old
    return None


def _same_name_other_report(con, doc: ParsedDocument, ex: Extraction) -> list[_Stored]:
    """Stored documents with this file name that are not of the report `ex` is of."""
    return _stored(con, "d.file_name = ? AND (? IS NULL OR d.edition IS NULL OR d.municipality <> ? OR d.kind <> ?"
                        " OR d.edition <> ?)",
                   [doc.file_name, ex.info.edition, ex.info.municipality, ex.info.kind, ex.info.edition])


def _what(ex: Extraction) -> str:
    return f"{ex.info.kind} {ex.info.edition}" if ex.info.edition else f"{ex.info.kind} document"


def _check_new_version(old: _Stored, ex: Extraction) -> None:
    """Refuse a new version that another layout read, or that holds much less than the stored one."""
    force = "give --replace to replace it all the same"
    if old.layout != ex.layout:
        raise StoreRefusal(f"the stored {_what(ex)} is {old.named()}; this file reads as {ex.layout}: {force}")
    for what, had, has in (("facts", old.facts, len(ex.facts)), ("raw table cells", old.cells, len(ex.raw_cells))):
        if had and has < had * (1 - LOSS_ALLOWED):
            raise StoreRefusal(f"this version of the {_what(ex)} would lose {had - has} of the {had} {what} of "
                               f"the stored {old.named()} ({(had - has) / had:.0%}); {force}")


def store_document(con: duckdb.DuckDBPyConnection, doc: ParsedDocument, ex: Extraction,
                   replace: bool = False) -> StoreResult:
    """Write one document in one transaction: on any error nothing of it is stored. Raises StoreRefusal
    when the rules above forbid storing it; `replace` lifts the rules that `--replace` names."""
    bad = next((f for f in ex.facts if not math.isfinite(f.value)), None)
    if bad is not None:
        # A layout's bug, never a reading: no infinity or NaN reaches a chart or a sum.
        raise StoreRefusal(f"{bad.source_ref}: the value read from '{bad.raw_value[:40]}' is not a finite number")
    if ex.info.edition is None and ex.info.kind != "unrecognised":
        raise StoreRefusal(f"read as {ex.layout}, but it does not say which {ex.info.kind} it is (no report year "
                           "or period where its title or signature prints one); nothing stored")
    flagged = sum(1 for f in ex.facts if f.flag)
    known = con.execute("SELECT document_id FROM documents WHERE sha256 = ?", [doc.sha256]).fetchone()
    if known:
        return StoreResult("unchanged", known[0], 0, 0, "already in the warehouse")
    con.execute("BEGIN TRANSACTION")
    try:
        result = _store(con, doc, ex, flagged, replace)
        con.execute("COMMIT")
        return result
    except BaseException:
        _rollback(con)
        raise


def _rollback(con: duckdb.DuckDBPyConnection) -> None:
    try:
        con.execute("ROLLBACK")
    except duckdb.Error:
        pass  # a COMMIT that failed (a full disk) has rolled back already; its error is the one to tell


def _store_rendition(con, doc: ParsedDocument, ex: Extraction, old: _Stored, flagged: int, same: str) -> StoreResult:
    """Another rendition of a stored document: the facts stay with the better-ranked format (the published
    PDF's page references are the ones a reader can check); the other is kept for search."""
    if FORMAT_RANK.get(doc.format, 9) < FORMAT_RANK.get(old.format, 9):
        delete_document(con, old.document_id, keep_row=True)
        new_id = _insert_document(con, doc, ex, is_primary=True, rendition_of=None)
        con.execute("UPDATE documents SET is_primary = false, rendition_of = ? WHERE document_id = ?"
                    " OR rendition_of = ?", [new_id, old.document_id, old.document_id])
        stored = _insert_facts(con, new_id, ex.facts, doc.sha256)
        _insert_details(con, new_id, ex)
        return StoreResult("rendition", new_id, stored, flagged,
                           f"{same} {old.document_id} ({old.format}); facts now cite this {doc.format}", old.facts)
    new_id = _insert_document(con, doc, ex, is_primary=False, rendition_of=old.document_id)
    return StoreResult("rendition", new_id, 0, 0,
                       f"{same} {old.document_id} ({old.format}), which keeps them; stored for search")


def _store(con, doc: ParsedDocument, ex: Extraction, flagged: int, replace: bool) -> StoreResult:
    namesakes = _same_name_other_report(con, doc, ex)
    if namesakes and not replace:
        raise StoreRefusal(f"the stored {namesakes[0].named()} has this file name, but this file reads as "
                           f"{_what(ex)}, another document: check it is the right file, or give --replace to "
                           "replace the stored one")
    twin = _rendition_without_edition(con, ex)
    if twin is not None:
        return _store_rendition(con, doc, ex, twin, flagged, "the same figures as")
    previous = _same_report(con, ex)
    signature = _fact_signature(ex.facts)
    for old in previous:
        if old.format == doc.format or not _same_facts(_stored_signature(con, old.document_id), signature):
            continue
        return _store_rendition(con, doc, ex, old, flagged, "same facts as")
    if not replace:
        for old in previous:
            _check_new_version(old, ex)
    replaced = previous + [old for old in namesakes if old not in previous]
    for old in replaced:
        # A new version: the old one goes, with the other renditions of it.
        if old.is_primary:
            for (rendition_id,) in con.execute("SELECT document_id FROM documents WHERE rendition_of = ?",
                                               [old.document_id]).fetchall():
                delete_document(con, rendition_id)
        delete_document(con, old.document_id)
    new_id = _insert_document(con, doc, ex, is_primary=True, rendition_of=None)
    stored = _insert_facts(con, new_id, ex.facts, doc.sha256)
    _insert_details(con, new_id, ex)
    status = "replaced" if replaced else "added"
    note = f"replaces {', '.join(old.document_id for old in replaced)}" if replaced else ""
    return StoreResult(status, new_id, stored, flagged, note, sum(old.facts for old in replaced))
