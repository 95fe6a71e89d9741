"""The Tukums public report layout: hand-checked values from the 2024 report's text export, the flags for
its irregular prints, subtotals, the 4.1 caption and disagreeing duplicates; the PDF giving the same facts
as the text export; bad input; and a next year's report made here from the text export."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from ingest.layouts import layout_named, recognise
from ingest.readers import read_document
from report_variants import document_from_text, document_retold, tukums_next_year_text
from warehouse.source_refs import reference_text

ROOT = Path(__file__).resolve().parents[1]
TXT = ROOT / "raw_reports" / "tukuma_novads_2024_publiskais_parskats.txt"
PDF = TXT.with_suffix(".pdf")
DOCUMENTS_TOTAL = "Kopā apstrādāti dokumenti(dati LIETVARIS un SOPA)"
APPLICATIONS = "Reģistrēti saņemtie iesniegumi par sociālo pal. un pak."
CONTRACTS = "Reģistrēti uzņēmumu līgumi t.sk. par asist.pak."
SEPARATE = "Pabalsts atsevišķu izdevumu apmaksai"
GMI = "Pabalsts garantētā minimālā ienākuma nodrošināšanai"
MUNICIPAL_SERVICES = "Pašvaldības nodrošinātie sociālie pakalpojumi"
CENTRE = "Centrā “AVOTIŅŠ” kopā saņemuši"
OUTSOURCED = "ĀRPAKALPOJUMOS kopā saņēmuši"
UKRAINIANS = "Ukrainas civiliedzīvotājiem"
SA = "social_assistance"
UKRAINIAN_GMI = "Garantētā minimālā ienākuma (GMI) pabalsts"
SPECIALISTS = ("sociālā darba speciālisti (sociālie darbinieki, sociālie aprūpētāji, sociālie "
               "rehabilitētāji, sociālās palīdzības organizatori)")
THANKS = "“Pateicības pabalsts” LV mājsaimniecībai, kura uzņem Ukrainas civiliedzīvotājus"
FIRST, OTHERS = "pirmajai vai vienīgajai personai mājsaimniecībā", "pārējām personām mājsaimniecībā"
AS_OF = "2025-01-01"
LONG_TERM_CARE = "ilgstošās sociālās aprūpes un sociālās rehabilitācijas pakalpojums pilngadīgām personām"
CAPTION_FLAG = "caption names 2021, 2022, 2023 but the columns are 2022, 2023, 2024"
LAYOUT = layout_named("Tukums public report")
extract = LAYOUT.extract


@pytest.fixture(scope="module")
def ex():
    return extract(read_document(TXT))


def the(ex, prose: bool | None = None, **key):
    """The one fact with these fields (from running text only, or from tables only, when `prose` says)."""
    found = [f for f in ex.facts if all(getattr(f, k) == v for k, v in key.items())
             and (prose is None or f.source_ref.startswith("text,") == prose)]
    assert len(found) == 1, f"{len(found)} facts for {key}"
    return found[0]


def ingest_text(tmp_path: Path, text: str, name: str = TXT.name):
    doc = document_from_text(tmp_path, name, text)
    return recognise(doc), extract(doc)


# ----------------------------------------------------------------------------- the document

def test_recognised_by_its_words():
    assert recognise(read_document(TXT)) is LAYOUT
    for other in ("tukuma_novads_2016_socialais_darbs_izvertejums.txt", "latvija_2017_socialo_dienestu_aptauja.txt",
                  "lps_2020_seminars_socialie_pakalpojumi.txt",
                  "bauskas_novads_2016-2020_socialais_dienests_strategija.md"):
        doc = read_document(ROOT / "raw_reports" / other)
        assert not LAYOUT.matches(doc, doc.text), other


def test_document_info(ex):
    assert ex.layout == "Tukums public report"
    assert ex.info.municipality == "Tukuma novads"
    assert ex.info.kind == "public report"
    assert ex.info.title == "2024. GADA PUBLISKAIS PĀRSKATS"
    assert ex.info.period == "2019..2024"
    assert ex.info.published == "2025-03-27"
    assert ex.messages == []


def test_counts(ex):
    assert len(ex.facts) == 671
    assert sum(1 for f in ex.facts if f.flag) == 74
    assert len(ex.raw_cells) == 41


# ----------------------------------------------------------------------------- tables, hand-checked

@pytest.mark.parametrize("topic, metric, category, subgroup, year, period, value, raw", [
    # 1.1: documents, with the half-year column after the reform
    ("documents", "documents", APPLICATIONS, None, 2019, "2019", 6051, "6051"),
    ("documents", "documents", APPLICATIONS, None, 2021, "2021-07-01..2021-12-31", 5437, "5437"),
    ("documents", "documents", APPLICATIONS, None, 2021, "2021", 9160, "9160"),
    ("documents", "documents", "Reģistrēti rīkojumi par personālu", None, 2023, "2023", 395, "395"),
    ("documents", "documents", CONTRACTS, None, 2024, "2024", 259, "259; 219 vienošanās"),
    ("documents", "documents", CONTRACTS, "vienošanās", 2024, "2024", 219, "259; 219 vienošanās"),
    ("documents", "documents", "Reģistrēti darba līgumi", "vienošanās", 2024, "2024", 88, "61; 88 vienošanās"),
    ("documents", "documents", DOCUMENTS_TOTAL, None, 2024, "2024", 47259, "47259"),
    # 3.1 and 3.2: benefits, EUR
    (SA, "spend", "Mājokļa pabalsts", None, 2023, "2023", 866450.92, "866 450.92"),
    (SA, "spend", "ar izglītību saistītu izdevumu apmaksai (mācību grāmatām, kancelejas precēm)", None, 2023,
     "2023", 6540, "6 540"),
    (SA, "spend", "Pabalsts krīzes situācijā", None, 2022, "2022", 218676.8, "218 676.8"),
    (SA, "spend", "Sociālās garantijas bāreņiem un audžuģimenēm", None, 2024, "2024", 371025.44,
     "371 025.44"),
    (SA, "spend", "pabalsts audžuģimenei", None, 2024, "2024", 233920.5, "233 920.5"),
    # 3.3: EUR and what it bought in 2024
    (SA, "spend", "Zupas virtuve", None, 2023, "2023", 14052, "14 052.00"),
    (SA, "persons", "Atvieglojumi higiēnas pakalpojumiem – duša", "personas", 2024, "2024", 92,
     "92 personas/369 apmeklējumi"),
    (SA, "visits", "Atvieglojumi higiēnas pakalpojumiem – duša", "apmeklējumi", 2024, "2024", 369,
     "92 personas/369 apmeklējumi"),
    (SA, "uses", "Atvieglojumi higiēnas pakalpojumiem – veļas mazgāšana", "mazgāšanas reizes", 2024, "2024",
     283, "69 personas/283 mazgāšanas reizes"),
    (SA, "portions", "Zupas virtuve", "porc.", 2024, "2024", 6360, "6 360 porc."),
    (SA, "children", "Pabalsts jaundzimuša bērna aprūpei", "Jdz", 2024, "2024", 295, "par 295 Jdz"),
    (SA, "persons", "Pabalsts aizgādnim", "aizgādnim", 2024, "2024", 41,
     "41 aizgādnim par 62 personām"),
    (SA, "persons", "Pabalsts aizgādnim", "personām", 2024, "2024", 62,
     "41 aizgādnim par 62 personām"),
    (SA, "families", "Pabalsts par audžuģimenes pienākumu pildīšanu", "ģimenēm", 2024, "2024", 39,
     "39 ģimenēm/ 55 bērniem"),
    (SA, "households", "Reemigrācijas pabalsts", "mājsaimn.", 2024, "2024", 1,
     "1 mājsaimn./3 pers.."),
    # 3.4: help to Ukrainian civilians, EUR and households/persons per year
    (SA, "spend", UKRAINIAN_GMI, UKRAINIANS, 2022, "2022", 310320.83, "310 320.83"),
    (SA, "households", UKRAINIAN_GMI, UKRAINIANS, 2022, "2022", 424, "424 mājsaimniec./ 913 personas"),
    (SA, "persons", UKRAINIAN_GMI, UKRAINIANS, 2022, "2022", 913, "424 mājsaimniec./ 913 personas"),
    (SA, "persons", THANKS, UKRAINIANS, 2023, "2023", 8, "6 mājsaimniec/ par 8 personām"),
    (SA, "children", "Atlīdzība par ārkārtas aizbildņa pienākumu pildīšanu", UKRAINIANS, 2024, "2024", 13,
     "7 mājsaimniec/ 13bērni"),
    # 4.1: spend per service
    ("budget", "spend", "SAC “Rauda”", None, 2024, "2024", 1058582, "1 058 582"),
    ("budget", "spend", "Grupu māja “Laipas”", None, 2024, "2024", 65776, "65 776"),
    ("budget", "spend", MUNICIPAL_SERVICES, None, 2022, "2022", 1401780, "1401780"),
    # 4.2: Avotiņš, in the centre and bought outside, split over three tables in the export
    ("recipients", "persons", "ABA uzvedības terapija", CENTRE, 2024, "2024", 18, "18"),
    ("recipients", "persons", "ABA uzvedības terapija", OUTSOURCED, 2024, "2024", 7, "7"),
    ("recipients", "persons", "Psihologa konsultācijas", f"{CENTRE}: pilngad. Ģim.loc.", 2024, "2024", 5,
     "5 (pilngad. Ģim.loc.) 1 (bērns)"),
    ("recipients", "persons", "Psihologa konsultācijas", f"{CENTRE}: bērns", 2024, "2024", 1,
     "5 (pilngad. Ģim.loc.) 1 (bērns)"),
    ("recipients", "persons", "Sociālās reh.pak bērnam no izgl. iestādes - ABA uzvedības terapija", CENTRE, 2024,
     "2024", 10, "10"),
    ("recipients", "persons", "Sociālās reh.pak bērnam no izgl. iestādes – Smilšu spēles terapija", OUTSOURCED,
     2024, "2024", 10, "10"),
])
def test_table_values(ex, topic, metric, category, subgroup, year, period, value, raw):
    fact = the(ex, prose=False, topic=topic, metric=metric, category=category, subgroup=subgroup, year=year,
               period=period)
    assert (fact.value, fact.raw_value, fact.municipality, fact.territory) == \
        (pytest.approx(value), raw, "Tukuma novads", None)


def test_a_half_year_column_keeps_its_period_however_it_is_printed(tmp_path):
    # 1.1. tabula prints the second half of 2021 beside the whole of 2021 (line 204); printed another way,
    # the half-year must still not pass for the year.
    text = TXT.read_text(encoding="utf-8").replace("\t1.07.- 31.12.2021.\t", "\t01.07.2021.–31.12.2021.\t")
    _, ex = ingest_text(tmp_path, text)
    total = {f.period: f.value for f in ex.facts if f.category == DOCUMENTS_TOTAL and f.year == 2021}
    assert total == {"2021-07-01..2021-12-31": 14221, "2021": 34588}
    assert not [f for f in ex.facts if f.category == DOCUMENTS_TOTAL and "printed_elsewhere" in
                [r.kind for r in f.reasons]]


def test_units_follow_what_is_counted(ex):
    assert the(ex, metric="spend", category="Zupas virtuve", year=2024).unit == "EUR"
    assert the(ex, metric="portions", category="Zupas virtuve").unit == "count"
    assert the(ex, metric="visits", category="Atvieglojumi higiēnas pakalpojumiem – duša").unit == "visits"
    assert the(ex, metric="households", category="Reemigrācijas pabalsts").unit == "households"
    assert the(ex, metric="documents", category=APPLICATIONS, year=2019).unit == "documents"


def test_empty_and_dash_cells_give_no_facts(ex):
    years = {f.year for f in ex.facts if f.category == "Reģistrēti rīkojumi par personālu"}
    assert years == {2023, 2024}  # the cells of 2019-2022 are empty
    assert not [f for f in ex.facts if f.category == DOCUMENTS_TOTAL and f.year in (2019, 2020)]  # printed "-"
    assert {f.year for f in ex.facts if f.category == "Grupu māja “Laipas”" and f.metric == "spend"} == {2024}


def test_ortodontija_row_dropped_nothing(ex):
    assert [f.value for f in ex.facts if f.category == "Ortodontija" and f.metric == "spend"] == \
        [16659.12, 1773.25, 184.5]


# ----------------------------------------------------------------------------- prose, hand-checked

@pytest.mark.parametrize("topic, metric, category, subgroup, year, period, value", [
    ("staff", "employees", "iestādes darbinieki", None, 2024, "2024", 142),
    ("staff", "employees", "sociālie darbinieki", None, 2023, "2023", 55),
    ("staff", "employees", "sociālie darbinieki", None, 2024, "2024", 40),
    ("staff", "specialists", SPECIALISTS, None, 2024, "2024", 70),
    ("staff", "specialists", SPECIALISTS, "atbilstoša augstākā izglītība ir iegūta", 2024, "2024", 64),
    ("staff", "departures", "atbrīvotie darbinieki", None, 2024, "2024", 26),
    ("staff", "departures", "atbrīvotie darbinieki", "izbeigt izvēlējās", 2024, "2024", 14),
    ("staff", "assistants", "asistenta pakalpojums", None, 2024, "2024", 345),
    ("population", "residents", "iedzīvotāju skaits", None, 2025, AS_OF, 45959),
    ("population", "residents", "iedzīvotāju skaits", "deklarējušas savu dzīvesvietu", 2025, AS_OF, 45028),
    ("population", "poor_persons", "par trūcīgām atzītas personas", None, 2025, AS_OF, 1403),
    ("population", "poor_households", "par trūcīgām atzītas mājsaimniecības", None, 2025, AS_OF, 884),
    ("population", "low_income_persons", "par maznodrošinātām atzītas personas", None, 2025, AS_OF, 355),
    ("population", "low_income_households", "par maznodrošinātām atzītas mājsaimniecības", None, 2025, AS_OF,
     236),
    ("population", "poor_persons", "par trūcīgām atzītas personas",
     "personas darbspējīgā vecumā (no 18 līdz 63 gadiem)", 2025, AS_OF, 428),
    ("population", "low_income_persons", "par maznodrošinātām atzītas personas", "bērni", 2025, AS_OF, 71),
    (SA, "threshold", "trūcīgas mājsaimniecības ienākumu slieksnis", FIRST, 2024, "2024", 343),
    (SA, "threshold", "maznodrošinātas mājsaimniecības ienākumu slieksnis", OTHERS, 2024, "2024", 288),
    (SA, "threshold", "garantētais minimālais ienākumu slieksnis", FIRST, 2024, "2024", 137),
    (SA, "threshold", "garantētais minimālais ienākumu slieksnis", OTHERS, 2024, "2024", 96),
    (SA, "spend", "Sociālā palīdzība", None, 2024, "2024", 1116657.22),
    (SA, "households", "Sociālā palīdzība", None, 2024, "2024", 1218),
    (SA, "persons", "Sociālā palīdzība", None, 2024, "2024", 1811),
    (SA, "persons", "Sociālā palīdzība", "vīrieši", 2024, "2024", 597),
    (SA, "persons", "Sociālā palīdzība", "sievietes", 2024, "2024", 851),
    (SA, "persons", "Sociālā palīdzība", "personas darbspējīgā vecumā: nestrādājošas", 2024, "2024", 352),
    (SA, "persons", "Sociālā palīdzība", "pilngadīgas personas ar invaliditāti", 2024, "2024", 283),
    (SA, "households", GMI, None, 2024, "2024", 1191),
    (SA, "persons", GMI, None, 2024, "2024", 1747),
    (SA, "spend", GMI, UKRAINIANS, 2024, "2024", 35134.04),
    (SA, "persons", "Mājokļa pabalsts", "bērni", 2024, "2024", 305),
    (SA, "households", "Pabalsts krīzes situācijā", None, 2024, "2024", 56),
    (SA, "persons", "Pabalsts krīzes situācijā", None, 2024, "2024", 75),
    ("caseload", "active_cases", "ģimenes gadījumu vadīšanas un ģimenes atbalsta lietas", None, 2024, "2024", 242),
    ("recipients", "children", "ģimenes gadījumu vadīšanas un ģimenes atbalsta lietas", None, 2024, "2024", 487),
    ("caseload", "active_cases", "nepilngadīgo profilakses lietas", None, 2024, "2024-12-31", 12),
    ("caseload", "active_cases", "nepilngadīgo profilakses lietas", None, 2024, "2024", 19),
    ("recipients", "persons", "aprūpe mājās", None, 2024, "2024", 138),
    ("recipients", "persons", "aprūpe mājās", "2. līmeņa aprūpe (3 līdz 5 reizes nedēļā)", 2024, "2024", 68),
    ("recipients", "persons", "asistenta pakalpojums", None, 2023, "2023", 314),
    ("recipients", "persons", "asistenta pakalpojums", None, 2024, "2024", 346),
    ("budget", "spend", "asistenta pakalpojums", None, 2024, "2024", 1072432.79),
    ("recipients", "persons", "Dienas aprūpes centrs “Saime”", None, 2024, "2024", 53),
    ("recipients", "persons", "Dienas aprūpes centrs “Saime”", "sievietes", 2024, "2024", 32),
    ("recipients", "children", "Dienas aprūpes centrs “Saimīte”", "zēni", 2024, "2024", 9),
    ("recipients", "persons", "Patversme ģimenēm ar bērniem", None, 2024, "2024", 33),
    ("recipients", "children", "Patversme ģimenēm ar bērniem", None, 2024, "2024", 20),
    ("recipients", "persons", "Tukuma patversme", None, 2024, "2024", 59),
    ("recipients", "persons", "Grupu māja “Laipas”", None, 2024, "2024", 6),
    ("recipients", "persons", "Kandavas pansija", None, 2024, "2024", 20),
    ("care", "persons", LONG_TERM_CARE, None, 2024, "2024", 196),
    ("care", "persons", "SAC “Rauda”", "vidēji mēnesī", 2024, "2024", 124),
    ("care", "children", "bērni aizbildnībā", None, 2024, "2024", 135),
    ("care", "families", "bērni aprūpē audžuģimenēs", "audžuģimenes", 2024, "2024", 37),
    ("budget", "funding", "ieņēmumu izpilde", None, 2024, "2024", 1580044.61),
])
def test_prose_values(ex, topic, metric, category, subgroup, year, period, value):
    fact = the(ex, prose=True, topic=topic, metric=metric, category=category, subgroup=subgroup, year=year,
               period=period)
    assert fact.value == pytest.approx(value)
    assert fact.source_ref.startswith("text, line ")


def test_the_residents_total_is_the_only_residents_figure_without_a_subgroup(ex):
    # "iedzīvotāju skaits ir 45 959 personas (deklarējušas savu dzīvesvietu 45 028 personas)" (line 424):
    # the residents with a declared address are a part of the residents.
    residents = [(f.subgroup, f.value) for f in ex.facts if f.metric == "residents" and f.territory is None]
    assert sorted(residents, key=repr) == [("deklarējušas savu dzīvesvietu", 45028), (None, 45959)]
    assert {f.category for f in ex.facts if f.metric == "residents"} == {"iedzīvotāju skaits"}


def test_community_centres_are_placed_in_their_parish(ex):
    irlava = [f for f in ex.facts if f.category == "Irlavas kopienas centrs “Dzintariņi”" and f.metric == "visits"]
    assert {(f.year, f.value, f.territory) for f in irlava} == {(2024, 794, "Irlava"), (2023, 636, "Irlava")}
    assert the(ex, metric="visits", territory="Džūkste", year=2024).value == 834
    assert the(ex, metric="uses", territory="Kandavas pilsēta", subgroup="veļas mazgāšana").value == 225
    assert ("Tukuma novads", "Kandavas pilsēta", "town") in ex.territories
    assert ("Tukuma novads", "Sēme", "parish") in ex.territories


# ----------------------------------------------------------------------------- flags

@pytest.mark.parametrize("category, year, raw, value, why", [
    ("Apbedīšanas pabalsts – starpība starp pašv. noteikto", 2022, "6 492.5.00", 6492.5, "two decimal marks"),
    ("Zelta un dimanta kāzu jubilāriem", 2023, "34 50.00", 3450, "irregular digit grouping"),
    ("Ortodontija", 2024, "184.500", 184.5, "three decimal places"),
    ("Pabalsts krīzes situācijā", 2022, "20 6107", 206107, "irregular digit grouping"),
    ("Konsultatīvais darbs", 2022, "4 6617", 46617, "irregular digit grouping"),
    ("Reģistrētas izziņas par trūc. vai maznodr.stat., ārkārtas un krīzes sit., uzziņas", 2021, "904+", 904,
     "at least this many"),
])
def test_irregular_prints_are_read_and_flagged(ex, category, year, raw, value, why):
    fact = the(ex, prose=False, category=category, year=year, raw_value=raw)
    assert fact.value == pytest.approx(value)
    assert why in fact.flag


def test_table_41_caption_years_disagree_with_its_columns(ex):
    spend = [f for f in ex.facts if "4.1. tabula" in f.source_ref]
    assert len(spend) == 51
    assert {f.year for f in spend} == {2022, 2023, 2024}
    assert all(CAPTION_FLAG in f.flag for f in spend)
    assert not [f for f in ex.facts if "3.1. tabula" in f.source_ref and f.flag and "caption" in f.flag]


def test_subtotals_are_checked_against_their_parts(ex):
    # 28 996.21 + 7 783.85: the crisis benefit below the two "ar ..." rows is not a part
    assert the(ex, prose=False, category=SEPARATE, year=2022).flag is None
    assert "its 2 rows add up to 36,733.13, not '37 150.94'" in the(ex, prose=False, category=SEPARATE, year=2023).flag
    assert "its 2 rows add up to 35,804.73, not '35 773.23'" in the(ex, prose=False, category=SEPARATE, year=2024).flag
    assert the(ex, prose=False, category=SEPARATE, year=2024).flag_lv == \
        "saskaitot tās rindas (2), iznāk 35 804,73, nevis '35 773.23'"
    assert the(ex, prose=False, category="Sociālās garantijas bāreņiem un audžuģimenēm", year=2024).flag is None
    services = {f.year: f.flag for f in ex.facts if f.category == MUNICIPAL_SERVICES}
    assert "subtotal" not in services[2022]
    assert "its 16 rows add up to 2,159,838, not '2 159 209'" in services[2023]
    assert "its 17 rows add up to 2,512,675, not '2 512 674'" in services[2024]


def test_documents_total_is_checked_as_an_upper_bound_over_elided_rows(ex):
    total = {(f.year, f.period): f.flag for f in ex.facts if f.category == DOCUMENTS_TOTAL}
    assert "the 27 rows listed add up to 35,354, more than the total '34588'" in total[(2021, "2021")]
    assert "the 27 rows listed add up to 21,029, more than the total '14221'" in total[(2021, "2021-07-01..2021-12-31")]
    assert total[(2024, "2024")] is None  # 47 259 covers the 42 162 listed and the rows left out


def test_text_figures_disagreeing_with_table_41_are_flagged_both(ex):
    table = the(ex, prose=False, category="Dienas aprūpes centrs “Rīti” un “Saulespuķe”", year=2024)
    text = the(ex, prose=True, category="Dienas aprūpes centrs “Rīti” un “Saulespuķe”", year=2024)
    assert (table.value, text.value) == (68046, 68045)
    assert "another value elsewhere: '68 045' (text, line 625)" in table.flag
    assert "another value elsewhere: '68 046' (table 4.1" in text.flag
    assert "dokumentā citur ir cita vērtība: '68 045' (teksts, 625. rinda)" in table.flag_lv
    # where both prints agree nothing is flagged
    assert the(ex, prose=True, category="Dienas aprūpes centrs “Saime”", metric="spend").flag is None
    assert the(ex, prose=True, category="Mājokļa pabalsts", metric="spend", subgroup=None).flag is None


def test_a_figure_the_text_only_rounds_is_flagged_rounded_not_disagreeing(ex):
    # "GMI pabalstam 2024. gadā izlietoti 260 389 euro" (line 454) rounds 3.1. tabula's 260 389.4 (line 443).
    gmi_text = the(ex, prose=True, metric="spend", category=GMI, subgroup=None)
    assert gmi_text.value == 260389
    assert [r.kind for r in gmi_text.reasons] == ["printed_rounded"]
    assert gmi_text.flag.startswith("printed rounded; the document gives it more exactly elsewhere: '260 389.4' "
                                    "(table 3.1, ")
    assert gmi_text.flag_lv.startswith("nodrukāts noapaļots; dokumentā citur precīzāk: '260 389.4' (3.1. tabula, ")
    assert the(ex, prose=False, metric="spend", category=GMI, year=2024).flag is None
    # 68 045 and 68 046 are both printed in whole euros: they disagree (test above)


def test_two_sentences_counting_one_benefit_differently_are_flagged(ex):
    # "20 jaunieši saņēma vienreizēju pabalstu patstāvīgas dzīves uzsākšanai" (line 307) and "vienreizējam
    # pabalstam patstāvīgas dzīves uzsākšanai izlietoti 5027 euro – 18 bērniem" (line 470).
    start = {f.raw_value: f for f in ex.facts if f.category == "vienreizējs pabalsts patstāvīgas dzīves uzsākšanai"
             and f.metric == "children"}
    assert set(start) == {"20", "18"}
    assert all("printed_elsewhere" in [r.kind for r in f.reasons] for f in start.values())
    # "48 personas saņem ikmēneša pabalstu" (line 307) and "... ja persona turpina mācības ... – 48 bērniem"
    studying = [f for f in ex.facts if f.category == "ikmēneša izdevumu segšana, ja persona turpina mācības"
                and f.metric == "children"]
    assert [(f.value, f.flag) for f in studying] == [(48, None), (48, None)]


def test_the_text_totals_add_up_to_the_tables_rows(ex):
    # 1 116 657,22 (line 432) = the four rows of 3.1. tabula for 2024; the care leavers' 5027 + 27 133,05 +
    # 45 774,81 + 59 170,08 (line 470) = 137 104.94 in 3.2. tabula; the separate expenses paid to Ukrainian
    # civilians, 2836,06 (line 464) = 2566.06 + 270.00 in 3.4. tabula; the GMI and housing benefit paid to
    # them, as the text and 3.4. tabula give them, agree.
    assert the(ex, prose=True, metric="spend", category="Sociālā palīdzība").flag is None
    assert the(ex, prose=False, year=2024, category="pabalsts bārenim un bez vecāku gādības palikušam bērnam pēc "
                                                     "ārpusģimenes aprūpes beigšanās").flag is None
    assert the(ex, prose=True, metric="spend", category=SEPARATE, subgroup=UKRAINIANS).flag is None
    assert the(ex, prose=True, metric="spend", category=GMI, subgroup=UKRAINIANS).flag is None
    assert the(ex, prose=False, year=2024, metric="spend", category=UKRAINIAN_GMI).flag is None


def test_a_text_total_or_a_ukrainian_benefit_the_tables_contradict_is_flagged(tmp_path):
    text = TXT.read_text(encoding="utf-8").replace("izlietoti **1 116 657,22 euro**", "izlietoti **1 116 600,00 euro**")
    text = text.replace("no tiem *2836,06 euro* Ukrainas", "no tiem *2863,06 euro* Ukrainas")
    text = text.replace("personas⇥35134.04⇥".replace("⇥", "\t"), "personas\t35143.04\t")
    _, ex = ingest_text(tmp_path, text)
    assert the(ex, prose=True, metric="spend", category="Sociālā palīdzība").flag == (
        "the parts printed ('260 389.4 + 796 169.59 + 35 773.23 + 24 325.00') add up to 1,116,657.22, "
        "not '1 116 600,00'")
    assert the(ex, prose=True, metric="spend", category=SEPARATE, subgroup=UKRAINIANS).flag == (
        "the parts printed ('2566.06 + 270.00') add up to 2,836.06, not '2863,06'")
    assert "'35143.04' (table 3.4" in the(ex, prose=True, metric="spend", category=GMI, subgroup=UKRAINIANS).flag
    assert "'35 134,04' (text" in the(ex, prose=False, year=2024, metric="spend", category=UKRAINIAN_GMI).flag


def test_the_average_gmi_benefit_does_not_follow_from_its_spend_and_persons(ex):
    # "Vidējais GMI pabalsta lielums vienai personai gadā – 604,78 euro" (line 454), but 260 389.4 EUR
    # (3.1. tabula) for 1747 persons is 149,05 EUR each.
    average = the(ex, metric="average_benefit", subgroup="vienai personai gadā")
    assert average.flag == "260,389.4 / 1,747 = 149.05, not '604,78'"


def test_ukrainian_civilians_benefits_are_parts_of_each_benefit(ex, tmp_path):
    # 3.4. tabula's sums for Ukrainian civilians are within 3.1. tabula's, year by year; and the visits to the
    # Džūkste centre grew by the 119 the text states (834 - 715).
    assert not [f for f in ex.facts if f.subgroup == UKRAINIANS and f.flag and f.topic == SA and f.metric == "spend"
                and "part_exceeds_whole" in [r.kind for r in f.reasons]]
    assert the(ex, metric="change", territory="Džūkste").flag is None
    text = TXT.read_text(encoding="utf-8").replace("\t310 320.83\t", "\t610 320.83\t")
    _, variant = ingest_text(tmp_path, text)
    assert the(variant, prose=False, metric="spend", category=UKRAINIAN_GMI, year=2022).flag.startswith(
        "'610 320.83' is more than the whole it is a part of, '562 068.5' (table 3.1")


def test_breakdowns_in_the_text_are_checked(ex):
    housing = the(ex, metric="persons", category="Mājokļa pabalsts", subgroup=None)
    assert housing.flag == "the parts printed ('621 + 367 + 265 + 305') add up to 1,558, not '1058'"
    assert housing.flag_lv == "nodrukāto daļu ('621 + 367 + 265 + 305') summa ir 1 558, nevis '1058'"
    homes = the(ex, metric="persons", category="grupu mājas/dzīvokļa pakalpojums")
    assert homes.flag == "the parts printed ('11 + 10 + 5 + 6') add up to 32, not '31'"
    poor = the(ex, metric="poor_persons", subgroup=None)
    assert poor.flag == "the parts printed ('428 + 385 + 259 + 235') add up to 1,307, not '1403'"
    for metric, category in (("persons", "Sociālā palīdzība"), ("low_income_persons", None),
                             ("persons", "aprūpe mājās"), ("persons", "Patversme ģimenēm ar bērniem")):
        key = {"metric": metric, "subgroup": None} | ({"category": category} if category else {})
        assert the(ex, prose=True, **key).flag is None, key


def test_raw_cells_keep_what_no_rule_maps(ex):
    texts = {c.text for c in ex.raw_cells}
    assert "123; no aprīļa reģistrē SOPA pie vienošanās" in texts
    assert "[..]" in texts
    assert "PAMATINFORMĀCIJA" in texts  # the table of contents
    assert "259; 219 vienošanās" not in texts  # both its counts are facts
    assert "92 personas/369 apmeklējumi" not in texts


# ----------------------------------------------------------------------------- PDF route

def comparable(extraction) -> list[tuple]:
    """Facts without their source_ref (also where a flag quotes another fact's, as the flag says it)."""
    refs = sorted({reference_text(f.source_ref, "en") for f in extraction.facts}, key=len, reverse=True)

    def unref(flag: str | None) -> str | None:
        for ref in refs if flag else ():
            flag = flag.replace(ref, "")
        return flag

    return sorted(((f.municipality, f.territory, f.year, f.period, f.topic, f.metric, f.category, f.subgroup,
                    f.value, f.unit, f.raw_value, unref(f.flag)) for f in extraction.facts), key=repr)


def test_pdf_gives_the_same_facts_as_the_text_export(ex):
    pdf = extract(read_document(PDF))
    assert pdf.info == ex.info
    assert pdf.messages == []
    assert comparable(pdf) == comparable(ex)
    assert the(pdf, prose=False, category=CONTRACTS, subgroup="vienošanās").source_ref.startswith("1.1. tabula, p. 5")


# ----------------------------------------------------------------------------- bad input

def test_a_report_without_its_tables_gives_fewer_facts_and_says_why(tmp_path):
    text = TXT.read_text(encoding="utf-8")
    text = "\n".join(line for line in text.splitlines() if "\t" not in line)  # every table gone
    layout, ex = ingest_text(tmp_path, text)
    assert layout is LAYOUT
    assert not [f for f in ex.facts if not f.source_ref.startswith("text,")]
    assert the(ex, metric="employees", category="iestādes darbinieki").value == 142
    # one message per table rule: five of year tables (3.3. and 3.4. tabula are read by one) and the 4.2 list
    assert sum(m.startswith("no table matched") for m in ex.messages) == 6


def test_a_report_without_its_title_keeps_the_figures_its_sentences_date(tmp_path):
    text = TXT.read_text(encoding="utf-8").replace("2024. GADA PUBLISKAIS PĀRSKATS", "PUBLISKAIS PĀRSKATS")
    layout, ex = ingest_text(tmp_path, text)
    assert layout is LAYOUT
    assert ex.info.title == TXT.name
    assert the(ex, metric="employees", category="iestādes darbinieki").year == 2024  # "2024. gadā ... 142"
    assert not [f for f in ex.facts if f.category == "aprūpe mājās" and f.subgroup]  # dated by the title only
    assert any("no report year" in m for m in ex.messages)


def test_short_rows_and_words_nobody_knows_do_not_crash(tmp_path):
    text = TXT.read_text(encoding="utf-8")
    text = text.replace("Zupas virtuve\t10 307.00\t14 052.00\t13 356.00\t6 360 porc.", "Zupas virtuve\t10 307.00")
    text = text.replace("136 personas", "136 talonu")
    _, ex = ingest_text(tmp_path, text)
    assert [f.value for f in ex.facts if f.category == "Zupas virtuve"] == [10307]
    assert "136 talonu" in {c.text for c in ex.raw_cells}


# ----------------------------------------------------------------------------- next year's report

@pytest.fixture(scope="module")
def next_year(tmp_path_factory):
    text = tukums_next_year_text(TXT.read_text(encoding="utf-8"))
    doc = document_from_text(tmp_path_factory.mktemp("next_year"), "tukuma_novads_2025_publiskais_parskats.txt", text)
    return recognise(doc), extract(doc)


def test_next_year_is_recognised_and_described(next_year):
    layout, ex = next_year
    assert layout is LAYOUT
    assert ex.info.title == "2025. GADA PUBLISKAIS PĀRSKATS"
    assert ex.info.period == "2020..2025"
    assert ex.info.published == "2026-03-27"
    assert ex.messages == []
    assert len(ex.facts) == 671 - 4 + 1  # Ortodontija's 3 sums and 1 count gone, one 4.1 row more


def test_next_year_tables_give_the_new_years_and_values(next_year):
    _, ex = next_year
    assert the(ex, prose=False, category="Mājokļa pabalsts", year=2025).value == 801234.56
    assert the(ex, prose=False, category="Mājokļa pabalsts", year=2024).value == 866450.92
    assert the(ex, prose=True, category="Mājokļa pabalsts", metric="spend", subgroup=None).flag is None
    assert the(ex, prose=False, category=APPLICATIONS, period="2022-07-01..2022-12-31").value == 5437
    assert the(ex, prose=False, category=CONTRACTS, subgroup="vienošanās").year == 2025
    new_row = the(ex, category="Grupu māja “Jaunā”")
    assert (new_row.year, new_row.value) == (2025, 12000)
    assert "caption names 2022, 2023, 2024 but the columns are 2023, 2024, 2025" in new_row.flag
    assert not [f for f in ex.facts if f.category == "Ortodontija"]
    assert the(ex, category="pabalsts audžuģimenei", year=2025).value == 233920.5  # the moved table
    assert the(ex, metric="households", category="Veselības aprūpei", year=2025).value == 14  # the moved row
    assert the(ex, category="ABA uzvedības terapija", subgroup=CENTRE).year == 2025


def test_next_year_text_gives_the_new_years_and_values(next_year):
    _, ex = next_year
    assert the(ex, metric="employees", category="iestādes darbinieki").year == 2025
    assert the(ex, metric="employees", category="iestādes darbinieki").value == 151
    residents = the(ex, metric="residents", category="iedzīvotāju skaits", subgroup=None)
    assert (residents.year, residents.period, residents.value) == (2026, "2026-01-01", 45612)
    assert the(ex, metric="persons", category="aprūpe mājās", subgroup=None).year == 2025  # dated by the title
    assert {f.year for f in ex.facts if f.category == "asistenta pakalpojums" and f.metric == "persons"} == \
        {2024, 2025}
    men = the(ex, metric="persons", category="Sociālā palīdzība", subgroup=None)
    assert men.flag == "the parts printed ('600 + 851 + 363') add up to 1,814, not '1811'"


# ----------------------------------------------------------------------------- another municipality's report

def retold(ex) -> list[tuple]:
    """What each fact says, with the municipality's (and its town's) name "Tukuma" as "Ogres"."""
    def say(text):
        return text.replace("Tukuma", "Ogres") if text else text
    return sorted(((f.year, f.period, f.topic, f.metric, say(f.category), say(f.subgroup), f.territory, f.value,
                    f.unit) for f in ex.facts), key=repr)


def assert_read_as_ogres(layout, ogres, ex):
    assert layout is LAYOUT
    assert ogres.info.municipality == "Ogres novads"
    assert (ogres.info.title, ogres.info.period, ogres.info.published) == (ex.info.title, ex.info.period,
                                                                           ex.info.published)
    assert ogres.messages == []
    assert len(ogres.facts) == len(ex.facts) == 671
    assert {f.municipality for f in ogres.facts} == {"Ogres novads"}
    assert {municipality for municipality, _, _ in ogres.territories} == {"Ogres novads"}
    assert retold(ogres) == retold(ex)
    residents = the(ogres, metric="residents", category="iedzīvotāju skaits", subgroup=None)
    assert (residents.period, residents.value) == (AS_OF, 45959)  # "... Ogres novadā iedzīvotāju skaits ir"
    assert the(ogres, prose=True, metric="persons", category="Ogres patversme", subgroup=None).value == \
        the(ex, prose=True, metric="persons", category="Tukuma patversme", subgroup=None).value


def test_another_municipalitys_report_is_read_as_its_own(tmp_path, ex):
    text = TXT.read_text(encoding="utf-8").replace("Tukuma", "Ogres")
    doc = document_from_text(tmp_path, "ogres_novads_2024_publiskais_parskats.txt", text)
    assert_read_as_ogres(recognise(doc), extract(doc), ex)


def test_another_municipalitys_pdf_is_read_as_its_own(ex):
    doc = document_retold(read_document(PDF), "Tukuma", "Ogres")
    assert_read_as_ogres(recognise(doc), extract(doc), ex)
