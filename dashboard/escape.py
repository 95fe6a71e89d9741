"""Text from the warehouse or the address made literal for the two media that would otherwise interpret it:
Streamlit's markdown (captions, labels, alerts, metric labels) and Plotly's text (titles, legends, axis and
hover labels, which render a subset of HTML). One escape per medium, applied where text enters it.

Pure functions, importable without Streamlit.
"""
from __future__ import annotations

import html
import re

# ASCII punctuation that markdown, Streamlit's directives (`:red[x]`, `:material/home:`) or its LaTeX (`$x$`)
# give a meaning; a backslash makes each literal.
_MARKDOWN_SPECIAL = frozenset("\\`*_{}[]<>()#+-.!|~$:&=^@\"'")
# Where a backslash is not enough: GitHub-flavoured autolinks (`https://…`, `www.…`, `x@y.z`) and Streamlit's
# icon shortcodes are recognised across escapes. An invisible word joiner after the colon, the at sign and
# the `www` breaks their patterns and changes nothing a reader sees.
_WORD_JOINER = "\u2060"
_AUTOLINK_TRIGGERS = re.compile(r"(?<=:)|(?<=@)|(?<=www)(?=\\\.)", re.IGNORECASE)
_LINE_BREAKS = re.compile(r"[\r\n\t\f\v]+")


def markdown_text(value: object) -> str:
    """`value` as text that Streamlit's markdown shows exactly as written, on one line."""
    text = _LINE_BREAKS.sub(" ", str(value))
    text = "".join("\\" + ch if ch in _MARKDOWN_SPECIAL else ch for ch in text)
    return _AUTOLINK_TRIGGERS.sub(_WORD_JOINER, text)


def plotly_text(value: object) -> str:
    """`value` as text that Plotly shows exactly as written: its tags (`<a href>`, `<b>`, `<br>`) and entities
    are taken literally. Line breaks become spaces; the chart builders break lines themselves."""
    return html.escape(_LINE_BREAKS.sub(" ", str(value)), quote=False)
