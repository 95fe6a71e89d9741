"""The catalogue of flag kinds: validated when loaded, every kind worded in both languages and raised by the
code, parameters checked, numbers and references written in each language's style."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from ingest.flags import CATALOGUE, FlagKindError, Number, format_number, load_catalogue, reason
from ingest.model import Fact, Location, Spot

INGEST = Path(__file__).resolve().parents[1] / "ingest"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "kinds.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("text, why", [
    ('[a]\nparams = {}\nen = "x"\n', "no lv wording"),
    ('[a]\nparams = { n = "number" }\nen = "{n}"\nlv = "nav"\n', "the lv wording uses []"),
    ('[a]\nparams = {}\nen = "{n}"\nlv = "{n}"\n', "the en wording uses ['n']"),
    ('[a]\nparams = { n = "amount" }\nen = "{n}"\nlv = "{n}"\n', "unknown parameter types"),
    ('[a]\nparams = {}\nen = "x"\nlv = "y"\nde = "z"\n', "unknown keys ['de']"),
    ('[a\n', "cannot be read"),
])
def test_a_malformed_catalogue_is_refused(tmp_path, text, why):
    with pytest.raises(FlagKindError, match=re.escape(why)):
        load_catalogue(write(tmp_path, text))


def test_the_catalogue_words_every_kind_in_both_languages():
    assert len(CATALOGUE) > 20
    for kind in CATALOGUE.values():
        assert set(kind.wording) == {"en", "lv"}
        assert kind.wording["en"] != kind.wording["lv"], kind.name


def test_every_kind_is_raised_by_the_code_and_every_raised_kind_is_known():
    code = "\n".join(p.read_text(encoding="utf-8") for folder in (INGEST, INGEST.parent / "warehouse")
                     for p in folder.rglob("*.py"))
    # kinds are raised as add_flag("kind", ...) or reason("kind", ...), or written in SQL from their wording;
    # the number reader lists its kinds
    raised = set(re.findall(r'(?:add_flag|reason|wording)\(\s*"(\w+)"', code))
    raised |= set(re.findall(r'kinds\.append\(\("(\w+)"', code))
    # rules files raise kinds without parameters by name: flags = ["kind", ...]
    rules = "\n".join(p.read_text(encoding="utf-8") for p in INGEST.rglob("*.toml") if p.name != "flag_kinds.toml")
    raised |= {kind for names in re.findall(r'(?m)^flags\s*=\s*\[([^\]]*)\]', rules)
               for kind in re.findall(r'"(\w+)"', names)}
    assert raised <= set(CATALOGUE), raised - set(CATALOGUE)
    assert set(CATALOGUE) <= raised, set(CATALOGUE) - raised


@pytest.mark.parametrize("params, why", [
    ({}, "takes ['printed', 'reading']"),
    ({"printed": "184.500", "reading": 184.5, "extra": 1}, "takes ['printed', 'reading']"),
    ({"printed": 184.5, "reading": 184.5}, "parameter 'printed' is not of type text"),
])
def test_a_reason_with_the_wrong_parameters_is_refused(params, why):
    with pytest.raises(FlagKindError, match=re.escape(why)):
        reason("three_decimal_places", **params)


def test_an_unknown_kind_is_refused():
    with pytest.raises(FlagKindError, match="unknown flag kind 'misprint'"):
        reason("misprint", printed="1")


@pytest.mark.parametrize("value, decimals, latvian, english", [
    (1234.56, None, "1 234,56", "1,234.56"),
    (1116657.22, None, "1 116 657,22", "1,116,657.22"),
    (2159838, None, "2 159 838", "2,159,838"),
    (6492.5, 2, "6 492,50", "6,492.50"),
    (3.0599, None, "3,06", "3.06"),
    (0.5, None, "0,5", "0.5"),
])
def test_numbers_in_each_language_style(value, decimals, latvian, english):
    assert (format_number(value, "lv", decimals), format_number(value, "en", decimals)) == (latvian, english)


def test_a_share_is_written_with_the_language_per_cent_sign():
    why = reason("ratio_differs", numerator=1360, denominator=1960, computed=Number(69.39, percent=True),
                 printed="72 %")
    assert why.text("lv") == "1 360 / 1 960 = 69,39 %, nevis '72 %'"
    assert why.text("en") == "1,360 / 1,960 = 69.39%, not '72 %'"


def test_a_fact_keeps_each_reason_once_in_both_languages():
    fact = Fact(municipality="Tukuma novads", year=2024, topic="budget", metric="spend", category="x", value=1.0,
                unit="EUR", spot=Spot("text", Location(page=1)), raw_value="1")
    fact.add_flag("printed_elsewhere", others=(("2", "text, p. 2"),))
    fact.add_flag("printed_elsewhere", others=(("2", "text, p. 2"),))
    fact.add_flag("dated_by_staff_count")
    assert fact.flag == ("the document gives another value elsewhere: '2' (text, p. 2); the sentence prints no "
                         "date; dated as of the staff count")
    assert fact.flag_lv == ("dokumentā citur ir cita vērtība: '2' (teksts, 2. lpp.); teikumā nav datuma; datēts "
                            "ar darbinieku uzskaites datumu")
    assert [r.kind for r in fact.reasons] == ["printed_elsewhere", "dated_by_staff_count"]
