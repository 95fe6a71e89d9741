"""The indicator catalogue: it loads, a bad catalogue is refused in one line, facts of other municipalities'
wordings get the indicator they measure (parts, totals and units not confused), the seed reports' facts are
covered, and a fact matching two indicators reaches the quality view."""
from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import duckdb
import pytest

from ingest.indicators import assign_indicators, candidates
from ingest.model import DocumentInfo, Extraction, Fact, Location, ParsedDocument, Spot, TextLine
from warehouse import connect, queries
from warehouse.seeds.indicators import CatalogueError, load_catalogue
from warehouse.store import store_document

UNMATCHED = Path(__file__).resolve().parent / "data" / "indicators_unmatched.csv"
COVERED_TOPICS = ("budget", "social_assistance", "recipients", "staff", "caseload", "population")

_GOOD = '''[[indicator]]
indicator = "gmi_benefit_spend"
name_lv = "GMI pabalsts: izlietotie līdzekļi"
name_en = "GMI benefit: spend"
definition_lv = "Gadā izlietotie līdzekļi."
definition_en = "Spent in the year."
unit = "EUR"
additive = true
per_resident = true
group = "social_assistance"
facts = ["social_assistance/spend"]
words = ["gmi"]
'''


def test_the_seed_catalogue_loads_with_names_and_definitions_in_both_languages():
    catalogue = load_catalogue()
    assert len(catalogue) >= 100
    for indicator in catalogue.values():
        for text in (indicator.name_lv, indicator.name_en, indicator.definition_lv, indicator.definition_en):
            assert text.strip(), indicator.indicator
        assert indicator.name_lv != indicator.name_en, indicator.indicator
    wanted = {"social_assistance_spend", "gmi_benefit_spend", "gmi_benefit_recipients", "gmi_benefit_households",
              "housing_benefit_spend", "health_care_benefit_spend", "crisis_benefit_spend", "poor_persons",
              "poor_households", "low_income_persons", "low_income_households", "home_care_spend",
              "home_care_recipients", "long_term_care_adults_spend", "long_term_care_children_spend",
              "day_centres_recipients", "group_homes_spend", "shelters_spend", "crisis_centres_spend",
              "assistant_service_recipients", "family_assistant_recipients", "psychologist_recipients",
              "foster_families", "guardians", "orphans", "children_out_of_family_care", "social_work_specialists",
              "social_work_specialists_per_1000", "staff_fte", "staff_positions", "social_workers", "employees",
              "residents", "active_cases", "active_cases_per_social_worker"}
    assert wanted <= set(catalogue)


@pytest.mark.parametrize("change, message", [
    (lambda t: t.replace('words = ["gmi"]', 'words = ["gmi"]\nsynonyms = ["x"]'),
     "bad.toml, line 1, indicator 'gmi_benefit_spend': unknown keys ['synonyms']"),
    (lambda t: t.replace('definition_en = "Spent in the year."\n', ""),
     "bad.toml, line 1, indicator 'gmi_benefit_spend': missing fields ['definition_en']"),
    (lambda t: t.replace('unit = "EUR"', 'unit = "euro"'),
     "bad.toml, line 1, indicator 'gmi_benefit_spend': unknown unit 'euro' (one of EUR, EUR_per_resident, "
     "FTE, FTE_per_resident, LVL, answers, cases, count, count_per_resident, documents, households, "
     "households_per_resident, per_1000, percent, persons, persons_per_resident, positions, positions_per_resident, "
     "visits, visits_per_resident)"),
    (lambda t: t + "\n" + t, "bad.toml, line 14, indicator 'gmi_benefit_spend': the id is used twice"),
    (lambda t: t.replace('words = ["gmi"]', 'words = ["GMI"]'),
     "bad.toml, line 1, indicator 'gmi_benefit_spend': words holds 'GMI', not lower-case words (letters, digits, "
     "single spaces or hyphens)"),
    (lambda t: t.replace('words = ["gmi"]', 'words = ["gmi", "gmi"]'),
     "bad.toml, line 1, indicator 'gmi_benefit_spend': words holds a word twice"),
    (lambda t: t.replace('words = ["gmi"]', 'words = ["garantētā  ienākuma"]'),
     "bad.toml, line 1, indicator 'gmi_benefit_spend': words holds 'garantētā  ienākuma', not lower-case words "
     "(letters, digits, single spaces or hyphens)"),
    (lambda t: t.replace('words = ["gmi"]', "words = []"),
     "bad.toml, line 1, indicator 'gmi_benefit_spend': no words, and not the default of its facts: it could "
     "match nothing"),
    (lambda t: t.replace('facts = ["social_assistance/spend"]', 'facts = ["spend"]'),
     "bad.toml, line 1, indicator 'gmi_benefit_spend': facts must list topic/metric pairs such as 'budget/spend'"),
    (lambda t: t.replace("additive = true", 'additive = "yes"'),
     "bad.toml, line 1, indicator 'gmi_benefit_spend': additive must be a bool"),
    (lambda t: t.replace('group = "social_assistance"', 'group = "money"'),
     "bad.toml, line 1, indicator 'gmi_benefit_spend': unknown group 'money' (one of budget, caseload, "
     "family_care, population, services, social_assistance, staff)"),
    (lambda t: t.replace("[[indicator]]", "[indicator]"),
     "bad.toml: no [[indicator]] in it"),
])
def test_a_bad_catalogue_is_refused_in_one_line_naming_file_line_and_indicator(tmp_path, change, message):
    path = tmp_path / "bad.toml"
    path.write_text(change(_GOOD), encoding="utf-8")
    with pytest.raises(CatalogueError) as refused:
        load_catalogue(path)
    assert str(refused.value) == message


