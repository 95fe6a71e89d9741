"""Files through every stage: read -> recognise the layout -> extract facts (in limited worker processes,
ingest.worker, as many at once as `jobs`) -> store (here, the one writer, in the files' order, so the
warehouse is the same whichever file a worker finishes first), one writer at a time, on a copy the
dashboard sees only once the batch is whole (warehouse.live).

The command line (ingest/cli.py) and the dashboard's first-start build both ingest through `ingest_files`.
"""
from __future__ import annotations

import os
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

import duckdb

from ingest.indicators import assign_indicators
from ingest.layouts import layout_named
from ingest.limits import ReadLimits
from ingest.model import Extraction, ParsedDocument
from ingest.readers import UnreadableFile, sha256_of
from ingest.worker import extract_in_worker, stop_workers
from warehouse import WarehouseError, corrections, corrections_file, first_line
from warehouse.ingest_log import LogEntry, log
from warehouse.live import writing
from warehouse.revisions import recompute_revisions, touched_municipalities
from warehouse.store import StoreRefusal, StoreResult, correct_stored, corrected_facts, store_document


@dataclass
class Outcome:
    path: Path
    layout: str | None = None
    result: StoreResult | None = None
    error: str | None = None
    messages: list[str] = field(default_factory=list)  # notes: what the reader or the layout could not read
    seconds: float = 0.0  # how long reading and storing it took


@dataclass
class _Read:
    """What a worker made of one file: its document and extraction, or why it could not read it."""

    document: ParsedDocument | None
    extraction: Extraction | None
    error: str | None
    seconds: float


def _read(path: Path, limits: ReadLimits, layout: str | None) -> _Read:
    """Read and interpret `path` in a worker process within `limits`, by the layout named `layout` if any
    (run by a thread of the writer)."""
    started = time.perf_counter()
    try:
        doc, extraction = extract_in_worker(path, limits, layout)
    except UnreadableFile as exc:
        return _Read(None, None, str(exc), time.perf_counter() - started)
    return _Read(doc, extraction, None, time.perf_counter() - started)


def _store_read(con: duckdb.DuckDBPyConnection, path: Path, read: _Read, replace: bool) -> Outcome:
    """Store what a worker read of `path`, here."""
    started = time.perf_counter()
    outcome = _outcome(con, path, read, replace)
    outcome.seconds = read.seconds + time.perf_counter() - started
    return outcome


def _outcome(con: duckdb.DuckDBPyConnection, path: Path, read: _Read, replace: bool) -> Outcome:
    if read.error is not None:
        return Outcome(path, error=read.error)
    extraction = read.extraction
    assign_indicators(extraction.facts)  # here, once for every layout
    try:
        result = store_document(con, read.document, extraction, replace=replace)
    except StoreRefusal as exc:
        return Outcome(path, layout=extraction.layout, error=str(exc), messages=extraction.messages)
    return Outcome(path, layout=extraction.layout, result=result, messages=extraction.messages)


# Documents read ahead of the writer, per worker: enough for the largest file among the next ones to start
# first, few enough that the documents waiting to be stored stay a few megabytes.
_AHEAD = 4


def default_jobs() -> int:
    """Workers at once: one per core."""
    return os.cpu_count() or 1


def collect_files(targets: list[Path]) -> tuple[list[Path], list[Outcome]]:
    """The files to ingest, in a stable order, and a refusal for each target that does not exist and for
    each symbolic link that leads out of the folder given (or, for a file given, out of its folder): a link
    must not bring in a file the person who gave the folder did not mean to publish. Links inside it are
    followed. Folders are walked for supported files, dot-folders aside; README files are documentation, not
    reports."""
    files: list[Path] = []
    refused: list[Outcome] = []
    for target in targets:
        if target.is_dir():
            found, outside = _walk(target)
            files.extend(found)
            refused.extend(outside)
        elif target.exists():
            if not _leads_out(target, target.absolute().parent.resolve()):
                files.append(target)
            else:
                refused.append(Outcome(target, error="a symbolic link to a file outside its folder: not read"))
        else:
            refused.append(Outcome(target, error="no such file or folder"
                                   if not target.is_symlink() else "a broken symbolic link"))
    return files, refused


