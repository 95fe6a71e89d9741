"""The dashboard's query layer on a small warehouse written here, row by row, so that every expected answer
can be worked out by hand; and a few checks on the warehouse built from raw_reports/."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from ingest.model import Location, Spot
from warehouse import connect, queries

DOCS = [
    # document_id, file_name, municipality, kind, is_primary
    ("d16", "tukums_2016.txt", "Tukuma novads", "evaluation", True),
    ("d24", "tukums_2024.pdf", "Tukuma novads", "public report", True),
    ("dlv", "latvija_2017.txt", "Latvija", "survey", True),
    ("dbs", "bauska_2015.md", "Bauskas novads", "strategy", True),
]

# municipality, territory, year, period, topic, metric, category, subgroup, value, unit, document, where printed
# (a Spot: source_ref and the place columns), raw_value, flag
FACTS = [
    ("Tukuma novads", None, 2014, "2014", "budget", "spend", "Kopā", None, 900.0, "EUR", "d16", Spot("1. tabula", Location(line=10), "Kopā"), "900", None),
    ("Tukuma novads", None, 2015, "2015", "budget", "spend", "Kopā", None, 1000.0, "EUR", "d16", Spot("1. tabula", Location(line=10), "Kopā"), "1 000", None),
    ("Tukuma novads", None, 2014, "2014", "budget", "spend", "Aprūpe mājās", None, 300.0, "EUR", "d16", Spot("1. tabula", Location(line=10), "Aprūpe"), "300", None),
    ("Tukuma novads", None, 2015, "2015", "budget", "spend", "Aprūpe mājās", None, 450.0, "EUR", "d16", Spot("1. tabula", Location(line=10), "Aprūpe"), "450", None),
    ("Tukuma novads", None, 2015, "2015", "budget", "spend", "Aprūpe mājās", None, 451.0, "EUR", "d16", Spot("text", Location(line=99)), "451", "the document gives another value elsewhere"),
    ("Tukuma novads", None, 2015, "2015", "budget", "spend", "Patversme / Nakts", None, 50.0, "EUR", "d16", Spot("1. tabula", Location(line=10), "Nakts"), "50", None),
    ("Tukuma novads", None, 2023, "2023", "budget", "spend", "Aprūpe mājās", None, 800.0, "EUR", "d24", Spot("4.1. tabula", Location(page=15)), "800", None),
    ("Tukuma novads", None, 2024, "2024", "budget", "spend", "Aprūpe mājās", None, 1000.0, "EUR", "d24", Spot("4.1. tabula", Location(page=15)), "1 000", None),
    ("Tukuma novads", None, 2015, "2015-01-01", "population", "residents", "iedzīvotāji", None, 31900.0, "persons", "d16", Spot("text", Location(line=8)), "31,9", None),
    # a subset printed before the whole, first with nothing to tell it apart, then as a subgroup (and larger)
    ("Tukuma novads", None, 2025, "2025-01-01", "population", "residents", "deklarējušas savu dzīvesvietu", None, 45028.0, "persons", "d24", Spot("text", Location(page=11)), "45 028", None),
    ("Tukuma novads", None, 2025, "2025-01-01", "population", "residents", "iedzīvotāji", "deklarētie", 99999.0, "persons", "d24", Spot("text", Location(page=11)), "99 999", None),
    ("Tukuma novads", None, 2025, "2025-01-01", "population", "residents", "iedzīvotāji", None, 45959.0, "persons", "d24", Spot("text", Location(page=12)), "45 959", None),
    ("Tukuma novads", None, 2024, "2024-12-31", "staff", "specialists", "sociālā darba speciālisti", None, 70.0, "persons", "d24", Spot("text", Location(page=3)), "70", None),
    ("Tukuma novads", "Degole", 2015, "2015", "population", "residents", "iedzīvotāji", None, 677.0, "persons", "d16", Spot("8.tabula", Location(line=1)), "677", None),
    ("Bauskas novads", None, 2014, "2014", "recipients", "persons", "aprūpe mājās", "Vīrieši", 10.0, "persons", "dbs", Spot("1.1. aprūpe", Location(line=417)), "10", None),
    ("Bauskas novads", None, 2014, "2014", "recipients", "persons", "aprūpe mājās", "Sievietes", 30.0, "persons", "dbs", Spot("1.1. aprūpe", Location(line=417)), "30", None),
    ("Bauskas novads", None, 2014, "2014", "recipients", "persons", "aprūpe mājās", "Kopā", 40.0, "persons", "dbs", Spot("1.1. aprūpe", Location(line=417)), "40", None),
    ("Bauskas novads", None, 2014, "2014", "recipients", "persons", "psihologs", "Kopā, bērni", 7.0, "persons", "dbs", Spot("2.1. psihologs", Location(line=448)), "7", None),
    ("Bauskas novads", None, 2014, "2014", "recipients", "persons", "ievietošana ilgstošas aprūpes institūcijā", "Kopā", 5.0, "persons", "dbs", Spot("1.2.", Location(line=426)), "5", None),
    # staff: the three counting bases of Tukums 2016, a part, the printed comparison; Latvia; Bauska's fallback
    ("Tukuma novads", None, 2016, "2016-01-01", "staff", "specialists", "Tukuma novada sociālais dienests un Irlavas bērnu nams", None, 55.0, "persons", "d16", Spot("text", Location(line=503)), "55", None),
    ("Tukuma novads", None, 2016, "2016-01-01", "staff", "specialists", "Tukuma novada sociālais dienests", None, 44.0, "persons", "d16", Spot("text", Location(line=503)), "44", None),
    ("Tukuma novads", None, 2016, "2016-01-01", "staff", "specialists", "Tukuma novada sociālais dienests", "neuzskaitot pakalpojumu sniedzējus", 24.0, "persons", "d16", Spot("text", Location(line=503)), "24", None),
    ("Tukuma novads", None, 2016, "2016-01-01", "staff", "specialists", "Sociālo pakalpojumu struktūrvienības", None, 20.0, "persons", "d16", Spot("text", Location(line=437)), "20", None),
    ("Tukuma novads", None, 2016, "2016-01-01", "staff", "specialists_required", "Tukuma novada sociālais dienests", None, 32.0, "persons", "d16", Spot("text", Location(line=504)), "32", None),
    ("Tukuma novads", None, 2016, "2016-01-01", "staff", "specialists_missing", "Tukuma novada sociālais dienests", "neuzskaitot pakalpojumu sniedzējus", 8.0, "persons", "d16", Spot("text", Location(line=505)), "8", None),
    ("Latvija", "atbildējušās pašvaldības", 2017, "2017", "staff", "specialists", "sociālā darba speciālisti", None, 1360.0, "persons", "dlv", Spot("text", Location(line=26)), "1360", None),
    ("Latvija", "atbildējušās pašvaldības", 2017, "2017", "population", "residents", "iedzīvotāji", None, 1959535.0, "persons", "dlv", Spot("text", Location(line=23)), "1959535*", None),
    ("Latvija", None, 2017, "2017", "staff", "specialists_per_1000", "sociālā darba speciālisti", "SPSPL norma", 1.0, "per_1000", "dlv", Spot("text", Location(line=20)), "1", None),
    ("Bauskas novads", None, 2015, "2015", "staff", "specialists", "sociālā darba speciālisti", None, 22.0, "persons", "dbs", Spot("text", Location(line=181)), "22", None),
    ("Bauskas novads", None, 2015, "2015", "staff", "specialists", "Sociālais aprūpētājs", None, 1.0, "persons", "dbs", Spot("text", Location(line=183)), "1", None),
    ("Bauskas novads", None, 2015, "2015", "staff", "specialists_missing", "sociālie darbinieki", None, 4.0, "persons", "dbs", Spot("text", Location(line=204)), "4", None),
    ("Bauskas novads", None, 2015, "2015-01-01", "population", "residents", "iedzīvotāju skaits", None, 26016.0, "persons", "dbs", Spot("text", Location(line=204)), "26 016", None),
    # caseloads: a plain count, the pilot before and after, ranges
    ("Tukuma novads", "Tukuma pilsēta", 2015, "2015-03-31", "caseload", "active_cases", "Sociālais darbinieks #1", "SP", 290.0, "cases", "d16", Spot("2.tabula", Location(line=508)), "290", None),
    ("Tukuma novads", "Tukuma pilsēta", 2015, "2015-03-31", "caseload", "active_cases", "Sociālais darbinieks #1", "VR", 12.0, "cases", "d16", Spot("2.tabula", Location(line=508)), "12", None),
    ("Tukuma novads", "Slampe", 2015, "2015-03-31", "caseload", "active_cases", "Sociālais darbinieks", "SP (pirms pārdales)", 75.0, "cases", "d16", Spot("5. tabula", Location(line=1679)), "75", None),
    ("Tukuma novads", "Slampe/Džūkste", None, None, "caseload", "active_cases", "Sociālais darbinieks (organizē sociālo palīdzību)", "SP (pēc pārdales)", 163.0, "cases", "d16", Spot("7.tabula", Location(line=1794)), "163", None),
    ("Tukuma novads", None, 2015, "2015", "caseload", "active_cases", "psihologi", None, 53.0, "cases", "d16", Spot("text", Location(line=883)), "53", None),
    # a code with a sub-label (printed with and without a space after the slash), and with a stage too
    ("Tukuma novads", None, 2015, "2015-03-31", "caseload", "active_cases", "Sociālais darbinieks dienas centrā", "KC/ seniori", 21.0, "cases", "d16", Spot("2.tabula", Location(line=508)), "21", None),
    ("Tukuma novads", None, 2015, "2015-03-31", "caseload", "active_cases", "Sociālais darbinieks dienas centrā", "KC/bērni un jaunieši", 32.0, "cases", "d16", Spot("2.tabula", Location(line=508)), "32", None),
    ("Tukuma novads", "Slampe", 2015, "2015-03-31", "caseload", "active_cases", "Sociālais darbinieks", "KC/bērni (pirms pārdales)", 4.0, "cases", "d16", Spot("5. tabula", Location(line=1679)), "4", None),
    ("Latvija", None, 2017, "2017", "caseload", "cases_per_worker", "maksimālā robeža dažādās valstīs", "min", 20.0, "cases", "dlv", Spot("text", Location(line=56)), "20", None),
    ("Latvija", None, 2017, "2017", "caseload", "cases_per_worker", "maksimālā robeža dažādās valstīs", "max", 35.0, "cases", "dlv", Spot("text", Location(line=56)), "35", None),
    ("Tukuma novads", None, 2015, "2015", "caseload", "cases_per_worker", "pilsētā", "min", 42.0, "cases", "d16", Spot("text", Location(line=874)), "42", None),
    ("Tukuma novads", None, 2015, "2015", "caseload", "cases_per_worker", "pilsētā", "max", 290.0, "cases", "d16", Spot("text", Location(line=874)), "290", None),
    # one year printed as its second half (first) and as the whole year
    ("Tukuma novads", None, 2021, "2021-07-01..2021-12-31", "documents", "documents", "Kopā apstrādāti dokumenti", None, 14221.0, "documents", "d24", Spot("1.1. tabula", Location(page=5)), "14 221", None),
    ("Tukuma novads", None, 2021, "2021", "documents", "documents", "Kopā apstrādāti dokumenti", None, 34588.0, "documents", "d24", Spot("1.1. tabula", Location(page=5)), "34 588", None),
    # focus groups: recognition printed twice (table and chart data)
    ("Tukuma novads", None, 2015, "2015", "focus_group", "recognition", "Aprūpe mājās", None, 32.0, "count", "d16", Spot("4.tabula", Location(line=1101)), "32", None),
    ("Tukuma novads", None, 2015, "2015", "focus_group", "recognition", "Aprūpe mājās", None, 32.0, "count", "d16", Spot("chart data (recognition)", Location(line=2586)), "32", None),
    ("Tukuma novads", "Degole", 2015, "2015", "focus_group", "availability", "Aprūpe mājās", None, 5.0, "count", "d16", Spot("4.tabula", Location(line=1101)), "5", None),
]

# Named, so that a column the schema adds later takes its default.
DOCUMENT_COLUMNS = ("(document_id, file_name, sha256, municipality, kind, title, period, published, format, layout, "
                    "pages, is_primary, rendition_of, ingested_at, text)")

CASE_CODES = [("SP", "Sociālā palīdzība"), ("VR", "Valsts sociālā rehabilitācija"), ("KC", "Kopienas centrs")]


def write_warehouse(path, facts, docs=DOCS, codes=CASE_CODES):
    """A warehouse at `path` holding exactly `docs`, `facts` (rows as in FACTS) and `codes`; open for reading."""
    writer = connect(path)
    for doc_id, name, municipality, kind, primary in docs:
        writer.execute(f"INSERT INTO documents {DOCUMENT_COLUMNS} VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, 'test', NULL, ?, "
                       "NULL, now(), ?)",
                       [doc_id, name, doc_id + "sha", municipality, kind, name, "", name.split(".")[-1], primary,
                        "Pirmā rinda\nSociālā darba SLODZE ir liela\nvēl slodze un slodze\n"])
    writer.executemany("INSERT INTO facts (municipality, territory, year, period, topic, metric, category, subgroup,"
                       " value, unit, document_id, source_ref, page, line, table_label, row_label, column_label,"
                       " raw_value, flag) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       [(*fact[:11], spot.source_ref, spot.page, spot.line, spot.place, spot.row, spot.column, *fact[12:])
                        for fact in facts for spot in [fact[11]]])
    for code, meaning in codes:
        writer.execute("INSERT INTO case_codes VALUES (?, ?, 'd16')", [code, meaning])
    writer.close()
    return connect(path, read_only=True)


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    reader = write_warehouse(tmp_path_factory.mktemp("small") / "small.duckdb", FACTS)
    yield reader
    reader.close()


def test_overview_counts_what_is_there(con):
    row = queries.overview(con).iloc[0]
    assert (row["documents"], row["facts"], row["flagged"]) == (4, len(FACTS), 1)
    assert (row["first_year"], row["last_year"]) == (2014, 2025)


def test_headline_takes_the_largest_row_and_the_latest_earlier_year_of_the_same_row(con):
    figures = queries.headlines(con, "Tukuma novads", 2015).set_index(["topic", "metric"])
    spend = figures.loc[("budget", "spend")]
    assert (spend["category"], spend["value"], spend["previous_year"], spend["previous_value"]) == \
        ("Kopā", 1000.0, 2014, 900.0)
    assert spend["change"] == 100.0 and math.isclose(spend["change_pct"], 100 / 9)
    # population 2015 has no earlier year
    assert pd.isna(figures.loc[("population", "residents"), "previous_year"])


def test_headline_of_a_later_year_reaches_back_to_the_same_row_only(con):
    spend = queries.headlines(con, "Tukuma novads", 2024).set_index(["topic", "metric"]).loc[("budget", "spend")]
    assert (spend["category"], spend["previous_year"], spend["previous_value"]) == ("Aprūpe mājās", 2023, 800.0)


def test_series_keeps_one_reading_per_row_and_year_and_labels_parts(con):
    rows = queries.series(con, "Tukuma novads", "budget", "spend", "EUR")
    home_2015 = rows[(rows["label"] == "Aprūpe mājās") & (rows["year"] == 2015)]
    assert home_2015["value"].tolist() == [450.0]  # the table's reading, printed first; 451 stays in Dati
    assert rows.loc[rows["label"] == "Patversme / Nakts", "is_child"].tolist() == [True]
    limited = queries.series(con, "Tukuma novads", "budget", "spend", "EUR", 2015, 2023)
    assert sorted(limited["year"].unique()) == [2015, 2023]


def test_charts_and_headlines_take_the_whole_year_over_a_part_of_it(con):
    headline = queries.headlines(con, "Tukuma novads", 2021).set_index(["topic", "metric"])
    assert headline.loc[("documents", "documents"), "value"] == 34588.0
    rows = queries.series(con, "Tukuma novads", "documents", "documents")
    assert rows.loc[rows["year"] == 2021, ["value", "period"]].values.tolist() == [[34588.0, "2021"]]
    # the half-year stays in Dati, with its period
    both = queries.facts_slice(con, ("Tukuma novads",), ("documents",))
    assert set(zip(both["period"], both["value"])) == {("2021-07-01..2021-12-31", 14221.0), ("2021", 34588.0)}


def test_series_tells_gender_rows_from_totals_and_keeps_the_qualifier(con):
    rows = queries.series(con, "Bauskas novads", "recipients", "persons").set_index(["label", "subgroup"])
    assert rows.loc[("aprūpe mājās", "Vīrieši"), "gender"] == "Vīrieši"
    assert pd.isna(rows.loc[("aprūpe mājās", "Kopā"), "gender"])
    assert ("psihologs — bērni", "Kopā, bērni") in rows.index


def test_one_rule_gives_the_residents_figure(con):
    def residents(municipality, year, territory=None):
        found = queries.residents(con, municipality, year, territory)
        return tuple(found[["residents", "residents_year"]].iloc[0]) if not found.empty else None

    assert residents("Tukuma novads", 2025) == (45959, 2025)  # the whole, not the subset printed first
    assert residents("Tukuma novads", 2024) == (45959, 2025)  # the nearest year within one
    assert residents("Tukuma novads", 2023) is None  # two years away
    assert residents("Tukuma novads", 2014) == (31900, 2015)
    assert residents("Tukuma novads", 2015, "Degole") == (677, 2015)  # a territory has its own
    assert residents("Latvija", 2017, "atbildējušās pašvaldības") == (1959535, 2017)


def test_per_resident_values_and_staff_per_1000_use_the_same_residents(con):
    spend = queries.series(con, "Tukuma novads", "budget", "spend", "EUR", per_resident=True)
    staff = queries.staff_norm(con).set_index(["municipality", "year"]).loc[("Tukuma novads", 2024)]
    assert spend.loc[spend["year"] == 2024, "residents"].tolist() == [45959.0] == [staff["residents"]]
    assert staff["per_1000"] == pytest.approx(70 / 45.959)


def test_per_resident_divides_by_the_nearest_population_within_a_year(con):
    divided = queries.series(con, "Tukuma novads", "budget", "spend", "EUR", per_resident=True)
    kopa = divided[divided["label"] == "Kopā"].set_index("year")
    assert kopa.loc[2015, "value"] == pytest.approx(1000 / 31900)
    assert kopa.loc[2014, "residents_year"] == 2015
    assert 2023 not in divided["year"].tolist()  # 2025 is two years away
    assert divided.loc[divided["year"] == 2024, "residents_year"].tolist() == [2025]
    assert set(divided["unit"]) == {"EUR_per_resident"}


def test_year_on_year_never_compares_across_the_reform(con):
    rows = queries.series(con, "Tukuma novads", "budget", "spend", "EUR")
    table = queries.year_on_year(rows[rows["label"] == "Aprūpe mājās"]).set_index("year")
    assert table.loc[2015, "change"] == 150.0 and table.loc[2015, "change_pct"] == pytest.approx(50.0)
    assert pd.isna(table.loc[2023, "previous_year"])  # 2015 is on the other side of 2021
    assert table.loc[2024, "previous_year"] == 2023 and table.loc[2024, "change"] == 200.0


def test_spans_reform():
    assert queries.spans_reform([2015, 2024]) and queries.spans_reform([2020, 2021])
    assert not queries.spans_reform([2022, 2024]) and not queries.spans_reform([2012, 2015])
    assert not queries.spans_reform([2021])


def test_care_settings_by_service_name(con):
    rows = queries.by_setting(queries.series(con, "Bauskas novads", "recipients", "persons"))
    settings = dict(zip(rows["label"], rows["setting"]))
    assert settings == {"aprūpe mājās": "community", "ievietošana ilgstošas aprūpes institūcijā": "institutional"}


def test_likely_totals_finds_named_totals_and_subtotals():
    frame = pd.DataFrame({"label": ["Kopā", "Pakalpojumi", "A", "B", "C"], "is_child": [False] * 5,
                          "year": [2024] * 5, "value": [200.0, 100.0, 50.0, 30.0, 20.0],
                          "source_table": ["4.1. tabula"] * 5})
    assert queries.likely_totals(frame) == {"Kopā", "Pakalpojumi"}


def test_chart_rows_start_with_the_latest_main_tables_whole_rows():
    frame = pd.DataFrame({
        "label": ["Kopā", "Pakalpojumi", "A", "B", "A / daļa", "Vecs", "Teksts"],
        "is_child": [False, False, False, False, True, False, False],
        "year": [2024, 2024, 2024, 2024, 2024, 2015, 2024],
        "value": [400.0, 200.0, 120.0, 80.0, 10.0, 999.0, 500.0],
        "source_table": ["4.1. tabula"] * 5 + ["1. tabula", "text"]})
    rows, default = queries.chart_rows(frame, 6)
    assert rows[0] == "Vecs" and len(rows) == 7
    assert default == ["A", "B"]  # not the totals, not the part, not another table's or year's rows


def test_staff_norm_finds_each_documents_counting_bases(con):
    ratios = queries.staff_norm(con)
    bases = ratios[ratios["is_basis"]].set_index(["municipality", "category", "subgroup"], drop=False)
    assert set(zip(bases["municipality"], bases["specialists"])) == {
        ("Tukuma novads", 55.0), ("Tukuma novads", 44.0), ("Tukuma novads", 24.0), ("Latvija", 1360.0),
        ("Bauskas novads", 22.0), ("Tukuma novads", 70.0)}
    tukums_24 = ratios[(ratios["municipality"] == "Tukuma novads") & (ratios["specialists"] == 24.0)].iloc[0]
    assert tukums_24["residents"] == 31900 and tukums_24["residents_year"] == 2015
    assert tukums_24["per_1000"] == pytest.approx(24 / 31.9)
    assert (tukums_24["shortfall"], tukums_24["missing_printed"]) == (8, 8.0)
    latvia = ratios[ratios["municipality"] == "Latvija"].iloc[0]
    assert latvia["shortfall"] == 600  # 1 959,535 required, 1 360 there
    bauska = ratios[(ratios["municipality"] == "Bauskas novads") & ratios["is_basis"]].iloc[0]
    assert (bauska["shortfall"], bauska["missing_printed"]) == (4, 4.0)


def test_staff_norm_reference_is_the_printed_norm(con):
    norm = queries.staff_norm_reference(con)
    assert norm["value"].tolist() == [1.0] and norm["file_name"].tolist() == ["latvija_2017.txt"]


def test_caseload_positions_read_code_sub_label_and_stage_by_the_contract(con):
    # subgroup: <code>, or <code>/<sub-label>, optionally followed by " (<stage>)"
    rows = queries.caseload_positions(con)
    assert set(zip(rows["code"], rows["sub_label"], rows["stage"], rows["value"])) == {
        ("SP", "", "", 290.0), ("VR", "", "", 12.0), ("SP", "", "pirms pārdales", 75.0),
        ("SP", "", "pēc pārdales", 163.0), ("KC", "seniori", "", 21.0), ("KC", "bērni un jaunieši", "", 32.0),
        ("KC", "bērni", "pirms pārdales", 4.0)}


def test_caseload_ranges_tell_references_from_observations(con):
    ranges = queries.caseload_ranges(con)
    first = ranges.iloc[0]
    assert (first["municipality"], first["low"], first["high"], first["is_reference"]) == ("Latvija", 20, 35, True)
    assert ranges.loc[~ranges["is_reference"], ["low", "high"]].values.tolist() == [[42, 290]]


def test_focus_group_keeps_one_value_and_every_place_it_was_printed(con):
    assert queries.focus_group_municipalities(con)["municipality"].tolist() == ["Tukuma novads"]
    assert queries.focus_group(con, "recognition", "Bauskas novads").empty  # one municipality's, in SQL
    recognition = queries.focus_group(con, "recognition", "Tukuma novads")
    assert recognition["value"].tolist() == [32.0] and recognition["printed_times"].tolist() == [2]
    places = [(p["source_table"], p["page"], p["line"]) for p in recognition["places"].iloc[0]]
    assert sorted(places) == [("4.tabula", None, 1101), ("chart data (recognition)", None, 2586)]
    assert (recognition["source_table"].iloc[0], recognition["line"].iloc[0]) == ("4.tabula", 1101)


def test_facts_slice_filters_combine(con):
    rows = queries.facts_slice(con, ("Tukuma novads",), ("budget",), (), 2015, 2015, False, "")
    assert sorted(rows["value"]) == [50.0, 450.0, 451.0, 1000.0]
    assert queries.facts_slice(con, flagged_only=True)["value"].tolist() == [451.0]
    assert queries.facts_slice(con, text="degole")["territory"].unique().tolist() == ["Degole"]
    everything = queries.facts_slice(con)
    assert len(everything) == len(FACTS)  # facts without a year are there when no year range is asked


def test_search_text_finds_every_place_case_insensitively(con):
    hits = queries.search_text(con, "slodze", per_document=2)
    assert set(hits["file_name"]) == {name for _, name, *_ in DOCS}
    first = hits[hits["file_name"] == "tukums_2016.txt"]
    assert first["line"].tolist() == [2, 3] and first["matches"].tolist() == [3, 3]
    assert first["match"].iloc[0] == "SLODZE" and first["before"].iloc[0] == "Sociālā darba "
    assert queries.search_text(con, "  ").empty


def _documents_only(path, documents):
    """A warehouse reader holding only `documents`: (id, file name, format, primary, rendition of, text) rows
    of Tukuma novads' public report."""
    writer = connect(path)
    for doc_id, name, fmt, primary, rendition_of, text in documents:
        writer.execute(f"INSERT INTO documents {DOCUMENT_COLUMNS} VALUES (?, ?, ?, 'Tukuma novads', 'public report', "
                       "?, NULL, NULL, ?, 'test', NULL, ?, ?, now(), ?)",
                       [doc_id, name, doc_id + "sha", name, fmt, primary, rendition_of, text])
    writer.close()
    return connect(path, read_only=True)


