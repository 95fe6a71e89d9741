"""The rules engine's loader: every layout's rules file loads, and a wrong one is refused in one line naming
the file, the line and the key; a report of a known shape from another municipality needs only a rules file."""
from __future__ import annotations

from pathlib import Path

import pytest

import ingest.layouts
from ingest.cli import main
from ingest.layouts import RULES_DIR, all_layouts
from ingest.readers import read_document
from ingest.rules.engine import apply
from ingest.rules.loader import RulesError, load_rules
from ingest.rules.registry import shapes
from report_variants import document_from_text

ROOT = Path(__file__).resolve().parents[1]

# A made-up layout: another municipality's yearly note, one prose figure, dated by the note's year.
NOTE_RULES = """\
[layout]
name = "yearly note"
signature = ['SOCIĀLĀ DIENESTA GADA PIEZĪME']

[fragments]
gmi = 'Pabalsts garantētā minimālā ienākuma nodrošināšanai'

[document]
kind = "public report"
municipality = "{service[place]}"
title = "{title[match]}"
report_year = "{title[year]}"
edition = "{title[year]}"

[[document.find]]
name = "title"
pattern = '{y}\\. GADA SOCIĀLĀ DIENESTA GADA PIEZĪME'

[[document.find]]
name = "service"
pattern = '(?P<place>\\w+ novada) Sociālais dienests'

[[prose]]
dated = "report_year"
topic = "social_assistance"
unit = "EUR"

[[prose.rules]]
pattern = 'GMI pabalstam izmaksāti {n} EUR'
metric = "spend"
category = "{gmi}"

[[prose.rules]]
pattern = '{in_municipality} GMI pabalstu saņēma {n} personas'
metric = "persons"
unit = "persons"
category = "{gmi}"
"""

NOTE = """2023. GADA SOCIĀLĀ DIENESTA GADA PIEZĪME
Ludzas novada Sociālais dienests
GMI pabalstam izmaksāti 35 210,40 EUR.
Ludzas novadā GMI pabalstu saņēma 412 personas.
"""


