"""Avoti un kvalitāte: the documents with their metadata and original files; every flagged value with its
printed text, the reading taken and where it is (counted in SQL, a page of them on screen, all of them in the
download); search in the documents' text; the values newer publications revised, and the ingest log. The
documents, flagged and revised values of one municipality, or of all."""
from __future__ import annotations

import streamlit as st

from dashboard import selectors, ui
from dashboard.db import load
from dashboard.escape import markdown_text
from dashboard.format import number
from dashboard.frame import within_frame
from dashboard.raw_files import raw_file
from dashboard.i18n import lang, t, tn
from warehouse import queries
from warehouse.source_refs import spot, spots_text

within_frame()  # a deep link on a fresh server must still get the frame

# Enough flagged values to browse; the download holds all of them.
SHOWN_ROWS = 1000
# Up to this many documents, a button for each original file; past it, a choice of one.
FILE_BUTTONS = 12

ui.note(t("sources_intro"))
everything = t("all_documents")  # fixed now: a format function may also be called outside the script run
every_municipality = t("all")
# The municipalities with facts, the most documented first, the country last.
municipality = selectors.choose_one(t("municipality"), ["", *load(queries.municipalities)["municipality"]], "novads",
                                    format_func=lambda m: m or every_municipality) or None
documents = load(queries.documents, municipality)

# 1/ the documents, and each original file as it was ingested
st.subheader(t("documents"))
ui.show_table(documents.drop(columns=["document_id"]))
st.markdown(f"**{markdown_text(t('raw_files'))}**")


def offer_file(name: str, key: str, where) -> None:
    """The original file `name` as a download button (read only when clicked: the PDF alone is larger than
    everything else on this page), or a note that raw_reports/ lacks it."""
    path = raw_file(name)
    if path:
        where.download_button(markdown_text(name), data=path.read_bytes, file_name=name, key=key,
                              on_click="ignore", icon=":material/description:")
    else:
        ui.note(t("raw_file_missing", name=name), where=where)


names = documents["file_name"].tolist()
if len(names) <= FILE_BUTTONS:
    files = st.container(horizontal=True)
    for i, name in enumerate(names):
        offer_file(name, f"raw_{i}", files)
else:  # a national warehouse: one file at a time, not thousands of buttons
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    chosen_file = selectors.choose_one(t("raw_file"), names, "fails", where=left)
    offer_file(chosen_file, "raw_chosen", right)

# 2/ every flagged value: counted in SQL, the first SHOWN_ROWS on screen, the whole list built when downloaded
st.subheader(t("flagged_values"))
ui.note(t("flagged_intro"))
flagged_files = documents.loc[documents["flagged"] > 0, "file_name"].tolist()
chosen = selectors.choose_one(t("document"), ["", *flagged_files], "dok",
                              format_func=lambda f: f or everything) if flagged_files else ""
chosen = chosen or None
found = int(load(queries.quality_count, chosen, municipality)["flagged"].iloc[0])
if not found:
    ui.empty("no_flagged")
else:
    ui.note(tn("n_flagged_found", found) if found <= SHOWN_ROWS
            else tn("rows_shown", found, shown=number(SHOWN_ROWS, lang())))
    ui.show_table(load(queries.quality, chosen, municipality, limit=SHOWN_ROWS).drop(columns=["fact_id"]))
    ui.download_row(lambda: load(queries.quality, chosen, municipality), "socdash_flagged", key="flagged",
                    formats=("csv", "xlsx"))

# 3/ search in the documents' text
st.subheader(t("text_search"))
query = st.text_input(t("search_words"), key="q", placeholder=t("search_hint"), bind="query-params")
if query.strip():
    hits = load(queries.search_text, query.strip())
    if hits.empty:
        ui.empty_text(t("search_none", q=query.strip()))
    else:
        counts = hits.groupby("file_name", sort=False)["matches"].first()
        ui.note(t("search_found", q=query.strip(), documents=tn("in_documents", len(counts)),
                  places=tn("in_places", int(counts.sum()))))
        # One list per report, under its primary file; each hit names its page in the PDF (its line in a
        # text file), and the file itself is one click away.
        for i, (name, part) in enumerate(hits.groupby("file_name", sort=False)):
            with st.expander(markdown_text(f"{name} — {tn('in_places', int(part['matches'].iloc[0]))}"),
                             expanded=len(counts) <= 2):
                path = raw_file(name)
                if path:
                    st.download_button(markdown_text(t("open_document", name=name)), data=path.read_bytes,
                                       file_name=name, key=f"hit_file_{i}", on_click="ignore",
                                       icon=":material/description:")
                for hit in part.itertuples(index=False):
                    kind, at = spot(hit.page, hit.line)
                    where = spots_text(kind, [at], lang())
                    st.markdown(f"**{markdown_text(where)}** …{markdown_text(hit.before)}"
                                f"**{markdown_text(hit.match)}**{markdown_text(hit.after)}…")
                more = int(part["matches"].iloc[0]) - len(part)
                if more > 0:
                    ui.note(tn("search_more", more))

# 4/ values a newer publication revised, with both values (of the chosen municipality, or all)
st.subheader(t("revisions_heading"))
ui.note(t("revisions_intro"))
revised = load(queries.revisions, municipality, limit=SHOWN_ROWS)
if revised.empty:
    ui.empty("no_revisions")
else:
    ui.show_table(revised)

# 5/ every ingest, removal and correction, the latest first
st.subheader(t("ingest_log_heading"))
ui.note(t("ingest_log_intro"))
log = load(queries.ingest_log, limit=SHOWN_ROWS)
if log.empty:
    ui.empty("no_log")
else:
    ui.show_table(log)
