"""What lets the ingest scale: a folder read by several workers gives the warehouse one worker gives, and
the processes that ingest import only what reading and storing need."""
from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb

from ingest.cli import main

ROOT = Path(__file__).resolve().parents[1]

# What the writer imports (the command line, the store) and what the worker server imports before it forks.
_IMPORTS = """
import importlib, sys
import ingest.cli, warehouse.store
from ingest.layouts import all_layouts
from ingest.worker import PRELOAD
for modules in PRELOAD.values():
    for module in modules:
        importlib.import_module(module)
all_layouts()
print(sorted(name for name in ("pandas", "pyarrow") if name in sys.modules))
"""


def test_ingest_does_not_import_pandas():
    """pandas served only the inserts, and costs every ingest process 0.2 s of imports."""
    out = subprocess.run([sys.executable, "-c", _IMPORTS], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def _warehouse(db: Path) -> dict[str, list]:
    """Every row of the tables the ingest writes, in their stored order (ingest times aside)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = {}
        for table, order in (("documents", "document_id"), ("facts", "fact_id"),
                             ("raw_tables", "document_id, table_ref, row_index, col_index"),
                             ("territories", "document_id, territory"), ("case_codes", "document_id, code")):
            columns = [c[0] for c in con.execute(f"DESCRIBE {table}").fetchall() if c[0] != "ingested_at"]
            tables[table] = con.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY {order}").fetchall()
        return tables
    finally:
        con.close()


def test_a_folder_read_by_two_workers_gives_the_warehouse_one_worker_gives(tmp_path, monkeypatch, capsys):
    """The writer stores in the files' order, whichever worker finishes first: the first file is made the
    slowest, so with two workers others are read before it, and still every fact_id is the same. One
    worker reads the largest of the coming files first."""
    import ingest.pipeline as pipeline

    folder = tmp_path / "reports"
    folder.mkdir()
    for name in ("bauskas_novads_2016-2020_socialais_dienests_strategija.md", "latvija_2017_socialo_dienestu_aptauja.txt",
                 "lps_2020_seminars_socialie_pakalpojumi.txt", "tukuma_novads_2016_socialais_darbs_izvertejums.txt"):
        shutil.copy(ROOT / "raw_reports" / name, folder / name)
    (folder / "c_empty.txt").write_bytes(b"")
    finished: list[str] = []
    read = pipeline.extract_in_worker

    def first_slowest(path, limits, layout):
        if path.name.startswith("bauskas"):
            time.sleep(1.5)
        try:
            return read(path, limits, layout)
        finally:
            finished.append(path.name)

    monkeypatch.setattr(pipeline, "extract_in_worker", first_slowest)
    warehouses = {}
    for jobs in (1, 2):
        finished.clear()
        db = tmp_path / f"jobs{jobs}.duckdb"
        assert main(["--db", str(db), "--jobs", str(jobs), str(folder)]) == 1
        out, err = capsys.readouterr()
        assert err.splitlines() == [f"[2/5] REFUSED  {folder / 'c_empty.txt'}: the file is empty"]
        assert [line.split()[1] for line in out.splitlines()[:5] if line.startswith("[")] == \
            ["added", "added", "added", "added"]
        warehouses[jobs] = _warehouse(db)
        if jobs == 1:  # read the largest first among the next four (per worker) to be stored
            names = sorted(p.name for p in folder.iterdir())
            first = sorted(names[:4], key=lambda name: -(folder / name).stat().st_size)
            assert finished == first + names[4:]
        else:
            assert finished[0] != "bauskas_novads_2016-2020_socialais_dienests_strategija.md"
    assert len(warehouses[1]["facts"]) == 338 + 22 + 1 + 877
    assert warehouses[2] == warehouses[1]


def test_the_worker_server_starts_without_the_readers_of_files_not_yet_given():
    """The server imports a reader when the first file of its kind comes: openpyxl (and numpy) and
    pdfplumber cost a folder of text reports nothing."""
    code = ("import sys\nfrom ingest.worker import serve\nserve()\n"  # no request: its input ends at once
            "sys.stderr.write(repr(sorted(m for m in ('openpyxl', 'numpy', 'pdfplumber', 'ingest.readers.pdf')"
            " if m in sys.modules)))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, stdin=subprocess.DEVNULL, capture_output=True,
                         text=True, check=True)
    assert out.stderr.strip() == "[]"
