"""What an ingest costs while the dashboard reads, and how soon a reader sees it:
`python -m benchmarks.live_ingest [--runs N] [--municipalities N]`.

Builds the seed warehouse from raw_reports/ in a temporary folder and its national 1× copy (as
`benchmarks.national` does). On each, N times, a made-up workbook of 12 facts is ingested through
`ingest.pipeline.ingest_files` (the command line's path, its worker already started), and another by
`python -m ingest` in a process of its own, while a reading process (`--watch`, through `dashboard.db` as a
page reads) loads the warehouse's overview in a loop. Prints the medians of: the in-process ingest; of it,
the copy of the served file (warehouse.live's `_copy_served`) and the swap (`_serve`: checkpoint, fsync,
rename); the command line's whole run, Python's start-up included; and the time from the rename to the
reading process's first load that shows the new facts, with what that load took (the reader's opening of
the new file and its query). The copy and the swap are timed by wrapping warehouse.live's two functions,
here only.
"""
from __future__ import annotations

import argparse
import itertools
import json
import logging
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parents[1]


def watch(db: Path) -> None:
    """The reading process: prints, as JSON lines, each facts count it sees first, when, and what that
    load took; ends when its input closes."""
    import threading

    os.environ["SOCDASH_DB"] = str(db)
    logging.disable(logging.WARNING)
    from dashboard import db as dashboard_db
    from warehouse import queries

    threading.Thread(target=lambda: (sys.stdin.read(), os._exit(0)), daemon=True).start()
    seen = None
    while True:
        began = time.time()
        facts = int(dashboard_db.load(queries.overview)["facts"].iloc[0])
        if facts != seen:
            print(json.dumps({"facts": facts, "at": time.time(), "load_s": time.time() - began}), flush=True)
            seen = facts
        time.sleep(0.001)


class _Phases:
    """Wall-clock times of warehouse.live's copy and swap in this process, by wrapping the two functions."""

    def __init__(self):
        import warehouse.live as live

        self.copy_s: list[float] = []
        self.swap_s: list[float] = []

        def timed(function, into: list[float]):
            def wrapper(*args):
                began = time.perf_counter()
                function(*args)
                into.append(time.perf_counter() - began)
            return wrapper

        live._copy_served = timed(live._copy_served, self.copy_s)
        live._serve = timed(live._serve, self.swap_s)


def made_up_workbook(folder: Path, n: int) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "facts"
    sheet.append(["municipality", "year", "topic", "metric", "category", "value", "unit"])
    for k in range(12):
        sheet.append(["Izdomātā novads", 2025, "budget", "spend", f"Pakalpojums {k}", 1000 + n * 100 + k, "EUR"])
    path = folder / f"izdomata_atskaite_{n}.xlsx"
    book.save(path)
    return path


def measure(db: Path, runs: int, folder: Path, phases: _Phases, numbers: Iterator[int]) -> dict:
    """The medians of `runs` one-file ingests into `db`, each of a workbook never ingested before (its
    number from `numbers`), while a reading process loads `db`."""
    from ingest.pipeline import ingest_files

    reader = subprocess.Popen([sys.executable, "-m", "benchmarks.live_ingest", "--watch", str(db)], cwd=ROOT,
                              env={**os.environ, "PYTHONPATH": str(ROOT)}, stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        json.loads(reader.stdout.readline())  # it has the warehouse open
        ingest_s, command_s, seen_after_s, load_s = [], [], [], []
        for _ in range(runs):
            path = made_up_workbook(folder, next(numbers))
            began = time.perf_counter()
            [outcome] = ingest_files(db, [path], wait_seconds=0)
            ingest_s.append(time.perf_counter() - began)
            assert outcome.result and outcome.result.status == "added", outcome.error
            seen = json.loads(reader.stdout.readline())
            seen_after_s.append(seen["at"] - db.stat().st_ctime)  # a rename sets the file's change time
            load_s.append(seen["load_s"])
            # The same, as a user runs it: a process of its own, Python's start-up and imports included.
            began = time.perf_counter()
            subprocess.run([sys.executable, "-m", "ingest", "--db", str(db), "--wait", "0", "--quiet",
                            str(made_up_workbook(folder, next(numbers)))], cwd=ROOT, check=True,
                           env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.DEVNULL)
            command_s.append(time.perf_counter() - began)
            reader.stdout.readline()
    finally:
        reader.stdin.close()
        reader.wait(30)
    median = statistics.median
    return {"ingest_s": median(ingest_s), "copy_s": median(phases.copy_s[-runs:]),
            "swap_s": median(phases.swap_s[-runs:]), "command_s": median(command_s),
            "seen_after_s": median(seen_after_s), "load_s": median(load_s)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.live_ingest", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="ingests per warehouse (default 5)")
    parser.add_argument("--municipalities", type=int, default=43,
                        help="municipalities of the national copy (default 43)")
    parser.add_argument("--watch", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.watch:
        watch(args.watch)
        return 0
    logging.disable(logging.WARNING)
    from benchmarks.national import build_warehouses
    from ingest.worker import start_worker_server

    start_worker_server()
    phases = _Phases()
    numbers = itertools.count()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        warehouses = build_warehouses(folder, [1], args.municipalities)
        # A workbook read once first: the worker's imports are not the ingest's.
        measure(warehouses[0].path, 1, folder, phases, numbers)
        print(f"\none-file ingest while a reading process loads the warehouse in a loop, median of {args.runs}")
        print(f"{'warehouse':<10}{'MB':>6}{'facts':>11}{'ingest ms':>11}{'copy ms':>9}{'swap ms':>9}"
              f"{'command line s':>16}{'seen after ms':>15}{'that load ms':>14}")
        for warehouse in warehouses:
            size = warehouse.path.stat().st_size / 2**20
            figures = measure(warehouse.path, args.runs, folder, phases, numbers)
            print(f"{warehouse.label:<10}{size:>6.0f}{warehouse.facts:>11,}{figures['ingest_s'] * 1000:>11.0f}"
                  f"{figures['copy_s'] * 1000:>9.0f}{figures['swap_s'] * 1000:>9.0f}{figures['command_s']:>16.2f}"
                  f"{figures['seen_after_s'] * 1000:>15.0f}{figures['load_s'] * 1000:>14.0f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
