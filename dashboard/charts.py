"""Chart builders: a DataFrame in, a Plotly figure out. No Streamlit here, so each can be tested directly.

Every figure gets the same furniture: a plain-language title that names the unit, colours by meaning from
a colour-blind-safe palette (dashboard/colours.py; at most eight, the rest grouped in grey), numbers in the
reader's style, and, where years run across the 2021 territorial reform, a marked line at the reform.

Plotly renders its texts as a subset of HTML and fills `%{…}` in templates: every text given to a builder
is escaped here (`plotly_text`), and no template holds text from the data (hover labels reach it through
`%{customdata}` and `%{meta}`). A hover label gives a value as the bar label does: rounded the same way, in
the reader's style, with its unit (`amount_text`).
"""
from __future__ import annotations

import textwrap
from collections import Counter

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import sequential


from dashboard import colours as palette
from dashboard.escape import plotly_text
from dashboard.format import NBSP, PLOTLY_SEPARATORS, UNIT_SUFFIX, amount
from dashboard.i18n import t, unit_name

_CIVIDIS = sequential.Cividis

# Sequential scale for heatmaps: cividis is built to read the same with and without colour vision.
# Written out, because the figures skip plotly.py's validation, which would resolve a scale's name.
SEQUENTIAL = [[i / (len(_CIVIDIS) - 1), colour] for i, colour in enumerate(_CIVIDIS)]
# Two series of one colour in a chart (two sub-groups of one case code) are told apart by hatching, or by
# the dash of their line.
PATTERNS = ("", "/", "x", ".")
DASHES = ("solid", "dash", "dot", "dashdot")

# The reform took effect on 1 July 2021: on a year axis the line sits in the middle of 2021.
REFORM_X = 2021.5


def wrap(text: str, width: int = 42, lines: int | None = None) -> str:
    """Long Latvian labels broken over lines (Plotly does not wrap legend or axis text), escaped; with `lines`,
    at most that many, the last one ending in an ellipsis (the full label stays in the hover text and the
    table)."""
    parts = textwrap.wrap(str(text), width) or [str(text)]
    if lines and len(parts) > lines:
        parts = parts[:lines]
        parts[-1] = parts[-1].rstrip(" ,;") + "…"
    return "<br>".join(plotly_text(part) for part in parts)


def shorten(text: str, width: int = 70) -> str:
    """A label cut to `width` characters with an ellipsis, keeping a trailing `#2` (which worker of several
    with the same title) so that cut labels stay distinct."""
    text = str(text)
    head, sep, number = text.rpartition(" #")
    tail = f" #{number}" if sep and number.isdigit() else ""
    body = head if tail else text
    return (body if len(body) <= width else body[:width].rstrip(" ,;(") + "…") + tail


def _axis_labels(values: pd.Series, width: int = 50, lines: int = 2) -> pd.Series:
    """Wrapped, cut axis labels; where cutting makes two different labels equal, those stay whole."""
    originals = list(dict.fromkeys(values))
    short = {v: wrap(v, width, lines=lines) for v in originals}
    uses = Counter(short.values())
    return values.map({v: short[v] if uses[short[v]] == 1 else wrap(v, width) for v in originals})


