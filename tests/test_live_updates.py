"""Ingesting while the dashboard reads (warehouse.live, dashboard.db): a writer works on a copy and renames it
over the served file; readers go on reading the file they have open, and open the new one on their next run.
An ingest never waits for a reader; what a batch committed is served whole, or none of it."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import duckdb
import pytest

from dashboard import db
from ingest.cli import main
from ingest.pipeline import store_files
from test_ingest_cli import dump, make_upload
from warehouse import WarehouseError, connect, queries
from warehouse.live import trial, writing

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def upload(folder: Path, municipality: str, rows: int) -> Path:
    """A made-up workbook of `rows` budget facts of `municipality`."""
    folder.mkdir(parents=True, exist_ok=True)
    return make_upload(folder / f"{municipality.split()[0].lower()}.xlsx",
                       [[municipality, 2024, "budget", "spend", f"Pakalpojums {k}", str(k + 1), "EUR"]
                        for k in range(rows)])


def facts_per_document(path: Path) -> dict[str, int]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return dict(con.execute("SELECT d.file_name, count(f.fact_id) FROM documents d LEFT JOIN facts f "
                                "USING (document_id) GROUP BY 1").fetchall())
    finally:
        con.close()


def left_beside(path: Path) -> list[str]:
    """What lies in the warehouse's folder besides the warehouse and its writers' lock: a copy left behind."""
    return sorted(p.name for p in path.parent.iterdir() if p.name.startswith(".") or p.name.endswith(".wal"))


@pytest.fixture
def warehouse(tmp_path: Path, monkeypatch) -> Path:
    """A warehouse of one made-up document of 3 facts, served to the dashboard's reader in this process."""
    path = tmp_path / "w.duckdb"
    assert main(["--db", str(path), "--quiet", str(upload(tmp_path / "first", "Alfa novads", 3))]) == 0
    monkeypatch.setenv("SOCDASH_DB", str(path))
    db.clear_caches()
    yield path
    db.clear_caches()


def facts_read(**kwargs) -> int:
    return int(db.load(queries.overview, **kwargs)["facts"].iloc[0])