@pytest.fixture(scope="module")
def report_with_rendition(tmp_path_factory):
    """A PDF whose text has three pages (form feeds) and its text rendition, holding the same words."""
    pages = ["Ievads\nsociālais darbs", "Asistenta pakalpojums piešķirts\n12 personām", "Asistentu skaits pieaug"]
    reader = _documents_only(tmp_path_factory.mktemp("search") / "search.duckdb", [
        ("pdf", "parskats.pdf", "pdf", True, None, "\f".join(pages)),
        ("txt", "parskats.txt", "txt", False, "pdf", "\n".join(pages)),
        ("ev", "izvertejums.txt", "txt", True, None, "Nav neviena asistenta\nun nav slodzes")])
    yield reader
    reader.close()


def test_search_finds_latvian_word_forms_by_their_stem(report_with_rendition):
    hits = queries.search_text(report_with_rendition, "asistents")
    assert sorted(hits["match"]) == ["Asistenta", "Asistentu", "asistenta"]
    assert queries.search_text(report_with_rendition, "slodze")["match"].tolist() == ["slodzes"]
    two_words = queries.search_text(report_with_rendition, "asistenta pakalpojumi")
    assert two_words["match"].tolist() == ["Asistenta pakalpojums"]


def test_search_lists_a_report_once_under_its_pdf_with_the_page(report_with_rendition):
    hits = queries.search_text(report_with_rendition, "asistents")
    report = hits[hits["file_name"] == "parskats.pdf"]
    assert set(hits["file_name"]) == {"parskats.pdf", "izvertejums.txt"}  # the rendition is the same report
    assert report["page"].tolist() == [2, 3] and report["line"].isna().all()
    assert hits.loc[hits["file_name"] == "izvertejums.txt", "line"].tolist() == [1]


