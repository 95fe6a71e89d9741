"""Writing the warehouse while the dashboard reads it.

DuckDB lets one process at a time open a database file for writing, and a process reading it blocks that.
So a writer never opens the served file: under a lock that keeps writers one at a time, it works on a copy
beside it and, once every document of the batch is committed and checkpointed, renames the copy over the
served file in one atomic step. A reader (the dashboard) that already has the old file open goes on reading
it, whole; its next run sees the new file and opens it (dashboard.db). No reader ever sees half a batch.
"""
from __future__ import annotations

import errno
import fcntl
import os
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import duckdb

from warehouse import WarehouseBusy, WarehouseError, connect


@contextmanager
def writer_lock(db: Path, wait_seconds: float) -> Iterator[None]:
    """One writer at a time: a second one waits for the first, then gives up with a clear message."""
    lock = db.with_name(db.name + ".lock")
    try:
        db.parent.mkdir(parents=True, exist_ok=True)
        # Never truncated, never through a symbolic link (one planted there must not let the ingest write
        # to another file), never blocking on a pipe.
        handle = os.fdopen(os.open(lock, os.O_WRONLY | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK, 0o644), "w")
    except OSError as exc:
        why = "its lock file is a symbolic link" if exc.errno == errno.ELOOP else exc.strerror or str(exc)
        raise WarehouseError(f"cannot write the warehouse {db}: {why} ({lock})") from None
    with handle:
        deadline = time.monotonic() + wait_seconds
        told = False
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise WarehouseError(f"the warehouse {db} is busy: another ingest is writing to it; "
                                         "try again when it has finished") from None
                if not told:
                    print(f"waiting: another ingest is writing to {db} …", file=sys.stderr, flush=True)
                    told = True
                time.sleep(0.2)
        yield


def _connect_when_free(db: Path, deadline: float) -> duckdb.DuckDBPyConnection:
    while True:
        try:
            return connect(db)
        except WarehouseBusy:
            if time.monotonic() >= deadline:
                raise
            time.sleep(0.5)


@contextmanager
def writing(db: Path, wait_seconds: float) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection to write the warehouse `db` through, one writer at a time (waiting up to `wait_seconds`
    for another). What the body committed is served when it ends, also when it is interrupted
    (KeyboardInterrupt); on any other exception nothing of the batch is served. Raises WarehouseError (one
    line) when the warehouse cannot be had or written."""
    # SKELETON: still writes the served file in place; the copy and the atomic swap come next.
    with writer_lock(db, wait_seconds):
        con = _connect_when_free(db, time.monotonic() + wait_seconds)
        try:
            yield con
            con.execute("CHECKPOINT")
        except duckdb.Error as exc:
            raise WarehouseError(f"cannot write the warehouse {db}: {exc}") from None
        finally:
            con.close()


@contextmanager
def trial(db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A writable copy of the warehouse `db` that is thrown away at the end: what an ingest would do, tried
    without anything stored (the upload page's preview). No lock: nothing is served from it."""
    import shutil
    import tempfile

    handle, name = tempfile.mkstemp(prefix=f".{db.name}.trial-", suffix=".duckdb", dir=db.parent)
    os.close(handle)
    copy = Path(name)
    try:
        shutil.copyfile(db, copy)
        con = connect(copy)
        try:
            yield con
        finally:
            con.close()
    finally:
        for path in (copy, copy.with_name(copy.name + ".wal")):
            path.unlink(missing_ok=True)
