"""The national-scale copy the benchmarks time pages on (warehouse.scaled): each municipal document copied
once per municipality and year shift, as a document of its own with its facts, territories, case codes,
raw cells and indicator conflicts; the country's documents once; values scaled by each municipality's
factor. Expectations are the seed reports' hand-checked figures."""
from __future__ import annotations

import shutil

import duckdb
import pytest

from warehouse import connect
from warehouse.scaled import current_municipalities, report_years, scale_to_nation, value_factor

TARGETS = ["Ogres novads", "Rīga"]  # factors 0.75 and 1.25
SHIFTS = 3
# Facts of each municipal document about its own municipality (the golden files' counts less the figures
# of the country they cite): the 2016 evaluation 877 - 3, the 2024 report 671, the strategy 338 - 1.
MUNICIPAL_FACTS = 874 + 671 + 337
# The country's documents: the survey's 22 facts and the LPS article's one (of Aizkraukles novads).
NATIONAL_FACTS = 22 + 1


@pytest.fixture
def national(warehouse_db, tmp_path):
    """A copy of the seed warehouse scaled to TARGETS × SHIFTS, with one made-up indicator conflict on the
    2024 report's first fact beforehand; yields (connection, facts returned)."""
    db = tmp_path / "national.duckdb"
    shutil.copy(warehouse_db, db)
    con = connect(db)
    try:
        con.execute("""
            INSERT INTO indicator_conflicts
            SELECT fact_id, document_id, 'a, b' FROM facts
            WHERE source_ref LIKE '1.1. tabula, p. 5;%' AND year = 2019 ORDER BY fact_id LIMIT 1""")
        yield con, scale_to_nation(con, TARGETS, SHIFTS)
    finally:
        con.close()


def rows(con, sql: str, params=()) -> list[tuple]:
    return con.execute(sql, list(params)).fetchall()


def test_the_current_municipalities_are_the_43_and_not_the_country(warehouse_db):
    con = connect(warehouse_db, read_only=True)
    try:
        names = current_municipalities(con)
    finally:
        con.close()
    assert len(names) == 43 and "Tukuma novads" in names and "Rīga" in names and "Latvija" not in names


def test_factors_and_years_of_a_scale():
    assert [value_factor(i, 2) for i in range(2)] == [0.75, 1.25]
    assert value_factor(0, 43) > 0.5 and value_factor(42, 43) < 1.5
    assert len({value_factor(i, 43) for i in range(43)}) == 43
    assert (report_years(1), report_years(10)) == (15, 150)


def test_counts_are_one_copy_per_municipal_document_municipality_and_shift(national):
    con, facts = national
    copies = len(TARGETS) * SHIFTS
    assert facts == MUNICIPAL_FACTS * copies + NATIONAL_FACTS == 11_315
    assert rows(con, "SELECT count(*) FROM facts") == [(facts,)]
    # 4 municipal documents (the strategy, the evaluation, the 2024 PDF and its text) per copy; the survey
    # and the article once.
    assert rows(con, "SELECT count(*) FILTER (municipality <> 'Latvija'), count(*) FILTER (municipality = 'Latvija') "
                     "FROM documents") == [(4 * copies, 2)]
    # The 2016 evaluation's 24 territories and 17 case codes; raw cells: strategy 311, evaluation 65, PDF 41.
    assert rows(con, "SELECT count(*) FROM territories WHERE municipality <> 'Latvija'") == [(24 * copies + 5 * copies,)]
    assert rows(con, "SELECT count(*) FROM case_codes") == [(17 * copies,)]
    assert rows(con, "SELECT count(*) FROM raw_tables") == [((311 + 65 + 41) * copies,)]
    assert rows(con, "SELECT municipality, min(year), count(*) FROM facts WHERE municipality IN (?, ?) "
                     "GROUP BY municipality ORDER BY municipality", TARGETS) == [
        ("Ogres novads", 2011, MUNICIPAL_FACTS * SHIFTS), ("Rīga", 2011, MUNICIPAL_FACTS * SHIFTS)]
    # The seed's own documents are gone: Tukuma novads has no facts but the copies'.
    assert rows(con, "SELECT count(*) FROM facts WHERE municipality IN ('Tukuma novads', 'Bauskas novads')") == [(0,)]