def _rules(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "note.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _refusal(tmp_path: Path, text: str) -> str:
    with pytest.raises(RulesError) as refused:
        load_rules(_rules(tmp_path, text))
    return str(refused.value)


def test_every_rules_file_loads():
    paths = sorted(RULES_DIR.glob("*.toml"))
    assert paths
    for path in paths:
        rules = load_rules(path)
        assert rules.name and rules.signature and rules.document.kind, path.name


def test_every_report_is_recognised_by_exactly_one_layout():
    specific = [layout for layout in all_layouts() if layout.signature]
    reports = [p for p in sorted((ROOT / "raw_reports").iterdir()) if not p.name.startswith("README")]
    assert len(reports) == 6
    for path in reports:
        doc = read_document(path)
        matching = [layout.name for layout in specific if layout.matches(doc, doc.text)]
        assert len(matching) == 1, (path.name, matching)


def test_another_municipalitys_report_needs_a_rules_file_and_no_python(tmp_path):
    ex = apply(document_from_text(tmp_path, "piezime.txt", NOTE), load_rules(_rules(tmp_path, NOTE_RULES)))
    assert (ex.info.municipality, ex.info.kind, ex.info.edition, ex.info.period) == \
        ("Ludzas novads", "public report", "2023", "2023..2023")
    assert ex.info.title == "2023. GADA SOCIĀLĀ DIENESTA GADA PIEZĪME"
    assert [(f.municipality, f.year, f.metric, f.category, f.value, f.unit, f.source_ref) for f in ex.facts] == [
        ("Ludzas novads", 2023, "spend", "Pabalsts garantētā minimālā ienākuma nodrošināšanai", 35210.40, "EUR",
         "text, line 3"),
        ("Ludzas novads", 2023, "persons", "Pabalsts garantētā minimālā ienākuma nodrošināšanai", 412, "persons",
         "text, line 4")]
    assert ex.messages == []


def test_a_document_naming_no_municipality_gives_no_facts_and_says_so(tmp_path):
    text = NOTE.replace("Ludzas novada Sociālais dienests", "Sociālais dienests")
    ex = apply(document_from_text(tmp_path, "piezime.txt", text), load_rules(_rules(tmp_path, NOTE_RULES)))
    assert ex.facts == [] and ex.info.municipality == "nezināma"
    assert ex.messages == ["the document names no municipality the rules know ('{service[place]}')"]


@pytest.mark.parametrize("change, expected", [
    (("metric = \"spend\"", "metric = \"spend\"\ncolour = \"red\""),
     "note.toml, line 31: prose[0].rules[0].colour: unknown key; Prose takes category, every, metric, pattern, "
     "period, scale, subgroup, territory, topic, unit, year"),
    (("'GMI pabalstam izmaksāti {n} EUR'", "'GMI pabalstam (izmaksāti {n} EUR'"),
     "note.toml, line 29: prose[0].rules[0].pattern: the pattern does not compile: missing ), unterminated "
     "subpattern at position 14"),
    (("'GMI pabalstam izmaksāti {n} EUR'", "'GMI pabalstam izmaksāti {number} EUR'"),
     "note.toml, line 29: prose[0].rules[0].pattern: unknown token '{number}'"),
    (("'GMI pabalstam izmaksāti {n} EUR'", "'GMI pabalstam izmaksāti EUR'"),
     "note.toml, line 29: prose[0].rules[0].pattern: has no {n} (or group 'value') to read the figure from"),
    (("metric = \"spend\"\n", ""), "note.toml, line 28: prose[0].rules[0]: missing key 'metric'"),
    (("category = \"{gmi}\"\n\n", "category = \"{gmi} {who}\"\n\n"),
     "note.toml, line 31: prose[0].rules[0].category: names group 'who', which the pattern does not have"),
    (("dated = \"report_year\"", "dated = \"yes\""), "note.toml, line 24: prose[0].dated: must be report_year"),
    (("municipality = \"{service[place]}\"", "municipality = \"{office[place]}\""),
     "note.toml, line 10: document.municipality: names find 'office', which the file does not define"),
    (("[fragments]", "[fragment]"), "note.toml, line 5: fragment: unknown table; a rules file has checks, "
                                     "document, fragments, layout, prose, same_figures, tables, transform_rules"),
    (("signature = ['SOCIĀLĀ DIENESTA GADA PIEZĪME']", "signature = 'SOCIĀLĀ'"),
     "note.toml, line 3: layout.signature: missing or not a list"),
    (("[[prose]]", "[[tables]]\nshape = \"round_table\"\n\n[[prose]]"),
     "note.toml, line 24: tables[0].shape: unknown shape 'round_table'; known: " + ", ".join(sorted(shapes()))),
    (("[[prose]]", "[[tables]]\nshape = \"counted_year_table\"\ncaption = 'x'\ntopic = \"t\"\nmetric = \"m\"\n"
                   "unit = \"u\"\ncounted = [{ words = '(pers', metric = \"persons\", unit = \"persons\" }]\n\n[[prose]]"),
     "note.toml, line 29: tables[0].counted[0].words: the pattern does not compile: missing ), unterminated "
     "subpattern at position 0"),
    (("[[prose]]", "[[tables]]\nshape = \"counted_year_table\"\ncaption = 'x'\ntopic = \"t\"\nmetric = \"m\"\n"
                   "unit = \"u\"\ncounted = [{ words = 'pers', metric = \"persons\" }]\n\n[[prose]]"),
     "note.toml, line 29: tables[0].counted[0]: missing key 'unit'"),
    (("[[prose]]", "[[checks]]\nkind = \"listed_parts\"\nparts = [{ metric = \"spend\", category = \"x\" }]\n\n[[prose]]"),
     "note.toml, line 25: checks[0].parts: unknown key; ListedPartsCheck takes total"),
    (("[[prose]]", "[[checks]]\nkind = \"sum\"\nparts = [{ metric = \"spend\", category = 1 }]\n\n[[prose]]"),
     "note.toml, line 25: checks[0].parts[0].category: must be str, not int"),
])
def test_a_wrong_rules_file_is_refused_naming_file_line_and_key(tmp_path, change, expected):
    old, new = change
    assert old in NOTE_RULES
    assert _refusal(tmp_path, NOTE_RULES.replace(old, new, 1)) == expected


def test_a_file_that_is_not_toml_is_refused_in_one_line(tmp_path):
    message = _refusal(tmp_path, NOTE_RULES.replace("[layout]", "[layout"))
    assert message.startswith("note.toml: not valid TOML: ") and "\n" not in message


def test_the_ingest_stops_on_a_wrong_rules_file_in_one_line(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "layouts"
    folder.mkdir()
    (folder / "note.toml").write_text(NOTE_RULES.replace("dated = \"report_year\"", "dated = 1"), encoding="utf-8")
    monkeypatch.setattr(ingest.layouts, "RULES_DIR", folder)
    report = tmp_path / "piezime.txt"
    report.write_text(NOTE, encoding="utf-8")
    assert main(["--db", str(tmp_path / "w.duckdb"), str(report)]) == 2
    err = capsys.readouterr().err
    assert err == "error: layout rules: note.toml, line 24: prose[0].dated: must be str, not int\n"
    assert not (tmp_path / "w.duckdb").exists()


def test_place_tokens_take_the_seeds_forms_of_the_documents_municipality():
    from ingest.rules.places import municipality_forms

    assert municipality_forms("Tukuma novads") == {"municipality": "Tukuma novads", "of_municipality": "Tukuma novada",
                                                   "in_municipality": "Tukuma novadā"}
    assert municipality_forms("Rīga")["in_municipality"] == "Rīgā"
    assert municipality_forms("Nekurienes novads")["in_municipality"] == "Nekurienes novads"