def _walk(folder: Path) -> tuple[list[Path], list[Outcome]]:
    """The report files under `folder` and the refused links, without following links out of it."""
    from ingest.readers import SUPPORTED

    root = folder.resolve()
    files: list[Path] = []
    refused: list[Outcome] = []
    for here, folders, names in os.walk(folder):
        # A dot-folder (the removed reports' .removed/) holds no report to ingest.
        folders[:] = [name for name in folders if not name.startswith(".")]
        for name in folders:
            path = Path(here) / name
            if path.is_symlink():  # os.walk does not enter it; one inside the folder is walked as itself
                if _leads_out(path, root):
                    refused.append(Outcome(path, error=f"a symbolic link to a folder outside {folder}: not read"))
        for name in names:
            path = Path(here) / name
            if path.suffix.lower() not in SUPPORTED or name.lower().startswith("readme") or name.startswith("."):
                continue
            if _leads_out(path, root):
                refused.append(Outcome(path, error=f"a symbolic link to a file outside {folder}: not read"))
            elif not path.is_file():
                refused.append(Outcome(path, error="a broken symbolic link" if path.is_symlink() else "not a file"))
            else:
                files.append(path)
    return sorted(files), sorted(refused, key=lambda outcome: outcome.path)


def _leads_out(path: Path, root: Path) -> bool:
    """Whether `path`, its links followed, lies outside `root` (a link that loops leads nowhere, not out)."""
    try:
        return not path.resolve().is_relative_to(root)
    except RuntimeError:  # a symbolic link loop
        return False


def ingest_files(db: Path, files: list[Path], wait_seconds: float,
                 before: Callable[[int, int, Path], None] | None = None,
                 after: Callable[[int, int, Outcome], None] | None = None, replace: bool = False,
                 limits: ReadLimits = ReadLimits(), jobs: int | None = None,
                 layout: str | None = None, who: str | None = None, anew: bool = False) -> list[Outcome]:
    """Ingest `files` into the warehouse `db` as one batch (warehouse.live): written on a copy while the
    dashboard goes on reading `db`, then renamed over it, so that a reader sees all of the batch or none of
    it; `anew`, into an empty warehouse that then replaces `db` whole (a rebuild). Waits up to `wait_seconds`
    for another writer (never for a reader); see `store_files` for the rest.
    Raises WarehouseError when the warehouse cannot be had or written, and then none of the batch is stored;
    on KeyboardInterrupt the documents stored before it are served."""
    if layout is not None:
        layout_named(layout)
    with writing(db, wait_seconds, anew=anew) as con:
        return store_files(con, files, before=before, after=after, replace=replace, limits=limits, jobs=jobs,
                           layout=layout, who=who)


