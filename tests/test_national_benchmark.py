"""The national benchmark's measurement of a page process (benchmarks.national): its peak memory is its own,
not its parent's, and a process that runs too long or fails is reported in one line, not waited for."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.national import main, measure_page

ROOT = Path(__file__).resolve().parents[1]


def test_a_page_process_peak_is_its_own_not_its_parents():
    held = bytearray(400 * 2**20)  # the parent holds 400 MB, touched
    for offset in range(0, len(held), 4096):
        held[offset] = 1
    peak = subprocess.run([sys.executable, "-c", "from benchmarks.national import _peak_mb; print(_peak_mb())"],
                          cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert 0 < float(peak) < 200


def test_a_page_process_past_its_time_is_stopped(tmp_path):
    figures = measure_page(tmp_path / "none.duckdb", "pages/sakums.py", "lv", runs=1, timeout=0.5,
                           memory_limit=8192)
    assert figures.stopped == "stopped after 0 s" and figures.cold_ms is None


def test_a_page_process_that_fails_is_reported_in_one_line(tmp_path):
    not_a_warehouse = tmp_path / "text.duckdb"  # read as no warehouse, so the app does not build one
    not_a_warehouse.write_text("not a warehouse", encoding="utf-8")
    figures = measure_page(not_a_warehouse, "pages/no_such_page.py", "lv", runs=1, timeout=120,
                           memory_limit=8192)
    assert figures.stopped.startswith("failed: ") and "\n" not in figures.stopped and figures.warm_ms is None


@pytest.mark.parametrize("scales", ["x", "1,ten", "0", ""])
def test_scales_that_are_not_whole_numbers_are_refused_in_one_line(scales, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--scales", scales])
    assert exit_.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"python -m benchmarks.national: error: argument --scales: {scales!r} is not a comma-separated list of "
        "whole numbers of 1 or more")
