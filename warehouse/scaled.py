"""A national-scale copy of a warehouse, for the benchmarks: its municipal facts repeated for every current
municipality of the seed and shifted by whole years, so that pages and queries can be timed at the size
the dashboard is built for (43 municipalities × 15 years) before such reports exist. The copy's figures are
the seed reports' own, only relabelled; it is never a warehouse anyone reads."""
from __future__ import annotations

import duckdb


def current_municipalities(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The municipalities in force today, as the seed names them (not the country)."""
    return [name for (name,) in con.execute(
        "SELECT DISTINCT municipality FROM municipalities WHERE valid_to IS NULL AND level <> 'valsts' "
        "ORDER BY municipality").fetchall()]


def scale_to_nation(con: duckdb.DuckDBPyConnection, municipalities: list[str], years: int) -> int:
    """Replace the municipal facts with one copy per municipality and year shift (0 .. years-1): each copy
    names that municipality and has its years moved on by the shift; the country's facts stay as they are.
    Returns the number of facts afterwards."""
    columns = [name for (name,) in con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'facts' AND column_name NOT IN "
        "('fact_id', 'municipality', 'year') ORDER BY ordinal_position").fetchall()]
    kept = ", ".join(columns)
    con.execute("SET enable_progress_bar = false")
    con.execute("BEGIN TRANSACTION")
    con.execute("CREATE TEMP TABLE municipal AS SELECT * FROM facts WHERE municipality <> 'Latvija'")
    con.execute("DELETE FROM facts WHERE municipality <> 'Latvija'")
    con.execute(f"""
        INSERT INTO facts (municipality, year, {kept})
        SELECT m.name, f.year + s.shift, {', '.join(f'f.{c}' for c in columns)}
        FROM municipal f, (SELECT unnest(?) AS name) m, (SELECT unnest(range(?)) AS shift) s""",
                [municipalities, years])
    con.execute("DROP TABLE municipal")
    con.execute("COMMIT")
    return con.execute("SELECT count(*) FROM facts").fetchone()[0]
