"""The page times and memory at national scale: `python -m benchmarks.national [--scales 1,10] [--runs N]`.

Builds the warehouse from raw_reports/ in a temporary folder (the seed), and from it a national-scale copy at
each scale (warehouse.scaled: every municipal document once per current municipality and report year, 43 ×
15 at scale 1, 43 × 150 at scale 10). Then every page of the dashboard, in each language, is measured on
each warehouse in a process of its own, as `benchmarks.pages` measures it (N cold runs, every cache cleared
first, then N warm runs), and the process's peak memory is read from the kernel (`VmHWM`, its resident
high-water mark; `ru_maxrss` where there is no /proc): a page's peak is its own, Python and Streamlit's
imports included. A process past `--timeout` seconds or `--memory-limit` MB is stopped and reported as
such. Prints, side by side for the seed and each scale, each page's cold and warm median and its peak,
against the targets of its scale. `--keep FOLDER` keeps the warehouses, to open the dashboard on one.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Targets per scale: (cold ms, warm ms, peak MB) a page's process must stay within; None: no target.
TARGETS = {1: (1000, 300, 1024), 10: (3000, None, 2048)}
_POLL_SECONDS = 0.2


@dataclass
class Warehouse:
    label: str  # seed, 1×, 10×
    path: Path
    scale: int | None  # None for the seed
    documents: int
    facts: int


@dataclass
class PageFigures:
    cold_ms: float | None = None  # medians; None when the process did not finish
    warm_ms: float | None = None
    peak_mb: float | None = None
    stopped: str = ""  # why the process was stopped, if it was


def measure_in_this_process(page: str, language: str, runs: int, run_timeout: float) -> dict:
    """One page's times and this process's peak memory, for the parent to read (`--measure`)."""
    from benchmarks import pages

    logging.disable(logging.WARNING)  # AppTest's warnings about running outside a server
    cold, warm = pages.measure(page, language, runs, run_timeout)
    return {"cold_ms": statistics.median(cold), "warm_ms": statistics.median(warm), "peak_mb": _peak_mb()}


def _proc_status_mb(pid: int | str, field: str) -> float | None:
    """A field of a process's /proc status in MB (None where there is none)."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(f"{field}:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def _peak_mb() -> float:
    """This process's peak resident memory. Not `ru_maxrss` where /proc has the high-water mark: a child's
    ru_maxrss starts from its parent's resident size at the fork (a parent holding 500 MB gives every child
    a peak of 500 MB), and this benchmark's parent holds the warehouses it built."""
    peak = _proc_status_mb("self", "VmHWM")
    return peak if peak is not None else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure_page(db: Path, page: str, language: str, runs: int, timeout: float, memory_limit: float) -> PageFigures:
    """Run one page's measurement in a fresh process on `db`, stopping it past `timeout` s or `memory_limit` MB."""
    env = dict(os.environ, SOCDASH_DB=str(db))
    # A script run may take the whole process's time (AppTest's own limit would stop it first).
    command = [sys.executable, "-m", "benchmarks.national", "--measure", page, language, str(runs), str(timeout)]
    with tempfile.TemporaryFile(mode="w+") as out, tempfile.TemporaryFile(mode="w+") as err:
        child = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=err, text=True)
        started, largest = time.monotonic(), 0.0
        while child.poll() is None:
            largest = max(largest, _proc_status_mb(child.pid, "VmRSS") or 0.0)
            over = (f"stopped after {timeout:.0f} s" if time.monotonic() - started > timeout else
                    f"stopped at {largest:,.0f} MB" if largest > memory_limit else "")
            if over:
                child.kill()
                child.wait()
                return PageFigures(peak_mb=largest, stopped=over)
            time.sleep(_POLL_SECONDS)
        if child.returncode != 0:
            err.seek(0)
            lines = err.read().strip().splitlines()
            return PageFigures(stopped=f"failed: {lines[-1] if lines else f'exit status {child.returncode}'}")
        out.seek(0)
        return PageFigures(**json.loads(out.read().strip().splitlines()[-1]))


def build_warehouses(folder: Path, scales: list[int], municipalities: int) -> list[Warehouse]:
    """The seed warehouse and a national copy of it per scale, in `folder`."""
    from dashboard.build import build_warehouse
    from warehouse import connect
    from warehouse.scaled import current_municipalities, report_years, scale_to_nation

    seed = folder / "seed.duckdb"
    started = time.perf_counter()
    build_warehouse(seed)
    print(f"seed warehouse built from raw_reports/ in {time.perf_counter() - started:.1f} s", flush=True)
    built = [(seed, None)]
    for scale in scales:
        path = folder / f"national_{scale}x.duckdb"
        shutil.copy(seed, path)
        con = connect(path)
        try:
            started = time.perf_counter()
            names = current_municipalities(con)[:municipalities]
            scale_to_nation(con, names, report_years(scale))
        finally:
            con.close()
        print(f"{scale}× copied in {time.perf_counter() - started:.1f} s: {len(names)} municipalities × "
              f"{report_years(scale)} report years", flush=True)
        built.append((path, scale))
    warehouses = []
    for path, scale in built:
        con = connect(path, read_only=True)
        try:
            documents, facts = con.execute(
                "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM facts)").fetchone()
        finally:
            con.close()
        warehouses.append(Warehouse("seed" if scale is None else f"{scale}×", path, scale, documents, facts))
    return warehouses


