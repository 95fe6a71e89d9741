"""Fixtures shared across test modules."""
from __future__ import annotations

from pathlib import Path

import pytest

from ingest.cli import main

ROOT = Path(__file__).resolve().parents[1]


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite tests/golden/ from the warehouse built now (review the diff before committing)")


@pytest.fixture(scope="session")
def update_golden(request) -> bool:
    return request.config.getoption("--update-golden")


@pytest.fixture(scope="session")
def warehouse_db(tmp_path_factory) -> Path:
    """The warehouse built from raw_reports/ by `python -m ingest`, once per test session; tests only read it."""
    db = tmp_path_factory.mktemp("warehouse") / "socdash.duckdb"
    assert main(["--db", str(db), "--quiet", str(ROOT / "raw_reports")]) == 0
    return db
