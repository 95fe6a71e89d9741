"""The rules-file keys the year-column table shapes and the strategy layout brought: checks of the prose
figures alone (`among`), meanings by words (`measures`, `rows`), a caption's printed total, a Pick that
leaves out its category; each refused in one line naming the file, line and key when wrong."""
from __future__ import annotations

from pathlib import Path

import pytest

from ingest.checks import Pick, SumCheck
from ingest.rules.loader import RulesError, load_rules
from ingest.rules.year_cells import MeaningByWords

HEAD = """[layout]
name = "made-up strategy"
signature = ['stratēģija']

[document]
kind = "strategy"
municipality = "Latvija"
"""

COUNTS = """
[[tables]]
shape = "year_count_table"
caption = 'pakalpojums'
topic = "recipients"
metric = "persons"
header = 'skaits'
subtotal = 'skaits$'
measures = [{ words = 'ģimeņu', metric = "families", unit = "count" }]
"""

SUM = """
[[checks]]
kind = "sum"
among = "prose"
parts = [{ metric = "specialists", category = "a" }, { metric = "specialists", category = "b" }]
total = { metric = "specialists", category = "c" }
"""


def rules_file(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "made_up.toml"
    path.write_text(HEAD + body, encoding="utf-8")
    return path


def test_a_prose_check_is_kept_apart_from_the_checks_of_all_facts(tmp_path):
    rules = load_rules(rules_file(tmp_path, SUM + SUM.replace('among = "prose"\n', "")))
    expected = SumCheck((Pick("specialists", "a"), Pick("specialists", "b")), Pick("specialists", "c"))
    assert (rules.prose_checks, rules.checks) == ((expected,), (expected,))


def test_a_check_among_other_facts_is_refused(tmp_path):
    with pytest.raises(RulesError) as error:
        load_rules(rules_file(tmp_path, SUM.replace('"prose"', '"tables"')))
    assert str(error.value) == "made_up.toml, line 11: checks[0].among: must be one of facts, prose"


def test_a_pick_without_category_matches_any(tmp_path):
    rules = load_rules(rules_file(tmp_path, '\n[[checks]]\nkind = "change"\nchange = { metric = "change", '
                                            'category = "x" }\nof = { metric = "funding", subgroup = "No valsts" }\n'))
    assert rules.checks[0].of == Pick("funding", None, "No valsts")


def test_measures_are_read_as_meanings_by_words(tmp_path):
    spec = load_rules(rules_file(tmp_path, COUNTS)).tables[0].spec
    assert spec.measures == (MeaningByWords("ģimeņu", "families", "count"),)


@pytest.mark.parametrize("body, message", [
    (COUNTS.replace("words = 'ģimeņu'", "words = 'ģimeņu('"),
     "made_up.toml, line 16: tables[0].measures[0].words: the pattern does not compile: missing ), unterminated "
     "subpattern at position 6"),
    (COUNTS.replace('unit = "count" }', 'unit = "count", kind = "x" }'),
     "made_up.toml, line 16: tables[0].measures[0].kind: unknown key; MeaningByWords takes metric, topic, unit, "
     "words"),
    (COUNTS.replace("subtotal = 'skaits$'\n", ""), "made_up.toml, line 9: tables[0]: missing key 'subtotal'"),
    ("\n[[tables]]\nshape = \"label_count_list\"\ncaption = 'Citi'\ntopic = \"staff\"\nmetric = \"employees\"\n"
     "unit = \"persons\"\ncaption_total = 'No (?P<value>\\d+'\n",
     "made_up.toml, line 15: tables[0].caption_total: the pattern does not compile: missing ), unterminated "
     "subpattern at position 3"),
])
def test_wrong_shape_keys_are_refused_in_one_line(tmp_path, body, message):
    with pytest.raises(RulesError) as error:
        load_rules(rules_file(tmp_path, body))
    assert str(error.value) == message
