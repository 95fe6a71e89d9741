"""Pages at national scale, through AppTest, on a copy of the warehouse built from raw_reports/ with its
municipal facts repeated for each of the 43 current municipalities over three years (warehouse.scaled): the
default views stay readable, the selectors offer what the chosen municipalities have, and only their rows
are read."""
from __future__ import annotations

import re
import shutil

import pytest

from test_app_pages import captions, charts, open_page, selector
from warehouse import connect, queries
from warehouse.scaled import current_municipalities, scale_to_nation


@pytest.fixture(scope="module", autouse=True)
def national(warehouse_db, tmp_path_factory):
    db = tmp_path_factory.mktemp("national") / "national.duckdb"
    shutil.copy(warehouse_db, db)
    con = connect(db)
    try:
        scale_to_nation(con, current_municipalities(con), 3)
        first = queries.municipalities(con).query("level != 'valsts'")["municipality"].iloc[0]
    finally:
        con.close()
    with pytest.MonkeyPatch.context() as patch:  # for the module: the monkeypatch fixture is per test
        patch.setenv("SOCDASH_DB", str(db))
        yield first


def bars(chart: dict) -> list[str]:
    return list(dict.fromkeys(y for trace in chart["data"] for y in trace["y"]))


def test_staff_opens_on_the_most_documented_municipality_and_the_country(national):
    app = open_page("pages/personals.py")
    assert selector(app, "multiselect", "novadi").value == [national, "Latvija"]
    counts = selector(app, "multiselect", "pamati")
    assert all(option.startswith((national, "Latvija")) for option in counts.options)
    rows = bars(charts(app)[0])
    assert 0 < len(rows) <= 24 + 1  # the latest years' counting bases, and the country's
    assert [r for r in rows if r.startswith("Latvija")] == ["Latvija 2017 · sociālā darba speciālisti"]
    years = {int(r.split(" · ")[0].split(" ")[-1]) for r in rows if r.startswith(national)}
    assert max(years) == 2024 + 2  # the latest copy's latest count


def test_staff_compares_the_municipalities_in_the_address(national):
    app = open_page("pages/personals.py", novadi=["Ogres novads", "Rīga"], gadi=["2024", "2026"])
    rows = bars(charts(app)[0])
    assert {r.split(" ")[0] for r in rows} == {"Ogres", "Rīga"}
    assert {int(r.split(" · ")[0].split(" ")[-1]) for r in rows} <= {2024, 2025, 2026}


def test_caseload_shows_one_count_of_the_chosen_municipality_and_a_second_beside_it(national):
    app = open_page("pages/lietu_slodze.py")
    assert all(o.startswith(f"{national}, ") for o in selector(app, "selectbox", "uzskaite").options)
    assert len(charts(app)) == 3  # one count, the pilot, the ranges
    app = open_page("pages/lietu_slodze.py", otrs="Ogres novads")
    first, second = charts(app)[:2]
    assert first["layout"]["title"]["text"].startswith(national)
    assert second["layout"]["title"]["text"].startswith("Ogres novads")
    assert all(o.startswith("Ogres novads, ") for o in selector(app, "selectbox", "uzskaite2").options)
    # a case code in the same colour beside both
    colours = [{t["name"]: t["marker"]["color"] for t in chart["data"]} for chart in (first, second)]
    assert colours[0] == colours[1]
    ranges = bars(charts(app)[3])
    assert {r.split(":")[0] for r in ranges} == {"Latvija", national, "Ogres novads"}


def test_sources_show_a_page_of_the_flagged_values_and_narrow_them_to_a_municipality():
    app = open_page("pages/avoti.py")
    said = [c.value for c in app.caption]
    flagged = app.dataframe[1].value
    assert len(flagged) == 1000
    assert any(text.startswith("Rādītas pirmās 1") for text in said), said
    app = open_page("pages/avoti.py", novads="Ogres novads")
    flagged = app.dataframe[1].value
    assert 0 < len(flagged) < 1000 and set(flagged["Pašvaldība"]) == {"Ogres novads"}


def test_sources_offer_one_original_file_at_a_time_past_a_dozen_documents():
    app = open_page("pages/avoti.py")
    documents = app.dataframe[0].value
    chosen = selector(app, "selectbox", "fails")
    assert len(documents) > 12 and chosen.options == documents["Fails"].tolist()
    # the copies have no file in raw_reports/: one note for the chosen one, not one per document
    missing = [text for text in captions(app).splitlines() if "fails nav atrodams" in text]
    assert missing == [f"{chosen.value}: fails nav atrodams mapē raw_reports/"]


@pytest.mark.parametrize("page, key", [("pages/budzets.py", "budzets"), ("pages/sanemeji.py", "sanemeji")])
def test_budget_and_recipients_draw_a_second_municipality_beside_the_first(national, page, key):
    app = open_page(page, otrs="Ogres novads")
    chart = charts(app)[0]
    names = [trace["name"].replace("<br>", " ") for trace in chart["data"]]
    chosen = selector(app, "multiselect", "rindas").value
    assert names == [f"{m}: {row}" for row in chosen for m in (national, "Ogres novads")]
    # lines by default, a row in one colour for both municipalities, the second's dashed
    assert {t["type"] for t in chart["data"]} == {"scatter"}
    assert [t["line"]["color"] for t in chart["data"]][::2] == [t["line"]["color"] for t in chart["data"]][1::2]
    assert {t["line"]["dash"] for t in chart["data"][1::2]} == {"dash"}
    assert chart["layout"]["title"]["text"].startswith(f"{national}, Ogres novads")
    app.toggle(key=f"{key}_table").set_value(True).run()
    table = app.dataframe[0].value
    assert set(table["Pašvaldība"]) == {national, "Ogres novads"}



def test_a_chart_of_many_municipalities_names_a_few_sources_and_counts_the_rest():
    app = open_page("pages/salidzinajums.py", skats="gadi")
    (line,) = [text for text in captions(app).splitlines() if text.startswith("**Avots:**")]
    files = line.count(".md (") + line.count(".pdf (") + line.count(".txt (")
    assert files == 3 and re.search(r" · vēl [\d ]+ dokument(s|i) \(katra skaitļa failu rāda tabula", line), line
