"""The DuckDB warehouse: its schema, connections, and the queries everything else reads through."""
from __future__ import annotations

import os
from pathlib import Path

import duckdb

SCHEMA_VERSION = "2"
SCHEMA_FILE = Path(__file__).with_name("schema.sql")
DEFAULT_DB = Path("warehouse") / "socdash.duckdb"


class WarehouseError(Exception):
    """The warehouse cannot be used as asked; the message says why, in one line."""


class WarehouseBusy(WarehouseError):
    """Another process holds the warehouse file; trying again later may work."""


def default_db_path() -> Path:
    return Path(os.environ.get("SOCDASH_DB", str(DEFAULT_DB)))


def create_schema(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(SCHEMA_FILE.read_text(encoding="utf-8"))
    found = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    if found is None:
        con.execute("INSERT INTO meta VALUES ('schema_version', ?)", [SCHEMA_VERSION])
    elif found[0] != SCHEMA_VERSION:
        raise WarehouseError(f"the warehouse has schema version {found[0]}, this program writes "
                             f"version {SCHEMA_VERSION}: delete it and build it again with `python -m ingest`")


def connect(path: Path | str, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the warehouse; a writer also creates or checks the schema."""
    path = Path(path)
    if read_only and not path.exists():
        raise WarehouseError(f"no warehouse at {path}: build it with `python -m ingest`")
    try:
        con = duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            raise WarehouseBusy(f"the warehouse {path} is busy: another program has it open for writing "
                                f"(an ingest), or for reading while this one writes (the dashboard)") from None
        raise WarehouseError(f"cannot open the warehouse {path}: {str(exc).splitlines()[0]}") from None
    if not read_only:
        create_schema(con)
    return con
