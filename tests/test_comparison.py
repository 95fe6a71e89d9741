"""The comparison of municipalities on one indicator: the dashboard's cached loading of a query function, the
queries of warehouse/comparison.py on the seed warehouse and on a small national-scale copy of it."""
from __future__ import annotations

import json
import shutil
import sys
import types

import pandas as pd
import pytest

from dashboard import db
from dashboard.colours import OTHER, municipality_colour
from warehouse import WarehouseError, comparison, connect, queries
from warehouse.scaled import scale_to_nation, value_factor


@pytest.fixture()
def seed_db(warehouse_db, monkeypatch):
    monkeypatch.setenv("SOCDASH_DB", str(warehouse_db))
    return warehouse_db


# --------------------------------------------------------------------------- dashboard.db.load

def test_load_takes_a_query_function(seed_db):
    overview = db.load(queries.overview)
    assert int(overview["facts"].iloc[0]) == 1909


def test_load_caches_a_function_by_its_module_and_name(seed_db, monkeypatch):
    calls = []

    def count_facts(con, topic):
        calls.append(topic)
        return con.execute("SELECT count(*) AS facts FROM facts WHERE topic = ?", [topic]).df()

    # Two functions of one name in two modules are two queries; the same call again is a cache hit.
    first = types.ModuleType("comparison_probe_a")
    second = types.ModuleType("comparison_probe_b")
    for module in (first, second):
        monkeypatch.setitem(sys.modules, module.__name__, module)
        function = types.FunctionType(count_facts.__code__, count_facts.__globals__, "count_facts",
                                      closure=count_facts.__closure__)
        function.__module__, function.__qualname__ = module.__name__, "count_facts"
        module.count_facts = function
    db.load(first.count_facts, "budget")
    db.load(first.count_facts, "budget")
    db.load(second.count_facts, "budget")
    assert calls == ["budget", "budget"]


def test_a_failing_query_function_raises_a_warehouse_error(seed_db):
    with pytest.raises(WarehouseError, match="cannot read the warehouse"):
        db.load(_no_such_table)


def _no_such_table(con):
    return con.execute("SELECT * FROM no_such_table").df()


# --------------------------------------------------------------------------- warehouse.comparison, seed warehouse

@pytest.fixture(scope="module")
def seed_con(warehouse_db):
    con = connect(warehouse_db, read_only=True)
    yield con
    con.close()


def _row(frame, municipality, year):
    rows = frame[(frame["municipality"] == municipality) & (frame["year"] == year)]
    assert len(rows) == 1, rows
    return rows.iloc[0]


def test_comparable_indicators_count_municipalities_not_the_country(seed_con):
    found = comparison.comparable_indicators(seed_con).set_index("indicator")
    # social workers are counted by Bauska, Tukums and the 2017 national survey: two municipalities
    assert found.loc["social_workers", "municipalities"] == 2
    assert found.loc["social_assistance_recipients", ["municipalities", "first_year", "last_year"]].tolist() == \
        [2, 2012, 2024]
    assert "persons_in_cases" not in found.index  # only the country gives it
    assert found["municipalities"].is_monotonic_decreasing


def test_counts_and_amounts_come_before_shares_given_by_as_many_municipalities(seed_con):
    """The first indicator is the page's default: of those the most municipalities give, a count or an
    amount (one that can be divided by residents) before a share such as the budget's."""
    found = comparison.comparable_indicators(seed_con)
    two = found[found["municipalities"] == 2]
    assert two["indicator"].iloc[-1] == "budget_share" and two["per_resident"].iloc[:-1].all()
    assert two["years"].iloc[:-1].is_monotonic_decreasing


