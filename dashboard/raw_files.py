"""The original report files the sources page offers for download: regular files inside the reports folder
(raw_reports/) only.

A document's file name comes from the warehouse; a name that climbs out of the folder (`../../etc/passwd`)
or a link inside it that points elsewhere (`report.txt -> /etc/passwd`) names no file to serve.
"""
from __future__ import annotations

from pathlib import Path

from warehouse import reports_folder


def raw_file(name: str, folder: Path | None = None) -> Path | None:
    """The file `name` in `folder` (default the reports folder, warehouse.reports_folder), links followed, if it
    is a regular file inside it; else None."""
    root = Path(folder or reports_folder()).resolve()
    try:
        path = (root / name).resolve()
    except (OSError, RuntimeError, ValueError):  # a loop of links, a NUL in the name
        return None
    return path if path.is_relative_to(root) and path.is_file() else None
