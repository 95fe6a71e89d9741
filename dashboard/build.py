"""Building the warehouse from raw_reports/ when it is missing: the ingest pipeline, called in-process.

`build_warehouse` is plain Python (the benchmark builds its own copy with it); the app
passes a `progress` callback that draws a Streamlit progress bar.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ingest.limits import limits_from
from ingest.pipeline import Outcome, collect_files, ingest_files
from warehouse import WarehouseError, reports_folder



@dataclass
class BuildReport:
    total: int = 0
    stored: int = 0
    refused: list[Outcome] = field(default_factory=list)


def build_warehouse(db: Path, sources: Path | None = None,
                    progress: Callable[[int, int, str], None] | None = None) -> BuildReport:
    """Ingest every report under `sources` into `db` (created if missing), one transaction per file.
    `progress(done, total, file_name)` is called before each file and once at the end. The reading limits
    come from the SOCDASH_* variables, as for the command line; raises WarehouseError (one line) when the
    warehouse cannot be built, a variable that is not a number included."""
    try:
        limits = limits_from()
    except ValueError as exc:
        raise WarehouseError(f"cannot build the warehouse: {exc}") from None
    db = Path(db)
    files, missing = collect_files([Path(sources or reports_folder())])
    report = BuildReport(total=len(files), refused=list(missing))
    outcomes = ingest_files(db, files, wait_seconds=120.0, limits=limits,
                            before=(lambda done, total, path: progress(done, total, path.name)) if progress else None)
    report.stored = sum(1 for outcome in outcomes if not outcome.error)
    report.refused.extend(outcome for outcome in outcomes if outcome.error)
    if progress:
        progress(len(files), len(files), "")
    return report

