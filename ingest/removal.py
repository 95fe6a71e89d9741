"""Removing a report from the warehouse: `python -m ingest --remove FILE_OR_ID` and the upload page's button.

A report goes with all its renditions (a PDF and its text export), in one write batch; the revisions of the
municipalities it gave facts for are recomputed (an older report's value it revised is current again), the
removal is logged, and its files are moved from the reports folder to `.removed/` inside it, where a rebuild
does not look (ingest.pipeline.collect_files skips dot-folders), so that a rebuild gives the same warehouse.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from ingest.readers import sha256_of
from warehouse import reports_folder
from warehouse.ingest_log import LogEntry, log
from warehouse.live import writing
from warehouse.revisions import recompute_revisions, touched_municipalities
from warehouse.store import delete_document

REMOVED_FOLDER = ".removed"
# The shortest sha256 prefix taken for a document: shorter ones too easily name another one.
_SHORTEST_PREFIX = 6


class RemovalError(ValueError):
    """Nothing matches what was named, or it cannot be removed; the message says why, in one line."""


@dataclass
class Removal:
    document_ids: list[str] = field(default_factory=list)  # the report's documents removed (renditions too)
    file_names: list[str] = field(default_factory=list)
    facts_removed: int = 0
    moved: list[Path] = field(default_factory=list)  # its files moved out of the reports folder


def _matching(con: duckdb.DuckDBPyConnection, target: str) -> list[tuple[str, str | None]]:
    """The (document_id, rendition_of) of the stored documents `target` names."""
    low = target.strip().lower()
    by_hash = re.fullmatch(r"[0-9a-f]+", low) and len(low) >= _SHORTEST_PREFIX
    return con.execute("""
        SELECT document_id, rendition_of FROM documents
        WHERE document_id = ? OR (? AND starts_with(sha256, ?)) OR file_name = ?
        ORDER BY document_id""", [low, bool(by_hash), low, Path(target).name]).fetchall()


def _report(con: duckdb.DuckDBPyConnection, target: str) -> list[tuple[str, str, str, int]]:
    """The documents of the one report `target` names (its primary first, then its renditions), each with its
    file name, sha256 and facts; RemovalError when it names none, or documents of more than one report."""
    if not target.strip():
        raise RemovalError("an empty name: name a stored document by its id, sha256 or file name")
    found = _matching(con, target)
    if not found:
        raise RemovalError(f"{target}: no stored document has this id, sha256 or file name")
    primaries = sorted({rendition_of or document_id for document_id, rendition_of in found})
    if len(primaries) > 1:
        raise RemovalError(f"{target}: names documents of {len(primaries)} reports ({', '.join(primaries)}); "
                           "name one by its id")
    return con.execute("""
        SELECT d.document_id, d.file_name, d.sha256, (SELECT count(*) FROM facts f WHERE f.document_id = d.document_id)
        FROM documents d WHERE d.document_id = ? OR d.rendition_of = ?
        ORDER BY d.is_primary DESC, d.document_id""", [primaries[0], primaries[0]]).fetchall()


def _files_of(reports: Path, file_name: str, sha256: str) -> list[Path]:
    """The files in `reports` (its dot-folders aside) named `file_name` whose content is the document's."""
    if not reports.is_dir():
        return []
    found = []
    for path in sorted(reports.rglob(file_name)):
        inside = path.relative_to(reports).parts
        if any(part.startswith(".") for part in inside[:-1]) or path.is_symlink() or not path.is_file():
            continue
        try:
            if sha256_of(path) == sha256:
                found.append(path)
        except OSError:
            continue
    return found


def _move_out(reports: Path, path: Path) -> Path:
    """`path` moved to `reports/.removed/`, under a name no other removed file has."""
    folder = reports / REMOVED_FOLDER
    folder.mkdir(exist_ok=True)
    to = folder / path.name
    n = 1
    while to.exists():
        n += 1
        to = folder / f"{path.stem}.{n}{path.suffix}"
    path.rename(to)
    return to


def remove_report(db: Path, target: str, who: str, wait_seconds: float = 120.0,
                  reports: Path | None = None) -> Removal:
    """Remove the report `target` names (a document_id, a sha256 or its prefix, a file name or a path of a
    stored document) with all its renditions, in one write batch (warehouse.live.writing), and log it; its
    files in `reports` (default warehouse.reports_folder()) are moved to `reports/.removed/` so that a rebuild
    gives the same warehouse. RemovalError when nothing matches."""
    reports = Path(reports) if reports is not None else reports_folder()
    removal = Removal()
    with writing(db, wait_seconds) as con:
        documents = _report(con, target)
        ids = [document_id for document_id, _, _, _ in documents]
        touched = touched_municipalities(con, ids)
        con.execute("BEGIN TRANSACTION")
        try:
            for document_id in ids:
                delete_document(con, document_id)
            recompute_revisions(con, touched)
            log(con, who, [LogEntry("remove", "removed", name, sha256, document_id, 0, 0, facts)
                           for document_id, name, sha256, facts in documents])
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        removal.document_ids = ids
        removal.file_names = [name for _, name, _, _ in documents]
        removal.facts_removed = sum(facts for _, _, _, facts in documents)
        files = [path for _, name, sha256, _ in documents for path in _files_of(reports, name, sha256)]
    # Once the warehouse without it is served: a rebuild must not bring it back.
    removal.moved = [_move_out(reports, path) for path in files]
    return removal
