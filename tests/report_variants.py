"""Reports the tests make themselves (next-year variants, damaged copies): written and read back."""
from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from ingest.model import ParsedDocument
from ingest.readers import read_document


def document_from_text(folder: Path, name: str, text: str) -> ParsedDocument:
    """`text` written to `folder/name` and read back as the ingest reads a file of that name."""
    path = Path(folder) / name
    path.write_text(text, encoding="utf-8")
    return read_document(path)


def document_retold(doc: ParsedDocument, old: str, new: str) -> ParsedDocument:
    """`doc` as if its every text (lines, captions, cells, file name) said `new` where it says `old`, e.g. a
    report retold of another municipality; the places (pages, lines) are kept."""
    def say(text: str) -> str:
        return text.replace(old, new)

    tables = [replace(table, caption=say(table.caption), label=table.label and say(table.label),
                      rows=[[replace(cell, text=say(cell.text)) for cell in row] for row in table.rows])
              for table in doc.tables]
    return replace(doc, file_name=say(doc.file_name), lines=[replace(line, text=say(line.text)) for line in doc.lines],
                   tables=tables)


def shift_years(text: str) -> str:
    """Every year printed as a year ("2024. gadā", "31.12.2021.", "2022., 2023.") one later: next year's
    report as its layout prints it, each figure a year on (so a figure of an earlier year it prints again is
    one year's older figure, a revised value)."""
    return re.sub(r"(?<!\d)(20[0-3]\d)(?=\.)", lambda m: str(int(m.group(1)) + 1), text)
