"""A report added from the dashboard: previewed before anything is stored, then committed in one write batch.

`preview_upload` reads the file as the command line does (a limited worker process, the indicators, the
store's rules) into a throw-away copy of the warehouse (warehouse.live.trial) and says what it would do:
the layout, the document, every fact and the diff against what is served (warehouse.preview). Nothing is
kept. `commit_upload` then, in one `warehouse.live.writing` batch, keeps the file in the reports folder
(so that a rebuild gives the same warehouse), appends the director's corrections and left-out facts to the
corrections file, and stores the file; on a refusal or an error the file and the corrections are undone and
nothing is served.
"""
from __future__ import annotations

import hashlib
import math
import os
import re
import shutil
import tempfile
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from ingest.limits import ReadLimits
from ingest.pipeline import Outcome, store_files
from ingest.readers import SUPPORTED
from warehouse import WarehouseError, corrections_file, preview, reports_folder
from warehouse.corrections import Correction, load_corrections, write_corrections
from warehouse.live import trial, writing


class UploadRefused(ValueError):
    """The upload cannot be previewed or stored as asked; the message says why, in one line."""


class MissingReason(UploadRefused):
    """A fact left out or corrected without a reason; `source_ref` and `printed` name the fact."""

    def __init__(self, message: str, source_ref: str, printed: str):
        super().__init__(message)
        self.source_ref, self.printed = source_ref, printed


@dataclass
class UploadPreview:
    file_name: str  # the name it would be kept under in the reports folder
    sha256: str
    size: int
    status: str | None = None  # added, replaced, rendition, unchanged; None when refused
    refusal: str | None = None
    layout: str | None = None
    note: str = ""
    messages: list[str] = field(default_factory=list)  # what the reader or the layout could not read
    document: pd.DataFrame = field(default_factory=pd.DataFrame)  # its documents row
    facts: pd.DataFrame = field(default_factory=pd.DataFrame)
    changes: pd.DataFrame = field(default_factory=pd.DataFrame)


@dataclass(frozen=True)
class FactEdit:
    """A director's decision on one previewed fact: leave it out, or show `corrected` instead, for `reason`."""

    fact_key: str
    keep: bool = True
    corrected: float | None = None
    reason: str = ""


@dataclass
class CommitResult:
    outcome: Outcome
    saved: Path | None  # the file kept in the reports folder (None: the same file was there already)
    corrections: int  # corrections and left-out facts written


# The characters a kept file name may have: it is shown, linked and passed to the shell by people.
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_LONGEST_STEM = 100


