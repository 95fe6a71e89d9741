"""Lietu slodze: active cases per social-worker position and territory against the reference band the 2017
survey cites, for one municipality and, beside it, a second one to compare; the pilot's caseloads before and
after the redistribution; the case codes in words. Only the chosen municipalities' rows are read."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import charts, colours, selectors, sources, ui
from dashboard.db import load
from dashboard.format import date_text, number
from dashboard.frame import within_frame
from dashboard.i18n import case_code_gloss, label, lang, t
from warehouse import queries
from warehouse.source_refs import place_text

within_frame()  # a deep link on a fresh server must still get the frame

ui.note(t("caseload_intro"))
# The municipality with the most caseload figures first; a second one beside it on request.
left, right = st.columns(2)
present = selectors.municipality_options(load(queries.caseload_municipalities)["municipality"])
municipality = selectors.select_municipality(present, where=left)
second = selectors.select_second_municipality(present, municipality, where=right)
chosen = tuple(m for m in (municipality, second) if m)
positions = load(queries.caseload_positions, chosen)
codes = load(queries.case_codes)
ranges = load(queries.caseload_ranges, chosen)

# The reference band: the widest range a country-level source gives (the 2017 survey: 20–35 cases).
# Each case code keeps one colour in every chart, whichever municipality: the palette's colours go to the
# codes with the most cases in the warehouse.
CODE_COLOURS = colours.ranked(codes.sort_values("cases", ascending=False, kind="stable")["code"])
references = ranges[ranges["is_reference"]]
band = references.iloc[0] if not references.empty else None
MEANINGS = dict(zip(codes["code"], codes["meaning"]))
LANGUAGE = lang()
WHOLE = t("whole_municipality")


def code_name(code: str, sub_label: str = "") -> str:
    """`SP — Sociālā palīdzība` (and its English gloss in English), and the sub-label where one is printed:
    `KC — Kopienas centrs: seniori`."""
    text = f"{code} — {MEANINGS[code]}" if code in MEANINGS else code
    gloss = case_code_gloss(code) if LANGUAGE == "en" else None
    if gloss:
        text += f" ({gloss})"
    return f"{text}: {sub_label}" if sub_label else text


def worker(row, named: bool) -> str:
    where = row.territory if isinstance(row.territory, str) else WHOLE
    # The stage and territory first: a long position title is cut at its end, and they must stay readable.
    stage = f"{row.stage} · " if row.stage else ""
    whose = f"{row.municipality} · " if named else ""
    return f"{whose}{stage}{where} · {label(charts.shorten(row.position), LANGUAGE)}"


def draw(frame: pd.DataFrame, title: str, key: str, extra_notes=()) -> None:
    """Stacked bars, one per worker, coloured by case code, with the reference band behind them; each worker
    named with the municipality where the chart has several."""
    named = frame["municipality"].nunique() > 1
    frame = frame.assign(worker=[worker(r, named) for r in frame.itertuples(index=False)],
                         code_name=[code_name(c, s) for c, s in zip(frame["code"], frame["sub_label"])])
    notes, marks = list(extra_notes), []
    if band is not None:
        low, high, what = number(band["low"], LANGUAGE), number(band["high"], LANGUAGE), label(band["category"])
        marks.append(("band", band["low"], band["high"], t("band_label", low=low, high=high, what=what)))
        notes.append(t("band_note", low=low, high=high, what=what,
                       source=sources.source_lines(pd.DataFrame([band]), LANGUAGE)[0]))
    else:
        notes.append(t("no_band"))
    fixed = {name: CODE_COLOURS[code] for name, code in zip(frame["code_name"], frame["code"])}
    fig = ui.figure("horizontal_bars", frame, y="worker", colour="code_name", stack=True, title=title, unit="cases",
                    lang=LANGUAGE, sort=False, marks=marks, colours=fixed)
    ui.chart_block(fig, frame, key=key, notes=notes,
                   table_columns=["municipality", "territory", "period", "position", "stage", "code", "sub_label",
                                  "value", "unit", *ui.PROVENANCE])


# 1/ active cases per worker: the counts without a stage, one count (table and date) of each municipality
st.subheader(t("per_position"))
plain = positions[positions["stage"] == ""]
if plain.empty:
    ui.empty()
for n, whose in enumerate(m for m in chosen if m in set(plain["municipality"])):
    own = plain[plain["municipality"] == whose]
    # One count: a table on one date of one year, named as the reader says dates and places (each name made
    # once, not once per worker and code); the one with the most rows first, the latest of those. A date that
    # does not say the count's year gets it in front.
    counts = list(zip(own["year"], own["period"], own["source_table"]))
    whens, names = {}, {}
    for count in dict.fromkeys(counts):
        year, period, table = count
        when = date_text(period, LANGUAGE) or ""
        whens[count] = when if pd.isna(year) or str(year) in when else f"{year}: {when}"
        names[count] = f"{whose}, {whens[count]} — {place_text(table, LANGUAGE)}"
    own = own.assign(snapshot=[names[count] for count in counts])
    snapshots = (own.groupby("snapshot", sort=False).agg(rows=("value", "size"), year=("year", "max"))
                 .sort_values(["rows", "year"], ascending=False, kind="stable").index.tolist())
    key = "uzskaite" if n == 0 else "uzskaite2"
    snapshot = selectors.choose_one(t("snapshot"), snapshots, key) if len(snapshots) > 1 else snapshots[0]
    part = own[own["snapshot"] == snapshot]
    when = next(whens[count] for count, name in names.items() if name == snapshot)
    draw(part, t("per_position_title", name=whose, period=when),
         key="slodze" if n == 0 else "slodze2", extra_notes=[t("positions_hint")])

# 2/ the pilot: the same kind of count before and after the positions were redistributed
st.subheader(t("pilot"))
staged = positions[positions["stage"] != ""]
if staged.empty:
    ui.empty("pilot_none")
else:
    # Stages in the order the document prints them (before, then after), bars grouped by stage.
    order = staged.groupby("stage")["fact_id"].min().sort_values().index.tolist()
    staged = staged.sort_values("stage", key=lambda s: s.map(order.index), kind="stable")
    draw(staged, t("pilot_title"), key="pilots")

# 3/ ranges of cases per worker the documents print, with the reference ranges: each municipality's latest
st.subheader(t("ranges"))
if ranges.empty:
    ui.empty()
else:
    latest = ranges.groupby("municipality")["year"].transform("max")
    ranges = ranges[ranges["is_reference"] | (ranges["year"] == latest)]
    shown = ranges.assign(kind=ranges["is_reference"].map(lambda r: t("reference") if r else t("observed")),
                          row=ranges["municipality"] + ": " + ranges["category"].map(label))
    fig = ui.figure("range_bars", shown, y="row", colour="kind", title=t("ranges_title"), unit="cases", lang=LANGUAGE,
                    colours={t("reference"): colours.REFERENCE, t("observed"): colours.OBSERVED},
                    marks=[("band", band["low"], band["high"], "")] if band is not None else [])
    ui.chart_block(fig, shown, key="diapazoni",
                   table_columns=["municipality", "year", "category", "low", "high", "kind", *ui.PROVENANCE])

# 4/ the case codes in words
st.subheader(t("codes"))
if codes.empty:
    ui.empty()
else:
    table = codes[["code", "meaning"]].copy()
    if lang() == "en":
        table["meaning_en"] = table["code"].map(case_code_gloss)
    ui.show_table(table)
    ui.source_note(sorted(codes["file_name"].unique()))
