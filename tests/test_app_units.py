"""The dashboard's pure parts, without Streamlit: number formatting, UI text and glosses, chart builders."""
from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pandas as pd
import pytest

from dashboard import charts, colours, escape, format, i18n, sources, ui
from dashboard.format import NBSP, amount, number, signed_amount, signed_percent
from dashboard.raw_files import raw_file

ROOT = Path(__file__).resolve().parents[1]


# --------------------------------------------------------------------------- numbers

@pytest.mark.parametrize("value, unit, lang, expected", [
    (1116657.22, "EUR", "lv", "1 116 657,22 €"),
    (1116657.22, "EUR", "en", "1,116,657.22 €"),
    (2512674.0, "EUR", "lv", "2 512 674 €"),
    (69.4, "percent", "lv", "69,4 %"),
    (37.75, "FTE", "lv", "37,75"),
    (1811, "persons", "lv", "1 811"),
    (0.752351, None, "en", "0.75"),
])
def test_amount_in_the_readers_style(value, unit, lang, expected):
    assert amount(value, unit, lang) == expected.replace(" ", NBSP)


def test_missing_numbers_are_empty_text():
    assert number(None) == "" and amount(float("nan"), "EUR") == "" and signed_percent(None) == ""


def test_signs_of_changes():
    assert signed_percent(5.338, "lv") == f"+5,3{NBSP}%"
    assert signed_percent(-17.6, "en") == f"−17.6{NBSP}%"
    assert signed_amount(-429262.0, "EUR", "lv") == f"−429{NBSP}262{NBSP}€"


# --------------------------------------------------------------------------- UI text

def test_every_text_has_both_languages_and_the_same_placeholders():
    for key, (lv, en) in i18n.TEXT.items():
        assert lv.strip() and en.strip(), key
        assert set(re.findall(r"{(\w+)}", lv)) == set(re.findall(r"{(\w+)}", en)), key


def test_every_text_key_the_code_uses_exists():
    """A page asking for a missing key would fail at run time, in one language or both."""
    used, counted = set(), set()
    for path in [ROOT / "app.py", *ROOT.glob("pages/*.py"), *ROOT.glob("dashboard/*.py")]:
        code = path.read_text(encoding="utf-8")
        used |= set(re.findall(r"\bt\(\s*\"([a-z_0-9]+)\"", code))
        counted |= set(re.findall(r"\btn\(\s*\"([a-z_0-9]+)\"", code))
    assert used and not used - set(i18n.TEXT), sorted(used - set(i18n.TEXT))
    assert counted and not counted - set(i18n.COUNTED), sorted(counted - set(i18n.COUNTED))


def test_t_fills_placeholders_in_the_chosen_language():
    assert i18n.t("vs_year", "lv", year=2023) == "pret 2023"
    assert i18n.t("vs_year", "en", year=2023) == "vs 2023"


@pytest.mark.parametrize("label, gloss", [
    ("Mājokļa pabalsts", "housing benefit"),
    ("Pabalsts garantētā minimālā ienākuma nodrošināšanai", "guaranteed minimum income benefit"),
    ("Psihosociālā palīdzība (konsultācijas)", "psychosocial support"),  # not "social assistance"
    ("Aprūpe mājās", "home care"),
    ("Ilgstošā aprūpe (pansionāts)", "care home"),  # the longer, more particular stem wins
    ("Bērna emocionālā audzināšana", None),  # nothing the glossary knows: no gloss rather than a wrong one
])
def test_glosses_of_printed_labels(label, gloss):
    assert i18n.gloss(label) == gloss


def test_labels_stay_as_printed_in_latvian_and_get_a_gloss_in_english():
    assert i18n.label("Mājokļa pabalsts", "lv") == "Mājokļa pabalsts"
    assert i18n.label("Mājokļa pabalsts", "en") == "Mājokļa pabalsts (housing benefit)"


# --------------------------------------------------------------------------- charts

def spec(fig) -> dict:
    return json.loads(fig.to_json())


def test_bars_by_year_one_trace_per_row_with_the_palette_and_the_readers_separators():
    frame = pd.DataFrame({"year": [2022, 2023, 2022, 2023], "label": ["A", "A", "B", "B"],
                          "value": [1.0, 2.0, 3.0, 4.0]})
    out = spec(charts.bars_by_year(frame, title="Budžets, EUR", unit="EUR", lang="lv", mode="stack"))
    assert [t["name"] for t in out["data"]] == ["A", "B"]
    assert [t["marker"]["color"] for t in out["data"]] == colours.PALETTE[:2]
    assert out["layout"]["barmode"] == "relative" and out["layout"]["separators"] == ", "
    assert out["layout"]["title"]["text"] == "Budžets, EUR"
    lines = spec(charts.bars_by_year(frame, title="t", unit="EUR", lang="en", mode="lines"))
    assert {t["type"] for t in lines["data"]} == {"scatter"} and lines["layout"]["separators"] == ".,"


