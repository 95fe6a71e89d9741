"""A director's corrections and left-out facts: the corrections file (read, checked, written), and what
every rebuild does with it: a left-out fact is not stored, a corrected one shows the corrected value beside
its printed text, flagged; a bad file stops the ingest before anything is stored."""
from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from ingest.cli import main
from test_ingest_cli import dump, make_upload
from warehouse import queries
from warehouse.corrections import Correction, CorrectionsError, FIELDS, load_corrections, merged, write_corrections

ROOT = Path(__file__).resolve().parents[1]
KEY_A, KEY_B, KEY_C = "0123456789abcdef", "fedcba9876543210", "00000000000000ff"
SHA_A, SHA_B = "a" * 64, "b" * 64
WHEN = datetime(2026, 4, 1, 9, 30)


def correction(key: str = KEY_A, sha256: str = SHA_A, corrected: float | None = 3450.5, reason: str = "misprint",
               printed: str = "34 50.00") -> Correction:
    return Correction(key, sha256, printed, 3450.0, corrected, reason, "direktore@tukums.lv", WHEN)


def test_no_file_is_no_corrections(tmp_path):
    assert load_corrections(tmp_path / "corrections.csv") == []


def test_written_in_a_stable_order_and_read_back_the_same(tmp_path):
    path = tmp_path / "corrections.csv"
    # a formula-looking reason and printed text are data: kept as written, never evaluated
    given = [correction(KEY_B, SHA_B, None, "=HYPERLINK(\"http://x\")"), correction(printed="=1+1"),
             correction(KEY_C, SHA_A, 0.25, "two lines\nof reason")]
    write_corrections(path, given)
    assert path.read_text(encoding="utf-8").splitlines() == [
        ",".join(FIELDS),
        "00000000000000ff," + SHA_A + ",34 50.00,3450.0,0.25,\"two lines", "of reason\",direktore@tukums.lv,2026-04-01T09:30:00",
        "0123456789abcdef," + SHA_A + ",=1+1,3450.0,3450.5,misprint,direktore@tukums.lv,2026-04-01T09:30:00",
        "fedcba9876543210," + SHA_B + ",34 50.00,3450.0,,\"=HYPERLINK(\"\"http://x\"\")\",direktore@tukums.lv,"
        "2026-04-01T09:30:00"]
    assert load_corrections(path) == sorted(given, key=lambda c: (c.sha256, c.fact_key))
    write_corrections(path, list(reversed(given)))
    again = path.read_bytes()
    write_corrections(path, given)
    assert path.read_bytes() == again  # the same corrections, the same file
    assert [p.name for p in tmp_path.iterdir()] == ["corrections.csv"]  # no temporary file left


def test_a_time_with_its_offset_is_kept_in_utc(tmp_path):
    path = tmp_path / "corrections.csv"
    path.write_text(f"{HEADER}\n{KEY_A},{SHA_A},1,1,2,r,w,2026-04-01T12:30:00+03:00\n", encoding="utf-8")
    assert load_corrections(path)[0].corrected_at == WHEN


def test_a_new_correction_of_a_fact_takes_the_place_of_the_old():
    old = [correction(), correction(KEY_B)]
    assert merged(old, [correction(corrected=None)]) == [correction(corrected=None), correction(KEY_B)]


HEADER = ",".join(FIELDS)
GOOD = f"{KEY_A},{SHA_A},34 50.00,3450.0,3450.5,misprint,direktore,2026-04-01T09:30:00"


@pytest.mark.parametrize("text, why", [
    ("fact_key,sha256\n", "line 1: the header is not fact_key,sha256,printed,read_value,corrected,reason,who,corrected_at"),
    (f"{HEADER}\n{GOOD}\nxyz,{SHA_A},1,1,2,r,w,2026-04-01\n", "line 3, field fact_key: not a fact key"),
    (f"{HEADER}\n{KEY_A},abc,1,1,2,r,w,2026-04-01\n", "line 2, field sha256: not a SHA-256"),
    (f"{HEADER}\n{KEY_A},{SHA_A},1,=1+1,2,r,w,2026-04-01\n", "line 2, field read_value: not a number: '=1+1'"),
    (f"{HEADER}\n{KEY_A},{SHA_A},1,1,inf,r,w,2026-04-01\n", "line 2, field corrected: not a number: 'inf'"),
    (f"{HEADER}\n{KEY_A},{SHA_A},1,1,1e400,r,w,2026-04-01\n", "line 2, field corrected: not a finite number: '1e400'"),
    (f"{HEADER}\n{KEY_A},{SHA_A},1,1,\"2,5\",r,w,2026-04-01\n", "line 2, field corrected: not a number: '2,5'"),
    (f"{HEADER}\n{KEY_A},{SHA_A},1,1,2, ,w,2026-04-01\n", "line 2, field reason: empty"),
    (f"{HEADER}\n{KEY_A},{SHA_A},1,1,2,r,,2026-04-01\n", "line 2, field who: empty"),
    (f"{HEADER}\n{KEY_A},{SHA_A},1,1,2,r,w,yesterday\n", "line 2, field corrected_at: not a date and time"),
    (f"{HEADER}\n{KEY_A},{SHA_A},1,1,2,r,w\n", "line 2, field corrected_at: missing"),
    (f"{HEADER}\n{KEY_A},{SHA_A},1,1,2,r,w,2026-04-01,extra\n", "line 2: more cells than the header's 8"),
    (f"{HEADER}\n{GOOD}\n{GOOD}\n", "line 3, field fact_key: the fact is corrected on line 2 too"),
    (f"{HEADER}\n{KEY_A},{SHA_A},1,1,2,\"two\nlines\",w,2026-04-01\n{KEY_B},{SHA_A},1,x,2,r,w,2026-04-01\n",
     "line 4, field read_value: not a number: 'x'"),
])
def test_a_bad_file_is_refused_in_one_line_naming_the_line_and_field(tmp_path, text, why):
    path = tmp_path / "corrections.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CorrectionsError) as refused:
        load_corrections(path)
    assert str(refused.value).startswith(f"{path}, ") and why in str(refused.value)
    assert "\n" not in str(refused.value)


