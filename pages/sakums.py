"""Sākums: what the warehouse holds, and headline figures for one municipality and year with their change
against the previous year."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import selectors, sources, ui
from dashboard.db import load
from dashboard.escape import markdown_text
from dashboard.format import amount, number, signed_percent
from dashboard.frame import within_frame
from dashboard.i18n import label, lang, metric_name, t, topic_name
from warehouse import queries
from warehouse.queries import spans_reform

within_frame()  # a deep link on a fresh server must still get the frame

ui.note(t("app_tagline"))

# 1/ what the warehouse holds
overview = load(queries.overview).iloc[0]
st.subheader(t("home_holds"))
# The years and the facts (seven digits at national scale) need the most room.
cells = st.columns([1, 1, 1.5, 1.5, 1.2])
first, last = overview["first_year"], overview["last_year"]
if not overview["facts"] or pd.isna(first):
    years = "—"
else:
    years = f"{int(first)}–{int(last)}" if first != last else str(int(first))
for cell, (key, value) in zip(cells, [("n_documents", number(overview["documents"], lang())),
                                      ("n_municipalities", number(overview["municipalities"], lang())),
                                      ("n_years", years),
                                      ("n_facts", number(overview["facts"], lang())),
                                      ("n_flagged", number(overview["flagged"], lang()))]):
    cell.metric(t(key), value, border=True)

# 2/ headline figures, with the change against the previous year that gives the same row
pairs = load(queries.headline_years)
if pairs.empty:
    st.stop()
st.subheader(t("home_headlines"), help=t("home_headlines_help"))
left, right = st.columns(2)
with left:
    # The municipality with the most figures first (the order `municipalities` gives).
    municipality = selectors.select_municipality(selectors.municipality_options(pairs["municipality"]))
if municipality is None:
    st.stop()
with right:
    own = pairs[pairs["municipality"] == municipality]
    # By default the latest of the years with the most headline figures.
    richest = own.sort_values(["figures", "year"], ascending=False)["year"].iloc[0]
    year = selectors.select_year(own["year"].tolist(), default=richest)
figures = load(queries.headlines, municipality, year)
if figures.empty:
    ui.empty("home_no_headlines")
else:
    cells = st.columns(3)
    for i, row in enumerate(figures.itertuples(index=False)):
        delta, note = None, t("no_previous")
        if pd.notna(row.previous_year) and spans_reform([row.previous_year, row.year]):
            # Before and after the 2021 reform the municipality is not the same territory: no change shown.
            note = t("not_comparable", year=int(row.previous_year))
        elif pd.notna(row.previous_year) and pd.notna(row.change_pct):
            # An ASCII sign: st.metric reads the arrow's direction from a leading "-".
            delta = signed_percent(row.change_pct, lang()).replace("−", "-") + " " + \
                t("vs_year", year=int(row.previous_year))
        with cells[i % 3].container(border=True):
            st.metric(markdown_text(f"{topic_name(row.topic)}: {metric_name(row.metric)}"),
                      amount(row.value, row.unit, lang()),
                      delta=delta or note, delta_color="off", delta_arrow="auto" if delta else "off")
            source = sources.source_lines(pd.DataFrame([row._asdict()]), lang())[0]
            st.caption(f"{markdown_text(label(row.category))}  \n{markdown_text(source)}")

# 3/ coverage: which topics and years each municipality has figures for (one table, built once in SQL), the
# chosen municipality's rows first; every municipality's under them, folded: at national scale hundreds of rows
st.subheader(t("home_coverage"))
coverage = load(queries.coverage)
if not coverage.empty:
    language = lang()
    table = coverage.assign(topic=coverage["topic"].map(lambda code: topic_name(code, language)))
    table = table.sort_values(["municipality", "topic"], kind="stable").rename(
        columns={"municipality": t("municipality"), "topic": t("topic")})
    # Counts under a thousand need no number formatting: plain whole numbers, a dash where there are none.
    shown = {"hide_index": True, "placeholder": "—",
             "column_config": {c: st.column_config.NumberColumn(format="%d") for c in table.columns[2:]}}
    own = table[table[t("municipality")] == municipality]
    st.dataframe(own.dropna(axis="columns", how="all"), **shown)
    if len(own) < len(table):
        with st.expander(t("home_coverage_all")):
            st.dataframe(table, **shown)