def test_the_palette_is_okabe_and_ito_and_has_no_near_identical_pair():
    # Okabe & Ito's eight: blue, orange, bluish green, vermilion, sky blue, reddish purple, yellow, black
    assert colours.PALETTE == ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442",
                               "#000000"]

    def lab(hex_colour):  # sRGB to CIE L*a*b* (D65)
        rgb = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        rgb = [((c + 0.055) / 1.055) ** 2.4 if c > 0.04045 else c / 12.92 for c in rgb]
        xyz = [sum(m * c for m, c in zip(row, rgb)) for row in
               ((0.4124, 0.3576, 0.1805), (0.2126, 0.7152, 0.0722), (0.0193, 0.1192, 0.9505))]
        f = [v ** (1 / 3) if v > 0.008856 else 7.787 * v + 16 / 116
             for v in (xyz[0] / 0.9505, xyz[1], xyz[2] / 1.089)]
        return 116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])

    everything = [*colours.PALETTE, colours.OTHER]
    distances = [math.dist(lab(a), lab(b)) for i, a in enumerate(everything) for b in everything[i + 1:]]
    assert min(distances) > 20


def test_a_chart_uses_at_most_eight_colours_and_groups_the_rest_in_grey():
    frame = pd.DataFrame({"year": [2024] * 11, "label": [f"R{i}" for i in range(11)], "value": [1.0] * 11})
    out = spec(charts.bars_by_year(frame, title="t", unit="EUR", lang="lv", colours={"R0": colours.GREEN}))
    shown = [(t["name"], t["marker"]["color"], t["showlegend"]) for t in out["data"]]
    assert shown[0] == ("R0", colours.GREEN, True)  # a fixed meaning keeps its colour
    assert [c for _, c, _ in shown[1:8]] == [c for c in colours.PALETTE if c != colours.GREEN]
    assert shown[8:] == [("citi", colours.OTHER, True), ("citi", colours.OTHER, False), ("citi", colours.OTHER, False)]
    assert [t["meta"] for t in out["data"]][8:] == ["R8", "R9", "R10"]  # the hover names each


def test_two_series_of_one_colour_are_told_apart_by_hatching():
    frame = pd.DataFrame({"row": ["a", "a"], "code": ["KC: seniori", "KC: bērni"], "value": [1.0, 2.0]})
    out = spec(charts.horizontal_bars(frame, y="row", colour="code", stack=True, title="t", unit="cases", lang="lv",
                                      colours={"KC: seniori": colours.BLUE, "KC: bērni": colours.BLUE}))
    first, second = out["data"]
    assert first["marker"]["color"] == second["marker"]["color"] == colours.BLUE
    assert "pattern" not in first["marker"] and second["marker"]["pattern"]["shape"] == "/"


def test_norm_line_band_and_reform_marker_are_where_they_belong():
    frame = pd.DataFrame({"row": ["Tukums", "Bauska"], "value": [0.75, 0.85]})
    plain = spec(charts.horizontal_bars(frame, y="row", title="t", unit=None, lang="lv"))["layout"]
    out = spec(charts.horizontal_bars(frame, y="row", title="t", unit=None, lang="lv",
                                      marks=(("line", 1.0, "norma"), ("band", 20, 35, "20–35"))))
    # each labelled mark makes room for its label above the plot
    assert out["layout"]["margin"]["t"] == plain["margin"]["t"] + 2 * charts.MARK_LABEL_HEIGHT
    line, band = out["layout"]["shapes"]
    assert (line["type"], line["x0"], line["x1"], line["line"]["dash"]) == ("line", 1.0, 1.0, "dash")
    assert (band["type"], band["x0"], band["x1"]) == ("rect", 20, 35)
    labels, marks = [[a["text"] for a in out["layout"]["annotations"] if (a["yref"] == "y") == above]
                     for above in (True, False)]
    assert labels == ["Bauska", "Tukums"] and marks == ["norma", "20–35"]  # labels above the bars, largest first
    years = charts.bars_by_year(pd.DataFrame({"year": [2015, 2024], "label": ["A", "A"], "value": [1.0, 2.0]}),
                                title="t", unit="EUR", lang="lv", marks=(("reform", "ATR 2021"),))
    assert spec(years)["layout"]["shapes"][0]["x0"] == charts.REFORM_X == 2021.5


