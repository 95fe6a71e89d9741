"""Removing a report from the warehouse: `python -m ingest --remove FILE_OR_ID` and the upload page's button.

SKELETON: the interface; the body comes with the removal work.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


class RemovalError(ValueError):
    """Nothing matches what was named, or it cannot be removed; the message says why, in one line."""


@dataclass
class Removal:
    document_ids: list[str] = field(default_factory=list)  # the report's documents removed (renditions too)
    file_names: list[str] = field(default_factory=list)
    facts_removed: int = 0
    moved: list[Path] = field(default_factory=list)  # its files moved out of the reports folder


def remove_report(db: Path, target: str, who: str, wait_seconds: float = 120.0,
                  reports: Path | None = None) -> Removal:
    """Remove the report `target` names (a document_id, a sha256 or its prefix, a file name or a path of a
    stored document) with all its renditions, in one write batch (warehouse.live.writing), and log it; its
    files in `reports` (default warehouse.reports_folder()) are moved to `reports/.removed/` so that a rebuild
    gives the same warehouse. RemovalError when nothing matches."""
    raise NotImplementedError
