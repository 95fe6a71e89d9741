"""Fokusgrupas: how well each support form is recognised (sorted bars), where it is considered available
(forms × parishes), and how many took part in each parish."""
from __future__ import annotations

import streamlit as st

from dashboard import selectors, ui
from dashboard.db import load
from dashboard.format import number
from dashboard.frame import within_frame
from dashboard.i18n import label, lang, t
from warehouse import queries

within_frame()  # a deep link on a fresh server must still get the frame

ui.note(t("focus_intro"))
present = selectors.municipality_options(set(load(queries.focus_group_municipalities)["municipality"]))
if not present:
    ui.empty()
    st.stop()
municipality = selectors.select_municipality(present) if len(present) > 1 else present[0]
recognition, availability, respondents = (load(queries.focus_group, metric, municipality)
                                          for metric in ("recognition", "availability", "respondents"))

# 1/ recognition of each support form, most recognised first
st.subheader(t("recognition"))
if recognition.empty:
    ui.empty()
else:
    shown = recognition.assign(form=recognition["category"].map(label),
                               text=recognition["value"].map(lambda v: number(v, lang())))
    fig = ui.figure("horizontal_bars", shown, y="form", title=t("recognition_title", name=municipality),
                    unit="count", lang=lang(), text="text")
    ui.chart_block(fig, shown, key="atpazistamiba", table_columns=["year", "category", "value", "unit", *ui.PROVENANCE])

# 2/ availability: forms (in order of recognition, where known) × parishes
st.subheader(t("availability"))
if availability.empty:
    ui.empty()
else:
    order = recognition.sort_values("value", ascending=False)["category"].tolist()
    order += [c for c in dict.fromkeys(availability["category"]) if c not in order]
    # Parishes sent different numbers of participants: a cell is the share of its parish's participants.
    shown = availability.assign(form=availability["category"].map(label))
    fig = ui.figure("heatmap", shown, x="territory", y="form", z="share",
                    title=t("availability_title", name=municipality),
                    lang=lang(), unit="percent", colour_title="%", x_order=tuple(sorted(shown["territory"].unique())),
                    y_order=tuple(label(c) for c in order))
    ui.chart_block(fig, shown, key="pieejamiba", notes=[t("availability_help")],
                   table_columns=["year", "territory", "category", "value", "respondents", "share", "unit",
                                  *ui.PROVENANCE])

# 3/ respondents per parish
st.subheader(t("respondents"))
if respondents.empty:
    ui.empty()
else:
    fig = ui.figure("horizontal_bars", respondents.assign(text=respondents["value"].map(lambda v: number(v, lang()))),
                    y="territory", title=t("respondents_title", name=municipality), unit="persons", lang=lang(),
                    text="text")
    ui.chart_block(fig, respondents, key="respondenti",
                   table_columns=["year", "territory", "category", "value", "unit", *ui.PROVENANCE])
