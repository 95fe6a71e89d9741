"""Every query the dashboard runs: parameterised SQL in, DataFrames out. Pages never write SQL."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from warehouse import connect


def warehouse_summary(db: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The documents with their fact counts, and the fact counts by municipality and topic."""
    con = connect(db, read_only=True)
    try:
        documents = con.execute("""
            SELECT d.file_name, d.municipality, d.kind, d.period, d.format, d.layout, d.is_primary,
                   count(f.fact_id) AS facts, count(f.flag) AS flagged
            FROM documents d LEFT JOIN facts f USING (document_id)
            GROUP BY ALL ORDER BY d.file_name""").df()
        facts = con.execute("""
            SELECT municipality, topic, count(*) AS facts, min(year) AS first_year, max(year) AS last_year
            FROM facts GROUP BY ALL ORDER BY municipality, topic""").df()
    finally:
        con.close()
    return documents, facts