def test_one_value_per_municipality_and_year_the_whole_before_its_parts(seed_con):
    values = comparison.indicator_values(seed_con, "social_assistance_recipients")
    assert not values.duplicated(["municipality", "year"]).any()
    assert set(values["municipality"]) == {"Bauskas novads", "Tukuma novads"}
    # Tukums 2024: "Sociālā palīdzība" 1 811 persons, the sentence on page 12, not one of its nine sub-groups
    tukums = _row(values, "Tukuma novads", 2024)
    assert (tukums["value"], tukums["readings"], tukums["page"]) == (1811, 10, 12)
    assert pd.isna(tukums["subgroup"])
    assert tukums["file_name"] == "tukuma_novads_2024_publiskais_parskats.pdf" and tukums["raw_value"] == "1811"
    # Bauska 2012: the total 2 505 (line 652), not adults 1 626 or children 869
    bauska = _row(values, "Bauskas novads", 2012)
    assert (bauska["value"], bauska["line"], bauska["readings"]) == (2505, 652, 3)


def test_the_largest_of_several_whole_facts_is_taken(tmp_path):
    """Two facts of one indicator without a sub-group in one year (a total and its part printed as rows of
    their own): the total."""
    con = _made_up_warehouse(tmp_path, [("Ogres novads", 2022, "Sociālā palīdzība: pieaugušie", None, 40.0),
                                         ("Ogres novads", 2022, "Sociālā palīdzība kopā", None, 100.0),
                                         ("Ogres novads", 2022, "Sociālā palīdzība kopā", "sievietes", 120.0)])
    values = comparison.indicator_values(con, "social_assistance_recipients")
    assert values[["category", "value", "readings"]].values.tolist() == [["Sociālā palīdzība kopā", 100.0, 3]]


def test_per_1000_residents_and_the_years_without_residents(seed_con):
    values = comparison.indicator_values(seed_con, "social_assistance_recipients", per="1000")
    bauska = _row(values, "Bauskas novads", 2014)
    # 2 140 persons / 26 016 residents (1.1.2015, the nearest year within one) × 1 000
    assert bauska["value"] == pytest.approx(2140 / 26.016) and bauska["residents_year"] == 2015
    assert bauska["unit"] == "per_1000" and bauska["printed_value"] == 2140
    assert _row(values, "Tukuma novads", 2024)["value"] == pytest.approx(1811 / 45.959)
    missing = values[values["value"].isna()]
    assert sorted(zip(missing["municipality"], missing["year"])) == [("Bauskas novads", 2012), ("Bauskas novads", 2013)]
    per_head = comparison.indicator_values(seed_con, "social_assistance_recipients", per="resident")
    assert _row(per_head, "Bauskas novads", 2014)["value"] == pytest.approx(2140 / 26016)
    assert set(per_head["unit"]) == {"persons_per_resident"}


def test_an_indicator_that_cannot_be_divided_by_residents_is_not(seed_con):
    assert comparison.indicator_values(seed_con, "budget_share", per="1000")["value"].isna().all()
    with pytest.raises(ValueError):
        comparison.indicator_values(seed_con, "budget_share", per="1000; DROP TABLE facts")


def test_change_and_index_within_a_series(seed_con):
    values = comparison.indicator_values(seed_con, "social_assistance_recipients")
    bauska = _row(values, "Bauskas novads", 2013)
    assert bauska["previous_year"] == 2012 and bauska["change_pct"] == pytest.approx(100 * (2159 - 2505) / 2505)
    assert bauska["index"] == pytest.approx(100 * 2159 / 2505)
    assert _row(values, "Bauskas novads", 2012)["index"] == 100
    # Bauska's years before 2021 are the municipality before the reform; Tukums 2024 starts its own series
    assert _row(values, "Bauskas novads", 2014)["before_reform"]
    tukums = _row(values, "Tukuma novads", 2024)
    assert not tukums["before_reform"] and tukums["index"] == 100 and pd.isna(tukums["previous_year"])


