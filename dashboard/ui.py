"""Streamlit building blocks every page shares: the chart block (chart, source line, reform note, table
toggle with download), tables with numbers in the reader's style, notes and names shown as plain text.
The selectors that live in the address are in dashboard/selectors.py.
"""
from __future__ import annotations

import inspect

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard import charts, sources
from dashboard.db import load
from dashboard.escape import markdown_text
from dashboard.format import amount, date_text, number, signed_amount, signed_percent
from dashboard.i18n import indicator_text, lang, name, t, tn, unit_name
from warehouse import exports, queries
from warehouse.source_refs import place_text, reference_text, where_text

# Column headers of the tables shown under charts and on the Dati page.
COLUMN_TEXT = {
    "municipality": "municipality", "territory": "territory", "year": "year", "category": "category",
    "subgroup": "subgroup", "value": "value", "unit": "unit", "flag": "flag", "period": "period",
    "topic": "topic", "metric": "metric", "raw_value": "printed", "source_ref": "source_ref",
    "file_name": "file", "source_table": "source_table", "kind": "col_kind", "title": "col_title",
    "published": "col_published", "format": "col_format", "layout": "col_layout", "pages": "col_pages",
    "is_primary": "col_primary", "rendition_of_file": "col_rendition", "facts": "col_facts",
    "flagged": "col_flagged", "ingested_at": "col_ingested", "printed": "printed", "read_as": "col_read_as",
    "why": "col_why", "label": "label", "previous_year": "previous_year", "previous_value": "previous_value",
    "change": "change", "change_pct": "change_pct", "residents": "residents", "residents_year": "residents_year",
    "setting": "setting", "gender": "gender", "code": "code", "meaning": "meaning", "meaning_en": "meaning_en",
    "position": "category", "stage": "phase", "sub_label": "sub_label", "low": "low", "high": "high",
    "specialists": "specialists",
    "per_1000": "per_1000", "required": "required", "shortfall": "shortfall", "required_printed": "required_printed",
    "missing_printed": "missing_printed", "fact_id": "col_fact_id", "respondents": "respondents_col",
    "share": "share_col", "indicator_name": "indicator", "rank": "compare_rank",
    "printed_value": "compare_printed_value", "index": "compare_index", "readings": "compare_readings",
    "effect": "col_effect", "served_value": "col_served_value", "new_value": "col_new_value",
    "logged_at": "col_logged_at", "who": "col_who", "action": "col_action", "outcome": "col_outcome",
    "facts_added": "col_facts_added", "facts_replaced": "col_facts_replaced", "facts_removed": "col_facts_removed",
}


# Columns that hold an amount in the row's `unit`.
UNIT_COLUMNS = ("value", "previous_value")

# Where each charted number comes from: the columns every chart's table carries after its own.
PROVENANCE = ["file_name", "source_table", "page", "line", "source_ref", "raw_value", "flag", "flag_lv"]

# Columns holding a code of the warehouse, shown by its name (the kind in warehouse/seeds/names.csv).
CODE_COLUMNS = {"topic": "topic", "metric": "metric", "kind": "document_kind", "layout": "layout",
                "action": "log_action", "outcome": "log_outcome"}
# Columns holding a date or a period, shown in the reader's style.
DATE_COLUMNS = ("period", "published", "ingested_at", "logged_at")
# A reason given in each language: the English column and its Latvian twin; the reader sees theirs.
TRANSLATED_COLUMNS = {"flag": "flag_lv", "why": "why_lv"}
# A name given in two columns, Latvian and English: the reader sees theirs, in one column where they stood.
NAMED_COLUMNS = {"indicator_name": ("indicator_name_lv", "indicator_name_en")}

# --------------------------------------------------------------------------- names

@st.cache_data(show_spinner=False, max_entries=4)
def _english_names(warehouse: tuple) -> dict[str, str]:
    """Keyed by the warehouse version (see `dashboard.db.version`)."""
    frame = load(queries.municipalities)
    return {r.municipality: r.name_en for r in frame.itertuples(index=False) if isinstance(r.name_en, str)}


def municipality_label(name: str) -> str:
    """`Tukuma novads` in Latvian; `Tukuma novads (Tukums municipality)` in English."""
    if lang() == "en":
        from dashboard.db import version

        english = _english_names(version()).get(name)
        if english:
            return f"{name} ({english})"
    return name


