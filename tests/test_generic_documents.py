"""Documents of municipalities no layout knows, end to end: `tests/generic_documents/` (made up, in the forms
other municipalities publish) ingested by the command into a warehouse, read by the generic reader as the
layout of last resort, and the exact facts that must come out of each, nothing from its page furniture."""
from __future__ import annotations

import io
from contextlib import redirect_stdout
from pathlib import Path

import duckdb
import pytest

from ingest.cli import main
from ingest.flags import reason

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = ROOT / "tests" / "generic_documents"
GENERIC_FLAG = reason("generic_reader").text("en")
LVL_PER_EUR = 0.702804  # the fixed rate of the euro changeover

TALSI = "talsu_socialais_dienests_2023.txt"
SALACGRIVA_2018 = "salacgrivas_novads_2018_pabalsti.txt"
SALACGRIVA_2012 = "salacgrivas_novads_2012_pabalsti.txt"
MINISTRY = "labklajibas_ministrija_2022_socialais_atbalsts.txt"
QUARTER = "kuldigas_novads_2023_4_ceturksnis.txt"
NAMELESS = "bez_pasvaldibas_pabalsti.txt"
Q4 = "2023-10-01..2023-12-31"


# Each document's facts: (year, period, value, unit, indicator), in any order.
EXPECTED = {
    TALSI: [
        (2023, "2023", 318, "persons", "gmi_benefit_recipients"),
        (2023, "2023", 274, "households", "poor_households"),
        (2023, "2023", 512, "households", "housing_benefit_households"),
        (2022, "2022", 603, "households", "housing_benefit_households"),  # the comparison in brackets
        # "EUR 98 975,-, tas ir par 10 458 euro vairāk nekā 2022. gadā": a sentence with a difference gives none
        (2021, "2021", 61004, "EUR", "housing_benefit_spend"),
        (2022, "2022", 75310, "EUR", "housing_benefit_spend"),
        (2023, "2023", 77115, "EUR", "housing_benefit_spend"),
        (2021, "2021", 8114, "EUR", "crisis_benefit_spend"),
        (2022, "2022", 13207, "EUR", "crisis_benefit_spend"),
        (2023, "2023", 21860, "EUR", "crisis_benefit_spend"),
        (2021, "2021", 69118, "EUR", "social_assistance_spend"),
        (2022, "2022", 88517, "EUR", "social_assistance_spend"),
        (2023, "2023", 98975, "EUR", "social_assistance_spend"),
        # "Aprūpe mājās 164 171" may also be one number 164 171 with a cell left empty, and "Ilgstošā sociālā
        # aprūpe 1 204 310" splits two ways into two years: no total confirms either, so neither is stored
    ],
    SALACGRIVA_2018: [
        (2018, "2018", 61208.30, "EUR", "social_assistance_spend"),
        (2018, "2018", 143, "households", "housing_benefit_households"),
        (2018, "2018", 21460.00, "EUR", "housing_benefit_spend"),
        (2018, "2018", 96, "households", "housing_benefit_households"),
        (2018, "2018", 207, "persons", "housing_benefit_recipients"),
        (2018, "2018", 9612.40, "EUR", "housing_benefit_spend"),
    ],
    SALACGRIVA_2012: [  # lats as lats: the catalogue's indicators are in euro
        (2012, "2012", 48512.60, "LVL", None),
        (2012, "2012", 210, "persons", "gmi_benefit_recipients"),
        (2012, "2012", 11230, "LVL", None),
    ],
    MINISTRY: [
        (2022, "2022", 31460, "persons", "gmi_benefit_recipients"),
        (2022, "2022", 52118, "persons", "poor_persons"),
        (2022, "2022", 2_700_000, "EUR", "social_assistance_spend"),  # "2,7 miljoni eiro"
    ],
    QUARTER: [
        (2023, Q4, 142, "persons", "gmi_benefit_recipients"),
        (2023, Q4, 388, "households", "housing_benefit_households"),
    ],
}
# Whose each document is, and the period it reports on.
IDENTITIES = {TALSI: ("Talsu novads", "2023"), SALACGRIVA_2018: ("Salacgrīvas novads", "2018"),
              SALACGRIVA_2012: ("Salacgrīvas novads", "2012"), MINISTRY: ("Latvija", "2022"),
              QUARTER: ("Kuldīgas novads", Q4)}
