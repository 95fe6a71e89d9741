"""The one read-only warehouse connection every session shares, and cached query results.

A DuckDB connection is not safe to use from several threads at once (Streamlit runs each session in its
own thread), so the shared connection only hands out cursors: one per query. Results are cached by the
query function's module and name, its parameters and the warehouse file's identity, so a rebuilt warehouse
is read afresh; they are kept within `SOCDASH_CACHE_MB` megabytes (default 256) all sessions together, the
least recently used given up first, so that no reader can push the server past its memory.

Whatever goes wrong in reading the warehouse (a damaged or truncated file, another schema, a file that is
no warehouse) reaches the pages as one `WarehouseError`, never as DuckDB's own exception: the frame shows
the reader a plain sentence and the server log gets the detail.
"""
from __future__ import annotations

import importlib
import logging
import os
from pathlib import Path
from typing import Callable

import duckdb
import pandas as pd
import streamlit as st

from dashboard.byte_cache import ByteBoundedCache
from warehouse import WarehouseError, connect, default_db_path
from warehouse import queries

DEFAULT_CACHE_MB = 256


def cache_megabytes() -> int:
    """`SOCDASH_CACHE_MB`, a whole number of megabytes (0: keep nothing); the default when unset or not one."""
    text = os.environ.get("SOCDASH_CACHE_MB", "").strip()
    if not text:
        return DEFAULT_CACHE_MB
    if text.isdigit():
        return int(text)
    logging.getLogger(__name__).warning("SOCDASH_CACHE_MB=%r is not a whole number of megabytes; using %d",
                                        text, DEFAULT_CACHE_MB)
    return DEFAULT_CACHE_MB


def _result_bytes(value) -> int:
    """What a cached result holds: a frame's columns with their strings, a download's bytes."""
    if isinstance(value, pd.DataFrame):
        return int(value.memory_usage(index=True, deep=True).sum())
    return len(value)


def _handed_out(value):
    # A shallow copy: with pandas' copy-on-write, a page that changes its frame changes only its own.
    return value.copy(deep=False) if isinstance(value, pd.DataFrame) else value


_RESULTS = ByteBoundedCache(cache_megabytes() * 2**20, size=_result_bytes, hand_out=_handed_out)


def clear_caches() -> None:
    """Forget every cached result and close the warehouse connection: the next page runs as the first one
    after a start (the benchmarks' cold runs)."""
    _RESULTS.clear()
    st.cache_data.clear()
    st.cache_resource.clear()


def warehouse_key(path: Path | None = None) -> tuple[str, float, int]:
    """(path, modification time, size) of the warehouse file: changes whenever it is rebuilt."""
    path = Path(path or default_db_path()).resolve()
    try:
        info = path.stat()
    except OSError as exc:
        raise WarehouseError(f"no warehouse at {path}: {exc.strerror}") from None
    return str(path), info.st_mtime, info.st_size


def _close(con) -> None:
    con.close()


# One entry per warehouse version; an older version's connection is closed when a newer one replaces it.
@st.cache_resource(max_entries=1, show_spinner=False, on_release=_close)
def _connection(path: str, mtime: float, size: int):
    """The warehouse open for reading (`connect` refuses a damaged, older or foreign file)."""
    return connect(path, read_only=True)


def _reading(key: tuple[str, float, int], read):
    """`read(cursor)` on a fresh cursor of the shared connection; a DuckDB error becomes a WarehouseError."""
    cursor = _connection(*key).cursor()
    try:
        return read(cursor)
    except duckdb.Error as exc:
        raise WarehouseError(f"cannot read the warehouse {key[0]}: {str(exc).splitlines()[0]}") from None
    finally:
        cursor.close()


@_RESULTS.memoize
def _cached(module: str, name: str, key: tuple[str, float, int], args: tuple, kwargs: tuple) -> pd.DataFrame:
    query = getattr(importlib.import_module(module), name)
    return _reading(key, lambda cursor: query(cursor, *args, **dict(kwargs)))


def load(query: Callable[..., pd.DataFrame], *args, **kwargs) -> pd.DataFrame:
    """`query(cursor, *args, **kwargs)`, cached: a query function of a `warehouse` module (`queries.series`,
    `comparison.indicator_values`). The cache knows a function by its module and name (the function itself is
    not hashed), so it must be a module-level function. Arguments must be hashable values (lists are turned
    into tuples here so that a multiselect's value can be passed as it is)."""
    def freeze(value):
        return tuple(value) if isinstance(value, list) else value

    args = tuple(freeze(a) for a in args)
    kwargs_key = tuple(sorted((k, freeze(v)) for k, v in kwargs.items()))
    return _cached(query.__module__, query.__qualname__, warehouse_key(), args, kwargs_key)


@_RESULTS.memoize
def _package(key: tuple[str, float, int]) -> bytes:
    from warehouse import exports

    def read(cursor):
        tables = {name: queries.table(cursor, name) for name in queries.PACKAGE_TABLES}
        descriptor = exports.datapackage(queries.table_columns(cursor), queries.documents(cursor),
                                         queries.fact_units(cursor))
        return tables, descriptor

    return exports.package_zip(*_reading(key, read))


def data_package() -> bytes:
    """The whole warehouse as a Frictionless data package (zip), built once per warehouse version."""
    return _package(warehouse_key())
