"""Revisions: next year's report prints earlier years again, some with other values. Both are kept, the
newest publication's is the one charts show, the older is flagged; on a warehouse of the seed reports and a
next-year variant of the Tukums 2024 public report made here, and on a few documents written row by row."""
from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from ingest.cli import main
from ingest.flags import format_number
from report_variants import shift_years
from warehouse import comparison, connect, queries
from warehouse.revisions import KEY, _number_sql, recompute_revisions

ROOT = Path(__file__).resolve().parents[1]
TXT = ROOT / "raw_reports" / "tukuma_novads_2024_publiskais_parskats.txt"
NEXT = "tukuma_novads_2025_publiskais_parskats.txt"
OLD_ID = "6505e45919f0"  # the 2024 PDF, which holds the 2024 report's facts


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> Path:
    """The seed reports and next year's Tukums report (every year one on: what the 2024 report printed for
    2023 is what the 2025 one prints for 2024)."""
    folder = tmp_path_factory.mktemp("reports")
    for path in (ROOT / "raw_reports").iterdir():
        if path.is_file() and path.name != "README.md":
            shutil.copy(path, folder / path.name)
    (folder / NEXT).write_text(shift_years(TXT.read_text(encoding="utf-8")), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def db(reports, tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("revised") / "socdash.duckdb"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOCDASH_REPORTS", str(reports))
        assert main(["--db", str(db), "--quiet", str(reports)]) == 0
    return db


@pytest.fixture(scope="module")
def con(db):
    con = duckdb.connect(str(db), read_only=True)
    yield con
    con.close()


def new_id(con) -> str:
    return con.execute("SELECT document_id FROM documents WHERE file_name = ?", [NEXT]).fetchone()[0]


def _facts(con, document_id: str) -> list[dict]:
    cursor = con.execute(f"SELECT fact_id, {', '.join(KEY)}, value, flag, flag_lv, reading_flag, reading_flag_lv,"
                         " revised_in FROM facts WHERE document_id = ?", [document_id])
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def test_every_figure_next_years_report_gives_another_value_is_flagged_and_no_other(con):
    newer: dict[tuple, set] = {}
    for fact in _facts(con, new_id(con)):
        newer.setdefault(tuple(fact[k] for k in KEY), set()).add(round(fact["value"], 6))
        assert fact["revised_in"] is None  # the newest publication revises nothing of its own
    old = _facts(con, OLD_ID)
    differs = [f for f in old if round(f["value"], 6) not in newer.get(tuple(f[k] for k in KEY), {round(f["value"], 6)})]
    same = [f for f in old if f not in differs]
    assert (len(old), len(differs)) == (671, 303)  # its figures of 2020..2023 that the variant moves on a year
    assert {f["revised_in"] for f in differs} == {new_id(con)}
    assert all(f"revised in {NEXT}: " in f["flag"] for f in differs)
    assert all(f"pārskatīts dokumentā {NEXT}: " in f["flag_lv"] for f in differs)
    assert all(f["flag"].startswith(f["reading_flag"] + "; ") for f in differs if f["reading_flag"])
    # the rest keep their reading's flags
    assert all(f["revised_in"] is None and (f["flag"], f["flag_lv"]) == (f["reading_flag"], f["reading_flag_lv"])
               for f in same)


def test_a_revised_figure_says_which_report_revised_it_and_to_what(con):
    (flag, flag_lv, value), = con.execute(
        "SELECT flag, flag_lv, value FROM facts WHERE document_id = ? AND category = 'Mājokļa pabalsts'"
        " AND metric = 'spend' AND subgroup IS NULL AND year = 2023", [OLD_ID]).fetchall()
    assert value == 866450.92
    assert flag == f"revised in {NEXT}: 538,189.92"
    assert flag_lv == f"pārskatīts dokumentā {NEXT}: 538 189,92"


def test_charts_and_headlines_take_the_newest_publications_value(con):
    frame = queries.series(con, "Tukuma novads", "social_assistance", "spend")
    housing = frame[frame["label"] == "Mājokļa pabalsts"].set_index("year")
    # 2022 printed by both alike, 2023 and 2024 revised, 2025 only in the new one
    assert housing.loc[[2023, 2024, 2025], "value"].tolist() == [538189.92, 866450.92, 796169.59]
    assert set(housing.loc[[2023, 2024], "file_name"]) == {NEXT}
    top = queries.headlines(con, "Tukuma novads", 2024).set_index(["topic", "metric"])
    # the 2024 report's own 2024 figure lost to what the 2025 one prints for 2024 (the 2024 report's 2023)
    budget = top.loc[("budget", "spend")]
    assert (budget["category"], budget["value"], budget["file_name"]) == (
        "Pašvaldības nodrošinātie sociālie pakalpojumi", 2159209.0, NEXT)
    # a figure the 2025 report prints for another year only stays the 2024 report's
    assert top.loc[("social_assistance", "spend"), "file_name"] == "tukuma_novads_2024_publiskais_parskats.pdf"


def test_the_comparison_takes_the_newest_publications_value(con):
    values = comparison.indicator_values(con, "housing_benefit_spend", ("Tukuma novads",))
    by_year = values.set_index("year")
    assert by_year.loc[2024, "printed_value"] == 866450.92 and by_year.loc[2024, "file_name"] == NEXT


def test_the_quality_view_and_the_revisions_list_show_both_values(con):
    revisions = queries.revisions(con, "Tukuma novads")
    assert len(revisions) == queries.revisions_count(con, "Tukuma novads")["revisions"].iloc[0] == 303
    housing = revisions[(revisions["category"] == "Mājokļa pabalsts") & (revisions["metric"] == "spend")
                        & revisions["subgroup"].isna()]
    assert housing[["year", "old_value", "new_value", "old_file_name", "new_file_name"]].values.tolist() == [
        [2023, 866450.92, 538189.92, "tukuma_novads_2024_publiskais_parskats.pdf", NEXT],
        [2024, 796169.59, 866450.92, "tukuma_novads_2024_publiskais_parskats.pdf", NEXT],
        [2024, 796169.59, 866450.92, "tukuma_novads_2024_publiskais_parskats.pdf", NEXT]]
    assert set(housing["indicator"]) == {"housing_benefit_spend"}
    assert queries.revisions(con, "Bauskas novads").empty
    assert queries.revisions_count(con, newer_document=new_id(con))["revisions"].iloc[0] == 303
    assert queries.revisions(con, newer_document=OLD_ID).empty
    assert len(queries.revisions(con, limit=5)) == 5
    quality = queries.quality(con, municipality="Tukuma novads")
    assert quality["why"].str.contains("revised in ", regex=False).sum() == 303


def test_removing_next_years_report_makes_the_older_values_current_again(db, reports, tmp_path, monkeypatch, capsys):
    copy = tmp_path / "socdash.duckdb"
    shutil.copy(db, copy)
    folder = tmp_path / "reports"
    shutil.copytree(reports, folder)
    monkeypatch.setenv("SOCDASH_REPORTS", str(folder))
    assert main(["--db", str(copy), "--remove", NEXT]) == 0
    assert capsys.readouterr().out.startswith(f"removed   {NEXT}  (")
    con = duckdb.connect(str(copy), read_only=True)
    try:
        assert con.execute("SELECT count(revised_in), count(*) FILTER (WHERE flag IS DISTINCT FROM reading_flag)"
                           " FROM facts").fetchone() == (0, 0)
        housing = queries.series(con, "Tukuma novads", "social_assistance", "spend")
        assert housing[(housing["label"] == "Mājokļa pabalsts") & (housing["year"] == 2024)]["value"].tolist() == \
            [796169.59]
    finally:
        con.close()
    assert (folder / ".removed" / NEXT).is_file() and not (folder / NEXT).exists()


# ----------------------------------------------------------------------------- the rule, row by row

def _warehouse(tmp_path: Path, documents: list[tuple], facts: list[tuple]):
    """A warehouse of `documents` (document_id, file_name, published, edition, ingested_at, is_primary) and
    `facts` (document_id, category, year, period, value, reading_flag), all of one municipality's spend."""
    con = connect(tmp_path / "w.duckdb")
    for document_id, name, published, edition, ingested_at, primary in documents:
        con.execute("INSERT INTO documents (document_id, file_name, sha256, municipality, kind, edition, published,"
                    " format, layout, is_primary, ingested_at) VALUES (?, ?, ?, 'Tukuma novads', 'public report', ?,"
                    " ?, 'txt', 'test', ?, ?)",
                    [document_id, name, document_id * 4, edition, published, primary, ingested_at])
    for document_id, category, year, period, value, flag in facts:
        con.execute("INSERT INTO facts (municipality, year, period, topic, metric, category, value, unit,"
                    " document_id, source_ref, raw_value, flag, flag_lv, reading_flag, reading_flag_lv)"
                    " VALUES ('Tukuma novads', ?, ?, 'budget', 'spend', ?, ?, 'EUR', ?, 'text', ?, ?, ?, ?, ?)",
                    [year, period, category, value, document_id, str(value), flag, flag, flag, flag])
    return con


def _state(con) -> list[tuple]:
    return con.execute("SELECT document_id, category, year, value, revised_in, flag FROM facts"
                       " ORDER BY fact_id").fetchall()


def test_the_newest_by_publication_date_then_dated_edition_then_ingest_time(tmp_path):
    early, late = datetime(2026, 1, 1), datetime(2026, 6, 1)
    con = _warehouse(tmp_path, [
        ("a", "a.txt", "2025-03-27", "2024", late, True),  # published first, though ingested last
        ("b", "b.txt", "2026-03-01", "2025", early, True),
        ("c", "c.txt", None, "2027", early, True),  # no date of publication: its edition (a report year)
        ("u", "u.xlsx", None, "u.xlsx", late, True),  # an upload: its edition is its file name, no date
    ], [
        ("a", "Aprūpe", 2023, "2023", 100.0, None),
        ("b", "Aprūpe", 2023, "2023", 110.5, "printed twice"),
        ("c", "Aprūpe", 2023, "2023", 120.0, None),
        ("c", "Aprūpe", 2023, "2023", 121.0, None),  # printed twice with two values: both current
        ("u", "Aprūpe", 2023, "2023", 121.0, None),  # one of the newest one's values: not revised
        ("a", "Aprūpe", 2022, "2022", 90.0, None),
        ("b", "Aprūpe", 2022, "2022", 90.0, None),  # the same value: nothing revised
        ("a", "Aprūpe", 2023, "2023-07-01..2023-12-31", 50.0, None),  # another period: another thing
    ])
    assert recompute_revisions(con) == 2  # the facts changed
    assert _state(con) == [
        ("a", "Aprūpe", 2023, 100.0, "c", "revised in c.txt: 120"),
        ("b", "Aprūpe", 2023, 110.5, "c", "printed twice; revised in c.txt: 120"),
        ("c", "Aprūpe", 2023, 120.0, None, None),
        ("c", "Aprūpe", 2023, 121.0, None, None),
        ("u", "Aprūpe", 2023, 121.0, None, None),
        ("a", "Aprūpe", 2022, 90.0, None, None),
        ("b", "Aprūpe", 2022, 90.0, None, None),
        ("a", "Aprūpe", 2023, 50.0, None, None),
    ]
    assert recompute_revisions(con) == 0  # nothing changes a second time
    # the newest one gone: the next newest is current, and what named the gone one is recomputed too
    con.execute("DELETE FROM facts WHERE document_id = 'c'")
    con.execute("DELETE FROM documents WHERE document_id = 'c'")
    assert recompute_revisions(con, ["Bauskas novads"]) == 3
    # a and the upload (undated: older than any dated report) revised by b, b current again
    assert [row[4:] for row in _state(con)[:3]] == [("b", "revised in b.txt: 110.5"), (None, "printed twice"),
                                                     ("b", "revised in b.txt: 110.5")]
    con.close()


def test_ties_of_publication_go_by_ingest_time(tmp_path):
    con = _warehouse(tmp_path, [("a", "a.txt", "2025", "2024", datetime(2026, 1, 2), True),
                                ("b", "b.txt", "2025", "2024", datetime(2026, 1, 1), True)],
                     [("a", "X", 2024, "2024", 1.0, None), ("b", "X", 2024, "2024", 2.0, None)])
    recompute_revisions(con)
    assert [row[4] for row in _state(con)] == [None, "a"]
    con.close()


@pytest.mark.parametrize("value", [0.0, 7.0, 1234.5, 1234.56, 1234567.0, 0.125, -2500.75, 1e9, 12.004])
def test_a_revisions_number_is_written_as_every_flag_writes_it(value):
    sql = duckdb.connect()
    for language in ("en", "lv"):
        written = sql.execute(f"SELECT {_number_sql('v', language)} FROM (SELECT ?::DOUBLE AS v)", [value])
        assert written.fetchone()[0] == format_number(value, language)