@pytest.fixture(scope="module")
def latvian_text(tmp_path_factory):
    """One text file whose words have Latvian letters at their edges and inside them."""
    reader = _documents_only(tmp_path_factory.mktemp("letters") / "letters.duckdb", [
        ("lv", "burti.txt", "txt", True, None, "Pašvaldības ŠĶIRTĀS ģimenes; valdība lēma.\nšķirtām ģimenēm — Ēnas")])
    yield reader
    reader.close()


def test_search_tells_latvian_letters_from_word_boundaries(latvian_text):
    # "š" is a letter: "valdība" is not found inside "Pašvaldības" (an ASCII-only word class would find it)
    found = queries.search_text(latvian_text, "valdība")
    assert found[["match", "line", "before", "after"]].values.tolist() == [
        ["valdība", 1, "Pašvaldības ŠĶIRTĀS ģimenes; ", " lēma."]]
    assert found["matches"].tolist() == [1]
    # case aside in Latvian letters, every ending of the stem
    assert queries.search_text(latvian_text, "šķirta")["match"].tolist() == ["ŠĶIRTĀS", "šķirtām"]
    assert queries.search_text(latvian_text, "Ģimene")["match"].tolist() == ["ģimenes", "ģimenēm"]
    assert queries.search_text(latvian_text, "ēna")[["match", "line", "after"]].values.tolist() == [["Ēnas", 2, ""]]
    assert queries.search_text(latvian_text, "šķirtās ģimenes")["match"].tolist() == ["ŠĶIRTĀS ģimenes",
                                                                                       "šķirtām ģimenēm"]


