"""Prose figures and chart data of the Tukums 2016 evaluation: values hand-checked against the raw file,
the sums and disagreements the text implies, and a next year's report built here from the same text."""
from __future__ import annotations

from pathlib import Path

import pytest

from ingest.layouts import layout_named
from ingest.model import Location, ParsedDocument, TextLine
from ingest.readers import read_document

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "raw_reports" / "tukuma_novads_2016_socialais_darbs_izvertejums.txt"
TUKUMS = "Tukuma novads"
SERVICE = "Tukuma novada sociālais dienests"
BOTH = "Tukuma novada sociālais dienests un Irlavas bērnu nams – patversme"
DEPARTMENT = "Sociālā darba un sociālās palīdzības nodaļa"
RITI = "Slampes un Džūkstes pagastu kopienas centrs „Rīti”"
JUNE_2015 = "2015-06-01..2015-06-30"


def extract(doc: ParsedDocument):
    return layout_named("Tukums evaluation").extract(doc)


@pytest.fixture(scope="module")
def read():
    return extract(read_document(RAW))


@pytest.fixture(scope="module")
def facts(read):
    """The facts of the running text and of the chart data (the tables' are tested in
    test_layout_tukums_evaluation)."""
    return [f for f in read.facts if f.source_ref.startswith(("text,", "chart data"))]


def the(facts, prose: bool | None = None, **key):
    """The one fact with these fields (from running text only, or from chart data only, when `prose` says)."""
    found = [f for f in facts if all(getattr(f, k) == v for k, v in key.items())
             and (prose is None or f.source_ref.startswith("text,") == prose)]
    assert len(found) == 1, f"{len(found)} facts for {key}"
    return found[0]


def document(lines: list[str]) -> ParsedDocument:
    """A document of these lines, which names its municipality in its title last (the lines keep their numbers)."""
    lines = [*lines, "Sociālā darba izvērtējums Tukuma novada pašvaldībā"]
    return ParsedDocument(path="x.txt", file_name="x.txt", sha256="0", format="txt",
                          lines=[TextLine(t, Location(line=i)) for i, t in enumerate(lines, start=1)])


# ----------------------------------------------------------------------------- prose, hand-checked

