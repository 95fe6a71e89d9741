"""Many rows into a table in one statement: each column one list parameter, the lists unnested side by side.

DuckDB runs `executemany` one statement per row, and a VALUES list of placeholders is parsed placeholder by
placeholder (2 s for a report's 2 000 facts, where this takes a tenth of that); a DataFrame would bring
pandas into every process that writes.
"""
from __future__ import annotations

import duckdb


def _column_types(con: duckdb.DuckDBPyConnection, table: str) -> dict[str, str]:
    """The table's columns and their types, in the table's order."""
    return dict(con.execute("SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ?"
                            " ORDER BY ordinal_position", [table]).fetchall())


def insert_columns(con: duckdb.DuckDBPyConnection, table: str, columns: dict[str, list]) -> None:
    """Insert rows given column by column (equal lists, by column name), in their order: rows take a
    column default (fact_id) in that order."""
    types = _column_types(con, table)
    unnested = ", ".join(f"unnest(?::{types[name]}[])" for name in columns)
    con.execute(f"INSERT INTO {table} ({', '.join(columns)}) SELECT {unnested}", list(columns.values()))


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, rows: list[tuple]) -> None:
    """Insert whole rows (a value for every column, in the table's order)."""
    if rows:
        insert_columns(con, table, dict(zip(_column_types(con, table), map(list, zip(*rows)))))