def test_search_reads_no_document_text_out_of_the_warehouse(report_with_rendition, monkeypatch):
    read = []
    original = queries._df
    monkeypatch.setattr(queries, "_df", lambda *a, **k: read.append(original(*a, **k)) or read[-1])
    assert len(queries.search_text(report_with_rendition, "asistents")) == 3
    assert read and all("text" not in frame.columns for frame in read)


def test_table_refuses_names_outside_the_package(con):
    with pytest.raises(ValueError):
        queries.table(con, "facts; DROP TABLE facts")


def test_infinite_and_undefined_values_are_left_out_of_what_is_charted(tmp_path):
    absurd = [
        ("Tukuma novads", None, 2024, "2024", "budget", "spend", "Kopā", None, 1000.0, "EUR", "d24", Spot("4.1. tabula", Location(page=15)), "1 000", None),
        ("Tukuma novads", None, 2024, "2024", "budget", "spend", "nan", None, math.nan, "EUR", "d24", Spot("4.1. tabula", Location(page=15)), "nan", None),
        ("Tukuma novads", None, 2024, "2024", "budget", "spend", "inf", None, math.inf, "EUR", "d24", Spot("4.1. tabula", Location(page=15)), "inf", None),
        ("Tukuma novads", None, 2024, "2024", "staff", "specialists", "speciālisti", None, math.inf, "persons", "d24", Spot("text", Location(page=3)), "inf", None),
        ("Tukuma novads", None, 2024, "2024", "staff", "specialists", "speciālisti", None, 40.0, "persons", "d24", Spot("text", Location(page=3)), "40", None),
        ("Tukuma novads", None, 2024, "2024", "population", "residents", "iedzīvotāji", None, 40000.0, "persons", "d24", Spot("text", Location(page=2)), "40 000", None),
        ("Tukuma novads", None, 2024, "2024", "focus_group", "recognition", "nan", None, math.nan, "count", "d24", Spot("text", Location(page=4)), "nan", None),
    ]
    reader = write_warehouse(tmp_path / "absurd.duckdb", absurd)
    try:
        spend = queries.headlines(reader, "Tukuma novads", 2024).set_index(["topic", "metric"]).loc[("budget", "spend")]
        assert (spend["category"], spend["value"]) == ("Kopā", 1000.0)
        assert queries.series(reader, "Tukuma novads", "budget", "spend", "EUR")["label"].tolist() == ["Kopā"]
        assert queries.staff_norm(reader)["specialists"].tolist() == [40.0]
        assert queries.focus_group(reader, "recognition", "Tukuma novads").empty
        assert len(queries.facts_slice(reader)) == len(absurd)  # Dati keeps every value as stored
    finally:
        reader.close()