def reform_note(municipality_names, years) -> str | None:
    """The sentence a chart owes its reader when, for one of its municipalities, its years run across the
    2021 reform (the municipality before and after is not the same territory); else None.
    `municipality_names`: one name for all `years`, or one per year."""
    years = list(years)
    if not queries.spans_reform(years):
        return None  # the common case, decided without building anything
    names = [municipality_names] * len(years) if isinstance(municipality_names, str) else list(municipality_names)
    pairs = pd.DataFrame({"municipality": names, "year": years})
    spanning = [name for name, part in pairs.groupby("municipality") if queries.spans_reform(part["year"])]
    frame = load(queries.municipalities)
    affected = frame[frame["municipality"].isin(spanning) & frame["level"].ne("valsts")]
    if affected.empty:
        return None
    column = "note_en" if lang() == "en" else "note_lv"
    notes = " ".join(f"{municipality}: {note}."
                     for municipality, note in zip(affected["municipality"], affected[column]) if isinstance(note, str))
    return t("reform_note", names=", ".join(affected["municipality"]), notes=notes)


# --------------------------------------------------------------------------- tables

def readable(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` as the reader reads it: codes by their names, a reason in the reader's language (the English
    one where no Latvian one is stored), dates in the reader's style, places said in the reader's language.
    Units stay codes here (the number formats read them). Downloads keep the frame as the warehouse has it."""
    language = lang()
    out = frame.copy()
    for english, latvian in TRANSLATED_COLUMNS.items():
        if latvian in out:
            if language != "en" and english in out:
                out[english] = out[latvian].where(out[latvian].notna(), out[english])
            out = out.drop(columns=[latvian])
    for column, (latvian, english) in NAMED_COLUMNS.items():
        if latvian in out and english in out:
            names = out[english if language == "en" else latvian]
            position = out.columns.get_loc(latvian)
            out = out.drop(columns=[latvian, english])
            out.insert(position, column, names)

    def shown(column: str, say) -> None:
        values = out[column].dropna().unique()
        out[column] = out[column].map(dict(zip(values, (say(v) for v in values))))

    for column, kind in CODE_COLUMNS.items():
        if column in out:
            shown(column, lambda code, kind=kind: name(kind, code, language))
    for column in DATE_COLUMNS:
        if column in out:
            shown(column, lambda value: date_text(value, language))
    if "source_ref" in out:
        shown("source_ref", lambda ref: reference_text(ref, language))
    if {"source_table", "page", "line"} <= set(out.columns):
        # the place columns, said as one place: `4.1. tabula, 15. lpp.`
        out["source_table"] = [where_text(*place, language)
                               for place in zip(out["source_table"], out["page"], out["line"])]
        out = out.drop(columns=["page", "line"])
    return out


def styled(frame: pd.DataFrame, units: pd.Series | None = None):
    """The frame with headers in the reader's language and numbers in the reader's style, as a Styler:
    the cells stay numbers, so columns still sort as numbers. Amounts (`value`, ...) are shown with the unit
    of their row in `units`, the unit codes (`1 116 657,22 €`)."""
    language = lang()
    shown = translate_columns(frame.reset_index(drop=True))
    styler = shown.style.format(na_rep="")
    for original, column in zip(frame.columns, shown.columns):
        if original in PLAIN_NUMBER_COLUMNS:
            continue
        if pd.api.types.is_float_dtype(shown[column]) or pd.api.types.is_integer_dtype(shown[column]):
            styler = styler.format(lambda v: number(v, language), subset=[column], na_rep="")
    if units is not None:
        # Amounts carry the unit of their row: `1 116 657,22 €`.
        units = units.reset_index(drop=True)
        amounts = [shown.columns[list(frame.columns).index(c)] for c in UNIT_COLUMNS if c in frame.columns]
        for each in units.dropna().unique():
            rows = shown.index[units == each]
            styler = styler.format(lambda v, u=each: amount(v, u, language),
                                   subset=pd.IndexSlice[rows, amounts], na_rep="")
            if "change" in frame.columns:
                styler = styler.format(lambda v, u=each: signed_amount(v, u, language),
                                       subset=pd.IndexSlice[rows, [t("change")]], na_rep="")
    if "change_pct" in frame.columns:
        styler = styler.format(lambda v: signed_percent(v, language), subset=[t("change_pct")], na_rep="")
    return styler


# Whole numbers that identify or date something, shown as they are (no thousands separator).
PLAIN_NUMBER_COLUMNS = ("year", "fact_id", "row_index", "col_index", "page", "line", "pages", "previous_year",
                        "residents_year")

# A Styler renders cell by cell (about 0.1 ms a cell): above this many rows, numbers are formatted as text
# instead, which keeps the page fast (they then sort as text; the downloads keep them as numbers).
STYLER_MAX_ROWS = 100


def show_table(frame: pd.DataFrame, **kwargs) -> None:
    """A table as the reader reads it (see `readable`), headers in the reader's language and numbers in the
    reader's style."""
    language = lang()
    frame = readable(frame).reset_index(drop=True)
    units = frame["unit"].copy() if "unit" in frame else None
    if units is not None:
        frame["unit"] = units.map({u: unit_name(u, language) for u in units.dropna().unique()})
    if len(frame) <= STYLER_MAX_ROWS:
        st.dataframe(styled(frame, units), hide_index=True, placeholder="—", **kwargs)
        return
    text = frame.copy()
    for column in text.columns:
        if column in PLAIN_NUMBER_COLUMNS:
            continue
        if column in UNIT_COLUMNS and units is not None:
            text[column] = [amount(v, u, language) for v, u in zip(frame[column], units)]
        elif pd.api.types.is_float_dtype(text[column]) or pd.api.types.is_integer_dtype(text[column]):
            text[column] = [number(v, language) for v in frame[column]]
    # Right-aligned like numbers, though they are text now.
    config = {t(COLUMN_TEXT[c]) if c in COLUMN_TEXT else c: st.column_config.TextColumn(alignment="right")
              for c in text.columns if c in UNIT_COLUMNS}
    st.dataframe(translate_columns(text), hide_index=True, placeholder="—", column_config=config, **kwargs)


def translate_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """Column headers in the reader's language where the UI text has them."""
    names = {}
    for column in frame.columns:
        key = COLUMN_TEXT.get(column)
        names[column] = t(key) if key else column
    return frame.rename(columns=names)


def download_row(frame, name: str, key: str, formats=("csv",)) -> None:
    """Download buttons for `frame` (a DataFrame, or a function that reads it); the file is built only when
    the reader clicks (a callable), and the click does not rerun the page."""
    makers = {"csv": (exports.to_csv, "text/csv", "download_csv"),
              "xlsx": (exports.to_xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       "download_xlsx"),
              "parquet": (exports.to_parquet, "application/vnd.apache.parquet", "download_parquet")}
    row = st.container(horizontal=True)
    for fmt in formats:
        where = row
        make, mime, text_key = makers[fmt]
        where.download_button(t(text_key), data=lambda make=make: make(frame() if callable(frame) else frame),
                              file_name=f"{name}.{fmt}",
                              mime=mime, key=f"{key}_{fmt}", on_click="ignore", icon=":material/download:")


# --------------------------------------------------------------------------- the chart block

def chart_block(fig: go.Figure, table: pd.DataFrame, key: str, *, notes: list[str | None] = (),
                reform: str | None = None, table_columns: list[str] | None = None) -> None:
    """A chart with everything the reader needs around it: the source line (document, table), the notes
    it owes (reform, flagged values), and a toggle to the exact numbers charted, with their download.
    `table` holds the charted rows with `file_name`, `source_table`, `source_ref`, `raw_value`, `flag`."""
    st.plotly_chart(fig, config=charts.export_config(key), key=f"{key}_chart", theme=None)
    source_note(sources.source_lines(table, lang()))
    indicator_note(table)
    if reform:
        note(reform, icon=":material/warning:")
    for text in notes:
        if text:
            note(text, icon=":material/info:")
    table_notes, flagged = flag_notes(table, lang())
    for text in table_notes:
        note(text, icon=":material/flag:")
    if flagged:
        note(tn("flagged_in_chart", flagged), icon=":material/flag:")
    if st.toggle(t("show_table"), key=f"{key}_table"):
        shown = table[table_columns] if table_columns else table
        show_table(shown)
        download_row(shown, key, key)


def indicator_note(table: pd.DataFrame) -> None:
    """Where every row of a chart's table is a fact of one indicator, a line naming it with its definition."""
    if "indicator" not in table or table.empty or table["indicator"].isna().any() or table["indicator"].nunique() > 1:
        return
    found = load(queries.indicators, (table["indicator"].iloc[0],))
    if not found.empty:
        note(indicator_text(found.iloc[0]), icon=":material/menu_book:")


def flag_notes(table: pd.DataFrame, language: str) -> tuple[list[str], int]:
    """What the charted rows' quality notes say: a reason every charted row of one table carries (its
    caption names other years, say) is said once, for the table (`4.1. tabula: …`); the rows that carry
    any other reason are counted. Reasons are in the reader's language; several are joined by `; `."""
    if "flag" not in table or table["flag"].isna().all():
        return [], 0
    reasons = table["flag"]
    if language != "en" and "flag_lv" in table:
        reasons = table["flag_lv"].where(table["flag_lv"].notna(), reasons)
    parts = reasons.map(lambda r: [p.strip() for p in r.split("; ")] if isinstance(r, str) else [])
    places = table["source_table"] if "source_table" in table else pd.Series("", index=table.index)
    notes, own = [], pd.Series(False, index=table.index)
    for place, rows in parts.groupby(places, sort=False):
        common = [p for p in rows.iloc[0] if all(p in other for other in rows)] if len(rows) > 1 else []
        if common:
            notes.append(f"{place_text(place, language)}: {'; '.join(common)}")
        own[rows.index] = [any(p not in common for p in row) for row in rows]
    return notes, int(own.sum())


def empty(message_key: str = "no_data") -> None:
    empty_text(t(message_key))


def empty_text(message: str) -> None:
    """Why a part of the page is empty, as plain text."""
    st.info(markdown_text(message), icon=":material/info:")


def note(text: str, icon: str | None = None, where=st) -> None:
    """A caption of plain text (UI text, perhaps with names and numbers from the warehouse in it), shown
    literally, after an optional icon."""
    where.caption(f"{icon} {markdown_text(text)}" if icon else markdown_text(text))


# A chart of many municipalities is read from hundreds of files: the source line names this many at most, and
# says how many more there are (the chart's table names each row's file).
SOURCE_FILES = 4


def source_note(sources: list[str], where=st) -> None:
    """`Avots: file (table, page); …` under a chart or table; past SOURCE_FILES files, the first ones and how
    many more."""
    if sources:
        shown = sources if len(sources) <= SOURCE_FILES else sources[:SOURCE_FILES - 1]
        parts = [markdown_text(s) for s in shown]
        if len(shown) < len(sources):
            parts.append(markdown_text(tn("more_sources", len(sources) - len(shown))))
        where.caption(f"**{markdown_text(t('source'))}:** " + " · ".join(parts))


# --------------------------------------------------------------------------- figures, built once

@st.cache_resource(max_entries=256, show_spinner=False)
def _figure(builder: str, frame: pd.DataFrame, marks: tuple, options: tuple) -> go.Figure:
    return getattr(charts, builder)(frame, marks=marks, **dict(options))


def figure(builder: str, frame: pd.DataFrame, *, marks=(), **options) -> go.Figure:
    """`charts.<builder>(frame, **options)` with its reference marks (see dashboard/charts.py: a norm line, a
    median, a band, a band over years, the reform) — built once per distinct input and shared: the figure
    is never changed after this (st.plotly_chart copies it), and building is most of a page's run time.
    Options must be hashable (a colour mapping is passed as pairs)."""
    options = {k: tuple(v.items()) if isinstance(v, dict) else v for k, v in options.items()}
    # Only the columns the builder reads (its column options, given or default) are hashed for the cache.
    defaults = inspect.signature(getattr(charts, builder)).parameters
    named = {v.default for v in defaults.values() if isinstance(v.default, str)} | \
        {v for v in options.values() if isinstance(v, str)}
    frame = frame[[c for c in frame.columns if c in named]]
    return _figure(builder, frame, tuple(tuple(m) for m in marks), tuple(sorted(options.items())))
