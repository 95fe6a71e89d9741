"""One file through every stage: read -> recognise the layout -> extract facts -> store."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from ingest.layouts import recognise
from ingest.model import Extraction, ParsedDocument
from ingest.readers import UnreadableFile, read_document
from warehouse.store import StoreResult, store_document


@dataclass
class Outcome:
    path: Path
    layout: str | None = None
    result: StoreResult | None = None
    error: str | None = None
    messages: list[str] = field(default_factory=list)  # what the layout expected but did not find


def extract_file(path: Path) -> tuple[ParsedDocument, Extraction]:
    """Read and interpret a file without touching the warehouse."""
    doc = read_document(path)
    layout = recognise(doc)
    extraction = layout.extract(doc)
    extraction.layout = layout.name
    return doc, extraction


def ingest_file(con: duckdb.DuckDBPyConnection, path: Path) -> Outcome:
    try:
        doc, extraction = extract_file(path)
    except UnreadableFile as exc:
        return Outcome(path, error=str(exc))
    except Exception as exc:  # a layout bug must not stop the other files nor leave a half document
        return Outcome(path, error=f"could not be interpreted ({type(exc).__name__}: {exc})")
    return Outcome(path, layout=extraction.layout, result=store_document(con, doc, extraction),
                   messages=extraction.messages)


def collect_files(targets: list[Path]) -> tuple[list[Path], list[Outcome]]:
    """The files to ingest, in a stable order, and an error outcome for each target that does not exist.
    Folders are walked for supported files; README files are documentation, not reports."""
    from ingest.readers import SUPPORTED

    files: list[Path] = []
    missing: list[Outcome] = []
    for target in targets:
        if target.is_dir():
            files.extend(sorted(p for p in target.rglob("*")
                                if p.is_file() and p.suffix.lower() in SUPPORTED
                                and not p.name.lower().startswith("readme") and not p.name.startswith(".")))
        elif target.exists():
            files.append(target)
        else:
            missing.append(Outcome(target, error="no such file or folder"))
    return files, missing