# --------------------------------------------------------------------------- the real warehouse

@pytest.fixture(scope="module")
def real(warehouse_db):
    reader = connect(warehouse_db, read_only=True)
    yield reader
    reader.close()


def test_real_warehouse_has_the_six_counting_bases_the_issue_names(real):
    bases = queries.staff_norm(real)
    bases = bases[bases["is_basis"]]
    counted = set(zip(bases["municipality"], bases["year"]))
    assert {("Tukuma novads", 2016), ("Bauskas novads", 2015), ("Latvija", 2017), ("Tukuma novads", 2024)} <= counted
    assert (bases["municipality"] == "Tukuma novads").sum() >= 4  # 2016 in three bases, 2024 in one
    assert ((bases["per_1000"] > 0) & (bases["per_1000"] < 5)).all()


def test_real_warehouse_gives_the_reference_band_and_the_pilot(real):
    band = queries.caseload_ranges(real)
    band = band[band["is_reference"]].iloc[0]
    assert (band["low"], band["high"]) == (20, 35)
    positions = queries.caseload_positions(real)
    assert len(set(positions["stage"]) - {""}) >= 2  # before and after the redistribution
    # two day-centre workers, told apart (#1, #2), in the providers' units
    centre = positions[positions["position"].str.startswith("Sociālais darbinieks dienas centrā")]
    assert set(centre["position"]) == {"Sociālais darbinieks dienas centrā #1", "Sociālais darbinieks dienas centrā #2"}
    assert set(centre["territory"]) == {"Sociālo pakalpojumu sniedzēju struktūrvienības"}
    assert {("KC", "seniori"), ("KC", "bērni un jaunieši")} <= set(zip(centre["code"], centre["sub_label"]))