# (metric, category, subgroup, territory, period, unit, value, printed)
PROSE = [
    # "Iedzīvotāji 2015. gada 1. janvārī Tukuma novadā dzīvo 31,9 tūkstoši iedzīvotāju." (line 8)
    ("residents", "iedzīvotāju skaits", None, None, "2015-01-01", "persons", 31900, "31,9 tūkstoši"),
    ("residents_share", "vecuma grupa", "darbaspējas vecumā", None, "2015-01-01", "percent", 65, "65%"),
    ("residents_share", "vecuma grupa", "virs darbaspējas vecumā", None, "2015-01-01", "percent", 19, "19%"),
    ("residents_share", "vecuma grupa", "līdz darbaspējas vecumā", None, "2015-01-01", "percent", 16, "16%"),
    ("demographic_load", "demogrāfiskās slodzes līmenis", None, None, "2015-01-01", "per_1000", 547, "547"),
    ("residents_share", "dzimums", "sievietes", None, "2015-01-01", "percent", 53, "53%"),
    ("residents_share", "etniskais sastāvs", "baltkrievi", None, "2015-01-01", "percent", 2, "2%"),
    ("residents_share", "augstākā izglītība", "30-34 gadi", None, "2015-01-01", "percent", 24.1, "24,1%"),
    ("residents_share", "profesionālā vidējā vai arodizglītība", "30-34 gadi", None, "2015-01-01", "percent",
     16.2, "16,2%"),
    # "Apdzīvojums 19,2 tūkstoši jeb apmēram 60% novada iedzīvotāju dzīvo Tukuma pilsētā" (line 23)
    ("residents", "iedzīvotāju skaits", None, "Tukuma pilsēta", "2015-01-01", "persons", 19200, "19,2 tūkstoši"),
    ("residents_share", "dzīvesvieta", "dzīvo pagastu teritorijās", None, "2015-01-01", "percent", 40, "40%"),
    # The starred list, VSAA data for 2015 (lines 9-21)
    ("pensioners", "pensionāri", None, None, "2015", "persons", 6440, "6440"),
    ("pensioners", "pensionāri", None, None, "2015", "percent", 20.2, "20.2%"),
    ("pensioners", "pensionāri", "vecuma pensionāri", None, "2015", "persons", 6355, "6355"),
    ("pensioners", "pensionāri", "izdienas pensionāri", None, "2015", "persons", 85, "85"),
    ("persons_with_disability", "pilngadīgu personu skaits, kurām noteikta invaliditāte", None, None, "2015",
     "persons", 1004, "1004"),
    ("persons_with_disability", "pilngadīgu personu skaits, kurām noteikta invaliditāte",
     "kurām ir nepieciešama īpašā kopšana", None, "2015", "persons", 137, "137"),
    ("children", "bērni", None, None, "2015", "persons", 4088, "4088"),
    ("children", "bērni", "par kuriem ir piešķirts ģimenes valsts pabalsts", None, "2015", "persons", 3529, "3529"),
    ("children", "bērni", "bērna kopšanas pabalsts", None, "2015", "persons", 559, "559"),
    ("children", "bērni, kuriem noteikta invaliditāte", None, None, "2015", "persons", 134, "134"),
    ("children", "bērni, kuriem noteikta invaliditāte", "kuriem ir nepieciešama īpašā kopšana", None, "2015",
     "persons", 26, "26"),
    ("families", "daudzbērnu ģimenes", None, None, "2015", "count", 390, "390"),
    ("unemployed", "bezdarbnieki", None, None, "2015", "persons", 1009, "1009"),
    ("unemployed", "bezdarbnieki", "no darbspējīgajiem iedzīvotājiem", None, "2015", "percent", 5.6, "5,6 %"),
    # Staff as of "Uz 2016. gada 1. janvāri" (lines 437-505)
    ("specialists", "Sociālo pakalpojumu struktūrvienības", None, None, "2016-01-01", "persons", 20, "20"),
    ("specialists", "Sociālo pakalpojumu struktūrvienības", "sociālie rehabilitētāji", None, "2016-01-01",
     "persons", 4, "4"),
    ("specialists", "Irlavas bērnu nams – patversme", None, None, "2016-01-01", "persons", 10, "10"),
    ("employees", "Irlavas bērnu nams – patversme", None, None, "2016-01-01", "persons", 33, "33"),
    ("employees", DEPARTMENT, "sociālie darbinieki kopā", None, "2016-01-01", "persons", 24, "24"),
    ("employees", DEPARTMENT, "sociālie darbinieki darbam ar ģimeni ar bērniem", None, "2016-01-01", "persons",
     11, "11"),
    ("fte", RITI, "sociālais pedagogs", None, "2016-01-01", "FTE", 0.5, "0.5"),
    ("employees", RITI, "dežuranti", None, "2016-01-01", "persons", 3, "3"),
    ("employees", BOTH, None, None, "2016-01-01", "persons", 126, "126"),
    ("specialists", BOTH, None, None, "2016-01-01", "persons", 55, "55"),
    ("employees", SERVICE, None, None, "2016-01-01", "persons", 93, "93"),
    ("specialists", SERVICE, None, None, "2016-01-01", "persons", 44, "44"),
    ("specialists", SERVICE, "neuzskaitot sociālā pakalpojuma sniedzējus", None, "2016-01-01", "persons", 24, "24"),
    ("specialists_required", SERVICE, None, None, "2016-01-01", "persons", 32, "32"),
    ("specialists_missing", SERVICE, "neuzskaitot sociālā pakalpojuma sniedzējus", None, "2016-01-01", "persons",
     8, "8"),
    # The pilot territory (line 1668): data as of the start of 2014, staff as of 31.03.2015
    ("residents", "iedzīvotāju skaits", None, "Slampe/Džūkste", "2014-01-01", "persons", 3519, "3519"),
    ("residents", "iedzīvotāju skaits", None, "Džūkste", "2014-01-01", "persons", 1499, "1499"),
    ("employees", "sociālie darbinieki", None, "Slampe/Džūkste", "2015-03-31", "persons", 3, "3"),
    # Community centres in 2015 (lines 485-491)
    ("persons", "dienas aprūpes centra pakalpojums", None, "Slampe/Džūkste", "2015", "persons", 66, "66"),
    ("visits", "kopienas centrs", None, "Sēme", "2015", "visits", 1753, "1753"),
    ("persons", "kopienas centrs", "skolēni un jaunieši", "Sēme", "2015", "persons", 70, "70"),
    # Budget sentences (lines 435, 1050, 1064, 2193, 2470)
    ("share", "Pašvaldības nodrošinātie sociālie pakalpojumi", None, None, "2015", "percent", 73, "73 %"),
    ("spend", "Irlavas bērnu nams/ patversme", None, None, "2015", "EUR", 281380, "281 380"),
    ("share", "Aprūpe mājās", "no visiem pašvaldības nodrošinātajiem pakalpojumiem", None, "2015", "percent", 15,
     "15%"),
    ("funding", "Sociālā pakalpojuma centra “Mežrozītes” grupu dzīvokļa izveide un aprīkošana",
     "Labklājības ministrija", None, "2015", "EUR", 10945.11, "10945,11"),
    ("spend", "Sociālā darba un sociālās palīdzības administrēšana", None, None, "2015", "EUR", 285311, "285 311"),
    ("funding_need", "pamatlīdzekļu iegādei", "Maksimālais modelis", None, None, "EUR", 57500, "57 500"),
    ("funding_need", "Kopā", "Minimālais modelis", None, None, "EUR", 41375, "41 375"),
    # Caseloads as of "Uz 2015. gada 31. martu" (lines 874-883)
    ("cases_per_worker", "sociālie darbinieki pilsētā, kas nodrošina sociālo palīdzību", "min", None,
     "2015-03-31", "cases", 42, "42"),
    ("cases_per_worker", "pagastu sociālie darbinieki, sociālās palīdzības lietas", "max", None, "2015-03-31",
     "cases", 100, "100"),
    ("active_cases", "klientu lietas bāreņiem un bez vecāku gādības palikušiem bērniem", None, None, "2015-03-31",
     "cases", 125, "125"),
    ("active_cases", "psihologi", None, None, "2015-03-31", "cases", 53, "53"),
    ("new_cases", "nepilngadīgo profilakses lietas", None, None, "2015", "cases", 29, "29"),
    ("active_cases", "nepilngadīgo profilakses lietas", None, None, "2015", "cases", 57, "57"),
    # Focus groups in June 2015 (lines 1078-1090)
    ("focus_groups", "fokusgrupas", None, None, JUNE_2015, "count", 10, "10"),
    ("respondents", "fokusgrupu intervijas", None, "Slampe", JUNE_2015, "persons", 19, "19"),
    ("respondents", "fokusgrupu intervijas", None, "Jaunsāti", JUNE_2015, "persons", 10, "10"),
    ("respondents", "fokusgrupu intervijas", None, "Irlava", JUNE_2015, "persons", 8, "8"),
]


