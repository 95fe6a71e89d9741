"""Removing a report (`python -m ingest --remove FILE_OR_ID`) and the ingest log, on made-up uploads."""
from __future__ import annotations

import getpass
import shutil
from pathlib import Path

import duckdb
import pytest

from ingest.cli import main
from ingest.pipeline import collect_files, store_files
from ingest.removal import RemovalError, remove_report
from test_ingest_cli import dump, make_upload
from warehouse import queries
from warehouse.live import writing


@pytest.fixture
def reports(tmp_path, monkeypatch) -> Path:
    """Two made-up uploads of Ogres novads (a municipality no seed report is of) in a reports folder."""
    folder = tmp_path / "reports"
    folder.mkdir()
    make_upload(folder / "ogre_2024.xlsx", [
        ["Ogres novads", 2024, "budget", "spend", "Aprūpe mājās", "1 000", "EUR"],
        ["Ogres novads", 2024, "recipients", "persons", "Aprūpe mājās", 10, "persons"]])
    make_upload(folder / "ogre_2025.xlsx", [["Ogres novads", 2025, "budget", "spend", "Aprūpe mājās", "1 100", "EUR"]])
    monkeypatch.setenv("SOCDASH_REPORTS", str(folder))
    return folder


@pytest.fixture
def db(reports, tmp_path) -> Path:
    db = tmp_path / "socdash.duckdb"
    assert main(["--db", str(db), "-q", str(reports)]) == 0
    return db


