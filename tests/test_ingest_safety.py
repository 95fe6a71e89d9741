"""What a hostile tester tries on the command line and the warehouse: every refusal is one line, with a
non-zero exit and no traceback, the rest of the folder still goes in, and nothing stored is lost."""
from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

import duckdb
import pytest

from ingest.cli import main
from test_ingest_cli import dump, make_upload
from test_pdf_reader import make_pdf
from warehouse import WarehouseError, connect, default_db_path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable


def run_ingest(*args: str, preexec_fn=None) -> subprocess.CompletedProcess:
    """`python -m ingest ARGS` in a child process, as a user runs it; `preexec_fn` runs in the child first."""
    return subprocess.run([PYTHON, "-m", "ingest", *args], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, preexec_fn=preexec_fn, timeout=300)


def one_line_error(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


def small_upload(path: Path, municipality: str = "Bauskas novads", rows: int = 1) -> Path:
    return make_upload(path, [[municipality, 2024, "budget", "spend", f"Pakalpojums {k}", str(k + 1), "EUR"]
                              for k in range(rows)])


# --------------------------------------------------------------------------- arguments

@pytest.mark.parametrize("wait", ["nan", "inf", "-1", "soon"])
def test_wait_takes_only_a_finite_non_negative_number(wait, tmp_path, capsys):
    with pytest.raises(SystemExit) as stop:
        main(["--db", str(tmp_path / "w.duckdb"), "--wait", wait, str(tmp_path)])
    assert stop.value.code == 2
    line = one_line_error(capsys.readouterr().err)
    assert "--wait" in line and wait in line
    assert not (tmp_path / "w.duckdb").exists()


def test_an_empty_path_is_refused(tmp_path, capsys):
    """`--db ""` and a target "" (which would be the current folder) are usage errors."""
    for args in (["--db", "", str(small_upload(tmp_path / "a.xlsx"))], ["--db", str(tmp_path / "w.duckdb"), ""]):
        with pytest.raises(SystemExit) as stop:
            main(args)
        assert stop.value.code == 2
        assert "an empty path" in one_line_error(capsys.readouterr().err)
    assert not (tmp_path / "w.duckdb").exists()


def test_the_command_line_honours_socdash_db(tmp_path, monkeypatch):
    db = tmp_path / "from_env.duckdb"
    monkeypatch.setenv("SOCDASH_DB", str(db))
    assert main([str(small_upload(tmp_path / "a.xlsx"))]) == 0
    assert dump(db)["documents"]


def test_the_default_paths_are_the_projects_whatever_the_current_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("SOCDASH_DB", raising=False)
    monkeypatch.chdir(tmp_path)
    assert default_db_path() == ROOT / "warehouse" / "socdash.duckdb"
    # With no folder named, the project's raw_reports/ is read, not ./raw_reports of the current folder.
    monkeypatch.setenv("SOCDASH_DB", str(tmp_path / "w.duckdb"))
    assert main(["--quiet"]) == 0
    assert len(dump(tmp_path / "w.duckdb")["documents"]) == 6


# --------------------------------------------------------------------------- file names in the output

def test_a_newline_in_a_file_name_cannot_forge_output_lines(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "x\nREFUSED  forged.txt: made up.txt").write_bytes(b"")
    small_upload(folder / "ok\r\x1b[2Kname.xlsx")
    assert main(["--db", str(tmp_path / "w.duckdb"), str(folder)]) == 1
    out = capsys.readouterr()
    refusals = [line for line in out.err.splitlines() if "REFUSED" in line]
    assert len(refusals) == 1 and "x\\x0aREFUSED  forged.txt" in refusals[0]
    stored = [line for line in out.out.splitlines() if line.startswith("[")]
    assert len(stored) == 1 and "ok\\x0d\\x1b[2Kname.xlsx" in stored[0]


def test_a_file_name_that_is_not_utf8_does_not_stop_the_folder(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (Path(os.fsdecode(bytes(folder) + b"/a_p\xe2rskats.txt"))).write_text("Sociālais dienests\n", encoding="utf-8")
    small_upload(folder / "b.xlsx")
    db = tmp_path / "w.duckdb"
    assert main(["--db", str(db), str(folder)]) == 1
    out = capsys.readouterr()
    line = one_line_error(out.err)
    assert "a_p\\xe2rskats.txt" in line and "not UTF-8" in line
    assert "1 of 2 files" in out.out
    assert [row for row in dump(db)["documents"] if "b.xlsx" in row]
    con = duckdb.connect(str(db), read_only=True)
    try:  # logged as its name is printed
        assert con.execute("SELECT file_name FROM ingest_log WHERE outcome LIKE 'refused%'").fetchall() == [
            ("a_p\\xe2rskats.txt",)]
    finally:
        con.close()


# --------------------------------------------------------------------------- the warehouse cannot be had

def _without_root_overrides() -> None:
    """In the child: drop root's power to write where permissions forbid it (CAP_DAC_OVERRIDE and
    CAP_DAC_READ_SEARCH leave the capability bounding set, so the exec'd program has neither)."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def test_a_read_only_folder_is_refused_in_one_line(tmp_path):
    folder = Path(tempfile.mkdtemp(prefix="socdash-ro-"))
    try:
        upload = small_upload(folder / "a.xlsx")
        os.chmod(upload, 0o644)
        os.chmod(folder, 0o555)
        done = run_ingest("--db", str(folder / "w.duckdb"), str(upload),
                          preexec_fn=_without_root_overrides if os.geteuid() == 0 else None)
        assert done.returncode == 3
        line = one_line_error(done.stderr)
        assert "w.duckdb" in line and "ermission denied" in line
        assert sorted(p.name for p in folder.iterdir()) == ["a.xlsx"]
    finally:
        os.chmod(folder, 0o755)
        for path in folder.iterdir():
            path.unlink()
        folder.rmdir()


@pytest.mark.parametrize("db", ["/proc/x.duckdb", "/proc", "/dev/null/w.duckdb"])
def test_a_warehouse_path_that_cannot_be_written_is_refused_in_one_line(db, tmp_path, capsys):
    assert main(["--db", db, str(small_upload(tmp_path / "a.xlsx"))]) == 3
    assert db in one_line_error(capsys.readouterr().err)


def test_a_warehouse_path_that_is_a_pipe_is_refused_without_waiting(tmp_path, capsys):
    os.mkfifo(tmp_path / "w.duckdb")
    assert main(["--db", str(tmp_path / "w.duckdb"), str(small_upload(tmp_path / "a.xlsx"))]) == 3
    assert "is not a file (a folder, a device or a pipe)" in one_line_error(capsys.readouterr().err)


def test_a_lock_file_that_is_a_symbolic_link_is_not_written_through(tmp_path, capsys):
    victim = tmp_path / "precious.txt"
    victim.write_text("keep me\n", encoding="utf-8")
    (tmp_path / "w.duckdb.lock").symlink_to(victim)
    assert main(["--db", str(tmp_path / "w.duckdb"), str(small_upload(tmp_path / "a.xlsx"))]) == 3
    assert "its lock file is a symbolic link" in one_line_error(capsys.readouterr().err)
    assert victim.read_text(encoding="utf-8") == "keep me\n"


def _foreign(path: Path) -> None:
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE orders (id INTEGER)")
    con.close()


def _older(path: Path) -> None:
    """A warehouse of the first schema: documents and facts, no meta table."""
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE documents (document_id VARCHAR, file_name VARCHAR)")
    con.execute("CREATE TABLE facts (fact_id BIGINT, value DOUBLE)")
    con.close()


def _cut_in_half(path: Path) -> None:
    article = ROOT / "raw_reports" / "lps_2020_seminars_socialie_pakalpojumi.txt"
    assert main(["--db", str(path), "--quiet", str(article)]) == 0
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _not_duckdb(path: Path) -> None:
    path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 4000)


BAD_WAREHOUSES = {"cut in half": (_cut_in_half, "damaged"), "SQLite": (_not_duckdb, "not a valid DuckDB"),
                  "older schema": (_older, "older schema"), "another program's": (_foreign, "another program")}


def _files(folder: Path) -> list[tuple[str, bytes]]:
    """The files of a folder and their bytes, the writers' lock file aside."""
    return sorted((p.name, p.read_bytes()) for p in folder.iterdir() if not p.name.endswith(".lock"))


@pytest.mark.parametrize("case", BAD_WAREHOUSES)
def test_a_bad_warehouse_file_is_refused_and_left_as_it_was(case, tmp_path, capsys):
    make, reason = BAD_WAREHOUSES[case]
    db = tmp_path / "w.duckdb"
    make(db)
    capsys.readouterr()
    upload = small_upload(tmp_path / "a.xlsx")
    before = _files(tmp_path)
    assert main(["--db", str(db), str(upload)]) == 3
    line = one_line_error(capsys.readouterr().err)
    assert reason in line and str(db) in line
    assert _files(tmp_path) == before


@pytest.mark.parametrize("case", BAD_WAREHOUSES)
def test_a_reader_refuses_a_bad_warehouse_and_changes_nothing(case, tmp_path):
    make, reason = BAD_WAREHOUSES[case]
    db = tmp_path / "w.duckdb"
    make(db)
    before = _files(tmp_path)
    with pytest.raises(WarehouseError) as refusal:
        connect(db, read_only=True)
    assert reason in str(refusal.value) and "\n" not in str(refusal.value)
    assert _files(tmp_path) == before


def test_a_reader_creates_nothing(tmp_path):
    for path in (tmp_path / "missing.duckdb", tmp_path):
        with pytest.raises(WarehouseError):
            connect(path, read_only=True)
    assert list(tmp_path.iterdir()) == []
    duckdb.connect(str(tmp_path / "empty.duckdb")).close()  # a DuckDB file with no tables at all
    with pytest.raises(WarehouseError, match="empty"):
        connect(tmp_path / "empty.duckdb", read_only=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.duckdb"]


def _limit_file_size(limit: int):
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


def test_a_file_size_limit_gives_one_line_and_serves_the_warehouse_as_it_was(tmp_path):
    """A full disk or `ulimit -f` while a batch is written: the ingest stops with one line and a non-zero exit,
    none of the batch is served and what was stored before is intact (warehouse.live writes a copy)."""
    db = tmp_path / "w.duckdb"
    first = small_upload(tmp_path / "first.xlsx", rows=5)
    assert run_ingest("--db", str(db), str(first)).returncode == 0
    before = dump(db)
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(3):
        small_upload(folder / f"big{i}.xlsx", municipality=f"Novads {i}", rows=3000)
    # The copy of the warehouse fits; the copy with these 9 000 more facts does not.
    limit = db.stat().st_size + 100_000
    done = run_ingest("--db", str(db), str(folder), preexec_fn=_limit_file_size(limit))
    assert done.returncode == 3, done.stdout + done.stderr
    line = one_line_error(done.stderr)
    assert "cannot write the warehouse" in line and "none of this batch is stored" in line, line
    assert dump(db) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["first.xlsx", "in", "w.duckdb", "w.duckdb.lock"]


def test_the_store_refuses_a_value_that_is_not_finite(tmp_path, monkeypatch, capsys):
    """A layout bug that reads infinity must not put it in the warehouse: the file is refused in one line."""
    import ingest.pipeline as pipeline
    from ingest.worker import extract_file

    db = tmp_path / "w.duckdb"
    assert main(["--db", str(db), str(small_upload(tmp_path / "a.xlsx"))]) == 0
    before = dump(db)

    def buggy(path, limits, layout):
        doc, extraction = extract_file(path, limits, layout)
        extraction.facts[-1].value = float("inf")
        return doc, extraction

    monkeypatch.setattr(pipeline, "extract_in_worker", buggy)
    assert main(["--db", str(db), str(small_upload(tmp_path / "b.xlsx", rows=2))]) == 1
    line = one_line_error(capsys.readouterr().err)
    assert "b.xlsx: sheet 'facts', row 3: the value read from '2' is not a finite number" in line
    assert dump(db) == before


# --------------------------------------------------------------------------- symbolic links

def test_links_out_of_the_folder_given_are_refused_and_links_inside_it_are_read(tmp_path, capsys):
    secret = tmp_path / "outside" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    small_upload(folder / "sub" / "a.xlsx")
    (folder / "report.txt").symlink_to(secret)
    (folder / "elsewhere").symlink_to(secret.parent)
    (folder / "again.xlsx").symlink_to(folder / "sub" / "a.xlsx")  # inside: read (and unchanged)
    (folder / "sub_again").symlink_to(folder / "sub")  # inside: its files are read once, as themselves
    (folder / "gone.txt").symlink_to(folder / "nowhere.txt")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    (folder / "sub" / "up").symlink_to(folder)  # a folder loop, inside: not walked again
    db = tmp_path / "w.duckdb"
    assert main(["--db", str(db), str(folder)]) == 1
    out = capsys.readouterr()
    refusals = sorted(line.split(str(folder) + "/", 1)[1] for line in out.err.splitlines() if "REFUSED" in line)
    assert refusals == [f"elsewhere: a symbolic link to a folder outside {folder}: not read",
                        "gone.txt: a broken symbolic link", "loop.txt: a broken symbolic link",
                        f"report.txt: a symbolic link to a file outside {folder}: not read"]
    assert "Traceback" not in out.err
    assert "2 of 6 files" in out.out  # a.xlsx added, again.xlsx unchanged (the same file)
    con = duckdb.connect(str(db), read_only=True)
    texts = con.execute("SELECT string_agg(text, ' ') FROM documents").fetchone()[0]
    con.close()
    assert "root:x" not in texts


def test_a_file_given_that_links_out_of_its_folder_is_refused(tmp_path, capsys):
    secret = tmp_path / "outside" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    (tmp_path / "in").mkdir()
    link = tmp_path / "in" / "report.txt"
    link.symlink_to(secret)
    assert main(["--db", str(tmp_path / "w.duckdb"), str(link)]) == 1
    line = one_line_error(capsys.readouterr().err)
    assert line.endswith("report.txt: a symbolic link to a file outside its folder: not read")


# --------------------------------------------------------------------------- untrusted parsing

def _flate(data_chunks, level: int = 1) -> bytes:
    """Deflate data given in chunks, so that a bomb is made without holding what it inflates to."""
    packer = zlib.compressobj(level)
    return b"".join(packer.compress(chunk) for chunk in data_chunks) + packer.flush()


def _spaces(megabytes: int):
    return (b" " * 2**20 for _ in range(megabytes))


HELLO = b"BT /F1 12 Tf 20 300 Td (Sveiki) Tj ET "


def _folder_with(tmp_path: Path, name: str, data: bytes) -> Path:
    """A folder holding `name` (the hostile file) and, after it, an upload that must still go in."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / name).write_bytes(data)
    small_upload(folder / "z_after.xlsx")
    return folder


def _one_refusal_and_the_rest_in(done: subprocess.CompletedProcess, name: str) -> str:
    assert done.returncode == 1, done.stdout + done.stderr
    line = one_line_error(done.stderr)
    assert f"{name}: " in line
    assert "1 of 2 files" in done.stdout and "z_after.xlsx" in done.stdout
    return line.split(f"{name}: ", 1)[1]


def test_a_pdf_stream_bomb_is_refused_before_it_is_inflated(tmp_path):
    """A page whose content inflates to 300 MB (a file of 0.3 MB): refused while counting, in little memory."""
    bomb = make_pdf([_flate([HELLO, *_spaces(300)])])
    assert len(bomb) < 2_000_000
    folder = _folder_with(tmp_path, "bomb.pdf", bomb)
    done = run_ingest("--db", str(tmp_path / "w.duckdb"), "--max-input-mb", "50", "--memory-mb", "600", str(folder))
    reason = _one_refusal_and_the_rest_in(done, "bomb.pdf")
    assert reason == "page 1: its content unpacks to more than the limit of 50 MB (--max-input-mb)"


def test_a_file_that_takes_more_memory_than_the_limit_is_refused_and_the_next_goes_in(tmp_path):
    """A drawing (form XObject) that inflates to 800 MB: the reader runs out of its 500 MB and is stopped."""
    drawing = _flate(_spaces(800))
    form = b"<< /Type /XObject /Subtype /Form /BBox [0 0 300 400] /Length %d /Filter /FlateDecode >>\nstream\n" \
        % len(drawing) + drawing + b"\nendstream"
    drawn = make_pdf([_flate([HELLO + b"/X1 Do"])], resources="/XObject << /X1 6 0 R >>", extra=(form,))
    folder = _folder_with(tmp_path, "drawing.pdf", drawn)
    done = run_ingest("--db", str(tmp_path / "w.duckdb"), "--memory-mb", "500", str(folder))
    reason = _one_refusal_and_the_rest_in(done, "drawing.pdf")
    assert "memory limit of 500 MB (--memory-mb)" in reason


def test_a_file_that_takes_longer_than_the_limit_is_refused_and_the_next_goes_in(tmp_path):
    report = ROOT / "raw_reports" / "tukuma_novads_2024_publiskais_parskats.pdf"
    folder = _folder_with(tmp_path, "report.pdf", report.read_bytes())
    started = time.monotonic()
    done = run_ingest("--db", str(tmp_path / "w.duckdb"), "--time-limit", "0.5", str(folder))
    assert time.monotonic() - started < 20
    reason = _one_refusal_and_the_rest_in(done, "report.pdf")
    assert reason == "reading it took longer than the time limit of 0.5 s (--time-limit): stopped"


def test_limits_come_from_the_environment_and_the_command_line_wins(tmp_path, monkeypatch, capsys):
    upload = small_upload(tmp_path / "a.xlsx")
    monkeypatch.setenv("SOCDASH_MAX_INPUT_MB", "0.001")
    assert main(["--db", str(tmp_path / "w.duckdb"), str(upload)]) == 1
    assert "over the limit of 0.001 MB (--max-input-mb)" in one_line_error(capsys.readouterr().err)
    assert main(["--db", str(tmp_path / "w.duckdb"), "--max-input-mb", "1", str(upload)]) == 0
    monkeypatch.setenv("SOCDASH_WORKER_SECONDS", "nan")
    with pytest.raises(SystemExit) as stop:
        main(["--db", str(tmp_path / "w.duckdb"), str(upload)])
    assert stop.value.code == 2
    assert "SOCDASH_WORKER_SECONDS: 'nan' is not a finite number above 0" in one_line_error(capsys.readouterr().err)


def _garbled(content: bytes) -> bytes:
    packed = _flate([content])
    return packed[:2] + bytes(b ^ 0x55 for b in packed[2:])  # the deflated data garbled after its header


def test_a_page_whose_content_cannot_be_decoded_gives_a_note(tmp_path, capsys):
    path = tmp_path / "damaged.pdf"
    path.write_bytes(make_pdf([_flate([HELLO]), _garbled(b"BT /F1 12 Tf 20 280 Td (Otra lapa) Tj ET")]))
    assert main(["--db", str(tmp_path / "w.duckdb"), str(path)]) == 0
    notes = [line.strip() for line in capsys.readouterr().out.splitlines() if "note:" in line]
    assert notes == ["note: page 2: part of its content cannot be decoded (damaged); what it prints there is missing",
                     "note: the document names no municipality of the municipalities seed: its figures are not "
                     "stored, its text and table cells are kept"]


def test_a_pdf_whose_only_content_cannot_be_decoded_says_so(tmp_path, capsys):
    path = tmp_path / "damaged.pdf"
    path.write_bytes(make_pdf([_garbled(HELLO)]))
    assert main(["--db", str(tmp_path / "w.duckdb"), str(path)]) == 1
    line = one_line_error(capsys.readouterr().err)
    assert line.endswith("damaged.pdf: damaged PDF: page 1: part of its content cannot be decoded (damaged); what it "
                         "prints there is missing")


def test_a_file_that_may_not_be_read_is_refused_and_the_next_goes_in(tmp_path):
    folder = _folder_with(tmp_path, "secret.txt", "Sociālais dienests\n".encode())
    os.chmod(folder / "secret.txt", 0)
    done = run_ingest("--db", str(tmp_path / "w.duckdb"), str(folder),
                      preexec_fn=_without_root_overrides if os.geteuid() == 0 else None)
    assert _one_refusal_and_the_rest_in(done, "secret.txt") == "the file cannot be read: Permission denied"


def test_limits_far_above_what_the_machine_has_mean_no_limit(tmp_path):
    upload = small_upload(tmp_path / "a.xlsx")
    done = run_ingest("--db", str(tmp_path / "w.duckdb"), "--time-limit", "1e300", "--memory-mb", "1e300",
                      "--max-input-mb", "1e300", "--max-cells", str(10**30), str(upload))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 of 1 files" in done.stdout


def test_a_lower_limit_of_the_users_own_stays(tmp_path):
    """`ulimit -v` below --memory-mb: the worker keeps the user's limit and reads the file."""
    def lower_address_space() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (4 * 2**30, 4 * 2**30))

    upload = small_upload(tmp_path / "a.xlsx")
    done = run_ingest("--db", str(tmp_path / "w.duckdb"), "--memory-mb", "100000", str(upload),
                      preexec_fn=lower_address_space)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_dashboards_first_build_takes_the_limits_from_the_environment(tmp_path, monkeypatch):
    from dashboard.build import build_warehouse

    folder = tmp_path / "in"
    folder.mkdir()
    small_upload(folder / "a.xlsx")
    monkeypatch.setenv("SOCDASH_MAX_INPUT_MB", "0.001")
    report = build_warehouse(tmp_path / "w.duckdb", folder)
    assert (report.total, report.stored) == (1, 0)
    assert "over the limit of 0.001 MB" in report.refused[0].error
    monkeypatch.setenv("SOCDASH_MAX_CELLS", "many")
    with pytest.raises(WarehouseError, match="SOCDASH_MAX_CELLS: 'many' is not a whole number above 0"):
        build_warehouse(tmp_path / "other.duckdb", folder)
    assert not (tmp_path / "other.duckdb").exists()