@pytest.mark.parametrize("metric, category, subgroup, territory, period, unit, value, printed", PROSE)
def test_prose_figure(facts, metric, category, subgroup, territory, period, unit, value, printed):
    fact = the(facts, prose=True, municipality=TUKUMS, metric=metric, category=category, subgroup=subgroup,
               territory=territory, period=period, unit=unit)
    assert fact.value == pytest.approx(value)
    assert fact.raw_value == printed
    assert fact.year == (int(period[:4]) if period else None)
    assert fact.source_ref.startswith("text, line ")


def test_figures_printed_rounded_are_approximate(facts):
    # "dzīvo 31,9 tūkstoši iedzīvotāju" (line 8), "Apdzīvojums 19,2 tūkstoši jeb apmēram 60%" (line 23)
    residents = the(facts, metric="residents", territory=None, unit="persons", period="2015-01-01")
    assert (residents.value, residents.flag) == (31900, "approximate: printed '31,9 tūkstoši', about 31,900")
    assert residents.flag_lv == "aptuvens skaitlis: nodrukāts '31,9 tūkstoši', ap 31 900"
    town = the(facts, metric="residents", territory="Tukuma pilsēta")
    assert [r.kind for r in town.reasons] == ["approximate"]
    share = the(facts, metric="residents_share", subgroup="dzīvo Tukuma pilsētā")
    assert share.flag == "approximate: printed 'apmēram 60%', about 60%"
    # a figure printed exactly is not
    assert the(facts, metric="residents_share", subgroup="dzīvo pagastu teritorijās").flag is None


