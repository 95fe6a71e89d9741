"""Personāls: social-work specialists per 1 000 residents against the legal norm, in each counting basis the
documents use, and the shortfall in persons."""
from __future__ import annotations

import streamlit as st

from dashboard import colours, selectors, sources, ui
from dashboard.db import load
from dashboard.format import number
from dashboard.frame import within_frame
from dashboard.i18n import label, lang, t
from warehouse import queries

within_frame()  # a deep link on a fresh server must still get the frame

LANGUAGE = lang()  # fixed for the run: asked once, not once per row

# The Law on Social Services and Social Assistance, art. 10(1): at least one social-work specialist per
# 1 000 residents. Used only when no document in the warehouse prints the norm itself.
LEGAL_NORM_PER_1000 = 1.0
COLUMNS = ["municipality", "territory", "year", "period", "category", "subgroup", "specialists", "residents",
           "residents_year", "per_1000", "required", "shortfall", "required_printed", "missing_printed",
           *ui.PROVENANCE]

# A default view a phone can scroll through: the most documented municipalities while their counts stay
# within MAX_DEFAULT_COUNTS, at least one, and the country's (a reference); of them, the latest years whose
# counting bases stay within MAX_DEFAULT_BARS bars, at least one year. The reader may choose more of both.
MAX_DEFAULT_COUNTS = 40
MAX_DEFAULT_BARS = 24

ui.note(t("staff_intro"))
counted = load(queries.staff_municipalities).set_index("municipality")["counts"]
own = selectors.municipality_options(counted.index)
country = [m for m in counted.index if m not in own]
options = own + country
if not options:
    ui.empty("staff_none")
    st.stop()
default = [m for m, total in zip(own, counted[own].cumsum()) if total <= MAX_DEFAULT_COUNTS] or own[:1]
default += country
left, right = st.columns(2)
chosen_municipalities = selectors.choose_many(t("municipalities_or_country"), options, "novadi", default=default,
                                              where=left)
ratios = load(queries.staff_norm, tuple(chosen_municipalities))
if ratios.empty:
    ui.empty("staff_none")
    st.stop()
bases_by_year = ratios[ratios["is_basis"]].groupby("year").size().sort_index(ascending=False)
fitting = bases_by_year.index[bases_by_year.cumsum() <= MAX_DEFAULT_BARS]
latest = int(ratios["year"].max())
years = selectors.choose_years(ratios["year"].min(), latest, where=right,
                               default=(int(fitting.min()) if len(fitting) else latest, latest))
# The country's counts are a reference: shown whatever the years; the bars by municipality, then by year.
ratios = ratios[ratios["year"].between(*years) | ratios["municipality"].isin(country)]
order = chosen_municipalities or options  # none chosen: every one
ratios = ratios.sort_values(["municipality", "year", "fact_id"], kind="stable",
                            key=lambda s: s.map(order.index) if s.name == "municipality" else s)

printed_norm = load(queries.staff_norm_reference)
if printed_norm.empty:
    norm, norm_source = LEGAL_NORM_PER_1000, t("norm_law")
else:
    norm = float(printed_norm["value"].iloc[0])
    norm_source = sources.source_lines(printed_norm.head(1), lang())[0]

# 1/ which counts: by default each document's own counting bases; the reader may add others
# The choices are the rows as printed (the address keeps them, whatever the language); the chart shows
# them with their English gloss in English.
ratios = ratios.assign(
    choice=[f"{r.municipality} {r.year} · {r.category}" + (f" ({r.subgroup})" if isinstance(r.subgroup, str) else "")
            for r in ratios.itertuples(index=False)],
    row=[f"{r.municipality} {r.year} · {label(r.category, LANGUAGE)}"
         + (f" ({label(r.subgroup, LANGUAGE)})" if isinstance(r.subgroup, str) else "")
         for r in ratios.itertuples(index=False)])
chosen = selectors.choose_many(t("staff_counts"), ratios["choice"].tolist(), "pamati",
                               default=ratios.loc[ratios["is_basis"], "choice"].tolist())
ui.note(t("staff_counts_help"))
shown = ratios[ratios["choice"].isin(chosen)]
if shown.empty:
    ui.empty("none_selected")
    st.stop()
reform = ui.reform_note(shown["municipality"], shown["year"])

# 2/ per 1 000 residents against the norm line
shown = shown.assign(meets=shown["per_1000"].map(lambda v: t("meets_norm") if v >= norm else t("below_norm")),
                     text=shown["per_1000"].map(lambda v: number(round(v, 2), lang())))
fig = ui.figure("horizontal_bars", shown, y="row", x="per_1000", colour="meets", title=t("ratio_title"), unit=None,
                lang=lang(), sort=False, text="text",
                colours={t("below_norm"): colours.BELOW_NORM, t("meets_norm"): colours.MEETS_NORM},
                marks=[("line", norm, t("norm_line", value=number(norm, lang())))])
ui.chart_block(fig, shown, key="norma", reform=reform, table_columns=COLUMNS,
               notes=[t("norm_source", value=number(norm, lang()), source=norm_source), t("ratio_help")])

# 3/ the shortfall in persons, for municipalities: the country's (hundreds) would flatten theirs (a few each)
levels = load(queries.municipalities).set_index("municipality")["level"]
national = shown["municipality"].map(levels).eq("valsts")
for row in shown[national & (shown["shortfall"] > 0)].itertuples(index=False):
    ui.note(t("shortfall_national", name=row.municipality, year=row.year, n=number(row.shortfall, lang())),
            icon=":material/info:")
short = shown[~national & (shown["shortfall"] > 0)]
if short.empty:
    ui.empty("shortfall_none")
else:
    fig = ui.figure("horizontal_bars", short.assign(text=short["shortfall"].map(lambda v: number(v, lang()))),
                    y="row", x="shortfall", title=t("shortfall_title"), unit="persons", lang=lang(), sort=False,
                    text="text", colours={None: colours.BELOW_NORM})
    ui.chart_block(fig, short, key="trukums", reform=ui.reform_note(short["municipality"], short["year"]),
                   table_columns=COLUMNS)
