"""Every page through Streamlit's AppTest, on the warehouse built from raw_reports/, in Latvian and English:
no exception, and the elements that matter are there; filters read from the address reopen a view."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest


APP = str(Path(__file__).resolve().parents[1] / "app.py")

# page file, Latvian title, English title
PAGES = [
    ("pages/sakums.py", "Sākums", "Home"),
    ("pages/salidzinajums.py", "Salīdzinājums", "Compare"),
    ("pages/budzets.py", "Budžets", "Budget"),
    ("pages/sanemeji.py", "Pakalpojumu saņēmēji", "Service recipients"),
    ("pages/lietu_slodze.py", "Lietu slodze", "Caseload"),
    ("pages/personals.py", "Personāls", "Staff"),
    ("pages/fokusgrupas.py", "Fokusgrupas", "Focus groups"),
    ("pages/dati.py", "Dati", "Data"),
    ("pages/avoti.py", "Avoti un kvalitāte", "Sources and quality"),
]


@pytest.fixture(scope="module", autouse=True)
def warehouse(warehouse_db):
    db = warehouse_db
    with pytest.MonkeyPatch.context() as patch:  # for the module: the monkeypatch fixture is per test
        patch.setenv("SOCDASH_DB", str(db))
        yield db


def open_page(page: str, language: str = "lv", **params) -> AppTest:
    # As a reader opening the page's address with its parameters: the first run lands on the page (the
    # page paths are the file names, so AppTest finds them before any run).
    app = AppTest.from_file(APP, default_timeout=60)
    app.query_params.update({**({"lang": "EN"} if language == "en" else {}), **params})
    app.switch_page(page)
    app.run()
    assert not app.exception, [e.message for e in app.exception]
    app.run()  # and again, as after any widget change: the page must survive its own rerun
    assert not app.exception, [e.message for e in app.exception]
    return app


def selector(app: AppTest, kind: str, parameter: str):
    """The widget of `kind` ("selectbox", "multiselect", ...) that keeps its value in `?parameter=`."""
    found = [w for w in getattr(app, kind) if str(w.key).startswith(f"_{parameter}_")]
    assert len(found) == 1, (parameter, [w.key for w in getattr(app, kind)])
    return found[0]


def charts(app: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in app.get("plotly_chart")]


def plain(markdown: str) -> str:
    """What a reader sees of a markdown text the app escaped: backslashes and word joiners gone."""
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u2060", "")


def captions(app: AppTest) -> str:
    return "\n".join(plain(c.value) for c in app.caption)


@pytest.mark.parametrize("language", ["lv", "en"])
@pytest.mark.parametrize("page, lv_title, en_title", PAGES, ids=[p[0].split("/")[1][:-3] for p in PAGES])
def test_page_runs_in_both_languages(page, lv_title, en_title, language):
    app = open_page(page, language)
    assert app.title[0].value == (en_title if language == "en" else lv_title)
    sources = [c for c in app.caption if c.value.startswith(("**Avots:**", "**Source:**"))]
    # every chart has its source line under it
    assert len(sources) >= len(app.get("plotly_chart"))
    if language == "en":
        assert "**Avots:**" not in captions(app)


def test_home_shows_the_warehouse_and_headlines_with_changes():
    app = open_page("pages/sakums.py")
    labels = [plain(m.label) for m in app.metric]
    assert labels[:5] == ["Dokumenti", "Pašvaldības", "Gadi", "Skaitļi", "Ar piezīmi"]
    headline = {plain(m.label): m for m in app.metric[5:]}
    assert "Budžets: izlietotie līdzekļi" in headline
    assert "pret 2023" in headline["Budžets: izlietotie līdzekļi"].delta
    assert selector(app, "selectbox", "novads").value == "Tukuma novads"
    assert selector(app, "selectbox", "gads").value == 2024


def test_home_coverage_shows_the_chosen_municipality_and_folds_every_other():
    app = open_page("pages/sakums.py", novads="Bauskas novads")
    own, every = app.dataframe[0].value, app.dataframe[1].value
    assert set(own["Pašvaldība"]) == {"Bauskas novads"} and "Budžets" in set(own["Tēma"])
    assert own.columns[2:].tolist() == [str(y) for y in range(2012, 2016)]  # Bauska's years only
    assert own.set_index("Tēma").loc["Budžets", "2014"] == 14
    assert set(every["Pašvaldība"]) == {"Bauskas novads", "Tukuma novads", "Latvija", "Aizkraukles novads"}
    assert every.columns[2] == "2011" and [e.label for e in app.expander] == ["Visas pašvaldības"]


def test_home_takes_the_whole_year_where_a_half_year_is_printed_too():
    # the 2024 report gives 2021 as 1.07.–31.12.2021. (14 221 documents) and as the whole year (34 588)
    app = open_page("pages/sakums.py", gads="2021")
    documents = {plain(m.label): m.value for m in app.metric}["Dokumentu aprite: dokumenti"]
    assert documents == "34\u00a0588"


def test_home_never_states_a_change_across_the_reform():
    app = open_page("pages/sakums.py")
    deltas = [m.delta for m in app.metric[5:]]
    assert not any("%" in d and "2015" in d for d in deltas), deltas


def test_budget_page_charts_chosen_rows_with_year_on_year_table():
    app = open_page("pages/budzets.py")
    spec = charts(app)[0]
    chosen = selector(app, "multiselect", "rindas").value
    assert chosen and [t["name"].replace("<br>", " ") for t in spec["data"]] == chosen
    assert "EUR" in spec["layout"]["title"]["text"]
    assert any(df.value.columns[:3].tolist() == ["Rinda", "Gads", "Vērtība"] for df in app.dataframe)


def test_budget_per_resident_and_stacked_bars():
    app = open_page("pages/budzets.py", uz_iedz="true", attels="stack")
    spec = charts(app)[0]
    assert spec["layout"]["barmode"] == "relative"
    assert "EUR uz iedzīvotāju" in spec["layout"]["title"]["text"]
    assert "Sakrautas joslas saskaita kategorijas" in captions(app)


def test_budget_chart_that_spans_the_reform_says_so():
    app = open_page("pages/budzets.py", rindas="Pašvaldības nodrošinātie sociālie pakalpojumi")
    assert "2021. gada 1. jūlija administratīvi teritoriālo reformu" in captions(app)
    assert any(s.get("x0") == 2021.5 for s in charts(app)[0]["layout"]["shapes"])


def test_recipients_from_a_link_show_the_gender_split():
    app = open_page("pages/sanemeji.py", "en", novads="Bauskas novads")
    titles = [c["layout"]["title"]["text"] for c in charts(app)]
    assert len(titles) == 3 and all(t.startswith("Bauskas novads") for t in titles)
    # Bauska prints each service in its own small table: the default rows come from all of them
    assert len(selector(app, "multiselect", "rindas").value) == 6
    assert any("by gender" in t for t in titles) and any("institutions" in t for t in titles)


def test_caseload_page_has_the_reference_band_pilot_and_case_codes():
    app = open_page("pages/lietu_slodze.py")
    first, pilot = charts(app)[:2]
    band = [s for s in first["layout"]["shapes"] if s["type"] == "rect"]
    assert [(b["x0"], b["x1"]) for b in band] == [(20, 35)]
    assert any("pirms pārdales" in y for y in pilot["data"][0]["y"])
    assert any("pēc pārdales" in y for t in pilot["data"] for y in t["y"])
    codes = app.dataframe[-1].value
    assert "SP" in codes.iloc[:, 0].tolist()


def test_case_codes_are_explained_in_english():
    app = open_page("pages/lietu_slodze.py", "en")
    codes = app.dataframe[-1].value
    assert codes.columns.tolist() == ["Code", "Meaning as printed", "In English"]
    assert codes.set_index("Code").loc["SP", "In English"] == "social assistance"


def test_staff_page_draws_the_norm_line_at_one_per_thousand():
    app = open_page("pages/personals.py")
    ratio, shortfall = charts(app)
    norm = [s for s in ratio["layout"]["shapes"] if s["type"] == "line"]
    assert [(s["x0"], s["x1"]) for s in norm] == [(1.0, 1.0)]
    rows = [y.replace("<br>", " ") for t in ratio["data"] for y in t["y"]]
    assert sum(r.startswith("Tukuma novads 2016") for r in rows) == 3
    assert any(r.startswith("Bauskas novads 2015") for r in rows)
    assert any(r.startswith("Latvija 2017") for r in rows)
    assert any(r.startswith("Tukuma novads 2024") for r in rows)
    assert "Trūkstošie speciālisti" in shortfall["layout"]["title"]["text"]


def test_focus_group_page_has_sorted_recognition_and_a_heatmap():
    app = open_page("pages/fokusgrupas.py")
    recognition, availability, respondents = charts(app)
    order = recognition["layout"]["yaxis"]["categoryarray"]
    assert order[-1].startswith("Sociālā palīdzība")  # the most recognised, drawn on top
    assert availability["data"][0]["type"] == "heatmap"
    assert len(availability["data"][0]["x"]) == 10  # ten parishes
    assert len(respondents["data"][0]["y"]) == 10


def test_data_page_offers_every_download_and_the_dictionary():
    app = open_page("pages/dati.py")
    labels = [b.label for b in app.download_button]
    assert {"Lejupielādēt CSV", "Lejupielādēt XLSX", "Lejupielādēt Parquet", "Lejupielādēt paketi (zip)"} <= \
        set(labels)
    dictionary = app.dataframe[-1].value
    assert dictionary.columns.tolist() == ["Tabula", "Kolonna", "Tips", "Nozīme"]


def test_data_page_filters_come_from_the_address():
    app = open_page("pages/dati.py", temas="staff", novadi="Bauskas novads")
    rows = app.dataframe[0].value
    assert set(rows["Tēma"]) == {"Personāls"} and set(rows["Pašvaldība"]) == {"Bauskas novads"}


def test_sources_page_lists_documents_flagged_values_and_finds_text():
    app = open_page("pages/avoti.py", q="slodz")
    documents = app.dataframe[0].value
    assert len(documents) == 6
    raw = [plain(b.label) for b in app.download_button]
    assert "tukuma_novads_2024_publiskais_parskats.pdf" in raw
    flagged = app.dataframe[1].value
    assert flagged.columns[:4].tolist() == ["Nodrukāts", "Nolasīts kā", "Mērvienība", "Kāpēc"]
    assert len(app.expander) >= 3 and "“slodz” atrasts" in captions(app)


def test_first_start_builds_the_missing_warehouse_with_a_progress_bar(tmp_path, monkeypatch):
    db = tmp_path / "fresh" / "socdash.duckdb"
    monkeypatch.setenv("SOCDASH_DB", str(db))
    app = AppTest.from_file(APP, default_timeout=180)
    app.run()
    assert not app.exception, [e.message for e in app.exception]
    assert db.exists()
    assert [plain(s.value) for s in app.success] == ["Datu noliktava izveidota: 6 no 6 failiem."]
    assert app.title[0].value == "Sākums" and app.metric[3].value != "0"
    app.run()  # said once
    assert not app.success


# What each page itself says on an empty warehouse (the frame adds its own notice to the chart pages; Sākums
# has nothing but that notice to say).
EMPTY_PAGE_SAYS = {"sakums": "empty_warehouse", "salidzinajums": "compare_none", "budzets": "no_data",
                   "sanemeji": "no_data", "lietu_slodze": "pilot_none", "personals": "staff_none", "fokusgrupas": "no_data",
                   "dati": "no_data", "avoti": "no_flagged"}


@pytest.mark.parametrize("page", [p[0] for p in PAGES], ids=[p[0].split("/")[1][:-3] for p in PAGES])
def test_an_empty_warehouse_gives_sentences_not_errors(page, tmp_path_factory, monkeypatch):
    from dashboard.i18n import t
    from warehouse import connect

    db = tmp_path_factory.getbasetemp() / "empty.duckdb"
    if not db.exists():
        connect(db).close()  # the schema and nothing else
    monkeypatch.setenv("SOCDASH_DB", str(db))
    app = open_page(page)
    said = [plain(i.value) for i in app.info]
    assert t(EMPTY_PAGE_SAYS[page.split("/")[1][:-3]], "lv") in said, said
    assert not app.get("plotly_chart")


def test_the_table_toggle_shows_exactly_the_charted_numbers_with_a_download():
    app = open_page("pages/personals.py")
    charted = [y for t in charts(app)[0]["data"] for y in t["y"]]
    app.toggle(key="norma_table").set_value(True).run()
    assert not app.exception
    table = app.dataframe[0].value
    assert len(table) == len(charted)
    assert {"Speciālisti", "Iedzīvotāji", "Uz 1 000 iedz.", "Fails", "Nodrukāts"} <= set(table.columns)
    assert [b.label for b in app.download_button] == ["Lejupielādēt CSV"]


def test_focus_group_intro_is_text_not_a_numbered_list():
    app = open_page("pages/fokusgrupas.py")
    intro = app.caption[0].value
    assert intro.startswith("2015\\. gada jūnija") and plain(intro).startswith("2015. gada jūnija")


def _damaged(kind: str, seed: Path, folder: Path) -> Path:
    """A warehouse file that cannot be read as this program's warehouse, made from a copy of `seed`."""
    import duckdb

    db = folder / "socdash.duckdb"
    if kind == "missing, and its folder cannot be made":
        (folder / "a_file").write_text("", encoding="utf-8")
        return folder / "a_file" / "socdash.duckdb"
    data = seed.read_bytes()
    if kind == "cut in half":
        db.write_bytes(data[:len(data) // 2])
    elif kind == "not a warehouse":
        db.write_bytes(b"%PDF-1.7\n" + b"\0" * 4096)
    else:
        db.write_bytes(data)
        con = duckdb.connect(str(db))
        if kind == "older schema":
            con.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
        elif kind == "a view missing":
            con.execute("DROP VIEW quality")
        con.close()
    return db


UNAVAILABLE = {"lv": "Datu noliktavu šobrīd nevar atvērt. Lūdzu, mēģiniet vēlāk.",
               "en": "The warehouse cannot be opened right now. Please try again later."}


@pytest.mark.parametrize("language", ["lv", "en"])
@pytest.mark.parametrize("kind", ["cut in half", "older schema", "not a warehouse", "a view missing",
                                  "missing, and its folder cannot be made"])
def test_a_warehouse_that_cannot_be_read_gives_one_plain_sentence(kind, language, warehouse_db, tmp_path,
                                                                   monkeypatch, caplog):
    db = _damaged(kind, warehouse_db, tmp_path)
    monkeypatch.setenv("SOCDASH_DB", str(db))
    # a missing view breaks only the page that reads it (Avoti's list of flagged values)
    for page in ("pages/avoti.py",) if kind == "a view missing" else ("pages/sakums.py", "pages/avoti.py"):
        app = AppTest.from_file(APP, default_timeout=60)
        if language == "en":
            app.query_params["lang"] = "EN"
        app.switch_page(page)
        app.run()
        assert not app.exception, [e.message for e in app.exception]
        assert [plain(e.value) for e in app.error] == [UNAVAILABLE[language]], page
        shown = [getattr(e, "value", "") for e in [*app.error, *app.warning, *app.info, *app.markdown]]
        assert not any(str(tmp_path) in str(text) or "Error" in str(text) for text in shown), shown
    # the reader gets the sentence; the server log gets what went wrong, and where
    assert any(str(tmp_path) in record.getMessage() for record in caplog.records)


def test_caseload_keeps_a_code_with_a_sub_label_and_shows_the_sub_label():
    app = open_page("pages/lietu_slodze.py")
    names = [t["name"].replace("<br>", " ") for t in charts(app)[0]["data"]]
    assert "KC — Kopienas centrs: seniori" in names and "KC — Kopienas centrs: bērni un jaunieši" in names


def _view(app: AppTest) -> dict:
    """What a reader sees of a series page: its selections and the charted rows."""
    return {"selected": [(w.label, w.value) for w in [*app.selectbox, *app.multiselect, *app.slider]],
            "charts": [[(t["name"], tuple(t["x"]), tuple(t["y"])) for t in c["data"]] for c in charts(app)]}


def reopened(app: AppTest, page: str) -> AppTest:
    """`page` opened afresh from the address `app` shows now."""
    fresh = AppTest.from_file(APP, default_timeout=60)
    fresh.query_params.update({k: app.query_params[k] for k in app.query_params})
    fresh.switch_page(page)
    fresh.run()
    assert not fresh.exception, [e.message for e in fresh.exception]
    return fresh


@pytest.mark.parametrize("page, measure", [("pages/budzets.py", "budget/funding"),
                                           ("pages/sanemeji.py", "social_assistance/persons")])
def test_a_new_measure_or_municipality_gets_its_default_rows_and_the_address_reopens_it(page, measure):
    app = open_page(page)
    selector(app, "selectbox", "raditajs").set_value(measure).run()
    assert not app.exception, [e.message for e in app.exception]
    assert selector(app, "multiselect", "rindas").value, "the category box is empty"
    assert charts(app), "no chart"
    assert _view(reopened(app, page)) == _view(app)
    selector(app, "selectbox", "novads").set_value("Bauskas novads").run()
    assert selector(app, "multiselect", "rindas").value and charts(app)
    assert _view(reopened(app, page)) == _view(app)


def test_narrowed_years_and_chosen_rows_reopen_from_the_address():
    app = open_page("pages/sanemeji.py")
    rows = selector(app, "multiselect", "rindas")
    rows.set_value(rows.value[:2]).run()
    selector(app, "slider", "gadi").set_value((2020, 2023)).run()
    assert not app.exception, [e.message for e in app.exception]
    assert selector(app, "slider", "gadi").value == (2020, 2023)
    assert _view(reopened(app, "pages/sanemeji.py")) == _view(app)


def test_data_page_years_from_the_address_outside_the_span_give_the_whole_span():
    app = open_page("pages/dati.py", novadi="Tukuma novads", temas="budget", raditaji="funding",
                    gadi=["2011", "2013"])
    years = selector(app, "slider", "gadi")
    assert (years.min, years.max, years.value) == (2015, 2024, (2015, 2024))
    app = open_page("pages/dati.py", novadi="Tukuma novads", temas="budget", raditaji="funding",
                    gadi=["2011", "2020"])
    assert selector(app, "slider", "gadi").value == (2015, 2020)  # the part inside the span


@pytest.mark.parametrize("page", ["pages/sakums.py", "pages/budzets.py", "pages/sanemeji.py"])
def test_latvia_is_not_offered_as_a_municipality(page):
    options = selector(open_page(page), "selectbox", "novads").options
    assert "Tukuma novads" in options and "Latvija" not in options


def test_tables_say_codes_dates_places_and_reasons_in_the_readers_language():
    app = open_page("pages/dati.py", temas="social_assistance", raditaji="portions")
    rows = app.dataframe[0].value
    assert set(rows["Tēma"]) == {"Sociālā palīdzība"} and set(rows["Rādītājs"]) == {"porcijas"}
    assert set(rows["Mērvienība"]) == {"skaits"}
    documents = open_page("pages/avoti.py").dataframe[0].value.set_index("Fails")
    report = documents.loc["tukuma_novads_2024_publiskais_parskats.pdf"]
    assert (report["Veids"], report["Publicēts"], report["Nolasīts ar"]) == \
        ("publiskais pārskats", "2025. gada 27. marts", "Tukuma publiskais pārskats")
    english = open_page("pages/avoti.py", "en").dataframe[0].value.set_index("File")
    assert english.loc["tukuma_novads_2024_publiskais_parskats.pdf", "Published"] == "27 March 2025"
    # the ingest log, the last table: the seed's six files, the Tukums report's second rendition (PDF and text) as such
    for language, action, outcome, expected in (
            ("lv", "Darbība", "Iznākums", {("pievienošana", "pievienots"): 5,
                                          ("pievienošana", "cita tā paša dokumenta versija"): 1}),
            ("en", "Action", "Outcome", {("ingest", "added"): 5, ("ingest", "another rendition of the same document"): 1})):
        log = open_page("pages/avoti.py", language).dataframe[-1].value
        assert log[[action, outcome]].apply(tuple, axis=1).value_counts().to_dict() == expected, language
    flagged = open_page("pages/dati.py", temas="budget", piezimes="true").dataframe[0].value
    assert flagged["Vieta avotā"].str.contains(r"\d+\. (?:lpp|rinda)").all()
    assert not flagged["Vieta avotā"].str.contains(r"\b(?:line|p\.) \d").any()


def test_reasons_are_shown_in_the_readers_language_and_downloads_keep_both(warehouse_db, tmp_path, monkeypatch):
    import duckdb

    db = tmp_path / "socdash.duckdb"
    db.write_bytes(warehouse_db.read_bytes())
    con = duckdb.connect(str(db))
    con.execute("UPDATE facts SET flag_lv = 'latviski: ' || flag WHERE flag IS NOT NULL")
    con.close()
    monkeypatch.setenv("SOCDASH_DB", str(db))
    for language, header, starts in (("lv", "Piezīme par kvalitāti", "latviski: "), ("en", "Quality note", "")):
        rows = open_page("pages/dati.py", language, piezimes="true").dataframe[0].value
        assert rows[header].str.startswith("latviski: ").all() == (language == "lv"), language
        assert "flag_lv" not in rows.columns
        flagged = open_page("pages/avoti.py", language).dataframe[1].value
        why = "Kāpēc" if language == "lv" else "Why"
        assert flagged[why].str.startswith("latviski: ").all() == (language == "lv"), language
    from warehouse import connect, queries

    reader = connect(db, read_only=True)  # what Dati downloads: both reasons
    try:
        assert {"flag", "flag_lv"} <= set(queries.facts_slice(reader, flagged_only=True).columns)
    finally:
        reader.close()


def test_one_colour_per_meaning_across_charts_and_pages():
    def colour_of(chart, name):
        return {t["name"].replace("<br>", " ").lower(): t["marker"]["color"] for t in chart["data"]}.get(name.lower())

    positions, pilot = charts(open_page("pages/lietu_slodze.py"))[:2]
    sc = "SC — Ilgstošā sociālā aprūpe institūcijā"
    assert colour_of(positions, sc) and colour_of(positions, sc) == colour_of(pilot, sc)
    women = [colour_of(charts(open_page("pages/sanemeji.py", novads=m))[1], "Sievietes")
             for m in ("Tukuma novads", "Bauskas novads")]
    assert women[0] and women[0] == women[1]


def test_a_note_on_a_whole_table_is_said_once_not_counted_for_every_value():
    app = open_page("pages/budzets.py")
    said = captions(app)
    assert "4.1. tabula: tabulas nosaukumā minēti gadi 2021, 2022, 2023, bet ailēs ir 2022, 2023, 2024" in said
    # of the 18 charted values only Avotiņš 2024 has a reason of its own (another value in the text)
    assert said.count("nosaukumā minēti") == 1 and "1 no attēlotajiem skaitļiem ir ar piezīmi" in said


def test_the_availability_heatmap_shows_shares_of_each_parishs_participants():
    heatmap = charts(open_page("pages/fokusgrupas.py"))[1]["data"][0]
    cells = [v for row in heatmap["z"] for v in row if v is not None]
    assert cells and all(0 <= v <= 100 for v in cells) and any(v != round(v) for v in cells)
    assert all(text.endswith("%") for row in heatmap["text"] for text in row if text)


def test_the_staff_shortfall_does_not_put_the_country_beside_municipalities():
    app = open_page("pages/personals.py")
    shortfall = charts(app)[1]
    rows = [y.replace("<br>", " ") for t in shortfall["data"] for y in t["y"]]
    assert rows and not any(r.startswith("Latvija") for r in rows)
    assert "Latvija 2017: līdz normai trūkst 600 speciālistu valstī kopumā" in captions(app)


def test_a_care_setting_comparison_over_years_of_different_coverage_says_so():
    said = captions(open_page("pages/sanemeji.py"))
    assert "Gadi neaptver vienus un tos pašus pakalpojumus" in said and "2023: 1, 2024: 32" in said
    assert "Gadi neaptver" not in captions(open_page("pages/sanemeji.py", novads="Bauskas novads"))


def test_search_finds_word_forms_once_per_report_with_its_pdf_page():
    app = open_page("pages/avoti.py", q="asistents")
    reports = [plain(e.label) for e in app.expander]
    assert any(r.startswith("tukuma_novads_2024_publiskais_parskats.pdf") for r in reports), reports
    assert not any(r.startswith("tukuma_novads_2024_publiskais_parskats.txt") for r in reports)  # its rendition
    hits = [plain(m.value).replace("**", "") for m in app.markdown]
    assert any("asistenta pakalpojum" in h.lower() and re.search(r"^\d+\. lpp\.", h) for h in hits), hits[:5]
    assert any(plain(b.label) == "Lejupielādēt tukuma_novads_2024_publiskais_parskats.pdf"
               for b in app.download_button)


# The indicators asked for below, as the catalogue (warehouse/seeds/indicators.toml) names and defines them.
HOME_CARE = {"lv": ("Sociālie pakalpojumi — Aprūpe mājās: izlietotie līdzekļi", "Aprūpe mājās: izlietotie līdzekļi",
                    "Kopīgais rādītājs „Aprūpe mājās: izlietotie līdzekļi”: Aprūpe mājās: gadā izlietotie līdzekļi "
                    "(EUR), kā dokuments tos norāda."),
             "en": ("Social services — Home care: spend", "Home care: spend",
                    "Common indicator ‘Home care: spend’: Home care: money spent in the year (EUR), as the document "
                    "gives it.")}


@pytest.mark.parametrize("language", ["lv", "en"])
def test_data_page_filters_by_indicator_grouped_and_shows_the_definitions(language):
    option, indicator_name, definition = HOME_CARE[language]
    app = open_page("pages/dati.py", language)
    choice = selector(app, "multiselect", "kopraditaji")
    assert option in choice.options
    # grouped: the options in the order of their group's name, then of their own
    groups = [o.split(" — ")[0] for o in choice.options]
    assert groups == sorted(groups) and len(set(groups)) == 7
    assert definition not in captions(app)  # no definition before an indicator is chosen
    choice.select("home_care_spend").run()
    assert app.query_params["kopraditaji"] == "home_care_spend"
    rows = app.dataframe[0].value
    assert len(rows) == 6 and set(rows[{"lv": "Kopīgais rādītājs", "en": "Common indicator"}[language]]) == \
        {indicator_name}
    assert definition in captions(app)
    # from the address, with a second indicator: the rows of both and both definitions
    both = open_page("pages/dati.py", language, kopraditaji=["home_care_spend", "gmi_benefit_spend"])
    assert len(both.dataframe[0].value) == 6 + 8
    assert definition in captions(both) and ("GMI" in captions(both).replace(definition, ""))


@pytest.mark.parametrize("language", ["lv", "en"])
def test_a_chart_of_one_indicators_rows_names_it_and_its_definition(language):
    definition = HOME_CARE[language][2]
    one = open_page("pages/budzets.py", language, novads="Tukuma novads", raditajs="budget/spend",
                    rindas="Aprūpe mājās")
    assert f":material/menu_book: {definition}" in captions(one)
    # the default rows are facts of several indicators: no line
    several = open_page("pages/budzets.py", language, novads="Tukuma novads", raditajs="budget/spend")
    assert ":material/menu_book:" not in captions(several)