def test_the_country_is_not_counted_as_a_municipality(real):
    # Tukums, Bauska and Aizkraukle (the LPS article); Latvija's figures are the country's
    assert queries.overview(real).iloc[0]["municipalities"] == 3


def test_real_warehouse_divides_tukums_2024_by_its_whole_population(real):
    # the 2024 report prints 45 959 residents and, beside them, the 45 028 who declared their address there
    spend = queries.series(real, "Tukuma novads", "budget", "spend", "EUR", 2024, 2024, per_resident=True)
    staff = queries.staff_norm(real)
    staff = staff[(staff["municipality"] == "Tukuma novads") & (staff["year"] == 2024)]
    assert set(spend["residents"]) == {45959.0} and set(staff["residents"]) == {45959.0}


def test_an_item_larger_than_the_rest_together_is_not_a_total():
    frame = pd.DataFrame({"label": ["Mājokļa pabalsts", "GMI", "Krīzes", "Veselība"], "is_child": [False] * 4,
                          "year": [2024] * 4, "value": [796.0, 260.0, 24.0, 30.0],
                          "source_table": ["3.1. tabula"] * 4})
    assert queries.likely_totals(frame) == set()


def test_chart_rows_start_with_the_table_of_the_largest_items():
    big = [("Mājokļa pabalsts", 796.0), ("GMI", 260.0), ("Krīzes", 24.0)]
    small = [(f"Dāvana {i}", 10.0 + i) for i in range(6)]
    frame = pd.DataFrame([{"label": l, "value": v, "source_table": "3.1. tabula"} for l, v in big]
                         + [{"label": l, "value": v, "source_table": "3.3. tabula"} for l, v in small])
    frame = frame.assign(is_child=False, year=2024)
    assert queries.chart_rows(frame, 6)[1] == ["Mājokļa pabalsts", "GMI", "Krīzes"]


