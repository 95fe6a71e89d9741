"""Each page's script run time on the real warehouse: `python -m benchmarks.pages [--runs N] [--db PATH]`.

Runs every page through Streamlit's AppTest (the app's own frame, navigation and caches): N cold runs, each
after every cache is cleared (query results, figures, the warehouse connection: what the first reader
after a start or a rebuild waits for), then, with the caches warm, N warm runs; prints the median and the
slowest of each per page and language. Without --db, a warehouse is built from raw_reports/ into a
temporary folder first (as `make test` does). Target: 150 ms or less per warm page.
"""
from __future__ import annotations

import argparse
import logging
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_MS = 150


def clear_every_cache() -> None:
    """Every cache the dashboard keeps: all of Streamlit's (query results, figures, the connection), and
    those `dashboard.db.clear_caches` clears where it exists (caches of its own beside Streamlit's)."""
    import streamlit as st
    from dashboard import db

    st.cache_data.clear()
    st.cache_resource.clear()
    if hasattr(db, "clear_caches"):
        db.clear_caches()


def measure(page: str, language: str, runs: int, run_timeout: float = 120) -> tuple[list[float], list[float]]:
    """(cold, warm) run times in ms of `page` in `language`; a script run past `run_timeout` s fails."""
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=run_timeout)
    if language != "lv":
        app.query_params["lang"] = language.upper()
    app.run()
    app.switch_page(page)
    app.run()  # the page compiled, the frame's first run done
    if app.exception:
        raise SystemExit(f"{page} ({language}) raised: {app.exception[0].message}")

    def timed(before=None) -> float:
        if before:
            before()
        started = time.perf_counter()
        app.run()
        return (time.perf_counter() - started) * 1000

    cold = [timed(clear_every_cache) for _ in range(runs)]
    warm = [timed() for _ in range(runs)]
    return cold, warm


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.pages", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs per page (default 7)")
    parser.add_argument("--db", type=Path, help="warehouse to use (default: build one from raw_reports/)")
    parser.add_argument("--languages", default="lv,en", help="comma-separated (default lv,en)")
    args = parser.parse_args(argv)
    # AppTest runs pages outside a server; Streamlit warns about that on every run, which buries the figures.
    logging.disable(logging.WARNING)

    sys.path.insert(0, str(ROOT))
    from dashboard.navigation import PAGES

    with tempfile.TemporaryDirectory() as folder:
        db = args.db
        if db is None:
            from dashboard.build import build_warehouse

            db = Path(folder) / "socdash.duckdb"
            started = time.perf_counter()
            build_warehouse(db)
            print(f"warehouse built from raw_reports/ in {time.perf_counter() - started:.1f} s")
        os.environ["SOCDASH_DB"] = str(Path(db).resolve())
        print(f"{'page':<24}{'lang':<6}{'cold median':>12}{'cold max':>10}{'warm median':>13}{'warm max':>10}")
        slow = []
        for page in (entry.path for entry in PAGES):
            for language in args.languages.split(","):
                cold, warm = measure(page, language, args.runs)
                median = statistics.median(warm)
                flag = "" if median <= TARGET_MS else f"  over {TARGET_MS} ms"
                if flag:
                    slow.append(page)
                print(f"{Path(page).stem:<24}{language:<6}{statistics.median(cold):>12.0f}{max(cold):>10.0f}"
                      f"{median:>13.0f}{max(warm):>10.0f}{flag}", flush=True)
    print(f"target {TARGET_MS} ms per page: " + ("all within" if not slow else f"{len(set(slow))} page(s) over"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
