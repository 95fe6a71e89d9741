"""Selectors that live in the address: each keeps its value in a query parameter, so that a copied link
reopens exactly the view on screen, and each keeps a valid value when the options under it change.

Streamlit's own binding (`bind="query-params"`) keeps a widget's state across reruns, so a value can
outlive the options it was chosen from: a year range below the new first year raised, and a category box
emptied when the measure changed. Here a widget's key names its options and the language, so when either
changes the widget is a new one, seeded from the address: the values in it that are still among the
options, else the defaults. After each run the address is written from what the widget shows; a value
equal to the default leaves no parameter. Parameter names are short Latvian words, like the page paths.
"""
from __future__ import annotations

import zlib
from typing import Callable, NamedTuple, Sequence

import pandas as pd
import streamlit as st

from dashboard.db import load
from dashboard.i18n import DEFAULT_LANGUAGE, LANGUAGES, lang, metric_name, t, topic_name
from dashboard.ui import municipality_label, note
from warehouse import queries

# Written in the address for a multiple choice the reader emptied on purpose (no parameter means defaults).
_NONE_CHOSEN = ""


def _signature(options: Sequence[str]) -> int:
    return zlib.crc32("\x1f".join(options).encode("utf-8"))


def _widget_key(key: str, options: Sequence[str]) -> str:
    """The widget's key for these options in the reader's language."""
    return f"_{key}_{_signature(options):08x}_{lang()}"


def _options_changed(key: str, options: Sequence[str]) -> bool:
    """Whether the options under `key` differ from those of the previous run in this session (and remember
    these). A new language or a new session keeps them."""
    signature = _signature(options)
    seen = st.session_state.get(f"_{key}_options")
    st.session_state[f"_{key}_options"] = signature
    return seen is not None and seen != signature


def _write(key: str, values: list[str], default: list[str]) -> None:
    """The address from what is on screen: no parameter for the default."""
    if values == default:
        st.query_params.pop(key, None)
    else:
        st.query_params[key] = values if values else _NONE_CHOSEN


def _wanted(key: str, options: list[str], default: list[str]) -> list[str]:
    """The values a new widget starts with: those the address asks for that are among the options, in the
    order asked, else the defaults."""
    return [v for v in dict.fromkeys(st.query_params.get_all(key)) if v in options] or default


def choose_one(title: str, options: Sequence, key: str, *, default=None, format_func: Callable | None = None,
               where=st, horizontal: bool = False):
    """One of `options` (strings or numbers; the address holds their text), `default` (else the first) for a
    link without the parameter. None when there are no options."""
    if not len(options):
        return None
    texts = [str(o) for o in options]
    fallback = [str(default)] if default is not None and str(default) in texts else texts[:1]
    index = texts.index(_wanted(key, texts, fallback)[0])
    shown = {"format_func": format_func} if format_func else {}
    if horizontal:
        value = where.segmented_control(title, options, default=options[index], key=_widget_key(key, texts),
                                        required=True, **shown)
    else:
        value = where.selectbox(title, options, index=index, key=_widget_key(key, texts), **shown)
    _write(key, [str(value)], fallback)
    return value


def choose_many(title: str, options: Sequence[str], key: str, *, default: Sequence[str] = (),
                format_func: Callable | None = None, where=st) -> list[str]:
    """Any of `options`, in the order chosen; `default` (those of it among the options) for a link without the
    parameter and whenever the options change under an emptied or vanished choice. An empty choice means
    every option to the pages that filter (the placeholder says so)."""
    texts = list(options)
    fallback = [d for d in default if d in texts]
    # An emptied choice stays empty when the page is reopened or the language changes, not when the
    # options change under it.
    emptied = st.query_params.get_all(key) == [_NONE_CHOSEN] and not _options_changed(key, texts)
    start = [] if emptied else _wanted(key, texts, fallback)
    shown = {"format_func": format_func} if format_func else {}
    value = where.multiselect(title, texts, default=start, key=_widget_key(key, texts), placeholder=t("all"),
                              **shown)
    _write(key, list(value), fallback)
    return list(value)


def choose_years(first: int, last: int, key: str = "gadi", where=st,
                 default: tuple[int, int] | None = None) -> tuple[int, int]:
    """A range of years within first..last; `default` (else the whole span) for a link without the parameter,
    and whenever the range asked for lies outside the span. The one year when there is only one."""
    first, last = int(first), int(last)
    if first == last:
        st.query_params.pop(key, None)
        return first, last
    span = [str(first), str(last)]
    widget = _widget_key(key, span)
    start = (max(int(default[0]), first), min(int(default[1]), last)) if default else (first, last)
    if start[0] > start[1]:
        start = (first, last)
    fallback = [str(start[0]), str(start[1])]
    if widget not in st.session_state:
        try:
            low, high = sorted(int(v) for v in st.query_params.get_all(key)[:2])
            low, high = max(low, first), min(high, last)
            if low <= high:
                start = (low, high)
        except ValueError:  # no parameter, one value, or not years
            pass
    low, high = where.slider(t("year_range"), min_value=first, max_value=last, value=start, step=1, key=widget)
    _write(key, [str(low), str(high)], fallback)
    return int(low), int(high)