def test_real_warehouse_social_assistance_spend_starts_with_housing_benefit_and_gmi(real):
    rows = queries.series_rows(real, "Tukuma novads", "social_assistance", "spend", "EUR", how_many=6, gender=True)
    default = rows.loc[rows["is_default"], "label"].tolist()
    assert default[:2] == ["Mājokļa pabalsts", "Pabalsts garantētā minimālā ienākuma nodrošināšanai"]


def test_availability_is_a_share_of_the_parishs_participants(tmp_path):
    rows = [
        ("Tukuma novads", "Degole", 2015, "2015", "focus_group", "availability", "Aprūpe mājās", None, 5.0, "count", "d16", Spot("4.tabula", Location(line=1101)), "5", None),
        ("Tukuma novads", "Pūre", 2015, "2015", "focus_group", "availability", "Aprūpe mājās", None, 5.0, "count", "d16", Spot("4.tabula", Location(line=1101)), "5", None),
        ("Tukuma novads", "Degole", 2015, "2015", "focus_group", "respondents", "respondenti", None, 10.0, "persons", "d16", Spot("4.tabula", Location(line=1120)), "10", None),
        ("Tukuma novads", "Pūre", 2015, "2015", "focus_group", "respondents", "respondenti", None, 20.0, "persons", "d16", Spot("4.tabula", Location(line=1120)), "20", None),
    ]
    reader = write_warehouse(tmp_path / "focus.duckdb", rows)
    try:
        shares = queries.focus_group(reader, "availability", "Tukuma novads").set_index("territory")
    finally:
        reader.close()
    # the same five answers are half of Degole's participants and a quarter of Pūre's
    assert shares["share"].to_dict() == {"Degole": 50.0, "Pūre": 25.0}
    assert shares["respondents"].to_dict() == {"Degole": 10.0, "Pūre": 20.0}


def test_a_sum_the_text_gives_for_a_tables_items_is_a_total():
    frame = pd.DataFrame({"label": ["Mājokļa pabalsts", "GMI", "Krīzes", "Sociālā palīdzība", "Ukrainai"],
                          "is_child": [False] * 5, "year": [2024] * 5,
                          "value": [796.0, 260.0, 24.0, 1060.0, 35.0],
                          "source_table": ["3.1. tabula"] * 3 + ["text"] * 2})
    assert queries.likely_totals(frame) == {"Sociālā palīdzība"}


def test_a_dati_slice_is_counted_and_cut_to_a_page_in_sql(con):
    everything = queries.facts_slice(con)
    assert queries.facts_count(con)["facts"].iloc[0] == len(everything) == len(FACTS)
    page = queries.facts_slice(con, ("Tukuma novads",), ("budget",), limit=3)
    assert page["fact_id"].tolist() == queries.facts_slice(con, ("Tukuma novads",), ("budget",))["fact_id"].tolist()[:3]
    assert queries.facts_count(con, ("Tukuma novads",), ("budget",), (), 2015, 2015)["facts"].iloc[0] == 4


# --------------------------------------------------------------------------- indicators

@pytest.fixture(scope="module")
def indicated(tmp_path_factory):
    """The small warehouse with an indicator on the home-care rows of the budget (ids of the catalogue)."""
    path = tmp_path_factory.mktemp("indicated") / "small.duckdb"
    write_warehouse(path, FACTS).close()
    writer = connect(path)
    writer.execute("UPDATE facts SET indicator = 'home_care_spend' WHERE topic = 'budget' AND category = 'Aprūpe mājās'")
    writer.execute("UPDATE facts SET indicator = 'residents' WHERE topic = 'population' AND subgroup IS NULL")
    writer.close()
    reader = connect(path, read_only=True)
    yield reader
    reader.close()