def test_the_good_small_catalogue_loads(tmp_path):
    path = tmp_path / "good.toml"
    path.write_text(_GOOD, encoding="utf-8")
    assert list(load_catalogue(path)) == ["gmi_benefit_spend"]


def _fact(category: str, topic: str = "social_assistance", metric: str = "spend", unit: str = "EUR",
          subgroup: str | None = None) -> Fact:
    return Fact("Ogres novads", 2023, topic, metric, category, 1.0, unit, Spot("text", Location(line=1)), "1",
                subgroup=subgroup)


# Made-up rows in the wordings of other municipalities' reports (see the layouts they publish).
@pytest.mark.parametrize("fact, indicator", [
    (_fact("Dzīvokļa pabalsti"), "housing_benefit_spend"),
    (_fact("Mājokļa pabalstam"), "housing_benefit_spend"),
    (_fact("Mājokļa pabalsts", metric="households", unit="households"), "housing_benefit_households"),
    (_fact("Mājokļa pabalsts", metric="persons", unit="persons"), "housing_benefit_recipients"),
    (_fact("GMI pabalstam"), "gmi_benefit_spend"),
    (_fact("Pabalsts garantētā minimālā ienākuma līmeņa nodrošināšanai", metric="persons", unit="persons"),
     "gmi_benefit_recipients"),
    (_fact("Garantētā minimālā ienākuma (GMI) pabalsts", metric="households", unit="households"),
     "gmi_benefit_households"),
    (_fact("Pabalsts ārkārtas situācijā"), "crisis_benefit_spend"),
    (_fact("Medicīnas pabalsts"), "health_care_benefit_spend"),
    (_fact("Kopā pabalstiem"), "social_assistance_spend"),
    (_fact("Pabalstos kopumā izmaksāti"), "social_assistance_spend"),
    (_fact("Aprūpe mājās", topic="budget"), "home_care_spend"),
    (_fact("aprūpes mājās pakalpojumu saņēmēji", topic="recipients", metric="persons", unit="persons"),
     "home_care_recipients"),
    (_fact("Naktspatversme", topic="recipients", metric="persons", unit="persons"), "shelters_recipients"),
    (_fact("Citi sociālie pakalpojumi / Patversme", topic="budget"), "shelters_spend"),
    (_fact("Pansionāts “Ozoli”", topic="budget"), "long_term_care_adults_spend"),
    (_fact("Bērnu nams “Saulīte”", topic="budget"), "long_term_care_children_spend"),
    (_fact("Grupu dzīvokļi", topic="budget"), "group_homes_spend"),
    (_fact("Ģimenes asistenta pakalpojums", topic="recipients", metric="persons", unit="persons"),
     "family_assistant_recipients"),
    (_fact("Asistenta pakalpojums personām ar invaliditāti", topic="recipients", metric="persons", unit="persons"),
     "assistant_service_recipients"),
    (_fact("trūcīgas personas", topic="population", metric="persons", unit="persons"), "poor_persons"),
    (_fact("maznodrošinātās mājsaimniecības", topic="population", metric="households", unit="households"),
     "low_income_households"),
    (_fact("Sociālais dienests", topic="staff", metric="specialists", unit="persons"), "social_work_specialists"),
    (_fact("Sociālā darba nodaļa", topic="staff", metric="employees", unit="persons", subgroup="sociālie darbinieki"),
     "social_workers"),
    (_fact("Sociālā darba nodaļa", topic="staff", metric="employees", unit="persons", subgroup="juristi"),
     "employees"),
    (_fact("Sociālais darbinieks", topic="caseload", metric="active_cases", unit="cases"), "active_cases"),
    (_fact("Iedzīvotāji", topic="population", metric="residents", unit="persons"), "residents"),
])
def test_other_municipalities_wordings_get_the_indicator_they_measure(fact, indicator):
    assert candidates(fact) == [indicator]


