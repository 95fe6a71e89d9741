"""Rules a rules file gives a transform ([[transform_rules]]): validated when the file loads (the file and line
of what is wrong), and given to the transform in order; the chart dump of a made-up report read by them."""
from __future__ import annotations

from pathlib import Path

import pytest

from ingest.model import Location, ParsedDocument, TextLine
from ingest.rules.engine import apply
from ingest.rules.loader import RulesError, load_rules

HEAD = """[layout]
name = "made-up evaluation"
signature = ['Izvērtējums']
transforms = [{transforms}]

[document]
kind = "evaluation"
municipality = "{{title[of]}}"

[[document.find]]
name = "title"
pattern = 'Izvērtējums (?P<of>\\w+ novada)'
"""
CHART = """
[[transform_rules]]
transform = "chart_data"
name = "pakalpojumi"
labels = '^Aprūpe mājās \\| Patversme$'
context = 'attēls\\. Izlietojums (?P<year>\\d{4})\\. gadā'
topic = "budget"
metric = "spend"
unit = "EUR"
"""


def rules_file(tmp_path: Path, body: str, transforms: str = '"chart_data"') -> Path:
    path = tmp_path / "made_up.toml"
    path.write_text(HEAD.format(transforms=transforms) + body, encoding="utf-8")
    return path


def refused(tmp_path: Path, body: str, transforms: str = '"chart_data"') -> str:
    with pytest.raises(RulesError) as caught:
        load_rules(rules_file(tmp_path, body, transforms))
    return str(caught.value)


def test_the_rules_of_a_transform_load_in_order(tmp_path):
    rules = load_rules(rules_file(tmp_path, CHART + CHART.replace('"pakalpojumi"', '"otrs"')))
    assert [spec.name for spec in rules.specs_of("chart_data")] == ["pakalpojumi", "otrs"]
    assert rules.specs_of("flattened_tables") == ()


def test_rules_of_a_transform_the_layout_does_not_run_are_refused(tmp_path):
    assert refused(tmp_path, CHART, transforms="") == \
        "made_up.toml, line 15: transform_rules[0].transform: 'chart_data' is not one of [layout] transforms"


def test_rules_of_a_transform_that_takes_none_are_refused(tmp_path):
    body = '\n[[transform_rules]]\ntransform = "flattened_tables"\n'
    assert refused(tmp_path, body, transforms='"flattened_tables"') == \
        "made_up.toml, line 15: transform_rules[0].transform: transform 'flattened_tables' takes no rules"


def test_an_unknown_key_of_a_transform_rule_is_refused_with_its_line(tmp_path):
    message = refused(tmp_path, CHART + 'colour = "red"\n')
    assert message.startswith("made_up.toml, line 22: transform_rules[0].colour: unknown key; ChartData takes ")


def test_a_transform_rule_without_its_transform_is_refused(tmp_path):
    assert refused(tmp_path, CHART.replace('transform = "chart_data"\n', "")) == \
        "made_up.toml, line 14: transform_rules[0].transform: missing or not a str"


def test_a_bad_pattern_of_a_transform_rule_is_refused(tmp_path):
    message = refused(tmp_path, CHART.replace("'^Aprūpe mājās", "'^(Aprūpe mājās"))
    assert message.startswith("made_up.toml, line 17: transform_rules[0].labels: the pattern does not compile")


def test_the_transform_reads_a_made_up_chart_dump_with_its_rules(tmp_path):
    rules = load_rules(rules_file(tmp_path, CHART))
    lines = ["Izvērtējums Ogres novada pašvaldībā", "1. attēls. Izlietojums 2019. gadā",
             "Aprūpe mājās\tPatversme\t1200\t800", "Cits\tVēl\t1\t2"]
    doc = ParsedDocument(path="x.txt", file_name="x.txt", sha256="0", format="txt",
                         lines=[TextLine(t, Location(line=i)) for i, t in enumerate(lines, start=1)])
    out = apply(doc, rules)
    assert [(f.municipality, f.year, f.category, f.value, f.source_ref) for f in out.facts] == [
        ("Ogres novads", 2019, "Aprūpe mājās", 1200, "chart data (pakalpojumi), line 3; label 'Aprūpe mājās'"),
        ("Ogres novads", 2019, "Patversme", 800, "chart data (pakalpojumi), line 3; label 'Patversme'")]
    assert [(c.table_ref, c.text) for c in out.raw_cells] == [("chart data, line 4", t) for t in ("Cits", "Vēl", "1", "2")]
