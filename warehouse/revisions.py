"""Revisions: a newer report that gives another value for an earlier year's figure.

Within one thing and year — (municipality, territory, topic, metric, category, subgroup, unit, year,
period) — the facts of the newest publication are current: its document's `published`, else its
`edition` where that is dated (a report year, a period, a month: an upload's edition is its file name,
which says nothing of when), then when it was ingested (primary documents only; they hold the facts); an
undated document is older than a dated one. Every fact of another
document there whose value is none of the newest one's is revised: `revised_in` names the newer document and
its `flag` (`flag_lv`) adds "revised in <file>: <newer value>" to the reading's flag (`reading_flag`); every
other fact has no `revised_in` and its reading's flag. Both values stay; charts take the current one
(queries._reading_order), the quality view lists the revised.

Recomputed in SQL, set-based, for the municipalities a batch touched (and wherever a fact names a newer
document that is gone), after every ingest batch and removal.
"""
from __future__ import annotations

import duckdb

from ingest.flags import wording

# The columns that say which thing and year a fact gives.
KEY = ("municipality", "territory", "topic", "metric", "category", "subgroup", "unit", "year", "period")


def _number_sql(value: str, language: str) -> str:
    """`value` written as ingest.flags.format_number writes it in `language`, in SQL."""
    english = (f"CASE WHEN round({value}, 2) % 1 <> 0 THEN rtrim(rtrim(format('{{:,.2f}}', {value}), '0'), '.')"
               f" ELSE format('{{:,.0f}}', {value}) END")
    return english if language == "en" else f"replace(replace({english}, ',', ' '), '.', ',')"


def _flag_sql(language: str, reading: str) -> str:
    """The flag of a fact in `language` (a parameter: the `revised` kind's wording), its reading's flag
    `reading` and, when revised, the revision."""
    said = f"replace(replace(?, '{{value}}', {_number_sql('shown', language)}), '{{report}}', newest_file)"
    return f"CASE WHEN revised THEN coalesce({reading} || '; ', '') || {said} ELSE {reading} END"


def recompute_revisions(con: duckdb.DuckDBPyConnection, municipalities: list[str] | None = None) -> int:
    """Set `revised_in` and `flag`/`flag_lv` of the facts of `municipalities` (None: every one), and of those
    that name a document no longer stored, as the module says; returns how many facts changed."""
    key = ", ".join(KEY)
    scope = "true" if municipalities is None else "list_contains(?, f.municipality)"
    params = [] if municipalities is None else [list(municipalities)]
    changed = con.execute(f"""
        UPDATE facts SET revised_in = decided.revised_in, flag = decided.flag, flag_lv = decided.flag_lv
        FROM (
        WITH scope AS (
            SELECT f.fact_id, {', '.join('f.' + k for k in KEY)}, f.value, f.document_id, f.reading_flag,
                   f.reading_flag_lv, d.file_name,
                   coalesce(d.published, CASE WHEN regexp_matches(d.edition, '^[0-9]{{4}}') THEN d.edition END)
                       AS published_as, d.ingested_at
            FROM facts f JOIN documents d USING (document_id)
            WHERE d.is_primary AND f.municipality IN (
                SELECT municipality FROM facts f WHERE {scope}
                UNION SELECT municipality FROM facts
                WHERE revised_in IS NOT NULL AND revised_in NOT IN (SELECT document_id FROM documents))
        ), ranked AS (
            SELECT *, first_value(document_id) OVER newest AS newest_id, first_value(file_name) OVER newest AS newest_file
            FROM scope
            WINDOW newest AS (PARTITION BY {key} ORDER BY published_as DESC NULLS LAST, ingested_at DESC,
                                                         document_id DESC)
        ), compared AS (
            SELECT *, list(round(value, 6)) FILTER (WHERE document_id = newest_id) OVER thing AS newest_values,
                   arg_min(value, fact_id) FILTER (WHERE document_id = newest_id) OVER thing AS shown
            FROM ranked
            WINDOW thing AS (PARTITION BY {key})
        ), revised AS (
            SELECT fact_id, newest_file, shown, reading_flag, reading_flag_lv,
                   document_id <> newest_id AND NOT list_contains(newest_values, round(value, 6)) AS revised,
                   CASE WHEN revised THEN newest_id END AS revised_in
            FROM compared
        ), decided AS (
            SELECT fact_id, revised_in, {_flag_sql('en', 'reading_flag')} AS flag,
                   {_flag_sql('lv', 'reading_flag_lv')} AS flag_lv
            FROM revised
        )
        SELECT * FROM decided) decided
        WHERE facts.fact_id = decided.fact_id
          AND (facts.revised_in IS DISTINCT FROM decided.revised_in OR facts.flag IS DISTINCT FROM decided.flag
               OR facts.flag_lv IS DISTINCT FROM decided.flag_lv)""",
                          params + [wording("revised", "en"), wording("revised", "lv")]).fetchone()
    return int(changed[0]) if changed else 0


def touched_municipalities(con: duckdb.DuckDBPyConnection, document_ids: list[str]) -> list[str]:
    """The municipalities the documents `document_ids` are of or give facts for."""
    return [name for (name,) in con.execute("""
        SELECT municipality FROM facts WHERE list_contains(?, document_id)
        UNION SELECT municipality FROM documents WHERE list_contains(?, document_id)
        ORDER BY 1""", [list(document_ids)] * 2).fetchall()]