def test_keys_are_consistent(national):
    con, _ = national
    assert rows(con, "SELECT count(*) = count(DISTINCT document_id), count(*) = count(DISTINCT sha256), "
                     "bool_and(document_id = left(sha256, 12)) FROM documents") == [(True, True, True)]
    assert rows(con, "SELECT count(*) = count(DISTINCT fact_id) FROM facts") == [(True,)]
    # a copy's facts keyed by its own sha256, with their reading's flags and revised by none
    assert rows(con, "SELECT count(*) = count(DISTINCT fact_key), count(fact_key) = count(*), "
                     "count(*) FILTER (WHERE flag IS DISTINCT FROM reading_flag OR flag_lv IS DISTINCT FROM "
                     "reading_flag_lv), count(revised_in), count(reading_flag) > 0 FROM facts") == [
        (True, True, 0, 0, True)]
    for table in ("facts", "territories", "case_codes", "raw_tables", "indicator_conflicts"):
        assert rows(con, f"SELECT count(*) FROM {table} ANTI JOIN documents USING (document_id)") == [(0,)], table
    # Every fact and territory of a municipal document is of that document's municipality.
    for table in ("facts", "territories"):
        assert rows(con, f"SELECT count(*) FROM {table} x JOIN documents d USING (document_id) "
                         "WHERE d.municipality <> 'Latvija' AND x.municipality <> d.municipality") == [(0,)], table
    # A rendition's primary is the copy of the same municipality and edition.
    assert rows(con, """
        SELECT r.file_name, p.file_name, r.municipality = p.municipality AND r.edition = p.edition AND p.is_primary
        FROM documents r JOIN documents p ON p.document_id = r.rendition_of
        WHERE r.municipality = 'Ogres novads' ORDER BY r.file_name""") == [
        (f"ogres_novads_{year}_publiskais_parskats.txt", f"ogres_novads_{year}_publiskais_parskats.pdf", True)
        for year in (2024, 2025, 2026)]
    # The next value the warehouse's fact id sequence gives is none of the copies'.
    assert rows(con, "SELECT nextval('fact_id_seq') > max(fact_id) FROM facts") == [(True,)]


def test_a_copy_moves_its_identity_with_the_shift(national):
    con, _ = national
    assert rows(con, """
        SELECT file_name, kind, period, edition, published, title, length(text) > 100_000 FROM documents
        WHERE municipality = 'Rīga' AND format = 'pdf' ORDER BY edition""") == [
        (f"riga_{2024 + s}_publiskais_parskats.pdf", "public report", f"{2019 + s}..{2024 + s}", f"{2024 + s}",
         f"{2025 + s}-03-27", "2024. GADA PUBLISKAIS PĀRSKATS", True) for s in range(SHIFTS)]
    assert rows(con, "SELECT file_name, period, edition FROM documents WHERE municipality = 'Ogres novads' "
                     "AND kind = 'strategy' ORDER BY edition") == [
        (f"ogres_novads_{2016 + s}-{2020 + s}_socialais_dienests_strategija.md", f"{2012 + s}..{2014 + s}",
         f"{2016 + s}..{2020 + s}") for s in range(SHIFTS)]


def test_values_are_scaled_by_the_municipalitys_factor(national):
    con, _ = national

    def values(category: str, printed: str, year: int) -> list[tuple]:
        return rows(con, """
            SELECT f.municipality, f.period, f.value FROM facts f JOIN documents d USING (document_id)
            WHERE d.format = 'pdf' AND f.category = ? AND f.raw_value = ? AND f.year = ? AND f.metric <> 'uses'
            ORDER BY f.municipality""", [category, printed, year])

    # 260 389,40 EUR of the guaranteed minimum income benefit in 2024 (table 3.1, p. 12), shifted by 1.
    gmi = values("Pabalsts garantētā minimālā ienākuma nodrošināšanai", "260 389.4", 2025)
    assert gmi == [("Ogres novads", "2025", pytest.approx(195_292.05)), ("Rīga", "2025", pytest.approx(325_486.75))]
    # 69 persons (table 3.3, p. 13; the cell also prints 283 uses): 51.75 and 86.25, whole persons.
    assert values("Atvieglojumi higiēnas pakalpojumiem – veļas mazgāšana", "69 personas/283 mazgāšanas reizes",
                  2024) == [("Ogres novads", "2024", 52), ("Rīga", "2024", 86)]
    # 5 437 applications in the second half of 2021 (table 1.1, p. 5), shifted by 2: the period moves too.
    assert values("Reģistrēti saņemtie iesniegumi par sociālo pal. un pak.", "5437", 2023) == [
        ("Ogres novads", "2023-07-01..2023-12-31", 4078), ("Rīga", "2023-07-01..2023-12-31", 6796)]
    # A share stays as printed: 96 % of the budget from state grants (text, p. 2).
    share = rows(con, "SELECT DISTINCT value FROM facts WHERE category = 'valsts mērķdotācijas' AND unit = 'percent'")
    assert share == [(96.0,)]


def test_indicator_conflicts_are_copied_with_their_facts(national):
    con, _ = national
    assert rows(con, """
        SELECT f.municipality, f.year, f.category, d.format FROM indicator_conflicts c
        JOIN facts f USING (fact_id) JOIN documents d ON d.document_id = f.document_id AND d.document_id = c.document_id
        ORDER BY f.municipality, f.year""") == [
        (m, 2019 + s, "Reģistrēti saņemtie iesniegumi par sociālo pal. un pak.", "pdf")
        for m in TARGETS for s in range(SHIFTS)]


def test_a_copy_that_fails_leaves_the_warehouse_as_it_was(warehouse_db, tmp_path):
    db = tmp_path / "national.duckdb"
    shutil.copy(warehouse_db, db)
    con = connect(db)
    try:
        before = rows(con, "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM facts)")
        with pytest.raises(duckdb.ConstraintException):
            scale_to_nation(con, ["Ogres novads", None], 2)  # a document without a municipality is refused
        assert rows(con, "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM facts)") == before
        assert scale_to_nation(con, ["Ogres novads"], 1) == MUNICIPAL_FACTS + NATIONAL_FACTS  # and it can go on
    finally:
        con.close()