def _legend_height(names, columns: int = 2) -> int:
    """Room the legend under a chart needs: Plotly counts it inside the figure's height."""
    names = [n for n in names if n is not None]
    if not names:
        return 0
    lines = sum(max(1, len(textwrap.wrap(str(n), 42))) for n in names)
    return 30 + 21 * -(-lines // columns)


# A light template written out once: Plotly's named templates are large and slow to validate, and every
# chart on a page would pay for it on every rerun.
GRID = "#E5ECF6"
TEMPLATE = {"layout": {
    "paper_bgcolor": "white", "plot_bgcolor": "white", "font": {"color": "#2a3f5f"},
    "xaxis": {"gridcolor": GRID, "linecolor": GRID, "zerolinecolor": GRID, "automargin": True},
    "yaxis": {"gridcolor": GRID, "linecolor": GRID, "zerolinecolor": GRID, "automargin": True},
}}


def _figure(data: list[dict], layout: dict, marks=()) -> go.Figure:
    """A figure from plain dicts with its reference marks, skipping plotly.py's property validation: the
    specs below are fixed and tested, and validation costs more than the rest of a page's run."""
    for kind, *args in marks:
        _MARKS[kind](layout, *args)
    return go.Figure({"data": data, "layout": layout}, _validate=False)


# A title starts below Plotly's toolbar (which floats over the figure's top right) and is broken into lines
# that fit a phone's width; the figure's top margin grows with its lines.
TITLE_CHARACTERS = 40
TOOLBAR_HEIGHT = 40
TITLE_LINE_HEIGHT = 22
# Room above the plot for a reference mark's label (a norm, a band).
MARK_LABEL_HEIGHT = 26


def _title(title: str) -> tuple[dict, int]:
    """The layout's title, and the top margin it needs."""
    text = wrap(title, TITLE_CHARACTERS)
    lines = text.count("<br>") + 1
    # From the figure's left edge, not the plot's (which starts after the axis labels).
    return ({"text": text, "x": 0, "xanchor": "left", "xref": "container", "y": 1, "yref": "container",
             "yanchor": "top", "pad": {"t": TOOLBAR_HEIGHT, "l": 10}, "font": {"size": 16}},
            TOOLBAR_HEIGHT + TITLE_LINE_HEIGHT * lines + 14)


def _layout(title: str, lang: str, height: int = 440, legend_height: int = 0, **more) -> dict:
    """The common layout; a legend sits at the bottom of the figure, below the axis labels, in the
    `legend_height` pixels reserved for it. `height` is the figure's without its title."""
    heading, top = _title(title)
    layout = {
        "title": heading,
        "template": TEMPLATE,
        "colorway": palette.PALETTE,
        "separators": PLOTLY_SEPARATORS.get(lang, PLOTLY_SEPARATORS["lv"]),
        "height": height + top,
        "margin": {"l": 10, "r": 10, "t": top, "b": 10 + legend_height},
        "legend": {"orientation": "h", "yref": "container", "yanchor": "bottom", "y": 0, "xanchor": "left",
                   "x": 0, "title": {"text": ""}},
        "hoverlabel": {"namelength": -1},
        "font": {"family": "Source Sans Pro, Arial, sans-serif"},
        "shapes": [],
        "annotations": [],
    }
    for key, value in more.items():
        layout[key] = {**layout[key], **value} if isinstance(layout.get(key), dict) else value
    return layout


def _series_styles(names, lang: str, fixed: dict | None = None, lines: bool = False) -> dict:
    """Trace attributes for each series name, in order: a name with a fixed meaning keeps its colour; the
    others take the palette's colours that no fixed meaning in this chart uses; past those, grey, grouped as
    one "other" legend entry. A second series of one colour is hatched (a bar) or dashed (a line). The real
    name stays in the hover label (`%{meta}`)."""
    names = list(names)
    fixed = {n: c for n, c in dict(fixed or {}).items() if n in names}
    free = iter(c for c in palette.PALETTE if c not in fixed.values())
    uses: Counter = Counter()
    styles = {}
    for name in names:
        colour = fixed[name] if name in fixed else next(free, palette.OTHER)
        other = colour == palette.OTHER
        nth = uses[colour]
        uses[colour] += 1
        style = {"meta": wrap(name, 60) if name is not None else "",
                 "name": plotly_text(t("other", lang)) if other else (wrap(name) if name is not None else ""),
                 "legendgroup": "_other" if other else plotly_text(name),
                 "showlegend": name is not None and not (other and nth)}
        if lines:
            style["line"] = {"color": colour, "width": 2.5, "dash": "solid" if other else DASHES[nth % len(DASHES)]}
        else:
            style["marker"] = {"color": colour}
            if not other and nth:
                style["marker"]["pattern"] = {"shape": PATTERNS[nth % len(PATTERNS)], "fgcolor": "white"}
        styles[name] = style
    return styles


def amount_text(value, unit: str | None, lang: str, decimals: int | None = None) -> str:
    """A value as a chart says it, escaped: `1 116 657,22 €`, `69,4 %`, `45 atbildes`, `0,75`."""
    text = amount(value, unit, lang, decimals)
    if text and unit and unit not in UNIT_SUFFIX:
        text = f"{text}{NBSP}{unit_name(unit, lang)}"
    return plotly_text(text)


def _list(values) -> list:
    """Plain Python values for the figure's JSON."""
    return values.tolist() if hasattr(values, "tolist") else list(values)


def bars_by_year(frame: pd.DataFrame, *, x: str = "year", y: str = "value", colour: str = "label",
                 title: str, unit: str | None, lang: str, mode: str = "group",
                 y_title: str = "", colours: dict[str, str] | None = None, marks=()) -> go.Figure:
    """Bars per year, one trace per `colour` value: mode `stack` or `group`; `lines` draws lines.
    `colours`: the fixed colours of values with a meaning (see `_series_styles`)."""
    names = list(dict.fromkeys(frame[colour]))
    styles = _series_styles(names, lang, colours, lines=mode == "lines")
    data = []
    parts = dict(list(frame.sort_values(x, kind="stable").groupby(colour, sort=False)))
    for name in names:
        part = parts[name]
        trace = {**styles[name], "x": _list(part[x]), "y": _list(part[y]),
                 "customdata": [amount_text(v, unit, lang) for v in part[y]],
                 "hovertemplate": "%{x}: %{customdata}<extra>%{meta}</extra>"}
        if mode == "lines":
            trace.update(type="scatter", mode="lines+markers",
                         marker={"size": 8, "color": styles[name]["line"]["color"]})
        else:
            trace.update(type="bar")
        data.append(trace)
    # Room for the legend's entries only: the grey "other" series share one.
    legend = _legend_height([name for name in names if styles[name]["showlegend"]])
    layout = _layout(title, lang, height=380 + legend, legend_height=legend,
                     xaxis={"dtick": 1, "tickformat": "d", "title": {"text": ""}},
                     yaxis={"title": {"text": plotly_text(y_title)}, "tickformat": ",~f", "rangemode": "tozero"})
    if mode != "lines":
        layout["barmode"] = "relative" if mode == "stack" else "group"
    return _figure(data, layout, marks)


# Horizontal bars carry their label above the bar, across the plot's width, not beside it: on a phone a
# label beside the bar would leave the bars no room. Each row holds its label's lines and a bar.
LABEL_CHARACTERS = 52
LABEL_LINE_HEIGHT = 15
BAR_HEIGHT = 18


def _rows_with_labels_above(layout: dict, keys: list[str]) -> None:
    """Labels (the escaped, wrapped category keys) written above their bars; the rows made tall enough."""
    lines = max([k.count("<br>") + 1 for k in keys] or [1])
    row = BAR_HEIGHT + 10 + LABEL_LINE_HEIGHT * lines
    layout["yaxis"] = {**layout.get("yaxis", {}), "showticklabels": False, "ticks": ""}
    layout["bargap"] = 1 - BAR_HEIGHT / row
    layout["annotations"] = layout.get("annotations", []) + [
        {"xref": "paper", "x": 0, "yref": "y", "y": key, "yshift": BAR_HEIGHT / 2 + 1, "xanchor": "left",
         "yanchor": "bottom", "align": "left", "showarrow": False, "text": key, "font": {"size": 12}}
        for key in keys]
    layout["height"] += row * len(keys)


def _headroom(frame: pd.DataFrame, x: str, key: str, stack: bool) -> list | None:
    """An x range with room right of the longest bar for its value label (None: let Plotly choose)."""
    longest = (frame.groupby(key)[x].sum() if stack else frame[x]).max()
    return [0, float(longest) * 1.2] if pd.notna(longest) and 0 < longest < float("inf") else None


def horizontal_bars(frame: pd.DataFrame, *, y: str, x: str = "value", colour: str | None = None,
                    title: str, unit: str | None, lang: str, x_title: str = "", sort: bool = True,
                    stack: bool = False, text: str | None = None,
                    colours: dict[str, str] | None = None, marks=()) -> go.Figure:
    """Horizontal bars, largest at the top when `sort`, each labelled above; one trace per `colour` value
    when given; `text` the column of value labels drawn beside the bars (and given in the hover label),
    else the hover gives each value with its unit."""
    frame = frame.copy()
    frame["_y"] = _axis_labels(frame[y], LABEL_CHARACTERS)
    if sort:
        order = frame.groupby("_y", sort=False)[x].sum().sort_values(ascending=True).index.tolist()
    else:
        order = list(dict.fromkeys(frame["_y"]))[::-1]
    groups = [(None, frame)] if colour is None else list(frame.groupby(colour, sort=False))
    styles = _series_styles([g for g, _ in groups], lang, colours)
    data = []
    for name, part in groups:
        said = [plotly_text(v) for v in part[text]] if text else [amount_text(v, unit, lang) for v in part[x]]
        trace = {**styles[name], "type": "bar", "orientation": "h", "y": _list(part["_y"]), "x": _list(part[x]),
                 "cliponaxis": False, "customdata": [[plotly_text(v), s] for v, s in zip(part[y], said)],
                 "hovertemplate": "%{customdata[0]}: %{customdata[1]}<extra>%{meta}</extra>"}
        if text:
            trace.update(text=said, textposition="outside")
        data.append(trace)
    legend = _legend_height([g for g, _ in groups])
    headroom = _headroom(frame, x, "_y", stack) if text else None
    layout = _layout(title, lang, height=60 + legend, legend_height=legend, barmode="relative" if stack else "group",
                     yaxis={"categoryorder": "array", "categoryarray": order, "title": {"text": ""}},
                     xaxis={"title": {"text": plotly_text(x_title)}, "tickformat": ",~f", "rangemode": "tozero",
                            **({"range": headroom} if headroom else {})})
    _rows_with_labels_above(layout, order[::-1])
    return _figure(data, layout, marks)


def heatmap(frame: pd.DataFrame, *, x: str, y: str, z: str = "value", title: str, lang: str,
            colour_title: str = "", x_order: list | None = None, y_order: list | None = None,
            unit: str | None = None, marks=()) -> go.Figure:
    """A grid of `z` over `x` × `y`, each cell labelled with its value in `unit` (whole numbers); empty cells
    stay blank (absent is not zero)."""
    grid = frame.pivot_table(index=y, columns=x, values=z, aggfunc="sum")
    if x_order is not None:
        grid = grid.reindex(columns=[c for c in x_order if c in grid.columns])
    if y_order is not None:
        grid = grid.reindex(index=[r for r in y_order if r in grid.index])
    values = [[None if pd.isna(v) else float(v) for v in row] for row in grid.values]
    # Row labels short enough to leave the grid room on a phone; whole in the hover label.
    data = [{"type": "heatmap", "z": values, "x": [plotly_text(c) for c in grid.columns],
             "y": _list(_axis_labels(pd.Series(list(grid.index)), 26)),
             "customdata": [[plotly_text(r)] * len(grid.columns) for r in grid.index],
             "colorscale": SEQUENTIAL, "hoverongaps": False, "xgap": 2, "ygap": 2,
             "text": [["" if v is None else amount_text(v, unit, lang, 0) for v in row] for row in values],
             "texttemplate": "%{text}", "colorbar": {"title": {"text": plotly_text(colour_title)}},
             "hovertemplate": "%{customdata} · %{x}: %{text}<extra></extra>"}]
    # Column labels sit on top, slanted: the title needs room above them.
    layout = _layout(title, lang, height=120 + 34 * len(grid.index),
                     yaxis={"autorange": "reversed", "tickfont": {"size": 11}},
                     xaxis={"side": "top", "tickangle": -30})
    layout["margin"]["t"] += 70
    return _figure(data, layout, marks)


def range_bars(frame: pd.DataFrame, *, y: str, low: str = "low", high: str = "high", colour: str | None = None,
               title: str, unit: str | None, lang: str, x_title: str = "",
               colours: dict[str, str] | None = None, marks=()) -> go.Figure:
    """Floating horizontal bars from `low` to `high` (ranges a document gives, e.g. 42–290 cases)."""
    frame = frame.copy()
    frame["_y"] = _axis_labels(frame[y], LABEL_CHARACTERS)
    groups = [(None, frame)] if colour is None else list(frame.groupby(colour, sort=False))
    styles = _series_styles([g for g, _ in groups], lang, colours)
    data = [{**styles[name], "type": "bar", "orientation": "h", "y": _list(part["_y"]),
             "x": _list(part[high] - part[low]), "base": _list(part[low]),
             "customdata": [[plotly_text(r), amount_text(a, None, lang), amount_text(b, unit, lang)]
                            for r, a, b in zip(part[y], part[low], part[high])],
             "hovertemplate": "%{customdata[0]}: %{customdata[1]}–%{customdata[2]}<extra>%{meta}</extra>"}
            for name, part in groups]
    legend = _legend_height([g for g, _ in groups])
    order = list(dict.fromkeys(frame["_y"]))
    layout = _layout(title, lang, height=60 + legend, legend_height=legend,
                     yaxis={"categoryorder": "array", "categoryarray": order[::-1], "title": {"text": ""}},
                     xaxis={"title": {"text": plotly_text(x_title)}, "tickformat": ",~f", "rangemode": "tozero"})
    _rows_with_labels_above(layout, order)
    return _figure(data, layout, marks)


# --------------------------------------------------------------------------- reference marks

# A chart's reference marks are given to its builder as `marks`: ("line", value, text), ("median", value,
# text), ("band", low, high, text), ("year_band", years, lows, middles, highs, text), ("reform", text).
# They are written into the layout before the figure is made: a figure's layout changed afterwards is
# validated again, which costs more than building it.

def _reference_line(layout: dict, value: float, text: str, colour: str = palette.NORM_LINE) -> None:
    """A dashed vertical line at a norm (e.g. 1 specialist per 1 000 residents), labelled above the plot
    unless `text` is empty."""
    layout["shapes"].append({"type": "line", "x0": value, "x1": value, "xref": "x", "y0": 0, "y1": 1,
                             "yref": "paper", "line": {"color": colour, "width": 2.5, "dash": "dash"}})
    if text:
        _label_above(layout, {"x": value, "xref": "x", "text": wrap(text, TITLE_CHARACTERS),
                              "font": {"color": colour, "size": 13}})


def _median_line(layout: dict, value: float, text: str) -> None:
    """The median of the municipalities compared, in the colour of their quartile band."""
    _reference_line(layout, value, text, palette.BAND)


# Half the width of a year's band where it has no neighbour to reach to (a single year).
_LONE_YEAR = 0.3


def _path_points(xs, ys) -> str:
    """Points of an SVG path in data coordinates: `2019.0,4.5 L2020.0,5.1`."""
    return " L".join(f"{float(x)},{float(y)}" for x, y in zip(xs, ys))


def _year_band(layout: dict, years: tuple, low: tuple, middle: tuple, high: tuple, text: str) -> None:
    """A shaded band over a year axis from `low` to `high` with a dashed line at `middle`, one value of each
    per year of `years` (the quartiles and the median of the municipalities compared), drawn as paths under
    the data and labelled above the plot."""
    years = [float(y) for y in years]
    if len(years) == 1:  # one year: a short band around it
        years, low, middle, high = [years[0] - _LONE_YEAR, years[0] + _LONE_YEAR], low * 2, middle * 2, high * 2
    outline = f"M{_path_points(years, high)} L{_path_points(years[::-1], list(low)[::-1])} Z"
    layout["shapes"] += [
        {"type": "path", "path": outline, "xref": "x", "yref": "y", "fillcolor": palette.BAND, "opacity": 0.15,
         "line": {"width": 0}, "layer": "below"},
        {"type": "path", "path": f"M{_path_points(years, middle)}", "xref": "x", "yref": "y", "layer": "below",
         "line": {"color": palette.BAND, "width": 2, "dash": "dash"}}]
    if text:
        _label_above(layout, {"x": 0, "xref": "paper", "xanchor": "left", "text": wrap(text, TITLE_CHARACTERS),
                              "font": {"color": palette.BAND, "size": 13}})


def _reference_band(layout: dict, low: float, high: float, text: str) -> None:
    """A shaded vertical band for a reference range (e.g. 20–35 cases per worker), labelled above the plot
    from the band's left edge rightwards: never over the bars or their labels."""
    layout["shapes"].append({"type": "rect", "fillcolor": palette.BAND, "opacity": 0.15, "line": {"width": 0},
                             "layer": "below", "x0": low, "x1": high, "xref": "x", "y0": 0, "y1": 1,
                             "yref": "paper"})
    if text:
        _label_above(layout, {"x": low, "xref": "x", "xanchor": "left", "text": wrap(text, TITLE_CHARACTERS),
                              "font": {"color": palette.BAND, "size": 13}})


def _reform_marker(layout: dict, text: str) -> None:
    """A dotted vertical line at the 1 July 2021 reform on a year axis."""
    layout["shapes"].append({"type": "line", "x0": REFORM_X, "x1": REFORM_X, "xref": "x", "y0": 0, "y1": 1,
                             "yref": "paper", "line": {"color": palette.REFORM, "width": 1.5, "dash": "dot"}})
    # Its one-line label fits the room above the plot every chart has; over another mark's label it needs more.
    _label_above(layout, {"x": REFORM_X, "xref": "x", "xanchor": "left", "text": plotly_text(text),
                          "font": {"color": palette.REFORM}}, room=None)


def _label_height(annotation: dict) -> int:
    return MARK_LABEL_HEIGHT + TITLE_LINE_HEIGHT * annotation["text"].count("<br>")


def _label_above(layout: dict, annotation: dict, room: bool | None = True) -> None:
    """`annotation` as a label just above the plot, over the labels of the marks added before it (a band's
    label and the reform's never overlap), with room made for it above the plot (broken into lines that fit
    a phone). `room=None`: room only when it stands over another label."""
    below = [a for a in layout["annotations"] if a.get("yref") == "paper" and a.get("y") == 1
             and a.get("yanchor") == "bottom"]
    shift = sum(_label_height(a) for a in below)
    layout["annotations"].append({"y": 1, "yref": "paper", "yanchor": "bottom", "showarrow": False,
                                  **({"yshift": shift} if shift else {}), **annotation})
    if room or (room is None and shift):
        layout["margin"]["t"] += _label_height(annotation)
        layout["height"] += _label_height(annotation)


_MARKS = {"line": _reference_line, "median": _median_line, "band": _reference_band, "year_band": _year_band,
          "reform": _reform_marker}


def export_config(filename: str) -> dict:
    """Plotly's own PNG export (the camera button), at twice the screen resolution, and the reset of a zoom;
    no other buttons, so that the toolbar stays small on a phone (dragging still zooms)."""
    return {"displaylogo": False,
            "toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2},
            "modeBarButtonsToRemove": ["lasso2d", "select2d", "zoom2d", "pan2d", "zoomIn2d", "zoomOut2d",
                                       "autoScale2d"]}
