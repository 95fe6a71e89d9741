"""Readers turn a raw file into a ParsedDocument: text lines and tables, each with its location.

A reader knows file formats, not reports: what the numbers mean is the layouts' business.
"""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from ingest.limits import ReadLimits

if TYPE_CHECKING:
    from ingest.model import ParsedDocument

SUPPORTED = (".pdf", ".txt", ".md", ".xlsx")


class UnreadableFile(Exception):
    """A file that cannot be ingested; the message says why, in one line, for the person who gave it."""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def read_document(path: Path, limits: ReadLimits = ReadLimits(), notes: list[str] | None = None) -> ParsedDocument:
    """Parse one file by its extension; raise UnreadableFile with the reason when it cannot be read or is
    over the `limits`. What a reader could read only in part is added to `notes` (one line each)."""
    suffix = path.suffix.lower()
    try:
        path.name.encode("utf-8")
    except UnicodeEncodeError:
        raise UnreadableFile("the file name is not UTF-8 (its bytes are shown escaped): rename the file") from None
    if suffix not in SUPPORTED:
        raise UnreadableFile(f"unsupported file type '{suffix or '(none)'}' (expected {', '.join(SUPPORTED)})")
    if not path.is_file():
        raise UnreadableFile("not a file")
    try:
        return _read(path, suffix, limits, notes if notes is not None else [])
    except OSError as exc:  # no permission to read it, an I/O error
        raise UnreadableFile(f"the file cannot be read: {exc.strerror or exc}") from None


def _read(path: Path, suffix: str, limits: ReadLimits, notes: list[str]) -> ParsedDocument:
    size = path.stat().st_size
    if size == 0:
        raise UnreadableFile("the file is empty")
    if size > limits.max_input_bytes:
        raise UnreadableFile(f"the file has {size / 2**20:.1f} MB, over the limit of {limits.max_input_mb:g} MB "
                             "(--max-input-mb)")
    if suffix == ".pdf":
        from ingest.readers.pdf import read_pdf
        return read_pdf(path, limits, notes)
    if suffix == ".xlsx":
        from ingest.readers.xlsx import read_xlsx
        return read_xlsx(path, limits)
    from ingest.readers.text import read_text
    return read_text(path)