def safe_name(name: str) -> str:
    """A plain file name for `name` as a browser sent it: no folder, letters without diacritics, nothing but
    letters, digits, '.', '_' and '-', not hidden, not a README (the ingest skips those), a supported
    extension. UploadRefused for a type the ingest does not read."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    stem, dot, suffix = base.rpartition(".")
    suffix = "." + suffix.lower() if dot else ""
    if suffix not in SUPPORTED:
        raise UploadRefused(f"{base or '(no name)'}: unsupported file type '{suffix or '(none)'}' "
                            f"(expected {', '.join(SUPPORTED)})")
    plain = "".join(ch for ch in unicodedata.normalize("NFKD", stem) if not unicodedata.combining(ch))
    plain = _UNSAFE.sub("_", plain).strip("._-")[:_LONGEST_STEM] or "report"
    if plain.lower().startswith("readme"):
        plain = "report_" + plain
    return plain + suffix


def kept_name(folder: Path, name: str, data: bytes) -> str:
    """The name the upload is kept under in `folder`: its safe name, or, where another file has that name,
    the first free `stem-2.ext`, `stem-3.ext`, …; a file with the same bytes keeps its own name."""
    wanted = Path(safe_name(name))
    for n in range(1, 10_000):
        candidate = wanted.name if n == 1 else f"{wanted.stem}-{n}{wanted.suffix}"
        path = folder / candidate
        if not path.exists() and not path.is_symlink():
            return candidate
        if path.is_file() and not path.is_symlink() and path.read_bytes() == data:
            return candidate
    raise UploadRefused(f"{wanted.name}: too many files of this name in the reports folder")


def _check_size(name: str, data: bytes, limits: ReadLimits) -> None:
    if len(data) > limits.max_input_bytes:
        raise UploadRefused(f"{name}: {len(data) / 2**20:.1f} MB is over the limit of {limits.max_input_mb:g} MB")
    if not data:
        raise UploadRefused(f"{name}: the file is empty")


def preview_upload(db: Path, name: str, data: bytes, limits: ReadLimits = ReadLimits(),
                   reports: Path | None = None) -> UploadPreview:
    """What storing the upload `data` (sent as `name`) would do, tried on a copy of the warehouse `db`; nothing
    is stored. A file that cannot be read or would be refused gives a preview with its `refusal`; a name
    of another type or a file over the size limit raises UploadRefused."""
    kept = kept_name(reports or reports_folder(), name, data)
    _check_size(kept, data, limits)
    shown = UploadPreview(file_name=kept, sha256=hashlib.sha256(data).hexdigest(), size=len(data))
    folder = Path(tempfile.mkdtemp(prefix="socdash-upload-"))
    try:
        path = folder / kept
        path.write_bytes(data)
        with trial(db) as con:
            preview.keep_served(con)
            try:
                outcome = store_files(con, [path], limits=limits, jobs=1, who="dashboard (preview)")[0]
            except WarehouseError as exc:
                shown.refusal = str(exc)
                return shown
            shown.layout, shown.messages = outcome.layout, outcome.messages
            if outcome.error:
                shown.refusal = outcome.error
                return shown
            result = outcome.result
            shown.status, shown.note = result.status, result.note
            shown.document = preview.document(con, result.document_id)
            shown.facts = preview.document_facts(con, result.document_id)
            shown.changes = preview.changes(con, result.document_id)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return shown


def corrections_from(shown: UploadPreview, edits: list[FactEdit], who: str,
                     at: datetime | None = None) -> list[Correction]:
    """The corrections and left-out facts `edits` make of the previewed facts; a fact kept as read is none.
    UploadRefused (one line, naming the fact) for a change without a reason, a corrected value that is no
    finite number, or a fact the preview does not have."""
    at = at or datetime.now(timezone.utc).replace(tzinfo=None)
    facts = shown.facts.set_index("fact_key") if not shown.facts.empty else pd.DataFrame()
    out = []
    for edit in edits:
        if edit.keep and edit.corrected is None:
            continue
        if edit.fact_key not in facts.index:
            raise UploadRefused(f"{shown.file_name}: no fact {edit.fact_key} in this file")
        fact = facts.loc[edit.fact_key]
        if isinstance(fact, pd.DataFrame):  # two facts of one key: the first, as the store keeps them
            fact = fact.iloc[0]
        where = f"{shown.file_name}, {fact['source_ref']} ('{fact['raw_value']}')"
        if not edit.reason.strip():
            raise MissingReason(f"{where}: a correction or a left-out fact needs a reason", str(fact["source_ref"]),
                                str(fact["raw_value"]))
        if edit.keep and not math.isfinite(edit.corrected):
            raise UploadRefused(f"{where}: the corrected value is not a finite number")
        out.append(Correction(fact_key=edit.fact_key, sha256=shown.sha256, printed=str(fact["raw_value"]),
                              read_value=float(fact["value"]), corrected=edit.corrected if edit.keep else None,
                              reason=" ".join(edit.reason.split()), who=who, corrected_at=at))
    return out


def commit_upload(db: Path, name: str, data: bytes, corrections: list[Correction], who: str,
                  wait_seconds: float = 30.0, limits: ReadLimits = ReadLimits(),
                  reports: Path | None = None) -> CommitResult:
    """Store the upload `data` (sent as `name`) with its `corrections`, atomically: in one write batch the file
    is kept in the reports folder under `kept_name`, the corrections appended to the corrections file and
    the file stored (`who` in the ingest log). On a refusal (UploadRefused) or an error (WarehouseError) the
    kept file and the corrections file are as they were, and nothing is served."""
    folder = reports or reports_folder()
    kept = kept_name(folder, name, data)
    _check_size(kept, data, limits)
    path = folder / kept
    corrections_path = folder / corrections_file().name
    saved: Path | None = None  # set once this call has written the file, so that only its own is undone
    earlier: bytes | None = None
    try:
        # The undo covers the swap at the end of the batch too: a warehouse that could not be replaced leaves
        # no kept file or correction behind for the next rebuild to take up.
        with writing(db, wait_seconds) as con:
            if not path.exists():
                folder.mkdir(parents=True, exist_ok=True)
                _write_new(path, data)
                saved = path
            if corrections:
                earlier = corrections_path.read_bytes() if corrections_path.exists() else b""
                write_corrections(corrections_path, load_corrections(corrections_path) + corrections)
            outcome = store_files(con, [path], limits=limits, jobs=1, who=who)[0]
            if outcome.error:
                raise UploadRefused(f"{kept}: {outcome.error}")
    except BaseException:
        _undo(saved, corrections_path, earlier)
        raise
    return CommitResult(outcome, saved, len(corrections))


def _write_new(path: Path, data: bytes) -> None:
    """`data` as the new file `path`, never over another (O_EXCL), whole or not at all."""
    partial = path.with_name(f".{path.name}.part")
    with open(partial, "xb") as out:
        out.write(data)
    try:
        path.hardlink_to(partial)  # fails where a file of that name appeared meanwhile
    finally:
        partial.unlink(missing_ok=True)


def _undo(saved: Path | None, corrections_path: Path, earlier: bytes | None) -> None:
    if saved is not None:
        saved.unlink(missing_ok=True)
    if earlier is not None:
        if earlier:
            partial = corrections_path.with_name(f".{corrections_path.name}.undo")
            partial.write_bytes(earlier)
            os.replace(partial, corrections_path)
        else:
            corrections_path.unlink(missing_ok=True)