# What each document prints that is no figure: phone numbers, dates, list numbers, poll shares, legal
# references, a festival's number, page numbers.
NOISE = {
    TALSI: [63222511, 63, 222, 511, 12, 3, 2024, 8, 17, 16, 14, 2019, 10, 1, 54, 46, 800, 50, 10458, 1204, 310,
            1204310],
    SALACGRIVA_2018: [20, 2, 2019, 1, 3, 64071234, 9, 12],
    SALACGRIVA_2012: [64071200],
    MINISTRY: [2020, 15, 550],
    QUARTER: [4, 8, 1, 2024],
}


@pytest.fixture(scope="module")
def ingested(tmp_path_factory) -> tuple[Path, str]:
    """The warehouse of every document of tests/generic_documents/ and what the command printed."""
    db = tmp_path_factory.mktemp("generic_documents") / "w.duckdb"
    printed = io.StringIO()
    with redirect_stdout(printed):
        assert main(["--db", str(db), str(DOCUMENTS)]) == 0
    return db, printed.getvalue()


def _rows(db: Path, sql: str, file_name: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, [file_name]).fetchall()
    finally:
        con.close()


def _facts(db: Path, file_name: str) -> list[tuple]:
    return _rows(db, "SELECT f.municipality, f.year, f.period, f.value, f.unit, f.indicator, f.flag, f.source_ref "
                     "FROM facts f JOIN documents d USING (document_id) WHERE d.file_name = ?", file_name)


def _as_expected(facts: list[tuple]) -> list[tuple]:
    return sorted((year, period, round(value, 2), unit, indicator)
                  for _, year, period, value, unit, indicator, _, _ in facts)


@pytest.mark.parametrize("file_name", sorted(IDENTITIES))
def test_a_document_no_layout_knows_is_the_generic_readers_and_of_the_municipality_it_names(ingested, file_name):
    db, _ = ingested
    municipality, _ = IDENTITIES[file_name]
    assert _rows(db, "SELECT municipality, layout, kind FROM documents WHERE file_name = ?", file_name) == [
        (municipality, "generic", "unrecognised")]


@pytest.mark.parametrize("file_name", [SALACGRIVA_2018, SALACGRIVA_2012])
def test_a_municipality_before_the_reform_is_stored_as_itself_and_the_one_it_became_part_of_is_known(ingested,
                                                                                                   file_name):
    db, _ = ingested
    stored = _rows(db, "SELECT d.municipality, m.became_part_of FROM documents d JOIN municipalities m "
                       "USING (municipality) WHERE d.file_name = ?", file_name)
    assert stored == [("Salacgrīvas novads", "Limbažu novads")]


@pytest.mark.parametrize("file_name", [TALSI, SALACGRIVA_2018, SALACGRIVA_2012, MINISTRY, QUARTER])
def test_the_period_is_the_one_the_document_reports_on(ingested, file_name):
    db, _ = ingested
    assert _rows(db, "SELECT period FROM documents WHERE file_name = ?", file_name) == [
        (IDENTITIES[file_name][1],)]


@pytest.mark.parametrize("file_name", [TALSI, SALACGRIVA_2018, MINISTRY, QUARTER])
def test_a_document_yields_exactly_its_clear_figures_each_flagged_as_read_by_the_generic_reader(ingested,
                                                                                               file_name):
    db, _ = ingested
    facts = _facts(db, file_name)
    assert _as_expected(facts) == sorted((year, period, round(value, 2), unit, indicator)
                                         for year, period, value, unit, indicator in EXPECTED[file_name])
    municipality, _ = IDENTITIES[file_name]
    assert {fact[0] for fact in facts} == {municipality}
    assert all(GENERIC_FLAG in fact[6] for fact in facts)