def _ids(db: Path) -> dict[str, str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return dict(con.execute("SELECT file_name, document_id FROM documents").fetchall())
    finally:
        con.close()


def _log(db: Path, limit: int | None = None):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return queries.ingest_log(con, limit=limit)
    finally:
        con.close()


@pytest.mark.parametrize("name", ["id", "sha256 start", "file name", "path"])
def test_a_report_is_removed_by_its_id_sha256_file_name_or_path(db, reports, name, capsys):
    ids = _ids(db)
    target = {"id": ids["ogre_2024.xlsx"], "sha256 start": ids["ogre_2024.xlsx"][:8], "file name": "ogre_2024.xlsx",
              "path": str(reports / "ogre_2024.xlsx")}[name]
    capsys.readouterr()
    assert main(["--db", str(db), "--remove", target]) == 0
    out = capsys.readouterr().out
    assert out == (f"removed   ogre_2024.xlsx  ({ids['ogre_2024.xlsx']}): 2 facts; moved to "
                   f"{reports / '.removed' / 'ogre_2024.xlsx'}\n")
    assert set(_ids(db)) == {"ogre_2025.xlsx"}
    assert sorted(p.name for p in reports.iterdir()) == [".removed", "ogre_2025.xlsx"]
    newest = _log(db).iloc[0]
    assert (newest["action"], newest["outcome"], newest["file_name"], newest["facts_removed"], newest["who"]) == (
        "remove", "removed", "ogre_2024.xlsx", 2, getpass.getuser())


def test_a_rebuild_after_a_removal_gives_the_same_warehouse(db, reports, tmp_path):
    assert main(["--db", str(db), "--remove", "ogre_2024.xlsx"]) == 0
    files, _ = collect_files([reports])
    assert [f.name for f in files] == ["ogre_2025.xlsx"]  # the dot-folder of removed reports is not read
    rebuilt = tmp_path / "rebuilt.duckdb"
    assert main(["--db", str(rebuilt), "-q", str(reports)]) == 0
    assert _without_ids(dump(rebuilt)) == _without_ids(dump(db))


def _without_ids(tables: dict[str, list]) -> dict[str, list]:
    """What a warehouse says, its fact_ids aside (a sequence: a removal leaves a gap a rebuild does not)."""
    return {name: sorted(row.split(", ", 1)[1] if name == "facts" else row for row in rows)
            for name, rows in tables.items()}


def test_a_name_that_names_nothing_is_one_line_and_exit_1_and_the_others_go(db, capsys):
    capsys.readouterr()
    assert main(["--db", str(db), "--remove", "nothing.pdf", "ogre_2025.xlsx"]) == 1
    captured = capsys.readouterr()
    assert captured.err == "NOT REMOVED  nothing.pdf: no stored document has this id, sha256 or file name\n"
    assert captured.out.startswith("removed   ogre_2025.xlsx  (")
    assert set(_ids(db)) == {"ogre_2024.xlsx"}


def test_removing_with_files_to_ingest_is_a_usage_error(db, reports, capsys):
    before = dump(db)
    with pytest.raises(SystemExit) as stopped:
        main(["--db", str(db), str(reports), "--remove", "ogre_2025.xlsx"])
    assert stopped.value.code == 2
    assert capsys.readouterr().err == ("python -m ingest: error: --remove cannot be given with files to ingest: "
                                       "remove first, then ingest\n")
    assert dump(db) == before


def test_a_short_or_shared_name_removes_nothing(db, reports):
    before = dump(db)
    with pytest.raises(RemovalError, match="no stored document"):
        remove_report(db, _ids(db)["ogre_2024.xlsx"][:4], "someone")  # too short a sha256 start
    with pytest.raises(RemovalError, match="an empty name"):
        remove_report(db, " ", "someone")
    assert dump(db) == before
    assert sorted(p.name for p in reports.iterdir()) == ["ogre_2024.xlsx", "ogre_2025.xlsx"]


def test_a_report_goes_with_its_renditions(tmp_path, monkeypatch):
    reports = tmp_path / "reports"
    reports.mkdir()
    root = Path(__file__).resolve().parents[1] / "raw_reports"
    for name in ("tukuma_novads_2024_publiskais_parskats.pdf", "tukuma_novads_2024_publiskais_parskats.txt"):
        shutil.copy(root / name, reports / name)
    monkeypatch.setenv("SOCDASH_REPORTS", str(reports))
    db = tmp_path / "socdash.duckdb"
    assert main(["--db", str(db), "-q", str(reports)]) == 0
    removal = remove_report(db, "tukuma_novads_2024_publiskais_parskats.txt", "direktore")
    assert removal.file_names == ["tukuma_novads_2024_publiskais_parskats.pdf",
                                  "tukuma_novads_2024_publiskais_parskats.txt"]
    assert removal.facts_removed == 671
    assert sorted(p.name for p in (reports / ".removed").iterdir()) == sorted(removal.file_names)
    assert _ids(db) == {}
    log = _log(db)
    assert log[log["action"] == "remove"][["who", "file_name", "facts_removed"]].values.tolist() == [
        ["direktore", "tukuma_novads_2024_publiskais_parskats.txt", 0],
        ["direktore", "tukuma_novads_2024_publiskais_parskats.pdf", 671]]


def test_every_ingest_outcome_is_logged_newest_first_refusals_with_their_reason(reports, tmp_path):
    (reports / "empty.txt").write_bytes(b"")
    db = tmp_path / "socdash.duckdb"
    assert main(["--db", str(db), "-q", str(reports)]) == 1
    assert main(["--db", str(db), "-q", str(reports / "ogre_2025.xlsx")]) == 0
    log = _log(db)
    assert log[["action", "file_name", "outcome", "facts_added", "facts_replaced", "facts_removed"]].values.tolist() == [
        ["ingest", "ogre_2025.xlsx", "unchanged", 0, 0, 0],
        ["ingest", "ogre_2025.xlsx", "added", 1, 0, 0],
        ["ingest", "ogre_2024.xlsx", "added", 2, 0, 0],
        ["ingest", "empty.txt", "refused: the file is empty", 0, 0, 0]]
    assert set(log["who"]) == {getpass.getuser()}
    assert log["sha256"].iloc[3] == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"  # of nothing
    assert log["logged_at"].is_monotonic_decreasing
    assert _log(db, limit=2)["outcome"].tolist() == ["unchanged", "added"]


def test_a_new_version_logs_the_facts_it_replaced_and_who_stored_it(db, reports, tmp_path):
    newer = tmp_path / "newer"
    newer.mkdir()
    make_upload(newer / "ogre_2024.xlsx", [
        ["Ogres novads", 2024, "budget", "spend", "Aprūpe mājās", "1 000", "EUR"],
        ["Ogres novads", 2024, "recipients", "persons", "Aprūpe mājās", 12, "persons"]])
    with writing(db, 5) as con:
        (outcome,) = store_files(con, [newer / "ogre_2024.xlsx"], jobs=1, who="dashboard (direktore@ogre.lv)")
    assert outcome.result.status == "replaced"
    newest = _log(db).iloc[0]
    assert (newest["who"], newest["outcome"], newest["facts_added"], newest["facts_replaced"]) == (
        "dashboard (direktore@ogre.lv)", "replaced", 2, 2)


def test_every_action_and_outcome_of_the_log_has_its_names():
    from dashboard.i18n import NAMES
    from warehouse.ingest_log import ACTIONS, OUTCOMES

    assert [a for a in ACTIONS if ("log_action", a) not in NAMES] == []
    assert [o for o in OUTCOMES if ("log_outcome", o) not in NAMES] == []
    assert sorted(code for kind, code in NAMES if kind == "log_outcome") == sorted(OUTCOMES)
