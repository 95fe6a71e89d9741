"""Pakalpojumu saņēmēji: recipients by service across years, beside them on request the same services of a
second municipality; the split by gender where the report gives it; community against institutional care."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import colours, second_municipality, selectors, ui
from dashboard.db import load
from dashboard.frame import within_frame
from dashboard.i18n import label, lang, metric_name, t, topic_name
from warehouse import queries
from warehouse.queries import by_setting, services_per_year

within_frame()  # a deep link on a fresh server must still get the frame

DEFAULT_ROWS = 6
ui.note(t("recipients_intro"))
options = load(queries.series_options, ("recipients", "care", "social_assistance"))
options = options[options["unit"] != "EUR"]

# 1/ selection: municipality, measure, years; all in the URL
choice = selectors.select_series(options)
if choice is None:  # no municipality has any
    ui.empty()
    st.stop()
municipality, topic, metric, years = choice
what = f"{topic_name(topic)}, {metric_name(metric)}"
data = load(queries.series, municipality, topic, metric, None, *years)
totals = data[data["gender"].isna()]

# 2/ recipients by service across years
rows = load(queries.series_rows, municipality, topic, metric, None, *years, how_many=DEFAULT_ROWS)
chosen = selectors.choose_many(t("categories"), rows["label"].tolist(), "rindas",
                               default=rows.loc[rows["is_default"], "label"].tolist())
left, right = st.columns([3, 2], vertical_alignment="bottom")
# A second municipality that has the same measure, its same services beside the first's, by default as lines
# (as on Budžets).
having = options[(options["topic"] == topic) & (options["metric"] == metric)]["municipality"]
second = selectors.select_second_municipality(selectors.municipality_options(having), municipality, where=right)
compared = [m for m in (municipality, second) if m]
with left:
    mode = selectors.choose_chart_mode(default="lines" if second else "group")
beside = totals if not second else pd.concat([totals, load(queries.series, second, topic, metric, None, *years)],
                                             ignore_index=True)
beside = beside[beside["gender"].isna()]
# the legend in the order chosen, each service's municipalities together
shown = beside[beside["label"].isin(chosen)].sort_values(
    ["label", "municipality"], key=lambda s: s.map(chosen.index) if s.name == "label" else s.map(compared.index),
    kind="stable")
if not chosen:
    ui.empty("none_selected")
elif shown.empty:
    ui.empty()
else:
    unit = shown["unit"].iloc[0]
    # The metric names the unit (persons, children, families), so the title states it.
    reform = ui.reform_note(shown["municipality"], shown["year"])
    notes = [t("stack_warning") if mode == "stack" else None]
    if second and not set(chosen) & set(shown.loc[shown["municipality"] == second, "label"]):
        notes.append(t("compare_no_rows", name=second))
    fig = ui.figure("bars_by_year", shown.assign(label=second_municipality.labels(shown, label)),
                    title=t("recipients_title", name=", ".join(compared), what=what), unit=unit, lang=lang(),
                    mode=mode, colours=second_municipality.row_colours(shown, chosen, label),
                    marks=[("reform", t("reform_line"))] if reform else [])
    ui.chart_block(fig, shown, key="sanemeji", reform=reform, notes=notes,
                   table_columns=[*(["municipality"] if second else []), "year", "label", "value", "unit",
                                  *ui.PROVENANCE])

# 3/ the split by gender, for one year
st.subheader(t("gender_split"))
genders = data[data["gender"].notna()]
if genders.empty:
    ui.empty("gender_none")
else:
    year = selectors.select_year(genders["year"].tolist(), key="dz_gads")
    part = genders[genders["year"] == year]
    # Each gender in its own colour on every page, named with its gloss in English.
    named = part.assign(label=part["label"].map(label), gender_name=part["gender"].map(label))
    fixed = {label(g): c for g, c in colours.gender_colours(part["gender"]).items()}
    fig = ui.figure("horizontal_bars", named, y="label", colour="gender_name", stack=True, colours=fixed,
                    title=t("gender_title", name=municipality, year=year, what=what), unit=part["unit"].iloc[0],
                    lang=lang())
    ui.chart_block(fig, part, key="dzimums",
                   table_columns=["year", "label", "gender", "value", "unit", *ui.PROVENANCE])

# 4/ community against institutional care, by the services' names
st.subheader(t("settings"), help=t("settings_help"))
settings = by_setting(totals)
if settings.empty:
    ui.empty("settings_none")
else:
    settings = settings.assign(setting_name=settings["setting"].map(lambda s: t(f"setting_{s}")))
    summed = (settings.groupby(["year", "setting_name", "unit"], as_index=False)["value"].sum())
    reform = ui.reform_note(municipality, summed["year"])
    covered = services_per_year(settings)
    coverage = t("settings_coverage", years=", ".join(f"{year}: {n}" for year, n in covered.items())) \
        if len(set(covered.values())) > 1 else None
    fig = ui.figure("bars_by_year", summed, colour="setting_name", mode="stack", unit=summed["unit"].iloc[0],
                    lang=lang(), title=t("settings_title", name=municipality, what=what),
                    colours={t(f"setting_{s}"): c for s, c in colours.SETTING.items()},
                    marks=[("reform", t("reform_line"))] if reform else [])
    ui.chart_block(fig, settings, key="vide", reform=reform, notes=[coverage, t("settings_help")],
                   table_columns=["year", "label", "setting", "value", "unit", *ui.PROVENANCE])
