"""socdash: the dashboard's frame. Sets the page up, the language switch, builds the warehouse when it is
missing, and routes to one thin page script per navigation entry (pages/).

A warehouse that cannot be built or read gives the reader one plain sentence in their language; what went
wrong, with paths and DuckDB's message, goes to the server log only.
"""
from __future__ import annotations

import logging

import streamlit as st

from dashboard.build import RAW_REPORTS, build_warehouse
from dashboard.db import load
from dashboard.escape import markdown_text
from dashboard.i18n import DEFAULT_LANGUAGE, LANGUAGES, t
from dashboard.navigation import PAGES
from warehouse import WarehouseError, default_db_path

st.set_page_config(page_title="socdash", page_icon=":material/diversity_3:", layout="wide")

# The label stays bilingual: a widget whose label changed with the language would lose its state. The
# options are the codes themselves (a bound widget puts its displayed text in the URL: `?lang=EN`).
st.sidebar.segmented_control("Valoda / Language", [code.upper() for code in LANGUAGES], key="lang",
                             default=DEFAULT_LANGUAGE.upper(), required=True, bind="query-params")

LOG = logging.getLogger("socdash.dashboard")


def unavailable(exc: Exception) -> None:
    """The reader's sentence for a warehouse that cannot be used; the detail for the server log."""
    LOG.error("the warehouse cannot be used: %s", exc)
    st.error(markdown_text(t("warehouse_unavailable")), icon=":material/error:")
    st.stop()


db_path = default_db_path()
if not db_path.exists():
    # First start on a fresh clone: build the warehouse in-process, showing how far it has got.
    bar = st.progress(0.0, text=markdown_text(t("building", folder=RAW_REPORTS.name)))

    def advance(done: int, total: int, name: str) -> None:
        text = t("building_file", name=name, i=done + 1, n=total) if name else t("built", stored=done, total=total)
        bar.progress(done / total if total else 1.0, text=markdown_text(text))

    try:
        report = build_warehouse(db_path, progress=advance)
    except (WarehouseError, OSError) as exc:
        unavailable(exc)
    if report.total == 0:
        st.error(markdown_text(t("no_sources", folder=RAW_REPORTS.name)))
        st.stop()
    bar.progress(1.0, text=markdown_text(t("built", stored=report.stored, total=report.total)))
    for outcome in report.refused:
        st.warning(markdown_text(t("build_refused", name=outcome.path.name, error=outcome.error)))

try:
    overview = load("overview")  # opens the warehouse and checks its schema version
except WarehouseError as exc:
    unavailable(exc)

# Paths are fixed Latvian slugs (dashboard/navigation.py), so a copied link works whatever language the reader
# has chosen.
pages = [st.Page(entry.path, title=t(entry.title_key), icon=entry.icon, url_path=entry.url_path, default=i == 0)
         for i, entry in enumerate(PAGES)]
page = st.navigation(pages, position="sidebar")
st.title(page.title)
if int(overview["facts"].iloc[0]) == 0 and page.url_path not in ("avoti", "dati"):
    st.info(markdown_text(t("empty_warehouse")), icon=":material/info:")
try:
    page.run()
except WarehouseError as exc:  # a file damaged where only this page's queries read it
    unavailable(exc)