def test_a_dati_slice_filters_by_indicator_in_sql_and_names_it_in_both_languages(indicated):
    rows = queries.facts_slice(indicated, indicators=("home_care_spend",))
    assert sorted(rows["value"]) == [300.0, 450.0, 451.0, 800.0, 1000.0]
    assert set(rows["indicator_name_lv"]) == {"Aprūpe mājās: izlietotie līdzekļi"}
    assert set(rows["indicator_name_en"]) == {"Home care: spend"}
    columns = rows.columns.tolist()
    assert columns[columns.index("indicator"):columns.index("indicator") + 3] == \
        ["indicator", "indicator_name_lv", "indicator_name_en"]
    assert queries.facts_count(indicated, ("Tukuma novads",), (), (), 2015, 2015,
                               indicators=("home_care_spend", "residents"))["facts"].iloc[0] == 4
    # a fact without an indicator has no names, and no indicator asked for is no filter
    everything = queries.facts_slice(indicated)
    assert len(everything) == len(FACTS)
    assert everything.loc[everything["indicator"].isna(), "indicator_name_lv"].isna().all()


def test_facets_and_the_catalogue_give_the_indicator_filter_its_options(indicated):
    facets = queries.fact_facets(indicated)
    budget = facets[(facets["municipality"] == "Tukuma novads") & (facets["topic"] == "budget")]
    assert budget[["indicator", "facts"]].fillna("-").values.tolist() == [["home_care_spend", 5], ["-", 3]]
    chosen = queries.indicators(indicated, ("residents", "home_care_spend"))
    assert chosen[["indicator", "indicator_group"]].values.tolist() == [["residents", "population"],
                                                                         ["home_care_spend", "services"]]
    assert chosen["definition_en"].str.len().gt(0).all()
    assert len(queries.indicators(indicated)) > 100  # the whole catalogue when none is asked for


def test_the_package_facts_carry_the_indicator_id_and_its_names_as_the_dictionary_says(indicated):
    facts = queries.table(indicated, "facts")
    assert facts.columns.tolist()[-2:] == ["indicator_name_lv", "indicator_name_en"]
    assert set(facts.loc[facts["indicator"] == "residents", "indicator_name_en"]) == {"Residents"}
    described = queries.table_columns(indicated)
    facts_columns = described[described["table_name"] == "facts"]["column_name"].tolist()
    assert facts_columns == facts.columns.tolist()


def test_series_rows_carry_their_indicator(indicated):
    rows = queries.series(indicated, "Tukuma novads", "budget", "spend", "EUR")
    assert set(rows.loc[rows["label"] == "Aprūpe mājās", "indicator"]) == {"home_care_spend"}
    assert rows.loc[rows["label"] == "Kopā", "indicator"].isna().all()


def test_results_keep_the_column_types_the_pages_rely_on(con):
    # Read through Arrow, which would make an integer column with NULLs float and a date a Python object.
    facts = queries.facts_slice(con)
    assert str(facts["year"].dtype) == "Int32" and facts["year"].isna().any()  # a caseload without a year
    assert str(facts["page"].dtype) == "Int32" and str(facts["line"].dtype) == "Int32"
    assert facts.loc[facts["category"] == "Kopā", "line"].tolist() == [10, 10]
    assert facts["value"].dtype == "float64" and facts["fact_id"].dtype == "int64"
    assert isinstance(facts["municipality"].dtype, pd.StringDtype)
    assert isinstance(queries.documents(con)["title"].dtype, pd.StringDtype)
    municipalities = queries.table(con, "municipalities")
    assert str(municipalities["valid_from"].dtype) == "datetime64[us]"
    assert municipalities.loc[municipalities["municipality"] == "Tukuma novads", "valid_from"].min() \
        == pd.Timestamp("2009-07-01")
    # the count of a facet, never NULL, stays a plain integer
    assert queries.fact_facets(con)["facts"].dtype == "int64"


def test_caseload_and_staff_queries_read_only_the_chosen_municipalities(con):
    assert queries.caseload_positions(con, ("Bauskas novads",)).empty
    assert set(queries.caseload_positions(con, ("Tukuma novads",))["municipality"]) == {"Tukuma novads"}
    ranges = queries.caseload_ranges(con, ("Bauskas novads",))
    assert ranges[["municipality", "is_reference"]].values.tolist() == [["Latvija", True]]  # the reference stays
    assert len(queries.caseload_ranges(con, ("Tukuma novads",))) == 2
    staff = queries.staff_norm(con, ("Bauskas novads", "Latvija"))
    assert set(staff["municipality"]) == {"Bauskas novads", "Latvija"}
    assert queries.staff_municipalities(con).values.tolist() == [
        ["Tukuma novads", 5], ["Bauskas novads", 2], ["Latvija", 1]]
    assert queries.caseload_municipalities(con)["municipality"].tolist() == ["Tukuma novads", "Latvija"]


def test_case_codes_count_their_cases_over_the_warehouse(con):
    cases = queries.case_codes(con).set_index("code")["cases"]
    assert cases.to_dict() == {"KC": 21 + 32 + 4, "SP": 290 + 75 + 163, "VR": 12}


def test_flagged_values_are_counted_and_cut_to_a_page_in_sql(con):
    assert queries.quality_count(con)["flagged"].tolist() == [1]
    assert queries.quality(con, municipality="Tukuma novads", limit=5)["read_as"].tolist() == [451.0]
    assert queries.quality(con, municipality="Bauskas novads").empty
    assert queries.quality_count(con, "tukums_2024.pdf")["flagged"].tolist() == [0]
    assert queries.quality(con, limit=0).empty
    assert queries.documents(con, "Bauskas novads")[["file_name", "facts"]].values.tolist() == [["bauska_2015.md", 9]]