def test_a_command_line_ingest_goes_in_while_another_process_reads(warehouse: Path, tmp_path: Path):
    """A dashboard process has the warehouse open and reads it: the ingest does not wait (`--wait 0` would
    say busy), stores its document whole, and the reader's next load sees it."""
    reader = subprocess.Popen(
        [sys.executable, "-c", "import sys\nfrom dashboard import db\nfrom warehouse import queries\n"
         "for line in sys.stdin:\n"
         "    print(int(db.load(queries.overview)['facts'].iloc[0]), flush=True)\n"],
        cwd=ROOT, env={**ENV, "SOCDASH_DB": str(warehouse)}, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        text=True)
    try:
        reader.stdin.write("read\n")
        reader.stdin.flush()
        assert reader.stdout.readline().strip() == "3"  # and it keeps the file open
        other = upload(tmp_path / "second", "Beta novads", 7)
        done = subprocess.run([sys.executable, "-m", "ingest", "--db", str(warehouse), "--wait", "0", str(other)],
                              cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        assert "7 facts stored" in done.stdout
        assert facts_per_document(warehouse) == {"alfa.xlsx": 3, "beta.xlsx": 7}
        reader.stdin.write("read\n")
        reader.stdin.flush()
        assert reader.stdout.readline().strip() == "10"
    finally:
        reader.kill()
        reader.wait()
    assert left_beside(warehouse) == []


def test_duckdb_hands_a_new_connection_the_old_file_and_the_readers_open_the_new_one(warehouse: Path, tmp_path):
    """DuckDB keeps one database instance per path in a process: while a connection of it is open, a new
    `duckdb.connect` of the path gets it, the file as it was before the rename. warehouse.connect and the
    dashboard open the file as it is now."""
    old = duckdb.connect(str(warehouse), read_only=True)
    try:
        assert facts_read() == 3
        assert main(["--db", str(warehouse), "--quiet", str(upload(tmp_path / "second", "Beta novads", 7))]) == 0
        again = duckdb.connect(str(warehouse), read_only=True)
        assert again.execute("SELECT count(*) FROM facts").fetchone()[0] == 3  # DuckDB's cached instance
        again.close()
        reader = connect(warehouse, read_only=True)
        assert reader.execute("SELECT count(*) FROM facts").fetchone()[0] == 10
        with reader.cursor() as cursor:  # a cursor reads the same file
            assert cursor.execute("SELECT count(*) FROM facts").fetchone()[0] == 10
        reader.close()
        assert facts_read() == 10
    finally:
        old.close()


def test_a_page_run_reads_one_version_and_the_old_one_is_closed_when_no_run_reads_it(warehouse: Path, tmp_path):
    """A run that began before a commit reads the old file to its end, while another session's run reads the
    new one; the old connection is closed once the old run has ended, not before."""
    began, committed, looked_again = threading.Event(), threading.Event(), threading.Event()
    seen: list[int] = []

    def older_run() -> None:
        with db.one_version():
            seen.append(facts_read())
            began.set()
            committed.wait(60)
            seen.append(facts_read())  # another query of the same run, after the commit (cached)
            seen.append(int(db.load(queries.documents)["facts"].sum()))  # one not cached before
            looked_again.set()

    thread = threading.Thread(target=older_run)
    thread.start()
    try:
        assert began.wait(60)
        assert main(["--db", str(warehouse), "--quiet", str(upload(tmp_path / "second", "Beta novads", 7))]) == 0
        with db.one_version():  # a run that begins now
            assert facts_read() == 10
            assert len(db._VERSIONS) == 2  # the old run still reads the old file
        committed.set()
        assert looked_again.wait(60)
    finally:
        committed.set()
        thread.join(60)
    assert seen == [3, 3, 3]
    assert len(db._VERSIONS) == 1 and facts_read() == 10


def test_a_rerun_reads_the_new_file_and_the_cache_knows_the_versions_apart(warehouse: Path, tmp_path):
    first = db.version()
    assert facts_read() == 3
    assert main(["--db", str(warehouse), "--quiet", str(upload(tmp_path / "second", "Beta novads", 7))]) == 0
    second = db.version()
    assert second != first and second[1] != first[1]  # another inode: a new file
    assert facts_read() == 10


def test_an_interrupted_batch_serves_the_documents_committed_before_it(warehouse: Path, tmp_path: Path):
    """Ctrl-C in the middle of a folder: the documents reported stored are served, each whole; the one under
    way is not."""
    folder = tmp_path / "in"
    for i in range(40):
        upload(folder / f"{i:02d}", f"Novads{i:02d} novads", 200)
    proc = subprocess.Popen([sys.executable, "-m", "ingest", "--db", str(warehouse), str(folder)], cwd=ROOT,
                            env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    for line in proc.stdout:  # interrupt just after the progress line of the 5th document
        if line.startswith("[5/"):
            proc.send_signal(signal.SIGINT)
            break
    rest, err = proc.stdout.read(), proc.stderr.read()
    assert proc.wait(timeout=120) == 130, err
    assert "stored and served" in err and "Traceback" not in err
    stored = facts_per_document(warehouse)
    assert stored.pop("alfa.xlsx") == 3
    assert 5 <= len(stored) < 40 and set(stored.values()) == {200}, stored
    assert len(stored) == 5 + rest.count(" added ")  # what it reported stored, no more
    assert left_beside(warehouse) == []


def test_an_interrupt_inside_the_batch_serves_what_it_committed(warehouse: Path, tmp_path: Path):
    with pytest.raises(KeyboardInterrupt):
        with writing(warehouse, wait_seconds=0) as con:
            store_files(con, [upload(tmp_path / "second", "Beta novads", 7)])
            raise KeyboardInterrupt
    assert facts_per_document(warehouse) == {"alfa.xlsx": 3, "beta.xlsx": 7}
    assert left_beside(warehouse) == []


@pytest.mark.parametrize("failure, refusal", [
    (RuntimeError("a bug"), RuntimeError),
    (duckdb.IOException("IO Error: No space left on device"), WarehouseError),
])
def test_a_failing_batch_serves_none_of_it(warehouse: Path, tmp_path: Path, failure, refusal):
    before = dump(warehouse)
    inode = warehouse.stat().st_ino
    with pytest.raises(refusal) as raised:
        with writing(warehouse, wait_seconds=0) as con:
            store_files(con, [upload(tmp_path / "second", "Beta novads", 7)])
            raise failure
    if refusal is WarehouseError:
        message = str(raised.value)
        assert message == (f"cannot write the warehouse {warehouse}: IO Error: No space left on device; "
                           "none of this batch is stored, the warehouse is as it was")
    assert dump(warehouse) == before and warehouse.stat().st_ino == inode
    assert left_beside(warehouse) == []


def test_a_copy_left_by_a_killed_ingest_serves_nothing_and_the_next_ingest_removes_it(warehouse: Path, tmp_path):
    before = dump(warehouse)
    folder = tmp_path / "in"
    for i in range(40):
        upload(folder / f"{i:02d}", f"Novads{i:02d} novads", 200)
    proc = subprocess.Popen([sys.executable, "-m", "ingest", "--db", str(warehouse), str(folder)], cwd=ROOT,
                            env=ENV, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    for line in proc.stdout:
        if line.startswith("[5/"):
            proc.send_signal(signal.SIGKILL)
            break
    proc.wait()
    assert dump(warehouse) == before  # the batch was never served
    assert ".w.duckdb.writing" in left_beside(warehouse)
    assert main(["--db", str(warehouse), "--quiet", str(upload(tmp_path / "second", "Beta novads", 7))]) == 0
    assert facts_per_document(warehouse) == {"alfa.xlsx": 3, "beta.xlsx": 7}  # none of the killed batch
    assert left_beside(warehouse) == []


def test_two_writers_take_turns_and_the_second_starts_from_the_first_ones_file(warehouse: Path, tmp_path: Path,
                                                                               capsys):
    inside, go_on = threading.Event(), threading.Event()
    second_saw: list[int] = []

    def first() -> None:
        with writing(warehouse, wait_seconds=0) as con:
            store_files(con, [upload(tmp_path / "second", "Beta novads", 7)])
            inside.set()
            go_on.wait(60)

    thread = threading.Thread(target=first)
    thread.start()
    try:
        assert inside.wait(60)
        threading.Timer(1.0, go_on.set).start()  # the first lets go while the second waits
        with writing(warehouse, wait_seconds=60) as con:
            second_saw.append(con.execute("SELECT count(*) FROM facts").fetchone()[0])
            store_files(con, [upload(tmp_path / "third", "Gamma novads", 5)])
    finally:
        go_on.set()
        thread.join(60)
    assert "waiting: another ingest is writing to" in capsys.readouterr().err
    assert second_saw == [10]
    assert facts_per_document(warehouse) == {"alfa.xlsx": 3, "beta.xlsx": 7, "gamma.xlsx": 5}


def test_a_refusal_names_the_served_file_not_the_copy(tmp_path: Path):
    path = tmp_path / "w.duckdb"
    assert main(["--db", str(path), "--quiet", str(upload(tmp_path / "first", "Alfa novads", 3))]) == 0
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(WarehouseError) as refusal:
        with writing(path, wait_seconds=0):
            pass
    assert str(path) in str(refusal.value) and ".writing" not in str(refusal.value)
    assert left_beside(path) == []


def test_the_first_ingest_starts_from_an_empty_warehouse_and_a_link_to_it_is_followed(tmp_path: Path):
    real = tmp_path / "real" / "w.duckdb"
    real.parent.mkdir()
    link = tmp_path / "w.duckdb"
    link.symlink_to(real)
    assert main(["--db", str(link), "--quiet", str(upload(tmp_path / "first", "Alfa novads", 3))]) == 0
    assert link.is_symlink() and facts_per_document(real) == {"alfa.xlsx": 3}


def test_a_trial_copy_changes_nothing_served_and_leaves_nothing(warehouse: Path, tmp_path: Path):
    before = dump(warehouse)
    with trial(warehouse) as con:
        store_files(con, [upload(tmp_path / "second", "Beta novads", 7)])
        assert con.execute("SELECT count(*) FROM facts").fetchone()[0] == 10
    assert dump(warehouse) == before
    assert left_beside(warehouse) == []
    with trial(tmp_path / "none.duckdb") as con:  # nothing served yet: an empty warehouse
        assert con.execute("SELECT count(*) FROM facts").fetchone()[0] == 0
    assert not (tmp_path / "none.duckdb").exists()


def test_a_rebuild_replaces_the_warehouse_whole_while_a_reader_reads_the_old_one(warehouse: Path, tmp_path):
    with db.one_version():  # a page run under way
        assert facts_read() == 3
        assert main(["--db", str(warehouse), "--rebuild", "--quiet",
                     str(upload(tmp_path / "second", "Beta novads", 7))]) == 0
        assert int(db.load(queries.documents)["facts"].sum()) == 3
    assert facts_per_document(warehouse) == {"beta.xlsx": 7}
    assert facts_read() == 7 and left_beside(warehouse) == []


def test_a_rebuild_replaces_a_warehouse_of_an_older_schema(tmp_path: Path):
    """What `make` does when the schema has changed: the old file is replaced, not refused."""
    path = tmp_path / "w.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE documents (document_id VARCHAR, file_name VARCHAR)")
    con.execute("CREATE TABLE facts (fact_id BIGINT, value DOUBLE)")
    con.close()
    assert main(["--db", str(path), "--rebuild", "--quiet", str(upload(tmp_path / "first", "Alfa novads", 3))]) == 0
    assert facts_per_document(path) == {"alfa.xlsx": 3}


@pytest.mark.parametrize("content", ["sqlite", "another program's"])
def test_a_rebuild_does_not_replace_another_programs_file(tmp_path: Path, content, capsys):
    path = tmp_path / "w.duckdb"
    if content == "sqlite":
        path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 4000)
    else:
        con = duckdb.connect(str(path))
        con.execute("CREATE TABLE orders (id INTEGER)")
        con.close()
    before = path.read_bytes()
    assert main(["--db", str(path), "--rebuild", "--quiet", str(upload(tmp_path / "first", "Alfa novads", 3))]) == 3
    reason = "not a valid DuckDB" if content == "sqlite" else "of another program, not a socdash warehouse"
    assert reason in capsys.readouterr().err
    assert path.read_bytes() == before and left_beside(path) == []