@pytest.mark.parametrize("fact", [
    _fact("t.sk. bērniem"),  # a part that names nothing is not its whole
    _fact("Ilgstošas sociālās aprūpes pakalpojums bērniem / SIA “Liepas”", topic="budget"),  # a provider under its service
    _fact("Kopā"),  # a total that does not say of what
    _fact("Mājokļa pabalsts", metric="portions", unit="count"),  # no indicator counts portions
    _fact("trūcīgas mājsaimniecības ienākumu slieksnis", metric="threshold", unit="persons"),  # unit not its own
])
def test_parts_totals_and_units_are_not_taken_for_another_indicator(fact):
    assert candidates(fact) == []


def test_persons_households_and_spend_of_one_benefit_are_three_indicators():
    facts = [_fact("Mājokļa pabalsts", metric=m, unit=u) for m, u in
             (("spend", "EUR"), ("persons", "persons"), ("households", "households"))]
    assign_indicators(facts)
    assert [f.indicator for f in facts] == ["housing_benefit_spend", "housing_benefit_recipients",
                                            "housing_benefit_households"]


def test_a_fact_whose_words_name_two_indicators_gets_none_and_keeps_both():
    fact = _fact("Patversme un dienas centrs", topic="budget")
    assign_indicators([fact])
    assert (fact.indicator, fact.indicator_candidates) == (None, ("day_centres_spend", "shelters_spend"))


def test_a_fact_matching_two_indicators_is_listed_in_the_quality_view(tmp_path):
    con = connect(tmp_path / "w.duckdb")
    loc = Location(line=1)
    doc = ParsedDocument(path="o.txt", file_name="o.txt", sha256="ab" * 32, format="txt", lines=[TextLine("x", loc)])
    facts = [_fact("Patversme un dienas centrs", topic="budget"), _fact("Mājokļa pabalsts")]
    assign_indicators(facts)
    ex = Extraction(layout="test layout", info=DocumentInfo("Ogres novads", "public report", "T", "2023",
                                                            edition="2023"), facts=facts)
    store_document(con, doc, ex)
    listed = queries.quality(con)
    assert listed[["category", "why", "why_lv"]].values.tolist() == [[
        "Patversme un dienas centrs", "its words match more than one indicator: day_centres_spend, shelters_spend",
        "tā vārdi atbilst vairākiem rādītājiem: day_centres_spend, shelters_spend"]]
    assert con.execute("SELECT category, indicator FROM facts ORDER BY fact_id").fetchall() == [
        ("Patversme un dienas centrs", None), ("Mājokļa pabalsts", "housing_benefit_spend")]
    con.close()


def test_the_warehouse_holds_the_catalogue(warehouse_db):
    con = duckdb.connect(str(warehouse_db), read_only=True)
    try:
        stored = con.execute("SELECT count(*) FROM indicators").fetchone()[0]
        unknown = con.execute("SELECT count(*) FROM facts WHERE indicator IS NOT NULL AND indicator NOT IN "
                              "(SELECT indicator FROM indicators)").fetchone()[0]
    finally:
        con.close()
    assert (stored, unknown) == (len(load_catalogue()), 0)


def _coverage(warehouse_db: Path) -> tuple[dict[str, tuple[int, int]], Counter]:
    con = duckdb.connect(str(warehouse_db), read_only=True)
    try:
        rows = con.execute(
            "SELECT d.file_name, f.topic, f.metric, f.unit, f.category, coalesce(f.subgroup, ''), f.indicator"
            " FROM facts f JOIN documents d USING (document_id) WHERE list_contains(?, f.topic)",
            [list(COVERED_TOPICS)]).fetchall()
    finally:
        con.close()
    per_topic = {topic: (sum(1 for r in rows if r[1] == topic and r[6]), sum(1 for r in rows if r[1] == topic))
                 for topic in COVERED_TOPICS}
    return per_topic, Counter(r[:6] for r in rows if r[6] is None)


def test_nine_in_ten_facts_of_the_compared_topics_carry_an_indicator(warehouse_db):
    per_topic, _ = _coverage(warehouse_db)
    matched = sum(m for m, _ in per_topic.values())
    total = sum(t for _, t in per_topic.values())
    assert matched / total >= 0.9, per_topic


def test_the_facts_without_an_indicator_are_the_listed_ones(warehouse_db):
    """tests/data/indicators_unmatched.csv lists them; a change to the catalogue or to the facts shows here."""
    _, unmatched = _coverage(warehouse_db)
    with UNMATCHED.open(encoding="utf-8") as handle:
        expected = Counter({tuple(row[:6]): int(row[6]) for row in list(csv.reader(handle))[1:]})
    assert unmatched == expected
