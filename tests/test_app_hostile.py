"""Every page on a warehouse of hostile texts and absurd values (tests/hostile_warehouse.py), in both
languages: no exception; every text from the warehouse or the address reaches Streamlit's markdown escaped
and Plotly's text escaped, and no data text is ever part of a Plotly template."""
from __future__ import annotations

import json
import re

import pytest
from streamlit.testing.v1 import AppTest

import hostile_warehouse
from dashboard.navigation import PAGES
from test_app_pages import open_page, plain

# Fields of Streamlit's element messages that the browser renders as markdown.
MARKDOWN_FIELDS = ("body", "label", "help", "delta", "placeholder")
# The tags the chart builders write themselves; any other tag in a chart came from data.
OWN_PLOTLY_TAGS = re.compile(r"<br>|</?extra>")


@pytest.fixture(scope="module")
def hostile_db(warehouse_db, tmp_path_factory):
    return hostile_warehouse.build(warehouse_db, tmp_path_factory.mktemp("hostile") / "hostile.duckdb")


@pytest.fixture(autouse=True)
def hostile_env(hostile_db, monkeypatch):
    monkeypatch.setenv("SOCDASH_DB", str(hostile_db))


def markdown_texts(app: AppTest) -> list[str]:
    """Every string the browser would render as markdown: element bodies, labels, help texts, deltas."""
    found = []

    def walk(node):
        proto = getattr(node, "proto", None)
        if proto is not None and hasattr(proto, "ListFields"):
            for field, value in proto.ListFields():
                if field.name in MARKDOWN_FIELDS and isinstance(value, str):
                    found.append(value)
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(app._tree)
    return found


def plotly_strings(app: AppTest) -> list[tuple[str, str]]:
    """(key, text) for every string in every chart's figure."""
    found = []

    def walk(value, key=""):
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, k)
        elif isinstance(value, list):
            for v in value:
                walk(v, key)
        elif isinstance(value, str):
            found.append((key, value))

    for chart in app.get("plotly_chart"):
        walk(json.loads(chart.proto.spec))
    return found


def assert_escaped(app: AppTest) -> None:
    for text in markdown_texts(app):
        unescaped = re.sub(r"\\.", "\0", text)  # each backslash-escaped character stands for itself only
        for fragment in hostile_warehouse.RAW_FRAGMENTS:
            assert fragment not in unescaped, f"{fragment!r} reaches markdown unescaped in {text!r}"
    for key, text in plotly_strings(app):
        if key.endswith("template"):
            assert not any(f in text for f in hostile_warehouse.RAW_FRAGMENTS), f"data in a Plotly {key}: {text!r}"
        assert "<" not in OWN_PLOTLY_TAGS.sub("", text), f"a tag from data in a Plotly {key}: {text!r}"


@pytest.mark.parametrize("language", ["lv", "en"])
@pytest.mark.parametrize("page", [p.path for p in PAGES], ids=[p.url_path for p in PAGES])
def test_every_page_shows_hostile_texts_literally(page, language):
    assert_escaped(open_page(page, language))


@pytest.mark.parametrize("language", ["lv", "en"])
@pytest.mark.parametrize("page", [p.path for p in PAGES], ids=[p.url_path for p in PAGES])
def test_every_page_of_the_hostile_municipality(page, language):
    assert_escaped(open_page(page, language, novads=hostile_warehouse.MUNICIPALITY))


@pytest.mark.parametrize("query", hostile_warehouse.HOSTILE_TEXTS)
def test_a_search_from_the_address_is_shown_literally(query):
    app = open_page("pages/avoti.py", "lv", q=query)
    assert_escaped(app)


def test_a_file_name_outside_raw_reports_is_never_offered():
    app = open_page("pages/avoti.py", "lv")
    offered = [b.proto.label for b in app.get("download_button")]
    assert not any("passwd" in label for label in offered), offered


@pytest.mark.parametrize("language", ["lv", "en"])
def test_an_indicator_whose_name_and_definition_are_markup_is_shown_as_text(language):
    app = open_page("pages/dati.py", language, kopraditaji=hostile_warehouse.INDICATOR)
    assert_escaped(app)
    definition = hostile_warehouse.INDICATOR_TEXT.replace("\n", " ").replace("\t", " ").replace("\r", " ")
    shown = [plain(c.value) for c in app.caption if "hostile" not in c.value]
    assert any(definition in text for text in shown)
    assert set(app.dataframe[0].value[{"lv": "Kopīgais rādītājs", "en": "Common indicator"}[language]]) == \
        {hostile_warehouse.INDICATOR_TEXT}
    chart = open_page("pages/budzets.py", language, novads=hostile_warehouse.MUNICIPALITY,
                      rindas=hostile_warehouse.HOSTILE_TEXTS[1])
    assert_escaped(chart)
    assert any(definition in plain(c.value) for c in chart.caption)
