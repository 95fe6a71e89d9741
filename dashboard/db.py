"""The read-only warehouse connections every session shares, and cached query results.

A DuckDB connection is not safe to use from several threads at once (Streamlit runs each session in its
own thread), so a shared connection only hands out cursors: one per query. An ingest never writes the file
the dashboard reads; it renames a new one over it (warehouse.live). So there is one connection per version
of the file, known by its inode and modification time: a page run reads the version that was newest when it
began (`one_version`, which the frame wraps every run in), and the next run the newest; a version that has
been replaced is closed once no run or query still reads it. Results are cached by the query function's
module and name, its parameters and the version, so a new version is read afresh; they are kept within
`SOCDASH_CACHE_MB` megabytes (default 256) all sessions together, the least recently used given up first,
so that no reader can push the server past its memory.

Whatever goes wrong in reading the warehouse (a damaged or truncated file, another schema, a file that is
no warehouse) reaches the pages as one `WarehouseError`, never as DuckDB's own exception: the frame shows
the reader a plain sentence and the server log gets the detail.
"""
from __future__ import annotations

import importlib
import logging
import os
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

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
    """Forget every cached result and close the warehouse connections no query is using: the next page runs
    as the first one after a start (the benchmarks' cold runs)."""
    _RESULTS.clear()
    st.cache_data.clear()
    st.cache_resource.clear()
    _VERSIONS.close_idle()


WarehouseKey = tuple[str, int, int, int]


def warehouse_key(path: Path | None = None) -> WarehouseKey:
    """(path, inode, modification time in ns, size) of the warehouse file as it is now: every ingest renames a
    new file over it (warehouse.live), so the inode changes with each; the time and size tell apart a file
    whose inode is that of one deleted before it."""
    path = Path(path or default_db_path()).resolve()
    try:
        info = path.stat()
    except OSError as exc:
        raise WarehouseError(f"no warehouse at {path}: {exc.strerror}") from None
    return str(path), info.st_ino, info.st_mtime_ns, info.st_size


class _OpenVersions:
    """The warehouse versions open for reading, one connection each, with how many readers use each. A
    reader holds a version while it reads it (a query, or a whole page run: one_version); a version that
    has been replaced by a newer file is closed once no reader holds it, never under one that still
    reads."""

    def __init__(self):
        self._lock = threading.Lock()
        self._open: dict[WarehouseKey, duckdb.DuckDBPyConnection] = {}
        self._readers: dict[WarehouseKey, int] = {}
        self._newest: WarehouseKey | None = None

    def hold_current(self) -> WarehouseKey:
        """The key of the warehouse file as it is now, its connection open and held until `release`."""
        for _ in range(5):
            key = warehouse_key()
            with self._lock:
                if key not in self._open:
                    con = connect(key[0], read_only=True)  # refuses a damaged, older or foreign file
                    if warehouse_key() != key:  # replaced while it was opened: which file is this?
                        con.close()
                        continue
                    self._open[key] = con
                    self._readers[key] = 0
                    self._newest = key
                    self._close_idle_older()
                self._readers[key] += 1
                return key
        raise WarehouseError(f"cannot read the warehouse {key[0]}: it is replaced faster than it can be opened")

    def connection(self, key: WarehouseKey) -> duckdb.DuckDBPyConnection:
        """The connection of a version the caller holds."""
        with self._lock:
            return self._open[key]

    def release(self, key: WarehouseKey) -> None:
        with self._lock:
            self._readers[key] -= 1
            self._close_idle_older()

    def close_idle(self) -> None:
        with self._lock:
            for key in [key for key, readers in self._readers.items() if readers == 0]:
                self._close(key)
            if self._newest not in self._open:
                self._newest = None

    def _close_idle_older(self) -> None:
        for key in [key for key, readers in self._readers.items() if readers == 0 and key != self._newest]:
            self._close(key)

    def _close(self, key: WarehouseKey) -> None:
        self._open.pop(key).close()
        del self._readers[key]

    def __len__(self) -> int:
        with self._lock:
            return len(self._open)


_VERSIONS = _OpenVersions()
# The page run under way in this thread (Streamlit runs each session's script in a thread of its own) and the
# version it reads, held from its first query to its end.
_RUN = threading.local()


@contextmanager
def one_version() -> Iterator[None]:
    """Every query within reads the same warehouse version, the one newest at the first query, held open to
    the end even if an ingest renames a new file over it meanwhile; the next run reads the newest. The frame
    runs each page within one. Nothing is opened before the first query, so entering never fails."""
    if getattr(_RUN, "active", False):  # already within one
        yield
        return
    _RUN.active, _RUN.key = True, None
    try:
        yield
    finally:
        key, _RUN.active, _RUN.key = _RUN.key, False, None
        if key is not None:
            _VERSIONS.release(key)


def _run_version() -> WarehouseKey | None:
    """The version this page run reads, held from its first query on; None outside a run."""
    if not getattr(_RUN, "active", False):
        return None
    if _RUN.key is None:
        _RUN.key = _VERSIONS.hold_current()
    return _RUN.key


@contextmanager
def _held_version() -> Iterator[WarehouseKey]:
    """The version of this page run (one_version), else the file as it is now, held while the caller reads."""
    key = _run_version()
    if key is not None:
        yield key
        return
    key = _VERSIONS.hold_current()
    try:
        yield key
    finally:
        _VERSIONS.release(key)


def version() -> WarehouseKey:
    """The warehouse version this page run reads (one_version), else the file's as it is now: the key of what
    is cached per version."""
    return _run_version() or warehouse_key()


def _reading(key: WarehouseKey, read):
    """`read(cursor)` on a fresh cursor of version `key`'s connection (held by the caller); a DuckDB error
    becomes a WarehouseError."""
    cursor = _VERSIONS.connection(key).cursor()
    try:
        return read(cursor)
    except duckdb.Error as exc:
        raise WarehouseError(f"cannot read the warehouse {key[0]}: {str(exc).splitlines()[0]}") from None
    finally:
        cursor.close()


@_RESULTS.memoize
def _cached(module: str, name: str, key: WarehouseKey, args: tuple, kwargs: tuple) -> pd.DataFrame:
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
    with _held_version() as key:
        return _cached(query.__module__, query.__qualname__, key, args, kwargs_key)


@_RESULTS.memoize
def _package(key: WarehouseKey) -> bytes:
    from warehouse import exports

    def read(cursor):
        tables = {name: queries.table(cursor, name) for name in queries.PACKAGE_TABLES}
        descriptor = exports.datapackage(queries.table_columns(cursor), queries.documents(cursor),
                                         queries.fact_units(cursor))
        return tables, descriptor

    return exports.package_zip(*_reading(key, read))


def data_package() -> bytes:
    """The whole warehouse as a Frictionless data package (zip), built once per warehouse version."""
    with _held_version() as key:
        return _package(key)