def test_horizontal_bars_largest_on_top_and_cut_labels_stay_distinct():
    long = "Sociālais darbinieks darbam ar ģimenēm ar bērniem (gadījuma vadīšana izmantojot elementus)"
    frame = pd.DataFrame({"row": [f"{long} #1", f"{long} #2", "Īss"], "value": [5.0, 9.0, 1.0]})
    out = spec(charts.horizontal_bars(frame, y="row", title="t", unit="cases", lang="lv"))
    order = out["layout"]["yaxis"]["categoryarray"]
    assert order[-1].endswith("#2") and order[0] == "Īss"  # Plotly draws the last category at the top
    assert len(set(out["data"][0]["y"])) == 3


def test_shorten_keeps_the_worker_number():
    assert charts.shorten("a" * 100 + " #3", 10) == "a" * 10 + "… #3"
    assert charts.shorten("short #x", 10) == "short #x"


def test_heatmap_leaves_absent_cells_empty():
    frame = pd.DataFrame({"form": ["A", "A", "B"], "parish": ["Degole", "Pūre", "Pūre"], "value": [5.0, 0.0, 2.0]})
    out = spec(charts.heatmap(frame, x="parish", y="form", title="t", lang="lv", x_order=["Degole", "Pūre"],
                              y_order=["B", "A"]))
    trace = out["data"][0]
    assert trace["y"] == ["B", "A"] and trace["z"] == [[None, 2.0], [5.0, 0.0]]
    assert trace["colorscale"][0][1] == charts.SEQUENTIAL[0][1]


def test_export_config_offers_png():
    assert charts.export_config("budzets")["toImageButtonOptions"] == {"format": "png", "filename": "budzets",
                                                                        "scale": 2}


# --------------------------------------------------------------------------- escapes

@pytest.mark.parametrize("text, expected", [
    ("2015. gada jūnijā", "2015\\. gada jūnijā"),  # not an ordered list
    ("**bold** _x_ `c`", "\\*\\*bold\\*\\* \\_x\\_ \\`c\\`"),
    ("![i](https://e.lv/i.png)", "\\!\\[i\\]\\(https\\:\u2060//e\\.lv/i\\.png\\)"),
    (":red[x] $x$", "\\:\u2060red\\[x\\] \\$x\\$"),
    ("two\nlines\tand\rmore", "two lines and more"),
    ("www.e.lv x@e.lv", "www\u2060\\.e\\.lv x\\@\u2060e\\.lv"),  # autolinks broken by an invisible joiner
    ("1 116 657,22 €", "1 116 657,22 €"),
])
def test_markdown_text_is_literal_and_on_one_line(text, expected):
    assert escape.markdown_text(text) == expected


def test_plotly_text_turns_tags_and_entities_into_text():
    assert escape.plotly_text('<a href="https://e.lv">x</a> &amp;\n<br>') == \
        '&lt;a href="https://e.lv"&gt;x&lt;/a&gt; &amp;amp; &lt;br&gt;'


def test_wrapped_chart_labels_are_escaped_line_by_line():
    assert charts.wrap("<b>" + "ā" * 10 + " " + "b" * 10, width=14) == "&lt;b&gt;āāāāāāāāāā<br>bbbbbbbbbb"


# --------------------------------------------------------------------------- raw files

def test_raw_files_are_served_only_from_inside_the_folder(tmp_path):
    folder = tmp_path / "raw_reports"
    folder.mkdir()
    (folder / "report.txt").write_text("a report", encoding="utf-8")
    (folder / "copy.txt").symlink_to(folder / "report.txt")
    secret = tmp_path / "secret.txt"
    secret.write_text("not a report", encoding="utf-8")
    (folder / "link.txt").symlink_to(secret)
    (folder / "sub").mkdir()
    assert raw_file("report.txt", folder) == (folder / "report.txt").resolve()
    assert raw_file("copy.txt", folder) == (folder / "report.txt").resolve()  # a link that stays inside
    for name in ("link.txt", "../secret.txt", str(secret), "sub", "missing.txt", "bad\0name"):
        assert raw_file(name, folder) is None, name


# --------------------------------------------------------------------------- names and plurals

