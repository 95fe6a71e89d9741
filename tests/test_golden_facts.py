"""Every fact of every report in raw_reports/, compared whole with a golden file per report under
tests/golden/ (every column but the ids, in the order the facts were read). A change to any fact fails
here until the golden files are rewritten on purpose: `pytest tests/test_golden_facts.py --update-golden`,
then read the diff before committing it."""
from __future__ import annotations

import csv
import difflib
import io
from pathlib import Path

import duckdb
import pytest

GOLDEN = Path(__file__).resolve().parent / "golden"
COLUMNS = ["municipality", "territory", "year", "period", "topic", "metric", "category", "indicator", "subgroup", "value",
           "unit", "source_ref", "raw_value", "flag", "flag_lv"]


def _documents(db: Path) -> list[tuple[str, str]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT document_id, file_name FROM documents WHERE is_primary ORDER BY file_name").fetchall()
    finally:
        con.close()


def facts_csv(db: Path, document_id: str) -> str:
    """The document's facts as CSV text: values written exactly (repr), missing values empty."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute(f"SELECT {', '.join(COLUMNS)} FROM facts WHERE document_id = ? ORDER BY fact_id",
                           [document_id]).fetchall()
    finally:
        con.close()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow(["" if v is None else repr(v) if isinstance(v, float) else v for v in row])
    return out.getvalue()


def _compare(db: Path, document_id: str, path: Path, update: bool) -> None:
    now = facts_csv(db, document_id)
    if update:
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(now, encoding="utf-8")
    before = path.read_text(encoding="utf-8") if path.exists() else ""
    if now != before:
        diff = list(difflib.unified_diff(before.splitlines(), now.splitlines(), f"golden/{path.name}", "now",
                                         lineterm="", n=0))
        pytest.fail(f"{len(diff)} diff lines; the first 40 (rewrite with --update-golden when intended):\n"
                    + "\n".join(diff[:40]))


@pytest.mark.parametrize("golden", sorted(p.name for p in GOLDEN.glob("*.csv")))
def test_facts_equal_the_golden_file(warehouse_db, update_golden, golden):
    ids = {f"{name}.csv": document_id for document_id, name in _documents(warehouse_db)}
    assert golden in ids, f"golden/{golden} names no primary document of the warehouse"
    _compare(warehouse_db, ids[golden], GOLDEN / golden, update_golden)


def test_every_primary_document_has_a_golden_file(warehouse_db, update_golden):
    documents = _documents(warehouse_db)
    if update_golden:
        for stale in {p.name for p in GOLDEN.glob("*.csv")} - {f"{name}.csv" for _, name in documents}:
            (GOLDEN / stale).unlink()
        for document_id, name in documents:
            _compare(warehouse_db, document_id, GOLDEN / f"{name}.csv", True)
    assert sorted(p.name for p in GOLDEN.glob("*.csv")) == sorted(f"{name}.csv" for _, name in documents)