def test_no_change_across_the_reform_and_a_new_index_after_it(tmp_path):
    rows = [("Tukuma novads", year, "Sociālā palīdzība kopā", None, value)
            for year, value in ((2019, 100.0), (2020, 110.0), (2021, 200.0), (2022, 220.0))]
    rows += [("Rīga", year, "Sociālā palīdzība kopā", None, value) for year, value in ((2020, 10.0), (2022, 20.0))]
    con = _made_up_warehouse(tmp_path, rows)
    values = comparison.indicator_values(con, "social_assistance_recipients").sort_values(["municipality", "year"])
    tukums = values[values["municipality"] == "Tukuma novads"]
    assert tukums["before_reform"].tolist() == [True, True, False, False]
    assert tukums["change_pct"].round(6).tolist()[1] == 10.0
    assert tukums["previous_year"].isna().tolist() == [True, False, True, True]
    assert tukums["index"].tolist() == [100.0, 110.0, 100.0, 110.0]
    # Riga's territory did not change: one series, its index runs on; a change across the reform is never given
    riga = values[values["municipality"] == "Rīga"]
    assert riga["before_reform"].tolist() == [False, False] and riga["index"].tolist() == [100.0, 200.0]
    assert riga["change_pct"].isna().all()


def test_ranks_and_the_reference_band(tmp_path):
    rows = [(m, 2023, "Sociālā palīdzība kopā", None, v)
            for m, v in (("Ogres novads", 10.0), ("Rīga", 40.0), ("Cēsu novads", 20.0), ("Talsu novads", 30.0),
                         ("Latvija", 1000.0))]
    con = _made_up_warehouse(tmp_path, rows)
    values = comparison.indicator_values(con, "social_assistance_recipients")
    assert values[["municipality", "rank"]].values.tolist() == [
        ["Rīga", 1], ["Talsu novads", 2], ["Cēsu novads", 3], ["Ogres novads", 4]]
    band = comparison.reference_band(con, "social_assistance_recipients")
    assert band[["year", "q1", "median", "q3", "municipalities"]].values.tolist() == [[2023, 17.5, 25.0, 32.5, 4]]
    some = comparison.reference_band(con, "social_assistance_recipients", ("Ogres novads", "Cēsu novads"))
    assert some["median"].tolist() == [15.0]
    with pytest.raises(ValueError):
        comparison.reference_band(con, "social_assistance_recipients", measure="value); DROP TABLE facts; --")


def test_municipality_groups_by_level_and_size(seed_con):
    groups = comparison.municipality_groups(seed_con).set_index("municipality")
    assert len(groups) == 43 and (groups["level"] == "valstspilsēta").sum() == 7
    assert (groups["level"] == "novads").sum() == 36
    # Tukums: 45 959 residents (1.1.2025); Bauska: 26 016 (1.1.2015)
    assert groups.loc["Tukuma novads", ["residents", "size_group"]].tolist() == [45959, "30000_60000"]
    assert groups.loc["Bauskas novads", ["residents_year", "size_group"]].tolist() == [2015, "15000_30000"]
    assert pd.isna(groups.loc["Rīga", "size_group"])


# --------------------------------------------------------------------------- a small national-scale copy

def test_a_national_copy_compares_every_municipality_on_the_seed_values(warehouse_db, tmp_path):
    db = tmp_path / "national.duckdb"
    shutil.copy(warehouse_db, db)
    con = connect(db)
    names = ["Cēsu novads", "Ogres novads", "Rīga", "Talsu novads", "Tukuma novads", "Valmieras novads"]
    try:
        scale_to_nation(con, names, 4)
        values = comparison.indicator_values(con, "social_assistance_recipients", year_from=2024, year_to=2025)
        # every copy of the 2024 public report's year, and its shift by one year
        assert sorted(set(values["municipality"])) == names and set(values["year"]) == {2024, 2025}
        # each copy's 1 811 recipients scaled by its municipality's factor, rounded to whole persons
        in_2024 = values[values["year"] == 2024].set_index("municipality")["value"]
        assert in_2024.to_dict() == {name: round(1811 * value_factor(i, len(names))) for i, name in enumerate(names)}
        assert values.groupby("year")["rank"].max().tolist() == [6, 6]  # no ties
        band = comparison.reference_band(con, "social_assistance_recipients", year_from=2024, year_to=2025)
        assert band["municipalities"].tolist() == [6, 6]
        found = comparison.comparable_indicators(con).set_index("indicator")
        assert found.loc["social_assistance_recipients", "municipalities"] == 6
    finally:
        con.close()