def test_every_code_the_warehouse_holds_has_a_latvian_and_an_english_name(warehouse_db):
    from ingest.layouts import all_layouts
    from warehouse import connect

    con = connect(warehouse_db, read_only=True)
    try:
        codes = {(kind, code) for kind, sql in [
            ("topic", "SELECT DISTINCT topic FROM facts"), ("metric", "SELECT DISTINCT metric FROM facts"),
            ("unit", "SELECT DISTINCT unit FROM facts"), ("document_kind", "SELECT DISTINCT kind FROM documents"),
            ("layout", "SELECT DISTINCT layout FROM documents")] for (code,) in con.execute(sql).fetchall()}
    finally:
        con.close()
    codes |= {("layout", layout.name) for layout in all_layouts()}
    assert len(codes) > 70
    missing = sorted(code for code in codes if code not in i18n.NAMES)
    assert not missing, missing
    for (kind, code), (lv, en) in i18n.NAMES.items():
        assert lv.strip() and en.strip(), (kind, code)
        assert "_" not in lv + en, (kind, code)  # a name, not a code


@pytest.mark.parametrize("n, lv, en", [
    (1, "Atrasta 1 rinda.", "1 row found."),
    (21, "Atrasta 21 rinda.", "21 rows found."),
    (251, "Atrasta 251 rinda.", "251 rows found."),
    (2, "Atrastas 2 rindas.", "2 rows found."),
    (11, "Atrastas 11 rindas.", "11 rows found."),
    (1890, f"Atrastas 1{NBSP}890 rindas.", "1,890 rows found."),
])
def test_counted_texts_take_the_plural_form_of_their_number(n, lv, en):
    assert i18n.tn("rows_found", n, "lv") == lv and i18n.tn("rows_found", n, "en") == en


def test_every_counted_text_has_an_other_form_and_the_same_placeholders():
    for key, (lv, en) in i18n.COUNTED.items():
        assert "other" in lv and "other" in en, key
        placeholders = {frozenset(re.findall(r"{(\w+)}", form)) for form in [*lv.values(), *en.values()]}
        assert len(placeholders) == 1, key


# --------------------------------------------------------------------------- places and dates

def test_source_lines_name_each_file_and_place_once_in_the_readers_language():
    frame = pd.DataFrame({"file_name": ["a.txt", "a.txt", "a.txt", "a.txt", "b.pdf"],
                          "source_table": ["text", "text", "2.tabula", "text", "4.1. tabula"],
                          "page": [None, None, None, None, 15], "line": [56, 74, 508, 9, None]})
    assert sources.source_lines(frame, "lv") == ["a.txt (2.tabula, 508. rinda; teksts, 9., 56., 74. rinda)",
                                                 "b.pdf (4.1. tabula, 15. lpp.)"]
    assert sources.source_lines(frame, "en") == ["a.txt (table 2, line 508; text, line 9, 56, 74)",
                                                 "b.pdf (table 4.1, p. 15)"]


def test_a_row_printed_in_several_places_names_each_of_them():
    frame = pd.DataFrame({"file_name": ["a.txt"], "places": [[
        {"source_table": "chart data (atpazīstamība)", "page": None, "line": 2586},
        {"source_table": "4.tabula", "page": None, "line": 1101}]]})
    assert sources.source_lines(frame, "en") == ["a.txt (table 4, line 1101; chart data (atpazīstamība), line 2586)"]


def test_a_shown_table_says_the_place_columns_as_one_place(monkeypatch):
    monkeypatch.setattr(ui, "lang", lambda: "lv")
    frame = pd.DataFrame({"value": [1.0, 2.0], "source_table": ["4.1. tabula", "text"], "page": [15, None],
                          "line": [None, 56], "source_ref": ["4.1. tabula, p. 15; row 'Kopā'", "text, line 56"]})
    shown = ui.readable(frame)
    assert list(shown.columns) == ["value", "source_table", "source_ref"]
    assert shown["source_table"].tolist() == ["4.1. tabula, 15. lpp.", "teksts, 56. rinda"]
    assert shown["source_ref"].tolist() == ["4.1. tabula, 15. lpp.; rinda 'Kopā'", "teksts, 56. rinda"]


@pytest.mark.parametrize("value, lv, en", [
    ("2025-03-27", "2025. gada 27. marts", "27 March 2025"),
    ("2017-02", "2017. gada februāris", "February 2017"),
    ("2011..2015", "2011–2015", "2011–2015"),
    ("2021-07-01..2021-12-31", "2021. gada 1. jūlijs – 2021. gada 31. decembris",
     "1 July 2021 – 31 December 2021"),
    ("2024", "2024", "2024"),
    (None, "", ""),
])
def test_dates_in_the_readers_style(value, lv, en):
    assert format.date_text(value, "lv") == lv and format.date_text(value, "en") == en


