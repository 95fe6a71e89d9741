"""Fixtures shared across test modules."""
from __future__ import annotations

from pathlib import Path

import pytest

from ingest.cli import main

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def warehouse_db(tmp_path_factory) -> Path:
    """The warehouse built from raw_reports/ by `python -m ingest`, once per test session; tests only read it."""
    db = tmp_path_factory.mktemp("warehouse") / "socdash.duckdb"
    assert main(["--db", str(db), "--quiet", str(ROOT / "raw_reports")]) == 0
    return db
