"""What an upload would do to the warehouse, read in the throw-away copy it was tried on (warehouse.live.trial):
the document as stored, its facts, and a diff against the facts served before it (the copy's facts before
the trial, kept in `preview_served`): new facts, facts it replaces, values it revises.

Each function takes the trial's connection first, as the queries do.
"""
from __future__ import annotations

import pandas as pd

from warehouse.queries import _df

SERVED = "preview_served"

# What a fact is about, whatever document printed it: the same thing in another report is the same key.
_KEY = ("municipality", "territory", "year", "period", "topic", "metric", "category", "subgroup", "unit")


def _same_thing(left: str, right: str) -> str:
    return " AND ".join(f"{left}.{column} IS NOT DISTINCT FROM {right}.{column}" for column in _KEY)


def keep_served(con) -> None:
    """Remember the facts served now (before the trial stores anything), for the diff."""
    con.execute(f"CREATE OR REPLACE TABLE {SERVED} AS SELECT fact_id, {', '.join(_KEY)}, indicator, value,"
                " revised_in, document_id FROM facts")


def document(con, document_id: str) -> pd.DataFrame:
    """The stored document's row: what the page says of it (one row; none for an unknown id)."""
    return _df(con, """
        SELECT document_id, file_name, municipality, kind, title, period, edition, published, format, layout,
               is_primary, rendition_of
        FROM documents WHERE document_id = ?""", [document_id])


def document_facts(con, document_id: str) -> pd.DataFrame:
    """Every fact of the document, in the order stored, with its indicator named in both languages."""
    return _df(con, """
        SELECT f.fact_key, f.municipality, f.territory, f.year, f.period, f.topic, f.metric, f.category,
               f.subgroup, i.name_lv AS indicator_name_lv, i.name_en AS indicator_name_en, f.value, f.unit,
               f.raw_value, f.source_ref, f.flag, f.flag_lv
        FROM facts f LEFT JOIN indicators i USING (indicator)
        WHERE f.document_id = ?
        ORDER BY f.fact_id""", [document_id])


def changes(con, document_id: str) -> pd.DataFrame:
    """What storing the document `document_id` changed against the facts served before: one row per fact,
    `effect` 'new' (nothing served was about the same thing), 'replaces' (a served fact it took the place
    of: an older version of this report) or 'revises' (a served fact of an earlier publication now marked
    revised in this one), with the served value and this document's value, by municipality, indicator and
    year."""
    return _df(con, f"""
        WITH mine AS (SELECT * FROM facts WHERE document_id = ?),
        gone AS (
            SELECT 'replaces' AS effect, s.* FROM {SERVED} s
            WHERE NOT EXISTS (SELECT 1 FROM facts f WHERE f.fact_id = s.fact_id)
        ),
        revised AS (
            SELECT 'revises' AS effect, s.* FROM {SERVED} s JOIN facts f USING (fact_id)
            WHERE s.revised_in IS NULL AND f.revised_in = ?
        ),
        before AS (SELECT * FROM gone UNION ALL SELECT * FROM revised),
        changed AS (
            SELECT b.effect, b.municipality, coalesce(b.indicator, m.indicator) AS indicator, b.year,
                   b.category, b.subgroup, b.value AS served_value, m.value AS new_value, b.unit, b.fact_id
            FROM before b
            LEFT JOIN (SELECT *, row_number() OVER (PARTITION BY {', '.join(_KEY)} ORDER BY fact_id) AS nth
                       FROM mine) m ON {_same_thing('m', 'b')} AND m.nth = 1
        ),
        added AS (
            SELECT 'new' AS effect, m.municipality, m.indicator, m.year, m.category, m.subgroup,
                   NULL::DOUBLE AS served_value, m.value AS new_value, m.unit, m.fact_id
            FROM mine m
            WHERE NOT EXISTS (SELECT 1 FROM {SERVED} s WHERE {_same_thing('s', 'm')})
        )
        SELECT c.effect, c.municipality, i.name_lv AS indicator_name_lv, i.name_en AS indicator_name_en,
               c.year, c.category, c.subgroup, c.served_value, c.new_value, c.unit
        FROM (SELECT * FROM changed UNION ALL SELECT * FROM added) c
        LEFT JOIN indicators i USING (indicator)
        ORDER BY CASE c.effect WHEN 'revises' THEN 0 WHEN 'replaces' THEN 1 ELSE 2 END, c.municipality,
                 c.indicator NULLS LAST, c.year, c.category, c.fact_id""", [document_id, document_id])