def _made_up_warehouse(tmp_path, rows):
    """A warehouse of made-up social-assistance recipient counts: (municipality, year, category, subgroup,
    value) rows of one made-up document."""
    con = connect(tmp_path / "made_up.duckdb")
    con.execute("""INSERT INTO documents (document_id, file_name, sha256, municipality, kind, format, layout,
                                          is_primary, ingested_at)
                   VALUES ('d1', 'made_up.txt', 'x', 'Ogres novads', 'upload', 'txt', 'upload', true, now())""")
    for line, (municipality, year, category, subgroup, value) in enumerate(rows, 1):
        con.execute("""INSERT INTO facts (municipality, year, period, topic, metric, category, indicator, subgroup,
                                          value, unit, document_id, source_ref, line, table_label, raw_value)
                       VALUES (?, ?, ?, 'social_assistance', 'persons', ?, 'social_assistance_recipients', ?, ?,
                               'persons', 'd1', ?, ?, 'text', ?)""",
                    [municipality, year, str(year), category, subgroup, value, f"line {line}", line, str(value)])
    return con


# --------------------------------------------------------------------------- the page (AppTest)

PAGE = "pages/salidzinajums.py"


@pytest.fixture()
def page_on(monkeypatch):
    """Opens the page on a warehouse, as a reader opening its address with its parameters."""
    from test_app_pages import open_page

    def open_on(db, language="lv", **params):
        monkeypatch.setenv("SOCDASH_DB", str(db))
        return open_page(PAGE, language, **params)

    return open_on


def _charts(app):
    return [json.loads(chart.proto.spec) for chart in app.get("plotly_chart")]


def _captions(app):
    from test_app_pages import captions

    return captions(app)


@pytest.mark.parametrize("language", ["lv", "en"])
def test_the_page_on_the_seed_draws_both_municipalities_over_the_years(warehouse_db, page_on, language):
    app = page_on(warehouse_db, language, raditajs="social_assistance_recipients")
    # no year that two municipalities give: the lines, not a ranking of one
    (spec,) = _charts(app)
    names = [trace["meta"] for trace in spec["data"]]
    before = {"lv": "Bauskas novads (līdz 2021)", "en": "Bauskas novads (Bauska municipality) (before 2021)"}
    assert before[language] in names and len(names) == 2
    assert any(shape.get("x0") == 2021.5 for shape in spec["layout"]["shapes"])  # the reform marked
    assert ("Sociālā palīdzība kopā" if language == "lv" else "Social assistance in total") in \
        spec["layout"]["title"]["text"]
    assert ("Avots:" if language == "lv" else "Source:") in _captions(app)
    assert "Latvija" not in " ".join(names)


def test_a_link_opens_a_ranking_per_1000_residents_with_my_municipality_highlighted(warehouse_db, tmp_path, page_on):
    db = tmp_path / "national.duckdb"
    shutil.copy(warehouse_db, db)
    con = connect(db)
    scale_to_nation(con, ["Cēsu novads", "Ogres novads", "Rīga", "Talsu novads", "Tukuma novads", "Valmieras novads"], 4)
    con.close()
    app = page_on(db, "lv", raditajs="social_assistance_recipients", skats="rangs", uz="1000", gads="2025",
                  mana="Ogres novads")
    (spec,) = _charts(app)
    assert "2025" in spec["layout"]["title"]["text"] and "uz 1 000 iedzīvotāju" in spec["layout"]["title"]["text"]
    bars = {trace["meta"]: trace for trace in spec["data"]}
    assert set(bars) == {"Ogres novads", "citi"}
    assert bars["Ogres novads"]["marker"]["color"] == municipality_colour("Ogres novads")
    assert bars["citi"]["marker"]["color"] == OTHER and len(bars["citi"]["x"]) == 5
    # Tukums' 2024 report shifted by a year: 1 811 recipients and 45 959 residents (the 2025 figure, itself
    # shifted), each scaled by Ogres' factor (the second of six) and rounded to whole persons
    factor = value_factor(1, 6)
    assert bars["Ogres novads"]["x"] == [pytest.approx(round(1811 * factor) / (round(45959 * factor) / 1000))]
    # the band of all six and the median
    assert [s["type"] for s in spec["layout"]["shapes"]] == ["rect", "line"]
    app.toggle(key="salidzinajums_table").set_value(True).run()
    table = app.dataframe[0].value
    assert len(table) == 6 and {"Vieta", "Nodrukātā vērtība", "Iedzīvotāji", "Fails"} <= set(table.columns)


