"""The time of recomputing revisions at national scale: `python -m benchmarks.revisions [--runs N]`.

Builds the seed warehouse and its national copy at scale 1 (warehouse.scaled: 43 municipalities × 15 report
years, about 1.2 M facts) in a temporary folder. A municipality's copies of one report shifted by a year
print each other's years with other values, as next year's report does, so the first recompute over the
whole warehouse finds revisions by the hundred thousand. Prints the median time (N runs, each on a fresh
copy of the national warehouse) of: the first recompute over every municipality, one over a single
municipality (what an ingest or a removal of one report asks), and a recompute that changes nothing.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path


def _timed(action) -> tuple[float, int]:
    started = time.perf_counter()
    changed = action()
    return time.perf_counter() - started, changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.revisions", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)

    from benchmarks.national import build_warehouses
    from warehouse import connect
    from warehouse.revisions import recompute_revisions

    with tempfile.TemporaryDirectory(prefix="socdash-revisions-") as folder:
        seed, national = build_warehouses(Path(folder), [1], 43)
        print(f"national warehouse: {national.documents} documents, {national.facts} facts", flush=True)
        times: dict[str, list[float]] = {"every municipality, first": [], "one municipality": [],
                                         "every municipality, nothing to change": []}
        changed: dict[str, int] = {}
        for run in range(args.runs):
            copy = Path(folder) / f"run{run}.duckdb"
            shutil.copy(national.path, copy)
            con = connect(copy)
            try:
                for label, action in (
                        ("every municipality, first", lambda: recompute_revisions(con)),
                        ("one municipality", lambda: recompute_revisions(con, ["Ogres novads"])),
                        ("every municipality, nothing to change", lambda: recompute_revisions(con))):
                    seconds, changed[label] = _timed(action)
                    times[label].append(seconds)
            finally:
                con.close()
                copy.unlink()
        for label, seconds in times.items():
            print(f"{label:<40} {statistics.median(seconds):6.2f} s  ({changed[label]} facts changed)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