def test_chart_titles_start_below_the_toolbar_and_fit_a_phone():
    title = "Tukuma novads: Pakalpojumu saņēmēji, personas kopienā un institūcijās"
    layout = spec(charts.bars_by_year(pd.DataFrame({"year": [2024], "label": ["A"], "value": [1.0]}), title=title,
                                      unit="persons", lang="lv"))["layout"]
    lines = layout["title"]["text"].split("<br>")
    assert len(lines) == 2 and all(len(line) <= charts.TITLE_CHARACTERS for line in lines)
    assert layout["title"]["yref"] == "container" and layout["title"]["pad"]["t"] >= charts.TOOLBAR_HEIGHT
    assert layout["margin"]["t"] >= charts.TOOLBAR_HEIGHT + 2 * charts.TITLE_LINE_HEIGHT


def test_value_labels_have_room_beside_the_longest_bar():
    frame = pd.DataFrame({"row": ["a", "b"], "value": [10.0, 40.0], "text": ["10", "40"]})
    layout = spec(charts.horizontal_bars(frame, y="row", title="t", unit=None, lang="lv", text="text"))["layout"]
    assert layout["xaxis"]["range"] == [0, 48.0]


def test_hover_labels_give_the_unit_and_the_bar_labels_rounding():
    frame = pd.DataFrame({"row": ["a"], "value": [0.751234], "text": ["0,75"]})
    bars = spec(charts.horizontal_bars(frame, y="row", title="t", unit=None, lang="lv", text="text"))["data"][0]
    assert bars["customdata"] == [["a", "0,75"]] and bars["text"] == ["0,75"]
    years = spec(charts.bars_by_year(pd.DataFrame({"year": [2024], "label": ["A"], "value": [1116657.22]}),
                                     title="t", unit="EUR", lang="lv"))["data"][0]
    assert years["customdata"] == [f"1{NBSP}116{NBSP}657,22{NBSP}€"] and "%{customdata}" in years["hovertemplate"]
    persons = spec(charts.horizontal_bars(pd.DataFrame({"row": ["a"], "value": [45.0]}), y="row", title="t",
                                          unit="persons", lang="en"))["data"][0]
    assert persons["customdata"] == [["a", f"45{NBSP}persons"]]


def test_a_reason_every_row_of_a_table_carries_is_said_once_for_the_table():
    caption = "caption names 2021, 2022, 2023 but the columns are 2022, 2023, 2024; the column years were taken"
    table = pd.DataFrame({
        "source_table": ["4.1. tabula"] * 3 + ["text"], "page": [15, 15, 15, 3], "line": [None] * 4,
        "flag": [caption, f"irregular digit grouping; {caption}", caption, None],
        "flag_lv": [None, None, None, None]})
    notes, counted = ui.flag_notes(table, "en")
    assert notes == [f"table 4.1: {caption}"] and counted == 1
    assert ui.flag_notes(table.assign(flag=None), "lv") == ([], 0)


def test_ui_texts_are_plain_text_not_markdown():
    """UI texts reach the page escaped (ui.note, ui.empty_text), so markdown in them would show as typed."""
    marks = re.compile(r"`|\*\*|__|\[[^\]]*\]\(")
    texts = [v for pair in i18n.TEXT.values() for v in pair]
    texts += [form for lv, en in i18n.COUNTED.values() for form in [*lv.values(), *en.values()]]
    assert not [text for text in texts if marks.search(text)]


def test_a_marks_label_fits_a_phone_and_gets_room_for_its_lines():
    text = "20–35 lietas: maksimālā robeža dažādās valstīs (the upper limit used in various countries)"
    frame = pd.DataFrame({"row": ["a"], "value": [30.0]})
    plain = spec(charts.horizontal_bars(frame, y="row", title="t", unit="cases", lang="lv"))["layout"]
    marked = spec(charts.horizontal_bars(frame, y="row", title="t", unit="cases", lang="lv",
                                         marks=(("band", 20, 35, text),)))["layout"]
    label = marked["annotations"][-1]["text"].split("<br>")
    assert len(label) == 3 and all(len(line) <= charts.TITLE_CHARACTERS for line in label)
    assert marked["margin"]["t"] - plain["margin"]["t"] == charts.MARK_LABEL_HEIGHT + 2 * charts.TITLE_LINE_HEIGHT
