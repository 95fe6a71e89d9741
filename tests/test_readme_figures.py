"""The README's figures of the seed warehouse are the warehouse's: its fact and flag counts, in total and per
document, are compared with a warehouse built from raw_reports/."""
from __future__ import annotations

import re
from pathlib import Path

import duckdb

README = Path(__file__).resolve().parents[1] / "README.md"


def _readme_counts() -> tuple[tuple[int, int], dict[str, tuple[int, int]]]:
    text = README.read_text(encoding="utf-8")
    total = re.search(r"the warehouse holds ([\d ]+) facts, ([\d ]+) of them flagged", text)
    assert total, "the README no longer says how many facts the warehouse holds"
    table = text[total.end():].split("\n\n")[1]  # the table of documents after the sentence
    rows = re.findall(r"^\| `([^`]+)` \| [^|]+ \| (\d+) \| (\d+) \|$", table, re.MULTILINE)
    as_int = lambda printed: int(printed.replace(" ", ""))  # noqa: E731 - a one-line reading
    return (as_int(total[1]), as_int(total[2])), {name: (int(facts), int(flagged)) for name, facts, flagged in rows}


def test_the_readme_counts_are_the_warehouses(warehouse_db):
    (facts, flagged), per_document = _readme_counts()
    with duckdb.connect(str(warehouse_db), read_only=True) as con:
        stored = dict(((name, (n, f)) for name, n, f in con.execute(
            "SELECT d.file_name, count(f.fact_id), count(f.flag) FROM documents d "
            "LEFT JOIN facts f USING (document_id) GROUP BY d.file_name").fetchall()))
        total = con.execute("SELECT count(*), count(flag) FROM facts").fetchone()
    assert (facts, flagged) == total
    assert per_document == stored
