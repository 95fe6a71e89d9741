"""The DuckDB warehouse: its schema, connections, and the queries everything else reads through."""
from __future__ import annotations

import os
from pathlib import Path

import duckdb

from warehouse.seed_tables import fill_seed_tables
from warehouse.seeds import SeedError

SCHEMA_VERSION = "5"
SCHEMA_FILE = Path(__file__).with_name("schema.sql")
PROJECT_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DB = PROJECT_ROOT / "warehouse" / "socdash.duckdb"
# The tables every warehouse of this project has; a file without them is not one.
_OWN_TABLES = {"meta", "documents", "facts"}
# DuckDB's mark at bytes 8..11 of its files. Checked first: DuckDB opens other files (SQLite, say) through
# extensions it would try to fetch from the network.
_DUCKDB_MAGIC = b"DUCK"
# Nothing is ever fetched or loaded behind the warehouse's back. Set once the file is open, not as
# connection options: DuckDB refuses a second connection to a file open with other options, and every
# reader of the file (a test, a notebook) would then have to pass the same ones.
_NO_EXTENSIONS = "SET autoinstall_known_extensions = false; SET autoload_known_extensions = false"

# The name a reader's connection gives the warehouse file (see _open_reading).
_READER_CATALOG = "warehouse"


class WarehouseError(Exception):
    """The warehouse cannot be used as asked; the message says why, in one line."""


class WarehouseBusy(WarehouseError):
    """Another process holds the warehouse file; trying again later may work."""


def default_db_path() -> Path:
    """The warehouse `SOCDASH_DB` names, else the project's own (whatever the current folder)."""
    return Path(os.environ.get("SOCDASH_DB") or DEFAULT_DB)


def reports_folder() -> Path:
    """The folder of the reports the warehouse is built from: `SOCDASH_REPORTS`, else the project's
    raw_reports/. A report added from the dashboard is kept there, so that a rebuild gives the same warehouse."""
    return Path(os.environ.get("SOCDASH_REPORTS") or PROJECT_ROOT / "raw_reports")


def corrections_file() -> Path:
    """The corrections and left-out facts (warehouse.corrections), beside the reports they correct."""
    return reports_folder() / "corrections.csv"


def first_line(exc: BaseException) -> str:
    """An exception's message as one line (DuckDB's span several, with hints)."""
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__


def _check_schema(con: duckdb.DuckDBPyConnection, path: Path, create: bool) -> None:
    """Refuse a file that is not a warehouse of this schema version; a writer creates the schema in an
    empty file. Nothing is written unless `create`."""
    tables = {name for (name,) in con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main'"
    ).fetchall()}
    if not tables and create:
        con.execute(SCHEMA_FILE.read_text(encoding="utf-8"))
        con.execute("INSERT INTO meta VALUES ('schema_version', ?)", [SCHEMA_VERSION])
        return
    if not tables:
        raise WarehouseError(f"the warehouse {path} is empty: build it with `python -m ingest`")
    if "meta" not in tables:
        if tables & _OWN_TABLES:
            raise WarehouseError(f"the warehouse {path} has an older schema (no version recorded): delete it "
                                 "and build it again with `python -m ingest`")
        raise WarehouseError(f"{path} is a DuckDB file of another program, not a socdash warehouse")
    found = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    if found is None or found[0] != SCHEMA_VERSION or not _OWN_TABLES <= tables:
        version = found[0] if found else "unknown"
        raise WarehouseError(f"the warehouse {path} has schema version {version}, this program reads and writes "
                             f"version {SCHEMA_VERSION}: delete it and build it again with `python -m ingest`")
    if create:
        con.execute(SCHEMA_FILE.read_text(encoding="utf-8"))  # the views of this version


def _check_file_kind(path: Path) -> None:
    try:
        with open(path, "rb") as fh:
            head = fh.read(12)
    except FileNotFoundError:
        return  # a writer creates it
    except OSError as exc:
        raise WarehouseError(f"cannot open the warehouse {path}: {exc.strerror or exc}") from None
    if head[8:12] != _DUCKDB_MAGIC:
        what = "empty" if not head else "damaged, or another kind of file"
        raise WarehouseError(f"{path} is not a valid DuckDB warehouse file ({what}): delete it and build it "
                             "again with `python -m ingest`")


def check_replaceable(path: Path | str) -> None:
    """Refuse, in one line, to replace `path` with a new warehouse (a rebuild) when it is another program's
    file: another kind of file, or a DuckDB file with tables and none of this project's. A missing or empty
    file, a warehouse of any schema version and a damaged one are replaced."""
    path = Path(path)
    if not path.exists() or (path.is_file() and path.stat().st_size == 0):
        return
    if not path.is_file():
        raise WarehouseError(f"the warehouse path '{path}' is not a file (a folder, a device or a pipe): name "
                             "a .duckdb file")
    _check_file_kind(path)
    try:
        con = _open_reading(path)
    except duckdb.Error:
        return  # damaged: what a rebuild is for
    try:
        tables = {name for (name,) in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database()").fetchall()}
    finally:
        con.close()
    if tables and not tables & _OWN_TABLES:
        raise WarehouseError(f"{path} is a DuckDB file of another program, not a socdash warehouse: it is not "
                             "replaced")


def _open_reading(path: Path) -> duckdb.DuckDBPyConnection:
    """`path` open read-only in a DuckDB instance of its own. DuckDB hands a second `duckdb.connect` of a path
    the instance this process already has open, and so, after an ingest has renamed a new file over it
    (warehouse.live), the file as it was; attached to a new in-memory instance, the file is read as it is
    now. The file is then the default database of every cursor (the in-memory one is detached)."""
    con = duckdb.connect(":memory:")
    try:
        con.execute(_NO_EXTENSIONS)
        con.execute(f"ATTACH ? AS {_READER_CATALOG} (READ_ONLY)", [str(path)])
        con.execute(f"USE {_READER_CATALOG}")
        con.execute("DETACH memory")
    except BaseException:
        con.close()
        raise
    return con


def connect(path: Path | str, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the warehouse. A writer creates the schema in a new file and fills the reference tables from the
    seeds; a reader never creates or alters anything. A damaged, older or foreign file is refused with a
    one-line WarehouseError."""
    path = Path(path)
    if path.exists() and not path.is_file():
        raise WarehouseError(f"the warehouse path '{path}' is not a file (a folder, a device or a pipe): name "
                             "a .duckdb file")
    if read_only and not path.is_file():
        raise WarehouseError(f"no warehouse at {path}: build it with `python -m ingest`")
    _check_file_kind(path)
    try:
        con = _open_reading(path) if read_only else duckdb.connect(str(path))
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            raise WarehouseBusy(f"the warehouse {path} is busy: another program has it open for writing") from None
        raise WarehouseError(f"cannot open the warehouse {path}: {first_line(exc)}") from None
    except duckdb.Error as exc:
        raise WarehouseError(f"the warehouse {path} is damaged: {first_line(exc)}") from None
    try:
        con.execute(_NO_EXTENSIONS)
        _check_schema(con, path, create=not read_only)
        if not read_only:
            fill_seed_tables(con)
    except SeedError as exc:
        con.close()
        raise WarehouseError(f"the reference data cannot be loaded: {exc}") from None
    except duckdb.Error as exc:
        con.close()
        raise WarehouseError(f"the warehouse {path} is damaged: {first_line(exc)}") from None
    except BaseException:
        con.close()
        raise
    return con
