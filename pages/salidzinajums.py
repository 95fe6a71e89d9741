"""Salīdzinājums: how municipalities compare on one common indicator — a ranking for one year, lines over the
years, the change against the previous year, an index — as printed or per resident, with the quartiles
and the median of the municipalities compared as a reference band, and "my municipality" highlighted."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import colours, selectors, ui
from dashboard.db import load
from dashboard.format import amount
from dashboard.frame import within_frame
from dashboard.i18n import indicator_text, lang, t, unit_name
from warehouse import comparison, seeds
from warehouse.queries import spans_reform

within_frame()  # a deep link on a fresh server must still get the frame

LANGUAGE = lang()  # fixed for the run: asked once, not once per option
# How many municipalities a line chart names, each in its own colour; the others are one grey "other".
NAMED_LINES = 8
# The views, their names and the measure each charts (the band is of the same measure).
VIEWS = {"rangs": ("compare_view_rank", "value"), "gadi": ("compare_view_lines", "value"),
         "izmainas": ("compare_view_change", "change_pct"), "indekss": ("compare_view_index", "index")}
# How values are shown, in the address: as printed, per resident, per 1 000 residents (comparison.PER).
PER_OPTIONS = {"dok": ("compare_per_value", ""), "iedz": ("compare_per_resident", "resident"),
               "1000": ("compare_per_1000", "1000")}

ui.note(t("compare_intro"))
catalogue = load(comparison.comparable_indicators)
if catalogue.empty:
    ui.empty("compare_none")
    st.stop()

# 1/ the indicator, with its definition; the most widely given first
names = dict(zip(catalogue["indicator"], catalogue[f"name_{LANGUAGE}"]))
counts = dict(zip(catalogue["indicator"], catalogue["municipalities"]))
indicator = selectors.choose_one(t("indicator"), catalogue["indicator"].tolist(), "raditajs",
                                 format_func=lambda i: t("compare_indicator_option", LANGUAGE, name=names[i],
                                                         n=counts[i]))
entry = catalogue.set_index("indicator").loc[indicator]
ui.note(indicator_text(entry, LANGUAGE), icon=":material/menu_book:")

# 2/ a group, its municipalities (all with figures by default) and my municipality (any with figures)
everyone = load(comparison.indicator_coverage, indicator)
present = selectors.municipality_options(everyone["municipality"])
groups = load(comparison.municipality_groups)
sizes = seeds.load_size_groups()
cities, novadi = (groups.loc[groups["level"] == level, "municipality"].tolist() for level in ("valstspilsēta", "novads"))
members = {"visas": present, "valstspilsetas": cities, "novadi": novadi,
           **{g.group: groups.loc[groups["size_group"] == g.group, "municipality"].tolist() for g in sizes}}
members = {group: [m for m in present if m in set(names_in)] for group, names_in in members.items()}
group_names = {"visas": t("compare_group_all"), "valstspilsetas": t("compare_group_cities"),
               "novadi": t("compare_group_novadi"),
               **{g.group: t("compare_group_size", name=getattr(g, f"name_{LANGUAGE}")) for g in sizes}}
left, middle, right = st.columns(3)
group = selectors.choose_one(t("compare_group"), [g for g, found in members.items() if found], "grupa",
                             format_func=group_names.get, where=left)
ui.note(t("compare_group_help", cities=len(cities), novadi=len(novadi)), where=left)
candidates = members[group]
# Municipalities by their Latvian names in both languages, as on the other pages (the charts name them in English).
chosen = selectors.choose_many(t("compare_municipalities"), candidates, "novadi", where=middle) or candidates
mine = selectors.choose_one(t("compare_mine"), ["", *present], "mana", where=right,
                            format_func=lambda m: m or t("compare_mine_none", LANGUAGE))
charted = tuple(dict.fromkeys([*chosen, *([mine] if mine else [])]))

# 3/ years, view and how values are shown; all in the address
span = everyone[everyone["municipality"].isin(charted)]
years = selectors.choose_years(span["year"].min(), span["year"].max())
in_years = span[span["year"].between(*years)]
# A ranking needs a year that two municipalities give; else the lines say more.
shared = in_years.groupby("year")["municipality"].nunique()
left, right = st.columns(2)
view = selectors.choose_one(t("compare_view"), list(VIEWS), "skats", horizontal=True, where=left,
                            default="rangs" if (shared > 1).any() else "gadi",
                            format_func=lambda v: t(VIEWS[v][0], LANGUAGE))
if entry["per_resident"]:
    per = PER_OPTIONS[selectors.choose_one(t("compare_per"), list(PER_OPTIONS), "uz", horizontal=True, where=right,
                                           format_func=lambda p: t(PER_OPTIONS[p][0], LANGUAGE))][1]
else:
    per = ""
    ui.note(t("compare_not_divided"), where=right)
measure = VIEWS[view][1]
values = load(comparison.indicator_values, indicator, charted, *years, per=per)
band = load(comparison.reference_band, indicator, tuple(chosen), *years, per=per, measure=measure)
if len(present) < 2:
    ui.note(t("compare_single"), icon=":material/info:")


def series_names(frame: pd.DataFrame) -> pd.Series:
    """Each row's series as the reader reads it: the municipality, and apart from it its years before the
    2021 reform where its territory changed then."""
    pairs = frame[["municipality", "before_reform"]].drop_duplicates()
    said = {(m, before): t("compare_before_reform", name=ui.municipality_label(m)) if before
            else ui.municipality_label(m) for m, before in pairs.itertuples(index=False)}
    return pd.Series([said[pair] for pair in zip(frame["municipality"], frame["before_reform"])], index=frame.index)


def without_residents(frame: pd.DataFrame) -> list[str]:
    """The note listing the municipalities and years of `frame` that have no residents figure to divide by,
    said once for those that miss the same years (at national scale, often all of them)."""
    missing = frame[frame["value"].isna()]
    if not per or missing.empty:
        return []
    listed = missing.groupby("municipality", sort=False)["year"].apply(lambda ys: ", ".join(map(str, ys)))
    said = listed.groupby(listed, sort=False).apply(lambda part: ", ".join(part.index))
    return [t("compare_no_residents", names="; ".join(f"{m} ({ys})" for ys, m in said.items()))]


if values[measure].isna().all():
    ui.empty()
    for text in without_residents(values):
        ui.note(text)
    st.stop()
notes = []
values = values.assign(series=series_names(values))
unit = {"change_pct": "percent", "index": None}.get(measure, values["unit"].iloc[0])
what = names[indicator]
columns = ["municipality", "year", "period", "value", "unit",
           *{"rangs": ["rank"], "izmainas": ["previous_year", "previous_value", "change_pct"],
             "indekss": ["index"]}.get(view, []),
           "printed_value", *(["residents", "residents_year"] if per else []), "category", "subgroup", "readings",
           *ui.PROVENANCE]
if not band.empty and band["municipalities"].max() > 1:
    notes.append(t("compare_band_help", n=int(band["municipalities"].max())))

if view == "rangs":
    # 4a/ one year, largest first (ranked in SQL), my municipality in its colour, the others grey
    year = selectors.select_year(values.loc[values["value"].notna(), "year"],
                                 default=int(shared.index[shared == shared.max()].max()))
    notes += without_residents(values[values["year"] == year])
    ranked = values[(values["year"] == year) & values["value"].notna()]
    if mine and mine not in set(ranked["municipality"]):
        notes.append(t("compare_mine_missing", name=mine))
    ranked = ranked.assign(text=[amount(v, unit, LANGUAGE) for v in ranked["value"]],
                           highlight=[s if m == mine else t("other") for m, s in zip(ranked["municipality"],
                                                                                   ranked["series"])])
    marks = []
    year_band = band[band["year"] == year]
    if not year_band.empty and year_band["municipalities"].iloc[0] > 1:
        row = year_band.iloc[0]
        # Explained under the chart (compare_band_help): a label at the band's edge would run off a phone.
        marks = [("band", row["q1"], row["q3"], ""), ("median", row["median"], "")]
    highlighted = {s: colours.municipality_colour(mine) for s in ranked.loc[ranked["municipality"] == mine, "series"]}
    fig = ui.figure("horizontal_bars", ranked, y="series", x="value", colour="highlight" if mine else None,
                    title=t("compare_rank_title", what=what, year=year, unit=unit_name(unit)), unit=unit,
                    lang=LANGUAGE, sort=False, text="text", colours={**highlighted, t("other"): colours.OTHER},
                    marks=marks)
    ui.chart_block(fig, ranked, key="salidzinajums", notes=notes, table_columns=columns)
else:
    notes += without_residents(values)
    values = values[values[measure].notna()]
    # 4b/ over the years: my municipality and the largest others named, in their own colours; the rest grey,
    # drawn first so that the named lines lie on top of them, my municipality last
    latest = values.sort_values("year").groupby("municipality")[measure].last().sort_values(ascending=False)
    named = list(dict.fromkeys([*([mine] if mine in latest.index else []), *latest.index]))[:NAMED_LINES]
    order = {m: i for i, m in enumerate([*[m for m in latest.index if m not in named], *named[::-1]])}
    lines = values.assign(_order=values["municipality"].map(order)).sort_values(
        ["_order", "before_reform", "year"], ascending=[True, False, True]).drop(columns="_order")
    fixed = {s: colours.municipality_colour(m) if m in named else colours.OTHER
             for m, s in zip(lines["municipality"], lines["series"])}
    marks = []
    if not band.empty and band["municipalities"].max() > 1:
        marks.append(("year_band", tuple(band["year"]), tuple(band["q1"]), tuple(band["median"]), tuple(band["q3"]),
                      t("compare_band")))
    if spans_reform(lines["year"]):
        marks.append(("reform", t("reform_line")))
    title = {"gadi": t("compare_lines_title", what=what, unit=unit_name(unit)),
             "izmainas": t("compare_change_title", what=what), "indekss": t("compare_index_title", what=what)}[view]
    if view != "gadi":
        notes.append(t("compare_change_help" if view == "izmainas" else "compare_index_help"))
    fig = ui.figure("bars_by_year", lines, y=measure, colour="series", title=title, unit=unit, lang=LANGUAGE,
                    mode="lines", colours=fixed, marks=marks)
    # The reform note names the municipalities whose territory changed: their series are split at it.
    split = lines[lines["municipality"].isin(lines.loc[lines["before_reform"], "municipality"])]
    ui.chart_block(fig, lines, key="salidzinajums", notes=notes, table_columns=columns,
                   reform=ui.reform_note(split["municipality"], split["year"]) if not split.empty else None)