def test_the_state_cities_group_and_the_index_over_the_years(warehouse_db, tmp_path, page_on):
    db = tmp_path / "national.duckdb"
    shutil.copy(warehouse_db, db)
    con = connect(db)
    scale_to_nation(con, ["Jelgava", "Rīga", "Tukuma novads"], 3)
    con.close()
    app = page_on(db, "en", raditajs="social_assistance_recipients", grupa="valstspilsetas", skats="indekss",
                  mana="Tukuma novads")
    (spec,) = _charts(app)
    assert "index (first year = 100)" in spec["layout"]["title"]["text"]
    names = {trace["meta"] for trace in spec["data"]}
    # the two state cities and my municipality, which is not one, beside them; its years before 2021 apart
    assert {"Jelgava (Jelgava)", "Rīga (Riga)", "Tukuma novads (Tukums municipality)",
            "Tukuma novads (Tukums municipality) (before 2021)"} <= names
    assert [trace["y"][0] for trace in spec["data"]] == [100.0] * len(spec["data"])
    assert [s["type"] for s in spec["layout"]["shapes"][:2]] == ["path", "path"]  # the band of the two cities
    assert "The chart spans the administrative-territorial reform" in _captions(app)


def test_the_page_without_residents_lists_what_it_cannot_divide(warehouse_db, page_on):
    app = page_on(warehouse_db, "lv", raditajs="social_assistance_recipients", uz="iedz")
    assert "Bez iedzīvotāju skaita (±1 gads), tāpēc nav attēlotas: Bauskas novads (2012, 2013)." in _captions(app)


def test_the_page_of_the_hostile_municipality_shows_its_name_literally(warehouse_db, tmp_path_factory, page_on):
    import hostile_warehouse
    from test_app_hostile import assert_escaped

    db = hostile_warehouse.build(warehouse_db, tmp_path_factory.mktemp("hostile") / "hostile.duckdb")
    for view in ("rangs", "gadi"):
        assert_escaped(page_on(db, "en", raditajs=hostile_warehouse.INDICATOR, mana=hostile_warehouse.MUNICIPALITY,
                               skats=view))


def test_the_coverage_of_an_indicator_is_its_municipalities_and_years(seed_con):
    covered = comparison.indicator_coverage(seed_con, "social_assistance_recipients")
    assert list(covered.itertuples(index=False, name=None)) == [
        ("Bauskas novads", 2012), ("Bauskas novads", 2013), ("Bauskas novads", 2014), ("Tukuma novads", 2024)]


# --------------------------------------------------------------------------- colours and chart marks

def test_a_municipality_keeps_its_colour_whatever_is_charted_beside_it():
    from dashboard import colours

    names = ["Tukuma novads", "Bauskas novads", "Rīga", "Ogres novads", "Cēsu novads", "Daugavpils"]
    assert [colours.municipality_colour(n) for n in names] == [colours.municipality_colour(n) for n in names[::-1]][::-1]
    # CRC-32 of the UTF-8 name over the seven colours: fixed values, the same in every process
    assert colours.municipality_colour("Tukuma novads") == "#E69F00"
    assert colours.municipality_colour("Ogres novads") == "#0072B2"
    assert {colours.municipality_colour(n) for n in names} <= set(colours.PALETTE) - {"#F0E442"}


