"""Any document no other layout recognises: stored for search, every table cell kept in raw_tables."""
from __future__ import annotations

from ingest.layouts import Layout
from ingest.model import DocumentInfo, Extraction, ParsedDocument
from ingest.specs import table_raw_cells


def extract(doc: ParsedDocument) -> Extraction:
    info = DocumentInfo(municipality="nezināma", kind="unrecognised", title=doc.file_name, period="")
    cells = [cell for table in doc.tables for cell in table_raw_cells(table)]
    return Extraction(layout="unrecognised", info=info, raw_cells=cells)


LAYOUT = Layout(name="unrecognised", signature=(), extract=extract, formats=("pdf", "txt", "md", "xlsx"))
