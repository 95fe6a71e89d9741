"""socdash: the dashboard's frame. Sets the page up, the language switch, builds the warehouse when it is
missing, and routes to one thin page script per navigation entry (pages/).

A warehouse that cannot be built or read gives the reader one plain sentence in their language; what went
wrong, with paths and DuckDB's message, goes to the server log only.
"""
from __future__ import annotations

import logging

import streamlit as st

from dashboard.build import build_warehouse
from dashboard.db import load, one_version
from dashboard.escape import markdown_text
from dashboard import access, selectors
from dashboard.i18n import lang, t
from dashboard.navigation import PAGES, UPLOAD_PAGE
from warehouse import WarehouseError, default_db_path, queries, reports_folder

st.set_page_config(page_title="socdash", page_icon=":material/diversity_3:", layout="wide")

selectors.choose_language(where=st.sidebar)

LOG = logging.getLogger("socdash.dashboard")


def unavailable(exc: Exception) -> None:
    """The reader's sentence for a warehouse that cannot be used; the detail for the server log."""
    LOG.error("the warehouse cannot be used: %s", exc)
    st.error(markdown_text(t("warehouse_unavailable")), icon=":material/error:")
    st.stop()


db_path = default_db_path()
if not db_path.exists():
    # First start on a fresh clone: build the warehouse in-process, showing how far it has got.
    bar = st.progress(0.0, text=markdown_text(t("building", folder=reports_folder().name)))

    def advance(done: int, total: int, name: str) -> None:
        text = t("building_file", name=name, i=done + 1, n=total) if name else t("built", stored=done, total=total)
        bar.progress(done / total if total else 1.0, text=markdown_text(text))

    try:
        report = build_warehouse(db_path, progress=advance)
    except (WarehouseError, OSError) as exc:
        unavailable(exc)
    if report.total == 0:
        st.error(markdown_text(t("no_sources", folder=reports_folder().name)))
        st.stop()
    bar.empty()
    # Said on the page the reader lands on (the root leads on to the first page, in a new run).
    st.session_state["_built"] = [("success", t("built", stored=report.stored, total=report.total))] + [
        ("warning", t("build_refused", name=outcome.path.name, error=outcome.error)) for outcome in report.refused]

# Every query of this run reads one warehouse version: an ingest that renames a new file over it meanwhile
# (warehouse.live) is seen by the next run, never by half of this one.
with one_version():
    try:
        overview = load(queries.overview)  # opens the warehouse and checks its schema version
    except WarehouseError as exc:
        unavailable(exc)

    # Paths are fixed Latvian slugs (dashboard/navigation.py), so a copied link works whatever language the
    # reader has chosen. Streamlit serves its default page at the root only, so `/sakums` would be "not found":
    # the default is a hidden page at the root that leads to the first page, with the address's parameters.
    # The page that adds reports only where directors can sign in: elsewhere the dashboard has no way to write.
    entries = [*PAGES, UPLOAD_PAGE] if access.sign_in_method() else list(PAGES)
    pages = [st.Page(entry.path, title=t(entry.title_key), icon=entry.icon, url_path=entry.url_path)
             for entry in entries]

    def to_first_page() -> None:
        st.switch_page(pages[0], query_params=[(key, value) for key in st.query_params
                                               for value in st.query_params.get_all(key)])

    page = st.navigation([st.Page(to_first_page, title=pages[0].title, icon=pages[0].icon, url_path="",
                                  default=True, visibility="hidden"), *pages], position="sidebar")
    # The browser tab names the page, and the document its language (for screen readers, translation and
    # hyphenation): Streamlit has no setting for <html lang>, so a constant script sets it (in the sidebar,
    # under the language switch, where its empty element takes no room from the page).
    st.set_page_config(page_title=f"{page.title} · socdash")
    st.sidebar.html(f"<script>document.documentElement.lang = {lang()!r};</script>", unsafe_allow_javascript=True)
    if page.url_path:  # not the root, which only leads on
        for kind, text in st.session_state.pop("_built", []):
            getattr(st, kind)(markdown_text(text))
    st.title(page.title)
    if int(overview["facts"].iloc[0]) == 0 and page.url_path not in ("avoti", "dati", UPLOAD_PAGE.url_path):
        st.info(markdown_text(t("empty_warehouse")), icon=":material/info:")
    try:
        page.run()
    except WarehouseError as exc:  # a file damaged where only this page's queries read it
        unavailable(exc)
