"""The ingest command as a user meets it: progress, refusals, idempotence, replacement, safety."""
from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from openpyxl import Workbook

from ingest.cli import main
from warehouse.live import writer_lock

ROOT = Path(__file__).resolve().parents[1]
TABLES = ("documents", "facts", "raw_tables", "territories", "case_codes", "municipalities")


def make_upload(path: Path, rows: list[list], header=("municipality", "year", "topic", "metric",
                                                      "category", "value", "unit")) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "facts"
    sheet.append(list(header))
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def dump(db: Path) -> dict[str, list]:
    """Everything the warehouse holds, to compare before and after (ingest times excluded)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        out = {}
        for table in TABLES:
            columns = [c[0] for c in con.execute(f"DESCRIBE {table}").fetchall() if c[0] != "ingested_at"]
            out[table] = sorted(map(repr, con.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall()))
        return out
    finally:
        con.close()


def count(db: Path, sql: str, params=()) -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchone()[0]
    finally:
        con.close()


@pytest.fixture
def upload(tmp_path: Path) -> Path:
    return make_upload(tmp_path / "tukums_2025.xlsx", [
        ["Tukuma novads", 2025, "budget", "spend", "Aprūpe mājās", "105 486,50", "EUR"],
        ["Tukuma novads", 2025, "recipients", "persons", "Aprūpe mājās", 176, "persons"],
        ["Tukuma novads", 2025, "budget", "spend", "Patversme", "34 50.00", "EUR"],
    ])


@pytest.fixture
def db(tmp_path: Path, upload: Path) -> Path:
    path = tmp_path / "w.duckdb"
    assert main(["--db", str(path), str(upload)]) == 0
    return path


def test_upload_is_stored_with_provenance(db: Path, capsys):
    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute("SELECT category, value, unit, raw_value, flag, source_ref FROM facts ORDER BY value").fetchall()
    con.close()
    assert [(r[0], r[1], r[3]) for r in rows] == [
        ("Aprūpe mājās", 176.0, "176"), ("Patversme", 3450.0, "34 50.00"), ("Aprūpe mājās", 105486.5, "105 486,50")]
    assert "irregular digit grouping" in rows[1][4]
    assert rows[0][5] == "sheet 'facts', row 3"


def test_same_file_again_changes_nothing(db: Path, upload: Path, capsys):
    before = dump(db)
    assert main(["--db", str(db), str(upload)]) == 0
    assert "unchanged" in capsys.readouterr().out
    assert dump(db) == before


def test_new_version_replaces_the_old_facts(db: Path, tmp_path: Path, capsys):
    newer = tmp_path / "v2"
    newer.mkdir()
    make_upload(newer / "tukums_2025.xlsx", [
        ["Tukuma novads", 2025, "budget", "spend", "Aprūpe mājās", "110 000", "EUR"],
        ["Tukuma novads", 2025, "recipients", "persons", "Aprūpe mājās", 176, "persons"],
        ["Tukuma novads", 2025, "budget", "spend", "Patversme", "34 50.00", "EUR"]])
    assert main(["--db", str(db), str(newer / "tukums_2025.xlsx")]) == 0
    assert "replaced" in capsys.readouterr().out
    assert count(db, "SELECT count(*) FROM documents") == 1
    assert count(db, "SELECT count(*) FROM facts") == 3
    assert count(db, "SELECT max(value) FROM facts") == 110000


def test_a_new_version_that_loses_most_facts_is_refused_unless_replace(db: Path, tmp_path: Path, capsys):
    newer = tmp_path / "v2"
    newer.mkdir()
    make_upload(newer / "tukums_2025.xlsx", [
        ["Tukuma novads", 2025, "budget", "spend", "Aprūpe mājās", "110 000", "EUR"]])
    reason = _refusal(tmp_path, db, newer / "tukums_2025.xlsx", capsys)
    assert "would lose 2 of the 3 facts" in reason and "(67%)" in reason and "--replace" in reason
    assert main(["--db", str(db), "--replace", str(newer / "tukums_2025.xlsx")]) == 0
    assert "replaced" in capsys.readouterr().out
    assert count(db, "SELECT count(*) FROM documents") == 1
    assert count(db, "SELECT count(*) FROM facts") == 1
    assert count(db, "SELECT value FROM facts") == 110000


def _refusal(tmp_path: Path, db: Path, path: Path, capsys) -> str:
    before = dump(db)
    code = main(["--db", str(db), str(path)])
    err = capsys.readouterr().err
    assert code != 0
    assert dump(db) == before, "a refused file must leave the warehouse exactly as it was"
    refusals = [line for line in err.splitlines() if "REFUSED" in line]
    assert len(refusals) == 1 and path.name in refusals[0]
    assert "Traceback" not in err
    return refusals[0].split(f"{path.name}: ", 1)[1]  # the reason given


@pytest.mark.parametrize("name, content, reason", [
    ("empty.txt", b"", "empty"),
    ("blank.md", b"   \n\n", "no text"),
    ("binary.txt", b"\x00\x01\x02PK\x03\x04" * 50, "binary"),
    ("baltic.txt", "Sociālais dienests".encode("cp1257"), "UTF-8"),
    ("notes.docx", b"PK\x03\x04 something", "unsupported file type"),
    ("report.pdf", b"This is plain text pretending to be a PDF\n" * 20, "not a PDF"),
    ("report.xlsx", b"plain text, not a workbook\n" * 20, "not an Excel"),
])
def test_bad_files_are_refused_with_one_line(tmp_path, db, capsys, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    assert reason.lower() in _refusal(tmp_path, db, path, capsys).lower()


def test_truncated_pdf_is_refused(tmp_path, db, capsys):
    original = (ROOT / "raw_reports" / "tukuma_novads_2024_publiskais_parskats.pdf").read_bytes()
    path = tmp_path / "report.pdf"
    path.write_bytes(original[: len(original) // 3])
    reason = _refusal(tmp_path, db, path, capsys).lower()
    assert "truncated" in reason or "damaged" in reason


def test_upload_with_a_bad_cell_names_row_and_column(tmp_path, db, capsys):
    path = make_upload(tmp_path / "bad.xlsx", [
        ["Bauskas novads", 2025, "budget", "spend", "Patversme", "100", "EUR"],
        ["Bauskas novads", 2025, "budget", "spend", "Aprūpe", "daudz", "EUR"]])
    reason = _refusal(tmp_path, db, path, capsys)
    assert "row 3" in reason and "'value'" in reason and "daudz" in reason


def test_missing_path_is_refused(tmp_path, db, capsys):
    _refusal(tmp_path, db, tmp_path / "nowhere.pdf", capsys)


def test_good_files_go_in_while_a_bad_one_is_refused(tmp_path, capsys):
    db = tmp_path / "w.duckdb"
    folder = tmp_path / "in"
    folder.mkdir()
    make_upload(folder / "a.xlsx", [["Bauskas novads", 2024, "budget", "spend", "Patversme", "10", "EUR"]])
    (folder / "b.txt").write_bytes(b"")
    assert main(["--db", str(db), str(folder)]) == 1
    out = capsys.readouterr()
    assert "1 of 2 files" in out.out and "b.txt" in out.err
    assert count(db, "SELECT count(*) FROM facts") == 1


def test_a_second_ingest_waits_then_says_busy(tmp_path, upload, capsys):
    db = tmp_path / "w.duckdb"
    with writer_lock(db, wait_seconds=0):
        code = main(["--db", str(db), "--wait", "0.5", str(upload)])
    err = capsys.readouterr().err
    assert code == 3
    assert "busy" in err and "Traceback" not in err
    assert main(["--db", str(db), str(upload)]) == 0  # and works once the first has finished


def test_a_new_version_of_a_report_replaces_the_old_one(tmp_path, capsys):
    """Same municipality, kind and period, different facts: the new file's facts replace the old."""
    db = tmp_path / "w.duckdb"
    text = (ROOT / "raw_reports" / "tukuma_novads_2024_publiskais_parskats.txt").read_text(encoding="utf-8")
    assert "260 389.4" in text
    first = tmp_path / "v1" / "parskats.txt"
    second = tmp_path / "v2" / "parskats_labots.txt"
    for path, content in ((first, text), (second, text.replace("260 389.4", "261 000.0"))):
        path.parent.mkdir()
        path.write_text(content, encoding="utf-8")
    assert main(["--db", str(db), str(first)]) == 0
    facts_before = count(db, "SELECT count(*) FROM facts")
    assert main(["--db", str(db), str(second)]) == 0
    assert "replaced" in capsys.readouterr().out
    assert count(db, "SELECT count(*) FROM documents") == 1
    assert count(db, "SELECT file_name = 'parskats_labots.txt' FROM documents")
    assert count(db, "SELECT count(*) FROM facts") == facts_before
    assert count(db, "SELECT count(*) FROM facts WHERE raw_value = '261 000.0'") == 1
    assert count(db, "SELECT count(*) FROM facts WHERE raw_value = '260 389.4'") == 0


def test_the_pdf_takes_the_facts_over_from_an_earlier_text_export(tmp_path, capsys):
    db = tmp_path / "w.duckdb"
    stem = ROOT / "raw_reports" / "tukuma_novads_2024_publiskais_parskats"
    assert main(["--db", str(db), str(stem.with_suffix(".txt"))]) == 0
    facts_from_text = count(db, "SELECT count(*) FROM facts")
    assert main(["--db", str(db), str(stem.with_suffix(".pdf"))]) == 0
    assert "facts now cite this pdf" in capsys.readouterr().out
    assert count(db, "SELECT count(*) FROM facts") == facts_from_text
    assert count(db, "SELECT count(*) FROM facts WHERE line IS NOT NULL OR page IS NULL") == 0
    assert count(db, "SELECT count(*) FROM documents WHERE format = 'txt' AND NOT is_primary "
                     "AND rendition_of IS NOT NULL") == 1