def test_lats_are_stored_as_lats_and_a_euro_value_only_as_derived_at_the_fixed_rate(ingested):
    db, _ = ingested
    facts = _facts(db, SALACGRIVA_2012)
    printed = [fact for fact in facts if fact[4] != "EUR"]
    assert _as_expected(printed) == sorted(EXPECTED[SALACGRIVA_2012])
    assert all(GENERIC_FLAG in fact[6] for fact in facts)
    lats = {fact[7]: fact[3] for fact in printed if fact[4] == "LVL"}
    for _, year, _, value, _, _, flag, source_ref in (fact for fact in facts if fact[4] == "EUR"):
        assert "derived" in flag and source_ref in lats, "a euro value is only ever derived from a printed lats one"
        assert (year, round(value, 2)) == (2012, round(lats[source_ref] / LVL_PER_EUR, 2))


def test_a_year_table_row_that_splits_two_ways_is_not_stored_and_the_command_says_so(ingested):
    db, printed = ingested
    rows = {row for (row,) in _rows(db, "SELECT DISTINCT f.row_label FROM facts f JOIN documents d "
                                        "USING (document_id) WHERE d.file_name = ? AND f.row_label IS NOT NULL",
                                    TALSI)}
    assert rows == {"Mājokļa pabalsts", "Pabalsts krīzes situācijā", "Pabalsti kopā"}
    notes = [line for line in printed.splitlines() if "note:" in line and "Ilgstošā sociālā aprūpe" in line]
    assert len(notes) == 1


@pytest.mark.parametrize("file_name", sorted(NOISE))
def test_page_furniture_gives_no_figure(ingested, file_name):
    db, _ = ingested
    values = {fact[3] for fact in _facts(db, file_name)}
    assert not values & set(NOISE[file_name])


def test_a_document_naming_no_municipality_stores_no_facts_keeps_its_cells_and_says_why(ingested):
    db, printed = ingested
    assert _rows(db, "SELECT municipality, layout FROM documents WHERE file_name = ?", NAMELESS) == [
        ("nezināma", "generic")]
    assert _facts(db, NAMELESS) == []
    cells = _rows(db, "SELECT r.text FROM raw_tables r JOIN documents d USING (document_id) WHERE d.file_name = ? "
                      "ORDER BY row_index, col_index", NAMELESS)
    assert [text for (text,) in cells] == ["Pabalsts", "2022", "2023", "Mājokļa pabalsts", "1 200", "1 350",
                                           "Apkures pabalsts", "640", "702"]
    lines = printed.splitlines()
    at = next(i for i, line in enumerate(lines) if NAMELESS in line)
    assert "0 facts" in lines[at]
    assert lines[at + 1].strip() == ("note: the document names no municipality of the municipalities seed: its "
                                     "figures are not stored, its text and table cells are kept")


def test_a_report_with_a_layouts_title_words_that_its_rules_cannot_read_goes_to_the_generic_reader(tmp_path):
    """Another municipality's public report prints the words the Tukums public report is recognised by;
    the Tukums rules read no figure of it, so the generic reader reads it, and the command says so."""
    title = "Talsu novada sociālais dienests\n2023. GADA PUBLISKAIS PĀRSKATS"
    text = (DOCUMENTS / TALSI).read_text(encoding="utf-8")
    text = text.replace("Talsu novada Sociālā dienesta darbs 2023. gadā", title)
    path = tmp_path / "talsu_publiskais_parskats.txt"
    path.write_text(text, encoding="utf-8")
    db = tmp_path / "w.duckdb"
    printed = io.StringIO()
    with redirect_stdout(printed):
        assert main(["--db", str(db), str(path)]) == 0
    assert "its words are those of the layout 'Tukums public report', but its rules read no figure of it: read " \
           "by the generic reader" in printed.getvalue()
    assert _rows(db, "SELECT municipality, layout FROM documents WHERE file_name = ?", path.name) == [
        ("Talsu novads", "generic")]
    assert _as_expected(_facts(db, path.name)) == sorted(EXPECTED[TALSI])