def test_national_comparisons_are_latvias(facts):
    assert the(facts, municipality="Latvija", metric="demographic_load").value == 539
    assert the(facts, municipality="Latvija", category="augstākā izglītība").value == 33.7
    assert the(facts, municipality="Latvija", category="profesionālā vidējā vai arodizglītība").value == 17.3


def test_focus_group_respondents_in_every_parish(facts):
    by_parish = {f.territory: f.value for f in facts if f.metric == "respondents"}
    assert by_parish == {"Degole": 6, "Pūre": 11, "Jaunsāti": 10, "Lestene": 8, "Džūkste": 7, "Zentene": 9,
                         "Sēme": 7, "Slampe": 19, "Irlava": 8, "Tume": 7}


def test_source_line_of_a_prose_figure(facts):
    assert the(facts, metric="pensioners", subgroup="izdienas pensionāri").source_ref == "text, line 11"


# ----------------------------------------------------------------------------- checks the text implies

def test_specialists_of_both_institutions_do_not_add_up(facts):
    # "126 darbinieki, t.skaitā 55 sociālā darba speciālisti", but 44 (service) + 10 (children's home) = 54.
    assert the(facts, metric="specialists", category=BOTH).flag == \
        "the parts printed ('44 + 10') add up to 54, not '55'"
    assert the(facts, metric="employees", category=BOTH).flag is None  # 93 + 33 = 126


def test_shares_of_provided_and_purchased_services_do_not_make_100(facts):
    # "73 % ... savukārt 23% tērējusi pakalpojumu pirkšanai" (the spend gives 73 % and 27 %)
    # The first reason; the spend of 1. tabula and the chart data then gives each share its own.
    for category in ("Pašvaldības nodrošinātie sociālie pakalpojumi", "Pašvaldības pirktie sociālie pakalpojumi"):
        assert the(facts, metric="share", category=category, subgroup=None).flag.split("; ")[0] == \
            "the parts printed ('73 % + 23%') add up to 96, not 100"


def test_the_pensioners_and_other_shares_of_the_residents_hold(facts):
    # "kopā pensionāri: 6440 (20.2%)", "... 1004 (3.1%)", "bērnu skaits kopā 4088 (12.8%)" (lines 9-14) of
    # the 31,9 thousand residents
    for metric in ("pensioners", "persons_with_disability", "children"):
        assert not [f for f in facts if f.metric == metric and f.unit == "percent" and f.flag], metric


def test_sums_that_hold_are_not_flagged(facts):
    for key in (dict(metric="pensioners", subgroup=None, unit="persons"), dict(metric="children", category="bērni",
                subgroup=None, unit="persons"), dict(metric="specialists", category=SERVICE, subgroup=None),
                dict(metric="specialists_required"), dict(metric="visits", subgroup=None),
                dict(metric="residents", territory="Slampe/Džūkste")):
        assert the(facts, **key).flag is None, key


def test_the_two_town_maxima_disagree(facts):
    maxima = [f for f in facts if f.metric == "cases_per_worker" and f.subgroup == "max"
              and f.category.startswith("sociālie darbinieki pilsētā")]
    assert sorted(f.value for f in maxima) == [208, 290]
    assert all("another value elsewhere" in f.flag for f in maxima)


def test_no_rule_went_unmatched(read):
    assert read.messages == []


# ----------------------------------------------------------------------------- chart data at the end

def test_social_protection_totals_2011_to_2015(facts):
    totals = {f.year: f for f in facts if f.category == "Finanšu līdzekļu izlietojums sociālajai aizsardzībai"}
    assert {y: f.value for y, f in totals.items()} == {2011: 2433395, 2012: 2004133, 2013: 2054256,
                                                        2014: 2353038, 2015: 2250063}
    assert totals[2014].flag is None  # the 2014 split adds up to it
    assert totals[2013].flag == "the split (chart data (sociālās aizsardzības izlietojuma sadalījums), line 2581) adds up to 1,895,159, " \
                                "not '2054256'"
    # the 2015 split is printed twice, once with cents: neither print adds up to the total
    assert totals[2015].flag == ("the split (chart data (sociālās aizsardzības izlietojuma sadalījums), line 2579) adds up to "
                                 "2,223,965.05, not '2250063'; the split (chart data (sociālās aizsardzības izlietojuma sadalījums), "
                                 "line 2583) adds up to 2,223,965, not '2250063'")
    assert totals[2015].flag_lv.startswith("sadalījuma summa (diagrammas dati (sociālās aizsardzības izlietojuma sadalījums), 2579. rinda) "
                                           "ir 2 223 965,05, nevis '2250063'; ")


