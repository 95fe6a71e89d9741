"""Dati: any slice of `facts` with filters; the slice as CSV, XLSX or Parquet; the data dictionary; the full
data package (every table as CSV plus a Frictionless datapackage.json)."""
from __future__ import annotations

import streamlit as st

from dashboard import selectors, ui
from dashboard.db import data_package, load
from dashboard.escape import markdown_text
from dashboard.format import number
from dashboard.frame import within_frame
from dashboard.i18n import indicator_text, lang, metric_name, name, t, tn, topic_name
from warehouse import exports, queries

within_frame()  # a deep link on a fresh server must still get the frame

# Enough rows to browse; the downloads always hold the whole slice.
SHOWN_ROWS = 1000

ui.note(t("data_intro"))

# 1/ filters, each narrowed by the ones before it; all of them live in the URL
facets = load(queries.fact_facets)
left, middle, right = st.columns(3)
# The facts' own column: municipalities, and the country for the national figures.
chosen_municipalities = selectors.choose_many(t("municipalities_or_country"),
                                              list(dict.fromkeys(facets["municipality"])), "novadi", where=left)
narrowed = facets[facets["municipality"].isin(chosen_municipalities)] if chosen_municipalities else facets
# Topics and metrics by their names, in the order of their names; the address keeps the codes.
language = lang()  # fixed now: a format function may also be called outside the script run
chosen_topics = selectors.choose_many(t("topics"),
                                      sorted(set(narrowed["topic"]), key=lambda c: topic_name(c, language)),
                                      "temas", where=middle, format_func=lambda c: topic_name(c, language))
narrowed = narrowed[narrowed["topic"].isin(chosen_topics)] if chosen_topics else narrowed
chosen_metrics = selectors.choose_many(t("metrics"),
                                       sorted(set(narrowed["metric"]), key=lambda c: metric_name(c, language)),
                                       "raditaji", where=right, format_func=lambda c: metric_name(c, language))
narrowed = narrowed[narrowed["metric"].isin(chosen_metrics)] if chosen_metrics else narrowed
# Common indicators grouped: by group, then by name, each shown as `Group — name`; the address keeps the ids.
catalogue = load(queries.indicators).set_index("indicator")
# (its group's name, its name) in the reader's language, worked out once for every option
indicator_option = {code: (name("indicator_group", group, language), shown_name) for code, group, shown_name in
                    zip(catalogue.index, catalogue["indicator_group"], catalogue[f"name_{language}"])}
present = set(narrowed["indicator"].dropna()) & set(indicator_option)
chosen_indicators = selectors.choose_many(t("indicators"), sorted(present, key=indicator_option.get), "kopraditaji",
                                          format_func=lambda code: " — ".join(indicator_option[code]))
for code in chosen_indicators:
    ui.note(indicator_text(catalogue.loc[code], language), icon=":material/menu_book:")
narrowed = narrowed[narrowed["indicator"].isin(chosen_indicators)] if chosen_indicators else narrowed
left, middle, right = st.columns([2, 2, 1], vertical_alignment="bottom")
span = narrowed[["first_year", "last_year"]].stack().dropna().astype(int)
year_range = (None, None)  # the whole span is no filter: facts without a year stay in
if not span.empty:
    first, last = int(span.min()), int(span.max())
    chosen_years = selectors.choose_years(first, last, where=left)
    if chosen_years != (first, last):
        year_range = chosen_years
text = middle.text_input(t("search_labels"), key="meklet", bind="query-params")
flagged_only = right.toggle(t("flagged_only"), key="piezimes", bind="query-params")

# 2/ the slice: counted and shown a page at a time in SQL; the downloads read the whole of it when clicked
filters = (chosen_municipalities, chosen_topics, chosen_metrics, *year_range, flagged_only, text)
indicators = {"indicators": chosen_indicators}
found = int(load(queries.facts_count, *filters, **indicators)["facts"].iloc[0])
if not found:
    ui.empty()
else:
    ui.note(tn("rows_found", found) if found <= SHOWN_ROWS
            else tn("rows_shown", found, shown=number(SHOWN_ROWS, lang())))
    # On screen the indicator by its name (`ui.readable`); the downloads keep its id beside the names.
    ui.show_table(load(queries.facts_slice, *filters, **indicators, limit=SHOWN_ROWS).drop(columns=["document_id",
                                                                                              "indicator"]))
    st.markdown(f"**{markdown_text(t('slice_download'))}**")
    ui.download_row(lambda: load(queries.facts_slice, *filters, **indicators), "socdash_facts", key="slice",
                    formats=("csv", "xlsx", "parquet"))

# 3/ the data dictionary
st.subheader(t("dictionary"))
ui.note(t("dictionary_intro"))
dictionary = exports.data_dictionary(load(queries.table_columns), lang())
st.dataframe(dictionary.rename(columns={"table": t("col_table"), "column": t("col_column"), "type": t("col_type"),
                                        "description": t("col_description")}), hide_index=True)

# 4/ everything at once
st.subheader(t("package"))
ui.note(t("package_intro"))
st.download_button(t("download_package"), data=data_package, file_name="socdash_datapackage.zip",
                   mime="application/zip", key="package", on_click="ignore", icon=":material/folder_zip:",
                   type="primary")
