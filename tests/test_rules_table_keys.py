"""The loader's validation of the keys the evaluation's table shapes and checks add: a date sentence
(`as_of`, a table of AsOf keys), a list of column meanings, pairs of place names, and the check kinds
stage_totals and row_parts. Each wrong file is refused in one line naming the file, line and key."""
from __future__ import annotations

import pytest

from ingest.checks import RowPartsCheck, StageTotalsCheck
from ingest.layouts import RULES_DIR
from ingest.rules.loader import RulesError, load_rules
from ingest.rules.shapes.case_code_table import CaseTable
from ingest.rules.shapes.territory_count_table import CountColumn
from ingest.specs import AsOf

HEAD = """[layout]
name = "made-up evaluation"
signature = ['Izvērtējums']

[document]
kind = "evaluation"
municipality = "Latvija"

"""

CASES = """[[tables]]
shape = "case_code_table"
caption = 'Lietu skaits'
topic = "caseload"
metric = "active_cases"
unit = "cases"
"""


def _load(tmp_path, body: str):
    path = tmp_path / "made_up.toml"
    path.write_text(HEAD + body, encoding="utf-8")
    return load_rules(path)


def test_table_keys_of_the_new_shapes_are_read_into_their_specs(tmp_path):
    rules = _load(tmp_path, CASES + """as_of = { pattern = 'uz {y}\\. gada', month = 1, day = 1, inferred = true }
territory_names = [["Ogre", "Ogres pilsēta"]]

[[tables]]
shape = "territory_count_table"
caption = 'Atpazīstamība'
columns = [{ header = '^Atpazīstamība', topic = "focus_group", metric = "recognition", unit = "count" }]

[[checks]]
kind = "stage_totals"
metric = "active_cases"
stages = ["pirms", "pēc"]

[[checks]]
kind = "row_parts"
part = "availability"
whole = "recognition"
""")
    cases, counts = (rule.spec for rule in rules.tables)
    assert cases == CaseTable(caption="Lietu skaits", topic="caseload", metric="active_cases", unit="cases",
                              as_of=AsOf(r"uz (?P<year>(?:19|20)\d\d)\. gada", month=1, day=1, inferred=True),
                              territory_names=(("Ogre", "Ogres pilsēta"),))
    assert counts.columns == (CountColumn("^Atpazīstamība", "focus_group", "recognition", "count"),)
    assert rules.checks == (StageTotalsCheck("active_cases", ("pirms", "pēc")),
                            RowPartsCheck("availability", "recognition"))


@pytest.mark.parametrize("body, message", [
    (CASES + "as_of = { pattern = 'x', mont = 1 }\n",
     "made_up.toml, line 15: tables[0].as_of.mont: unknown key; AsOf takes day, inferred, month, pattern"),
    (CASES + "as_of = { pattern = '(?P<year>\\d{4}' }\n",
     "made_up.toml, line 15: tables[0].as_of.pattern: the pattern does not compile: missing ), unterminated "
     "subpattern at position 0"),
    (CASES + "as_of = { month = 1 }\n", "made_up.toml, line 15: tables[0].as_of: missing key 'pattern'"),
    (CASES + "territory_names = [['Ogre']]\n",
     "made_up.toml, line 15: tables[0].territory_names[0]: must be a list of 2"),
    (CASES.replace('unit = "cases"\n', ""), "made_up.toml, line 9: tables[0]: missing key 'unit'"),
    ("[[tables]]\nshape = 'territory_count_table'\ncaption = 'x'\ncolumns = [{ header = 'x', topic = 't' }]\n",
     "made_up.toml, line 12: tables[0].columns[0]: missing key 'metric'"),
    ("[[checks]]\nkind = 'stage_totals'\nmetric = 'active_cases'\nstages = 'pirms'\n",
     "made_up.toml, line 12: checks[0].stages: must be a list"),
    ("[[checks]]\nkind = 'row_parts'\npart = 'availability'\n",
     "made_up.toml, line 9: checks[0]: missing key 'whole'"),
])
def test_wrong_keys_are_refused_with_file_line_and_key(tmp_path, body, message):
    with pytest.raises(RulesError) as refused:
        _load(tmp_path, body)
    assert str(refused.value) == message


def test_the_evaluation_rules_load():
    rules = load_rules(RULES_DIR / "tukums_evaluation.toml")
    assert [rule.shape for rule in rules.tables].count("case_code_table") == 3
    assert rules.transforms == ("flattened_tables", "chart_data")
    assert len(rules.prose) == 10 and [s.name for s in rules.specs_of("chart_data")]


@pytest.mark.parametrize("key", ["position", "town_section"])
def test_a_shape_key_that_holds_a_pattern_is_checked_as_one(tmp_path, key):
    with pytest.raises(RulesError) as refused:
        _load(tmp_path, CASES + f"{key} = '(amats'\n")
    assert str(refused.value).startswith(f"made_up.toml, line 15: tables[0].{key}: the pattern does not compile")