def _cell(figures: PageFigures, scale: int | None) -> tuple[str, bool]:
    """A page's figures on one warehouse as printed, and whether they are within the scale's targets."""
    if figures.stopped:
        return f"  {figures.stopped}", False
    cold, warm, peak = TARGETS.get(scale, (None, None, None))
    within = all(limit is None or value <= limit for value, limit in
                 ((figures.cold_ms, cold), (figures.warm_ms, warm), (figures.peak_mb, peak)))
    return f"{figures.cold_ms:>8,.0f}{figures.warm_ms:>8,.0f}{figures.peak_mb:>8,.0f}", within


def report(warehouses: list[Warehouse], results: dict[tuple[str, str, str], PageFigures], pages: list[str],
           languages: list[str]) -> None:
    """Print the figures side by side: a column group (cold ms, warm ms, peak MB) per warehouse."""
    print()
    for warehouse in warehouses:
        size = warehouse.path.stat().st_size / 2**20
        print(f"{warehouse.label:>5}: {warehouse.facts:,} facts, {warehouse.documents:,} documents, {size:,.0f} MB")
    print(f"{'':<30}" + "".join(f"{w.label:>24}" for w in warehouses))
    print(f"{'page':<24}{'lang':<6}" + f"{'cold ms':>8}{'warm ms':>8}{'peak MB':>8}" * len(warehouses))
    over = set()
    for page in pages:
        for language in languages:
            cells = []
            for warehouse in warehouses:
                text, within = _cell(results[(warehouse.label, page, language)], warehouse.scale)
                cells.append(text)
                if not within:
                    over.add((warehouse.label, page))
            print(f"{Path(page).stem:<24}{language:<6}" + "".join(cells))
    peaks = {w.label: max((results[(w.label, p, lang)].peak_mb or 0.0) for p in pages for lang in languages)
             for w in warehouses}
    print("largest page process: " + ", ".join(f"{label} {mb:,.0f} MB" for label, mb in peaks.items()))
    for scale, (cold, warm, peak) in TARGETS.items():
        label = f"{scale}×"
        if label in peaks:
            missed = sorted(Path(page).stem for where, page in over if where == label)
            print(f"targets at {label}: cold ≤ {cold} ms" + (f", warm ≤ {warm} ms" if warm else "") +
                  f", peak ≤ {peak} MB: " + ("all within" if not missed else "over: " + ", ".join(missed)))


def _scales(text: str) -> list[int]:
    """`--scales`: whole numbers of 1 or more, comma-separated."""
    try:
        scales = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        scales = []
    if not scales or min(scales) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a comma-separated list of whole numbers of 1 or more")
    return scales


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.national", description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=_scales, default=[1], help="comma-separated scales besides the seed "
                                                                    "(default 1; 10: ten times the report years)")
    parser.add_argument("--municipalities", type=int, default=43, help="municipalities to copy the documents for "
                                                                      "(default 43, every current one)")
    parser.add_argument("--runs", type=int, default=3, help="cold and warm runs per page (default 3)")
    parser.add_argument("--languages", default="lv,en", help="comma-separated (default lv,en)")
    parser.add_argument("--timeout", type=float, default=600, help="seconds a page's process may take (default 600)")
    parser.add_argument("--memory-limit", type=float, default=8192, help="MB a page's process may hold (default 8192)")
    parser.add_argument("--keep", type=Path, help="folder to build the warehouses in and keep them (default: a "
                                                  "temporary one)")
    parser.add_argument("--measure", nargs=4, metavar=("PAGE", "LANGUAGE", "RUNS", "RUN_TIMEOUT"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    if args.measure:
        page, language, runs, run_timeout = args.measure
        print(json.dumps(measure_in_this_process(page, language, int(runs), float(run_timeout))))
        return 0
    from dashboard.navigation import PAGES

    languages = args.languages.split(",")
    pages = [entry.path for entry in PAGES]
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        warehouses = build_warehouses(folder, args.scales, args.municipalities)
        results = {}
        for warehouse in warehouses:
            for page in pages:
                for language in languages:
                    figures = measure_page(warehouse.path.resolve(), page, language, args.runs, args.timeout,
                                           args.memory_limit)
                    results[(warehouse.label, page, language)] = figures
                    print(f"{warehouse.label:>5} {Path(page).stem:<22}{language:<4}"
                          f"{_cell(figures, warehouse.scale)[0]}", flush=True)
        report(warehouses, results, pages, languages)
    return 0


if __name__ == "__main__":
    sys.exit(main())