def choose_language(where=st) -> str:
    """The reader's language, `LV` or `EN`, kept in `st.session_state["lang"]` (see dashboard.i18n.lang) and in
    `?lang=`; a new session takes it from the address. The label stays bilingual and the key fixed: a widget
    whose label or key changed with the language would lose its state."""
    codes = [code.upper() for code in LANGUAGES]
    if "lang" not in st.session_state:
        asked = st.query_params.get("lang", "").upper()
        st.session_state["lang"] = asked if asked in codes else DEFAULT_LANGUAGE.upper()
    chosen = where.segmented_control("Valoda / Language", codes, key="lang", required=True)
    _write("lang", [chosen], [DEFAULT_LANGUAGE.upper()])
    return chosen


# --------------------------------------------------------------------------- the pages' selectors

def municipality_options(present) -> list[str]:
    """The municipalities among `present`, the most documented first; never the country (Latvija): its
    figures are references, not a municipality's."""
    frame = load(queries.municipalities)
    own = frame[frame["level"].fillna("novads") != "valsts"]
    present = set(present)
    return [m for m in own["municipality"] if m in present]


def select_municipality(options: list[str], key: str = "novads", where=st) -> str | None:
    """A municipality, by its Latvian name in both languages (the address must not change meaning with the
    language); in English its English name is given under the selector."""
    choice = choose_one(t("municipality"), options, key, where=where)
    _english_name_under(choice, where)
    return choice


def select_second_municipality(options: list[str], first: str | None, key: str = "otrs", where=st) -> str | None:
    """A second municipality to compare beside `first`, none by default (no parameter), shown as
    `select_municipality` shows the first; None when there is none to choose."""
    others = [m for m in options if m != first]
    if first is None or not others:
        return None
    nobody = t("compare_nobody")  # fixed now: a format function may also be called outside the script run
    choice = choose_one(t("compare_with"), ["", *others], key, where=where, format_func=lambda m: m or nobody)
    _english_name_under(choice, where)
    return choice or None


def _english_name_under(choice: str | None, where) -> None:
    if choice and lang() == "en" and municipality_label(choice) != choice:
        note(municipality_label(choice), where=where)


def select_year(years, key: str = "gads", where=st, default: int | None = None) -> int | None:
    """A year, latest first; `default` (else the latest) for a link without the parameter."""
    years = sorted({int(y) for y in years if pd.notna(y)}, reverse=True)
    if not years:
        return None
    return choose_one(t("year"), years, key, default=default if default in years else years[0], where=where)


def choose_measure(pairs: list[str], where=st) -> str:
    """A `topic/metric` choice, shown as `Budžets: izlietotie līdzekļi`; kept in `?raditajs=`."""
    language = lang()  # fixed now: a format function may also be called outside the script run

    def name(pair: str) -> str:
        topic, metric = pair.split("/")
        return f"{topic_name(topic, language)}: {metric_name(metric, language)}"

    return choose_one(t("what"), pairs, "raditajs", where=where, format_func=name)


class SeriesChoice(NamedTuple):
    municipality: str
    topic: str
    metric: str
    years: tuple[int, int]


def select_series(options: pd.DataFrame) -> SeriesChoice | None:
    """Municipality, measure and year range side by side, each kept in the address; `options` is a
    `series_options` frame (municipality, topic, metric, first_year, last_year). None when no municipality
    has any."""
    left, middle, right = st.columns(3)
    municipality = select_municipality(municipality_options(options["municipality"]), where=left)
    if municipality is None:
        return None
    own = options[options["municipality"] == municipality]
    topic, metric = choose_measure([f"{r.topic}/{r.metric}" for r in own.itertuples(index=False)],
                                   where=middle).split("/")
    span = own[(own["topic"] == topic) & (own["metric"] == metric)].iloc[0]
    years = choose_years(span["first_year"], span["last_year"], where=right)
    return SeriesChoice(municipality, topic, metric, years)


CHART_MODES = {"group": "chart_grouped", "stack": "chart_stacked", "lines": "chart_lines"}


def choose_chart_mode(where=st, default: str = "group") -> str:
    """Grouped bars, stacked bars or lines (`default` for a link without the parameter); kept in `?attels=`."""
    language = lang()
    return choose_one(t("chart_type"), list(CHART_MODES), "attels", where=where, horizontal=True, default=default,
                      format_func=lambda mode: t(CHART_MODES[mode], language))
