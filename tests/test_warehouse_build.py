"""The whole warehouse built from raw_reports/, as `python -m ingest --db PATH raw_reports` builds it
(the session's `warehouse_db`)."""
from __future__ import annotations

import duckdb
import pytest

REPORT_2024 = "tukuma_novads_2024_publiskais_parskats"


@pytest.fixture(scope="module")
def con(warehouse_db):
    connection = duckdb.connect(str(warehouse_db), read_only=True)
    yield connection
    connection.close()


def rows(con, sql, *params):
    return con.execute(sql, list(params)).fetchall()


def test_every_report_is_recognised(con):
    layouts = dict(rows(con, "SELECT file_name, layout FROM documents"))
    assert len(layouts) == 6
    assert "unrecognised" not in layouts.values(), layouts
    assert layouts[f"{REPORT_2024}.pdf"] == layouts[f"{REPORT_2024}.txt"]


def test_the_2024_report_counts_once_and_cites_the_pdf(con):
    docs = rows(con, "SELECT format, is_primary, rendition_of IS NOT NULL FROM documents "
                     "WHERE file_name LIKE ? ORDER BY format", f"{REPORT_2024}.%")
    assert docs == [("pdf", True, False), ("txt", False, True)]
    refs = rows(con, "SELECT DISTINCT d.format FROM facts f JOIN documents d USING (document_id) "
                     "WHERE d.file_name LIKE ?", f"{REPORT_2024}.%")
    assert refs == [("pdf",)]
    assert rows(con, "SELECT count(*) FROM facts WHERE (line IS NOT NULL OR page IS NULL) AND document_id IN "
                     "(SELECT document_id FROM documents WHERE format = 'pdf')") == [(0,)]


def test_every_municipality_and_topic_is_there(con):
    municipalities = {m for (m,) in rows(con, "SELECT DISTINCT municipality FROM facts")}
    assert {"Tukuma novads", "Bauskas novads", "Latvija"} <= municipalities
    topics = {t for (t,) in rows(con, "SELECT DISTINCT topic FROM facts")}
    assert {"budget", "recipients", "caseload", "staff", "population", "focus_group",
            "social_assistance", "documents"} <= topics
    described = {m for (m,) in rows(con, "SELECT municipality FROM municipalities")}
    assert municipalities <= described


def test_provenance_is_complete(con):
    assert rows(con, "SELECT count(*) FROM facts WHERE source_ref = '' OR raw_value = '' "
                     "OR category = ''") == [(0,)]
    assert rows(con, "SELECT count(*) FROM facts WHERE document_id NOT IN "
                     "(SELECT document_id FROM documents WHERE is_primary)") == [(0,)]


def test_quality_view_lists_the_known_misprints(con):
    printed = {p for (p,) in rows(con, "SELECT printed FROM quality")}
    assert {"6 492.5.00", "34 50.00", "20 6107", "184.500", "4 6617", "1 004777", "904+"} <= printed
    why = rows(con, "SELECT why, file_name, source_ref FROM quality WHERE printed = '1 004777'")
    assert why and "irregular digit grouping" in why[0][0] and why[0][1].endswith(".txt")


def test_unmapped_cells_are_kept(con):
    per_doc = dict(rows(con, "SELECT d.file_name, count(*) FROM raw_tables JOIN documents d "
                             "USING (document_id) GROUP BY 1"))
    assert per_doc.get("bauskas_novads_2016-2020_socialais_dienests_strategija.md", 0) > 0
    assert per_doc.get("tukuma_novads_2016_socialais_darbs_izvertejums.txt", 0) > 0


def test_documents_are_searchable(con):
    hits = rows(con, "SELECT file_name FROM documents WHERE text ILIKE ?", "%seminār%")
    assert ("lps_2020_seminars_socialie_pakalpojumi.txt",) in hits


def test_population_view(con):
    assert rows(con, "SELECT count(*) FROM municipality_population WHERE municipality = 'Bauskas novads' "
                     "AND value = 26016") == [(1,)]


def test_every_flag_is_given_in_latvian_too(con):
    assert rows(con, "SELECT count(*) FROM facts WHERE flag IS NOT NULL") != [(0,)]
    assert rows(con, "SELECT count(*) FROM facts WHERE (flag IS NULL) <> (flag_lv IS NULL) "
                     "OR flag_lv = flag") == [(0,)]
    [(why, why_lv)] = rows(con, "SELECT why, why_lv FROM quality WHERE printed = '1 004777'")
    assert why.startswith("printed '1 004777', read as 1,004,777: irregular digit grouping; ")
    assert why_lv.startswith("nodrukāts '1 004777', nolasīts kā 1 004 777: cipari sagrupēti neparasti; ")


def test_one_residents_total_per_municipality_and_date(con):
    # A part of the residents (those who declared their address, a town, the answering municipalities)
    # is a subgroup or a territory, never a second total beside the municipality's.
    assert rows(con, "SELECT municipality, period, list(value) FROM facts WHERE metric = 'residents' "
                     "AND territory IS NULL AND subgroup IS NULL GROUP BY ALL HAVING count(*) > 1") == []
    assert rows(con, "SELECT value FROM facts WHERE metric = 'residents' AND municipality = 'Tukuma novads' "
                     "AND territory IS NULL AND subgroup IS NULL ORDER BY period") == [(31666,), (31900,), (45959,)]