def test_a_chart_split_must_add_up_to_the_total_to_the_cent():
    def read(provided: str) -> list:
        doc = document(["1. attēls. Finanšu līdzekļu izlietojums sociālajai aizsardzībai Tukuma novadā, euro",
                        "2014\t2015", "1000\t2000,00",
                        "2. attēls. Finanšu līdzekļu izlietojuma sadalījums sociālajai aizsardzībai 2015. gadā",
                        f"Nodrošinātie sociālie pakalpojumi\tPirktie sociālie pakalpojumi\t{provided}\t799,60"])
        return [f for f in extract(doc).facts if f.year == 2015 and f.raw_value == "2000,00"]

    assert [f.flag for f in read("1200,40")] == [None]
    assert [f.flag for f in read("1200,10")] == [
        "the split (chart data (sociālās aizsardzības izlietojuma sadalījums), line 5) adds up to 1,999.70, not '2000,00'"]


def test_split_of_2013_to_2015(facts):
    split = {(f.year, f.category): f.value for f in facts
             if f.source_ref.startswith("chart data (sociālās aizsardzības izlietojuma sadalījums), line 258")}
    assert split[(2013, "Sociālā dienesta uzturēšanas izdevumi")] == 255697  # printed "izdevusi"
    assert split[(2014, "Pašvaldības nodrošinātie sociālie pakalpojumi")] == 848522
    assert split[(2014, "Asistenta pakalpojums, valsts finansēts")] == 98671
    assert split[(2015, "Citi atbalsta pasākumi")] == 263982


def test_2015_split_keeps_its_decimals(facts):
    assistance = [f for f in facts if f.topic == "social_assistance" and f.year == 2015]
    assert sorted(f.raw_value for f in assistance) == ["330473", "330473.26"]
    assert all(f.metric == "spend" and f.unit == "EUR" for f in assistance)


def test_the_split_printed_again_rounded_is_flagged_rounded(facts):
    # The 2015 split is dumped twice (lines 2579 and 2583), once in whole euros: no disagreement.
    assistance = {f.raw_value: f for f in facts if f.topic == "social_assistance" and f.year == 2015}
    assert assistance["330473.26"].flag is None
    assert assistance["330473"].flag == ("printed rounded; the document gives it more exactly elsewhere: "
                                         "'330473.26' (chart data (sociālās aizsardzības izlietojuma sadalījums), line 2579; label "
                                         "'Sociālā palīdzība')")


def test_2014_provided_services_meet_the_table_row(facts):
    # The chart names the line "Nodrošinātie sociālie pakalpojumi"; 1. tabula "Pašvaldības nodrošinātie ...:"
    # (720 503 for 2014). The same key lets flag_disagreements see the two figures.
    fact = the(facts, year=2014, category="Pašvaldības nodrošinātie sociālie pakalpojumi")
    assert (fact.value, fact.topic, fact.metric, fact.unit, fact.period, fact.subgroup, fact.territory) == \
        (848522, "budget", "spend", "EUR", "2014", None, None)
    assert fact.source_ref.endswith("label 'Nodrošinātie sociālie pakalpojumi'")


def test_provided_and_purchased_2015_dated_by_the_sentence_under_the_caption(facts):
    chart = [f for f in facts if "(nodrošinātie un pirktie pakalpojumi)" in f.source_ref]
    assert {(f.category, f.year, f.value) for f in chart} == {
        ("Pašvaldības nodrošinātie sociālie pakalpojumi", 2015, 735544),
        ("Pašvaldības pirktie sociālie pakalpojumi", 2015, 269233)}


def test_municipal_services_2015(facts):
    chart = {f.category: f.value for f in facts if "(pašvaldības nodrošinātie pakalpojumi)" in f.source_ref}
    assert chart == {"Jauniešu sociālais centrs": 21479, "Dienas centrs „Saimīte”": 31883,
                     "Sociālo pakalpojumu centrs “Mežrozītes”": 46747, "Patversme": 67431,
                     "Slampes un Džūkstes pagastu kopienas centrs „Rīti”, kopā": 77290,
                     "Invalīdu dienas centrs „Saime”": 103848, "Aprūpe mājās": 105486}