def test_the_year_band_and_the_median_are_drawn_under_the_data():
    from dashboard import charts

    frame = pd.DataFrame({"year": [2022, 2023], "label": ["A", "A"], "value": [1.0, 2.0]})
    layout = charts.bars_by_year(frame, title="t", unit=None, lang="lv", mode="lines",
                                 marks=(("year_band", (2022, 2023), (1.0, 1.5), (2.0, 2.5), (3.0, 3.5), "josla"),)
                                 ).to_plotly_json()["layout"]
    band, median = layout["shapes"]
    assert band["path"] == "M2022.0,3.0 L2023.0,3.5 L2023.0,1.5 L2022.0,1.0 Z" and band["layer"] == "below"
    assert median["path"] == "M2022.0,2.0 L2023.0,2.5" and median["line"]["dash"] == "dash"
    assert [a["text"] for a in layout["annotations"]] == ["josla"]
    # one year: a short band around it
    lone = charts.bars_by_year(frame.head(1), title="t", unit=None, lang="lv", mode="lines",
                               marks=(("year_band", (2022,), (1.0,), (2.0,), (3.0,), ""),)).to_plotly_json()["layout"]
    assert lone["shapes"][0]["path"] == "M2021.7,3.0 L2022.3,3.0 L2022.3,1.0 L2021.7,1.0 Z" and not lone["annotations"]
    bars = charts.horizontal_bars(pd.DataFrame({"row": ["a", "b"], "value": [1.0, 3.0]}), y="row", title="t",
                                  unit=None, lang="lv", marks=(("band", 1.5, 2.5, ""), ("median", 2.0, "")))
    rect, line = bars.to_plotly_json()["layout"]["shapes"]
    assert (rect["x0"], rect["x1"], line["x0"], line["line"]["color"]) == (1.5, 2.5, 2.0, rect["fillcolor"])


# --------------------------------------------------------------------------- the size groups seed

HEADER = "group,name_lv,name_en,min_residents\n"


@pytest.mark.parametrize("body, message", [
    ("small,mazās,small,0\nsmall,lielās,large,100\n", "size_groups.csv line 3, group: 'small' is given twice"),
    ("small,mazās,small,0\nlarge,lielās,large,many\n", "size_groups.csv line 3, min_residents: 'many' is not a whole number"),
    ("small,mazās,small,0\nlarge,lielās,large,0\n",
     "size_groups.csv line 3, min_residents: 0 is not above the previous group's 0"),
    ("small,mazās,small,10\n", "size_groups.csv line 2, min_residents: the first group starts at 10, not at 0"),
    ("small,,small,0\n", "size_groups.csv line 2, name_lv: empty"),
    ("", "size_groups.csv: no groups"),
])
def test_a_bad_size_groups_file_is_refused_in_one_line(tmp_path, body, message):
    from warehouse import seeds

    path = tmp_path / "size_groups.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    with pytest.raises(seeds.SeedError) as refusal:
        seeds.load_size_groups(path)
    assert str(refusal.value) == message


def test_the_size_groups_start_at_nought_and_rise():
    from warehouse import seeds

    groups = seeds.load_size_groups()
    assert groups[0].min_residents == 0
    assert [g.min_residents for g in groups] == sorted({g.min_residents for g in groups})


def test_the_legend_makes_room_for_its_entries_only():
    """Forty series past the palette's eight share one grey "other" entry: the legend is as tall as nine."""
    from dashboard import charts

    def height(series: int) -> int:
        frame = pd.DataFrame({"year": 2022, "label": [f"pašvaldība {i}" for i in range(series)], "value": 1.0})
        return charts.bars_by_year(frame, title="t", unit=None, lang="lv", mode="lines").to_plotly_json()["layout"]["height"]

    assert height(48) == height(9) > height(8)
