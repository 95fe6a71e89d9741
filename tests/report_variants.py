"""Reports the tests make themselves (next-year variants, damaged copies): written and read back."""
from __future__ import annotations

from pathlib import Path

from ingest.model import ParsedDocument
from ingest.readers import read_document


def document_from_text(folder: Path, name: str, text: str) -> ParsedDocument:
    """`text` written to `folder/name` and read back as the ingest reads a file of that name."""
    path = Path(folder) / name
    path.write_text(text, encoding="utf-8")
    return read_document(path)
