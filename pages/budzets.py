"""Budžets: spending and funding by service, benefit and category across years, per resident where the
population is known, with the change against the previous year; beside them, on request, the same rows of a
second municipality."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import second_municipality, selectors, ui
from dashboard.db import load
from dashboard.frame import within_frame
from dashboard.i18n import label, lang, metric_name, t, topic_name, unit_name
from warehouse import queries
from warehouse.queries import year_on_year

within_frame()  # a deep link on a fresh server must still get the frame

# How many rows a chart starts with; the reader adds or removes rows in the selector.
DEFAULT_ROWS = 6

ui.note(t("budget_intro"))
options = load(queries.series_options, ("budget", "social_assistance"), "EUR")

# 1/ selection: municipality, measure, years, rows; all in the URL
choice = selectors.select_series(options)
if choice is None:  # no municipality has any
    ui.empty()
    st.stop()
municipality, topic, metric, years = choice
rows = load(queries.series_rows, municipality, topic, metric, "EUR", *years, how_many=DEFAULT_ROWS, gender=True)
chosen = selectors.choose_many(t("categories"), rows["label"].tolist(), "rindas",
                               default=rows.loc[rows["is_default"], "label"].tolist())
left, middle, right = st.columns([2, 1, 2], vertical_alignment="bottom")
# A second municipality that has the same measure, its same rows beside the first's: by default as lines,
# where a row's two series, one of them dashed, stay apart over many years (thin hatched bars would not).
having = options[(options["topic"] == topic) & (options["metric"] == metric)]["municipality"]
second = selectors.select_second_municipality(selectors.municipality_options(having), municipality, where=right)
compared = [m for m in (municipality, second) if m]
with left:
    mode = selectors.choose_chart_mode(default="lines" if second else "group")
per_head = middle.toggle(t("per_resident"), key="uz_iedz", bind="query-params")


# 2/ the chart of exactly the chosen rows, its legend in the order chosen (each row's municipalities together)
def chosen_rows(frame):
    return frame[frame["label"].isin(chosen)].sort_values(
        ["label", "municipality"], key=lambda s: s.map(chosen.index) if s.name == "label" else s.map(compared.index),
        kind="stable")


def series(per_resident: bool = False):
    return pd.concat([load(queries.series, m, topic, metric, "EUR", *years, per_resident=per_resident) for m in compared],
                     ignore_index=True)


shown = chosen_rows(series())
notes = []
if second and not set(chosen) & set(shown.loc[shown["municipality"] == second, "label"]):
    notes.append(t("compare_no_rows", name=second))
if per_head and not shown.empty:
    divided = chosen_rows(series(per_resident=True))
    if divided.empty:
        notes.append(t("per_resident_none"))
    elif divided["year"].nunique() < shown["year"].nunique():
        notes.append(t("per_resident_missing", years=", ".join(map(str, sorted(divided["year"].unique())))))
    shown = divided
if not chosen:
    ui.empty("none_selected")
elif shown.empty:
    ui.empty()
    for note in notes:
        ui.note(note)
else:
    unit = shown["unit"].iloc[0]
    title = t("budget_title", name=", ".join(compared), what=f"{topic_name(topic)}, {metric_name(metric)}",
              unit=unit_name(unit))
    reform = ui.reform_note(shown["municipality"], shown["year"])
    fig = ui.figure("bars_by_year", shown.assign(label=second_municipality.labels(shown, label)), title=title,
                    unit=unit, lang=lang(), mode=mode, colours=second_municipality.row_colours(shown, chosen, label),
                    marks=[("reform", t("reform_line"))] if reform else [])
    if mode == "stack":
        notes.append(t("stack_warning"))
    columns = [*(["municipality"] if second else []), "year", "period", "label", "value", "unit",
               *(["residents", "residents_year"] if per_head else []), *ui.PROVENANCE]
    ui.chart_block(fig, shown, key="budzets", reform=reform, notes=notes, table_columns=columns)

    # 3/ the same rows, each year against the previous one
    st.subheader(t("yoy"), help=t("yoy_help"))
    ui.show_table(year_on_year(shown.assign(label=second_municipality.labels(shown))))