def store_files(con: duckdb.DuckDBPyConnection, files: list[Path],
                before: Callable[[int, int, Path], None] | None = None,
                after: Callable[[int, int, Outcome], None] | None = None, replace: bool = False,
                limits: ReadLimits = ReadLimits(), jobs: int | None = None,
                layout: str | None = None, who: str | None = None,
                corrected: list[corrections.Correction] | None = None) -> list[Outcome]:
    """Store `files` through the writer's connection `con` (warehouse.live.writing: readers see them when its
    batch ends), each read in a worker process within `limits` (`jobs` of them at once, default one per
    core) and stored in its own transaction, in the order of `files`. `before(done, total, path)` and
    `after(done, total, outcome)` report progress; `replace` stores
    new versions the replacement rules would refuse (warehouse.store); `layout` names the layout that reads
    every file instead of the one that recognises it (ingest.layouts.layout_named); `who` is written to the
    ingest log (default: the command-line user). The corrections are the file's (warehouse.corrections_file),
    or `corrected` when given (a preview of corrections not yet kept, on a trial copy: warehouse.live.trial);
    with no `files`, only the corrections change."""
    try:
        # The director's corrections as the file says them now, before anything is stored; the stored
        # documents' facts brought in line with them.
        now = corrections.load_corrections(corrections_file()) if corrected is None else list(corrected)
    except corrections.CorrectionsError as exc:
        raise WarehouseError(f"the corrections cannot be applied: {exc}") from None
    try:
        entries, touched = correct_stored(con, now)
        log(con, who, entries)
        if touched:
            recompute_revisions(con, touched)
    except duckdb.Error as exc:
        raise WarehouseError(f"cannot write the warehouse: {first_line(exc)}") from None
    jobs = jobs or default_jobs()
    outcomes: list[Outcome] = []
    pool = ThreadPoolExecutor(max_workers=jobs, thread_name_prefix="ingest-read")
    reads = _reads_ahead(pool, files, limits, layout, ahead=_AHEAD * jobs)
    try:
        try:
            for done, path in enumerate(files):
                if before:
                    before(done, len(files), path)
                read = next(reads).result()
                outcomes.append(_store_read(con, path, read, replace))
                log(con, who, _log_entries(con, outcomes[-1], read))
                if after:
                    after(done + 1, len(files), outcomes[-1])
        finally:
            # Also when interrupted: what is stored is served, its revisions with it.
            stored = [o.result.document_id for o in outcomes if o.result and o.result.status != "unchanged"]
            if stored:
                recompute_revisions(con, touched_municipalities(con, stored))
    except duckdb.Error as exc:
        # A full disk, a file-size limit, a damaged file: the document under way was rolled back.
        raise WarehouseError(f"cannot write the warehouse: {first_line(exc)}") from None
    finally:
        if len(outcomes) < len(files):  # stopped part-way: the reads under way are not wanted
            stop_workers()
        pool.shutdown(wait=False, cancel_futures=True)
    return outcomes


def _file_sha256(path: Path) -> str | None:
    """The SHA-256 of a file a worker could not read, for the log; None when it cannot be read here either."""
    try:
        return sha256_of(path)
    except OSError:
        return None


def _log_entries(con: duckdb.DuckDBPyConnection, outcome: Outcome, read: _Read) -> list[LogEntry]:
    """What the ingest log records of one file's outcome: the ingest, and each correction applied to it."""
    # A file name that is not UTF-8 as its bytes are printed (a\xe2.txt): the log is text.
    name = os.fsencode(outcome.path.name).decode("utf-8", "backslashreplace")
    if outcome.error:
        sha256 = read.document.sha256 if read.document is not None else _file_sha256(outcome.path)
        return [LogEntry("ingest", f"refused: {outcome.error}", name, sha256)]
    r = outcome.result
    sha256 = read.document.sha256
    entries = [LogEntry("ingest", r.status, name, sha256, r.document_id, r.facts, r.replaced_facts)]
    if r.facts:
        _, applied = corrected_facts(read.extraction.facts, sha256, corrections.of_document(con, sha256))
        entries += [LogEntry("correct", "left out" if c.corrected is None else "corrected", name, sha256,
                             r.document_id, 0, 0, 1 if c.corrected is None else 0) for c in applied]
    return entries


def _reads_ahead(pool: ThreadPoolExecutor, files: list[Path], limits: ReadLimits, layout: str | None,
                 ahead: int) -> Iterator[Future]:
    """The reads of `files`, in order. Each read starts once its file is among the `ahead` files from the
    one to be stored next, the largest of them first (the longest read then overlaps the others): the
    workers stay busy while the writer stores, and no more than `ahead` documents wait to be stored. The
    first reads start at once."""
    started: dict[int, Future] = {}

    def start(next_stored: int) -> None:
        coming = [k for k in range(next_stored, min(next_stored + ahead, len(files))) if k not in started]
        for k in sorted(coming, key=lambda k: -_size(files[k])):
            started[k] = pool.submit(_read, files[k], limits, layout)

    def in_order() -> Iterator[Future]:
        for next_stored in range(len(files)):
            start(next_stored)
            yield started.pop(next_stored)

    start(0)
    return in_order()


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # the reader says why it cannot read it