def test_focus_group_recognition_totals(facts):
    recognition = {f.category: f.value for f in facts if f.metric == "recognition"}
    assert len(recognition) == 30
    assert recognition["Sociālā palīdzība (pabalsti)"] == 45
    assert recognition["Patversme"] == 33
    assert recognition["Prasmju mācīšana ģimenēm"] == 0
    assert {f.period for f in facts if f.metric == "recognition"} == {JUNE_2015}


def test_the_text_summing_up_the_focus_groups_meets_the_table(facts):
    # "servisa dzīvokļa pakalpojums, pusceļa mājas pakalpojums un specializētās darbnīcas (pa 1 atbildei
    # katram...)" (line 1543): the table and the chart dump give the service flat 0 (lines 1347, 2586).
    text = {f.category: f for f in facts if f.metric == "recognition" and f.source_ref.startswith("text")}
    assert {c: f.value for c, f in text.items()} == {
        "Sociālā palīdzība (pabalsti)": 45, "Ilgstošā aprūpe (pansionāts)": 33, "Patversme": 33, "Aprūpe mājās": 32,
        "Individuāls sociālais darbs": 22, "Psihosociālā palīdzība (konsultācijas)": 20,
        "Prasmju mācīšana ģimenēm": 0, "Grupa ilgstošajiem bezdarbniekiem": 1, "Servisa dzīvoklis": 1,
        "Pusceļa māja": 1, "Specializētās darbnīcas": 1}
    assert {c for c, f in text.items() if f.flag} == {"Servisa dzīvoklis"}
    assert text["Servisa dzīvoklis"].flag == (
        "the document gives another value elsewhere: '0' (table 4, line 1101; row 'Servisa dzīvoklis', column "
        "'Atpazīstamība (atbilžu skaits)', line 1347); '0' (chart data (atbalsta formu atpazīstamība), line 2586; "
        "label 'Servisa dzīvoklis')")
    assert all(f.period == JUNE_2015 for f in text.values())


def test_every_chart_run_is_read(read):
    assert [c for c in read.raw_cells if c.table_ref.startswith("chart data")] == []


# ----------------------------------------------------------------------------- other documents

@pytest.fixture(scope="module")
def lines():
    return RAW.read_text(encoding="utf-8").splitlines()


def test_next_years_report_reads_its_own_numbers(lines):
    text = "\n".join(lines).replace("2015. gada 1. janvārī Tukuma novadā dzīvo 31,9 tūkstoši",
                                    "2016. gada 1. janvārī Tukuma novadā dzīvo 31,4 tūkstoši")
    text = text.replace("2015. gada jūnija mēnesī", "2016. gada maija mēnesī").replace("Slampes pagastā – 19",
                                                                                        "Slampes pagastā – 21")
    moved = text.splitlines()
    chart = next(i for i, t in enumerate(moved) if t.startswith("Sociālā palīdzība (pabalsti)\t"))
    moved.insert(0, moved.pop(chart))  # the chart dump moved to the top of the file
    facts = extract(document(moved)).facts
    residents = the(facts, prose=True, metric="residents", territory=None)
    assert (residents.value, residents.period) == (31400, "2016-01-01")
    assert the(facts, metric="respondents", territory="Slampe").value == 21
    assert {f.period for f in facts if f.metric == "recognition"} == {"2016-05-01..2016-05-31"}


def test_unknown_chart_runs_are_kept_as_raw_cells():
    read = extract(document(["Kaut kas\tCits\t12\t34\t", "Teksts."]))
    facts, raw = read.facts, read.raw_cells
    assert facts == []
    assert [(c.col_index, c.text) for c in raw] == [(0, "Kaut kas"), (1, "Cits"), (2, "12"), (3, "34")]
    assert raw[0].table_ref == "chart data, line 1"


def test_a_document_without_the_figures_gives_none_and_says_so():
    read = extract(document(["Nav datu."]))
    facts, raw, messages = read.facts, read.raw_cells, read.messages
    assert (facts, raw) == ([], [])
    assert "no chart data found for 'atbalsta formu atpazīstamība'" in messages
    assert any(m.startswith("no sentence matched population/residents") for m in messages)