def test_a_file_that_is_not_utf8_is_refused(tmp_path):
    path = tmp_path / "corrections.csv"
    path.write_bytes(HEADER.encode() + b"\n\xff\xfe\n")
    with pytest.raises(CorrectionsError, match="not UTF-8 text"):
        load_corrections(path)


# ----------------------------------------------------------------------------- applied on every rebuild

@pytest.fixture
def reports(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    make_upload(folder / "tukums_2025.xlsx", [
        ["Tukuma novads", 2025, "budget", "spend", "Aprūpe mājās", "105 486,50", "EUR"],
        ["Tukuma novads", 2025, "recipients", "persons", "Aprūpe mājās", 176, "persons"],
        ["Tukuma novads", 2025, "budget", "spend", "Patversme", "3 450", "EUR"]])
    monkeypatch.setenv("SOCDASH_REPORTS", str(folder))
    return folder


def _facts(db: Path) -> dict[str, tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {row[0]: row[1:] for row in con.execute(
            "SELECT category || '/' || metric, value, raw_value, flag, flag_lv, reading_flag, fact_key, d.sha256"
            " FROM facts JOIN documents d USING (document_id)").fetchall()}
    finally:
        con.close()


def _correct(reports: Path, facts: dict[str, tuple]) -> None:
    shelter, home = facts["Patversme/spend"], facts["Aprūpe mājās/persons"]
    write_corrections(reports / "corrections.csv", [
        Correction(shelter[5], shelter[6], "3 450", 3450.0, 34500.0, "a zero lost in print", "direktore", WHEN),
        Correction(home[5], home[6], "176", 176.0, None, "=counted twice", "direktore", WHEN)])


def test_a_rebuild_applies_the_corrections(reports, tmp_path):
    first = tmp_path / "first.duckdb"
    assert main(["--db", str(first), "-q", str(reports)]) == 0
    _correct(reports, _facts(first))
    db = tmp_path / "socdash.duckdb"
    assert main(["--db", str(db), "-q", str(reports)]) == 0
    facts = _facts(db)
    assert sorted(facts) == ["Aprūpe mājās/spend", "Patversme/spend"]  # the left-out fact is not stored
    value, printed, flag, flag_lv, reading_flag, _, _ = facts["Patversme/spend"]
    assert (value, printed) == (34500.0, "3 450")  # the corrected value shown, the printed text kept
    assert flag == reading_flag == ("corrected: printed '3 450', read as 3,450, corrected to 34,500 by direktore: "
                                    "a zero lost in print")
    assert flag_lv == "labots: nodrukāts '3 450', nolasīts kā 3 450, labots uz 34 500, laboja direktore: a zero lost in print"
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("SELECT count(*), count(corrected) FROM corrections").fetchone() == (2, 1)
        log = queries.ingest_log(con)
        assert sorted(log[log["action"] == "correct"]["outcome"]) == ["corrected", "left out"]
        assert log[log["action"] == "ingest"]["facts_added"].tolist() == [2]
        assert queries.quality(con)["why"].str.startswith("corrected: ").sum() == 1
    finally:
        con.close()
    # and again: the same warehouse
    again = tmp_path / "again.duckdb"
    assert main(["--db", str(again), "-q", str(reports)]) == 0
    assert dump(again) == dump(db)


def test_a_bad_corrections_file_stops_the_ingest_before_anything_is_stored(reports, tmp_path, capsys):
    db = tmp_path / "socdash.duckdb"
    assert main(["--db", str(db), "-q", str(reports)]) == 0
    before = dump(db)
    (reports / "corrections.csv").write_text(f"{HEADER}\n{KEY_A},{SHA_A},1,1,=2+2,r,w,2026-04-01\n", encoding="utf-8")
    make_upload(reports / "tukums_2026.xlsx", [["Tukuma novads", 2026, "budget", "spend", "Patversme", "1", "EUR"]])
    capsys.readouterr()
    assert main(["--db", str(db), "-q", str(reports)]) == 3
    err = capsys.readouterr().err
    assert err == (f"error: the corrections cannot be applied: {reports / 'corrections.csv'}, line 2, field "
                   "corrected: not a number: '=2+2'; none of this batch is stored, the warehouse is as it was\n")
    assert dump(db) == before


def test_a_corrected_report_is_still_told_from_its_text_export(tmp_path, monkeypatch):
    """The PDF's facts corrected and one left out: its text export reads as the PDF did, so it is another
    rendition of the same report, not a new version that would replace it."""
    reports = tmp_path / "reports"
    reports.mkdir()
    pdf = reports / "tukuma_novads_2024_publiskais_parskats.pdf"
    shutil.copy(ROOT / "raw_reports" / pdf.name, pdf)
    monkeypatch.setenv("SOCDASH_REPORTS", str(reports))
    db = tmp_path / "socdash.duckdb"
    assert main(["--db", str(db), "-q", str(pdf)]) == 0
    con = duckdb.connect(str(db), read_only=True)
    (a, a_sha, a_raw, a_value), (b, b_sha, b_raw, b_value) = con.execute(
        "SELECT fact_key, d.sha256, raw_value, value FROM facts JOIN documents d USING (document_id)"
        " ORDER BY fact_id LIMIT 2").fetchall()
    con.close()
    write_corrections(reports / "corrections.csv", [
        Correction(a, a_sha, a_raw, a_value, a_value + 1, "misprint", "direktore", WHEN),
        Correction(b, b_sha, b_raw, b_value, None, "not this report's", "direktore", WHEN)])
    rebuilt = tmp_path / "rebuilt.duckdb"
    assert main(["--db", str(rebuilt), "-q", str(pdf)]) == 0
    assert main(["--db", str(rebuilt), "-q", str(ROOT / "raw_reports" / "tukuma_novads_2024_publiskais_parskats.txt")]) == 0
    con = duckdb.connect(str(rebuilt), read_only=True)
    try:
        assert con.execute("SELECT file_name, is_primary FROM documents ORDER BY file_name").fetchall() == [
            ("tukuma_novads_2024_publiskais_parskats.pdf", True), ("tukuma_novads_2024_publiskais_parskats.txt", False)]
        assert con.execute("SELECT count(*) FROM facts").fetchone()[0] == 670
    finally:
        con.close()


def test_a_correction_of_a_stored_report_applies_at_the_next_ingest_as_a_rebuild_would(reports, tmp_path):
    db = tmp_path / "socdash.duckdb"
    assert main(["--db", str(db), "-q", str(reports)]) == 0
    stored = _facts(db)
    _correct(reports, stored)  # the shelter corrected, a count left out
    assert main(["--db", str(db), "-q", str(reports)]) == 0  # the same files: only the corrections change
    facts = _facts(db)
    assert sorted(facts) == ["Aprūpe mājās/spend", "Patversme/spend"]
    assert facts["Patversme/spend"][:2] == (34500.0, "3 450")
    assert facts["Patversme/spend"][2].startswith("corrected: printed '3 450', read as 3,450, corrected to 34,500")
    rebuilt = tmp_path / "rebuilt.duckdb"
    assert main(["--db", str(rebuilt), "-q", str(reports)]) == 0
    assert _facts(rebuilt) == facts  # the same as a rebuild gives
    log = _log_rows(db)
    assert sorted(row for row in log if row[0] == "correct") == [("correct", "corrected", 0), ("correct", "left out", 1)]
    # the shelter's correction withdrawn: its value as read again, its flag the reading's
    shelter = stored["Patversme/spend"]
    write_corrections(reports / "corrections.csv", [c for c in load_corrections(reports / "corrections.csv")
                                                    if c.fact_key != shelter[5]])
    assert main(["--db", str(db), "-q", str(reports)]) == 0
    assert _facts(db)["Patversme/spend"] == shelter
    # logged before the batch's ingests
    assert _log_rows(db)[:2] == [("ingest", "unchanged", 0), ("correct", "correction withdrawn", 0)]


def _log_rows(db: Path) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return [tuple(row) for row in queries.ingest_log(con)[["action", "outcome", "facts_removed"]].values.tolist()]
    finally:
        con.close()


def test_corrections_not_yet_kept_are_previewed_on_a_trial_copy(reports, tmp_path):
    from ingest.pipeline import store_files
    from warehouse.live import trial

    db = tmp_path / "socdash.duckdb"
    assert main(["--db", str(db), "-q", str(reports)]) == 0
    stored = _facts(db)
    shelter = stored["Patversme/spend"]
    preview = [Correction(shelter[5], shelter[6], "3 450", 3450.0, 34500.0, "a zero lost in print", "direktore", WHEN)]
    with trial(db) as con:
        assert store_files(con, [], corrected=preview, who="dashboard") == []
        assert con.execute("SELECT value FROM facts WHERE fact_key = ?", [shelter[5]]).fetchone() == (34500.0,)
    assert _facts(db) == stored  # nothing kept
    assert not (reports / "corrections.csv").exists()
