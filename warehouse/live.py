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
import shutil
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import duckdb

from warehouse import WarehouseError, check_replaceable, connect, first_line


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


def _copy_path(db: Path) -> Path:
    """The one writer's copy of `db`: a fixed hidden name beside it, so that a copy left by a killed writer
    is found and removed by the next one."""
    return db.with_name(f".{db.name}.writing")


def _remove_copy(copy: Path) -> None:
    for path in (copy, copy.with_name(copy.name + ".wal")):
        path.unlink(missing_ok=True)


def _copy_served(db: Path, copy: Path) -> None:
    """`copy` made a byte copy of the served file `db` (with its write-ahead log, if a writer of another kind
    left one), or left absent when nothing is served yet: the writer then starts from an empty warehouse.
    The served file is only ever replaced whole, never written in place, so one read of it is one version."""
    _remove_copy(copy)
    if not db.exists():
        return
    if not db.is_file():
        raise WarehouseError(f"the warehouse path '{db}' is not a file (a folder, a device or a pipe): name "
                             "a .duckdb file")
    try:
        shutil.copyfile(db, copy)
        shutil.copymode(db, copy)
        wal = db.with_name(db.name + ".wal")
        if wal.is_file():
            shutil.copyfile(wal, copy.with_name(copy.name + ".wal"))
    except OSError as exc:
        _remove_copy(copy)
        raise WarehouseError(f"cannot write the warehouse {db}: copying it failed: {exc.strerror or exc}") from None


def _as_served(exc: WarehouseError, copy: Path, db: Path) -> WarehouseError:
    """The same refusal, naming the served file rather than the writer's copy of it."""
    return type(exc)(str(exc).replace(str(copy), str(db)))


def _write_error(exc: duckdb.Error, copy: Path, db: Path) -> WarehouseError:
    return _as_served(WarehouseError(f"cannot write the warehouse {db}: {first_line(exc)}"), copy, db)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _serve(con: duckdb.DuckDBPyConnection, copy: Path, db: Path) -> None:
    """Everything committed on `con` checkpointed into `copy`, on disk, and `copy` renamed over `db`: a reader
    opening `db` gets the old file or the new one, whole, never a mix. WarehouseError when that fails, and
    then `db` is as it was."""
    try:
        con.execute("CHECKPOINT")
        con.close()
        _fsync(copy)
        # A log the old file may have would be replayed onto the new one by its next reader.
        db.with_name(db.name + ".wal").unlink(missing_ok=True)
        os.replace(copy, db)
    except duckdb.Error as exc:
        raise _write_error(exc, copy, db) from None
    except OSError as exc:
        raise WarehouseError(f"cannot write the warehouse {db}: {exc.strerror or exc}") from None
    try:
        _fsync(db.parent)  # the rename on disk too
    except OSError:
        pass  # a folder that cannot be synced (some file systems) leaves the rename done, if less durable


@contextmanager
def writing(db: Path, wait_seconds: float, anew: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection to write the warehouse `db` through, one writer at a time (waiting up to `wait_seconds`
    for another). It writes a copy of `db` (`anew`: an empty warehouse, to replace `db` whole: a rebuild);
    what the body committed is served when it ends, also when it is interrupted (KeyboardInterrupt); on any
    other exception nothing of the batch is served and `db` stays as it was. Raises WarehouseError (one line,
    naming `db`) when the warehouse cannot be had or written."""
    # A link to the warehouse is followed, so that the new file goes where readers look (dashboard.db resolves
    # the path), not over the link.
    db = Path(os.path.realpath(db)) if Path(db).is_symlink() else Path(db)
    with writer_lock(db, wait_seconds):
        copy = _copy_path(db)
        if anew:
            check_replaceable(db)
            _remove_copy(copy)
        else:
            _copy_served(db, copy)
        try:
            con = connect(copy)
        except WarehouseError as exc:
            _remove_copy(copy)
            raise _as_served(exc, copy, db) from None
        try:
            yield con
        except KeyboardInterrupt:
            _serve_or_discard(con, copy, db)  # what was committed before the interrupt
            raise
        except BaseException as exc:
            con.close()
            _remove_copy(copy)
            if isinstance(exc, duckdb.Error):
                raise _discarded(_write_error(exc, copy, db)) from None
            if isinstance(exc, WarehouseError):
                raise _discarded(_as_served(exc, copy, db)) from None
            raise
        _serve_or_discard(con, copy, db)


def _discarded(exc: WarehouseError) -> WarehouseError:
    """The refusal of a batch that was under way, saying that none of it is served (the documents before it
    were reported as stored in the batch)."""
    return type(exc)(f"{exc}; none of this batch is stored, the warehouse is as it was")


def _serve_or_discard(con: duckdb.DuckDBPyConnection, copy: Path, db: Path) -> None:
    try:
        _serve(con, copy, db)
    except WarehouseError as exc:
        con.close()
        _remove_copy(copy)
        raise _discarded(exc) from None
    except BaseException:
        con.close()
        _remove_copy(copy)
        raise


@contextmanager
def trial(db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A writable copy of the warehouse `db` that is thrown away at the end: what an ingest would do, tried
    without anything stored (the upload page's preview). No lock: nothing is served from it, and the served
    file is only ever replaced whole, so copying it while a writer works is safe."""
    handle, name = tempfile.mkstemp(prefix=f".{db.name}.trial-", suffix=".duckdb", dir=db.parent)
    os.close(handle)
    copy = Path(name)
    try:
        _copy_served(db, copy)
        try:
            con = connect(copy)
        except WarehouseError as exc:
            raise _as_served(exc, copy, db) from None
        try:
            yield con
        finally:
            con.close()
    finally:
        _remove_copy(copy)
