"""The Bauska strategy layout: hand-checked values from the raw report, its checks (Kopā rows, caption
totals, copied tables, disagreeing duplicates), page-split tables, and a next year's report built here."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from ingest.layouts import layout_named, recognise
from ingest.readers import read_document
from report_variants import document_from_text

LAYOUT = layout_named("Bauska strategy")
extract = LAYOUT.extract
ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "raw_reports" / "bauskas_novads_2016-2020_socialais_dienests_strategija.md"
HOME_CARE = "aprūpe mājās, t.sk. mobilā aprūpes vienība"
PSYCHOLOGIST = "psihologa pakalpojums un atbalsts"
SUPPORT_GROUPS = "atbalsta un pašpalīdzības grupas bērniem un vecākiem"
ADULT_CARE = "Sociālo aprūpi institūcijā pieaugušām personām"
COUNCIL = ("Pašvaldības domes finansējums sociālajiem pakalpojumiem(institucionālā aprūpe nepilngadīgām un "
           "pilngadīgām personām)")
SERVICES = "Sociālie pakalpojumi (aprūpei mājās un izmitināšanas pakalpojums)"


@pytest.fixture(scope="module")
def ex():
    return extract(read_document(RAW))


def ingest_text(tmp_path: Path, text: str):
    doc = document_from_text(tmp_path, RAW.name, text)
    assert LAYOUT.matches(doc, doc.text)
    return extract(doc)


def the(ex, prose: bool | None = None, **key):
    """The one fact with these fields (from running text only, or from tables only, when `prose` says)."""
    found = [f for f in ex.facts if all(getattr(f, k) == v for k, v in key.items())
             and (prose is None or f.source_ref.startswith("text,") == prose)]
    assert len(found) == 1, f"{len(found)} facts for {key}"
    return found[0]


# ----------------------------------------------------------------------------- the document

def test_recognised_by_its_words():
    doc = read_document(RAW)
    assert recognise(doc) is LAYOUT
    for other in ("tukuma_novads_2016_socialais_darbs_izvertejums.txt", "latvija_2017_socialo_dienestu_aptauja.txt",
                  "lps_2020_seminars_socialie_pakalpojumi.txt", "tukuma_novads_2024_publiskais_parskats.txt"):
        other_doc = read_document(ROOT / "raw_reports" / other)
        assert not LAYOUT.matches(other_doc, other_doc.text), other


def test_document_info(ex):
    assert ex.info.municipality == "Bauskas novads"
    assert ex.info.kind == "strategy"
    assert ex.info.period == "2012..2014"
    assert ex.info.title == ("Bauskas novada pašvaldības iestādes „Bauskas novada Sociālais dienests” "
                             "attīstības stratēģija 2016-2020")
    assert ex.messages == []


def test_counts(ex):
    assert len(ex.facts) == 338
    assert sum(1 for f in ex.facts if f.flag) == 59
    assert len(ex.raw_cells) == 311


# ----------------------------------------------------------------------------- hand-checked values

@pytest.mark.parametrize("topic, metric, category, subgroup, year, value, raw", [
    # per-service recipients (gender by year)
    ("recipients", "persons", HOME_CARE, "Vīrieši", 2012, 18, "18"),
    ("recipients", "persons", HOME_CARE, "Kopā", 2014, 86, "86"),
    ("recipients", "persons", "pilngadīgu personu ievietošana ilgstošas sociālās aprūpes institūcijā",
     "Sievietes", 2013, 8, "8"),
    ("recipients", "persons", PSYCHOLOGIST, "Sievietes, pieaug", 2014, 170, "170"),
    ("recipients", "persons", PSYCHOLOGIST, "Vīrieši, bērni", 2012, 71, "71"),
    ("recipients", "persons", PSYCHOLOGIST, "Kopā, bērni", 2014, 167, "167"),
    ("recipients", "children", "sociālās rehabilitācijas pakalpojumi dzīvesvietā bērniem, kuri cietuši no "
     "vardarbības", "zēni", 2013, 6, "6"),
    ("recipients", "children", "vardarbībā cietušo bērnu rehabilitācija krīzes centrā", "meitenes", 2012, 15, "15"),
    ("recipients", "children", SUPPORT_GROUPS, "zēni", 2012, 30, "30"),
    ("recipients", "parents", SUPPORT_GROUPS, "sievietes", 2014, 41, "41"),  # the second table under 2.4.
    ("recipients", "parents", "bērnu emocionālās audzināšanas grupas (turpmāk–BEA) vecākiem", "Kopā", 2012, 27, "27"),
    ("recipients", "persons", "jurista pakalpojums ģimenēm ar bērniem", "Sievietes", 2013, 48, "48"),
    ("recipients", "persons", "nometnes sociālās atstumtības riskam pakļauto ģimeņu bērniem", "Kopā", 2014, 135, "135"),
    ("recipients", "persons", "asistenta pakalpojuma administrēšana personām ar invaliditāti", "Vīrieši", 2014, 51,
     "51"),
    ("recipients", "persons", "mājokļa pielāgošana personām, kuras pārvietojas riteņkrēslā", "Kopā", 2014, 3, "3"),
    # care
    ("care", "persons", ADULT_CARE, "Sievietes, Savā pašvaldībā", 2013, 59, "59"),
    ("care", "persons", ADULT_CARE, "Kopā, Citā pašvaldībā", 2014, 7, "7"),
    ("care", "children", "Nepilngadīgo sociālo aprūpi institūcijā", "Zēni", 2012, 23, "23"),
    ("care", "children", "Aizbildnībā ievietoto bērnu skaits", "Kopā", 2013, 21, "21"),
    ("care", "persons", "Aizbildņu skaits", None, 2013, 86, "86"),
    ("care", "children", "Audzūģimenēs ievietoto bērnu skaits", "Meitenes", 2013, 10, "10"),
    ("care", "families", "Audzūģimeņu skaits", "Citos novados", 2014, 7, "7"),
    # funding
    ("budget", "funding", "No pašvaldības budžeta", None, 2012, 554291, "554291"),
    ("budget", "funding", "psihologa pakalpojums vardarb.cietušajiem", "No valsts budžeta", 2013, 1138, "1138"),
    ("budget", "funding", "Ģimeņu stiprināšanas pasākumi", "No projektu finansējuma", 2014, 78258, "78258"),
    ("budget", "spend", "Sociālā palīdzība", None, 2012, 322239, "322239"),
    ("budget", "spend", SERVICES, None, 2014, 36493, "36493"),
    ("budget", "share", "Sociālā palīdzība", None, 2014, 86.7, "86,7%"),
    ("budget", "share", SERVICES, None, 2013, 3.06, "3,06"),
    ("budget", "funding", COUNCIL, None, 2013, 193718, "193718"),
    ("budget", "share", COUNCIL, None, 2014, 27, "27 %"),
    # social assistance by target group
    ("social_assistance", "persons", "pensijas vecuma personas", "Pilngadīgas personas", 2014, 748, "748"),
    ("social_assistance", "persons", "Bērni ar invaliditāti", "Bērni", 2013, 39, "39"),
    ("social_assistance", "persons", "Bērni", "t.sk. personas kopā", 2012, 869, "869"),
    ("social_assistance", "spend", "Izlietotie līdzekļi sociālajai palīdzībai kopā", None, 2013, 245857, "245 857"),
])
def test_table_values(ex, topic, metric, category, subgroup, year, value, raw):
    fact = the(ex, topic=topic, metric=metric, category=category, subgroup=subgroup, year=year)
    assert fact.value == pytest.approx(value)
    assert fact.raw_value == raw
    assert fact.period == str(year)
    assert fact.municipality == "Bauskas novads"


@pytest.mark.parametrize("metric, category, value, unit", [
    ("specialists", "Sociālie darbinieki darbam ar ģimeni un bērniem", 4, "persons"),
    ("specialists", "Sociālie darbinieki (strādā ar visām mērķgrupām)", 14, "persons"),
    ("employees", "Ergoterapeits", 1, "persons"),
])
def test_staff_tables_as_of_the_staff_date(ex, metric, category, value, unit):
    fact = the(ex, prose=False, metric=metric, category=category)
    assert (fact.value, fact.unit, fact.year, fact.period) == (value, unit, 2015, "2015-10-01")


@pytest.mark.parametrize("municipality, topic, metric, category, subgroup, period, value, unit", [
    ("Bauskas novads", "staff", "employees", "darbinieki", None, "2015-10-01", 40, "persons"),
    ("Bauskas novads", "staff", "fte", "amatu vienības", None, "2015-10-01", 37.75, "FTE"),
    ("Bauskas novads", "staff", "positions", "vakances", None, "2015-10-01", 1, "positions"),
    ("Bauskas novads", "staff", "specialists", "sociālā darba speciālisti", None, "2015-10-01", 22, "persons"),
    ("Bauskas novads", "staff", "specialists_missing", "sociālie darbinieki", None, "2015-10-01", 4, "persons"),
    ("Bauskas novads", "population", "residents", "iedzīvotāju skaits", None, "2015-01-01", 26016, "persons"),
    ("Bauskas novads", "staff", "share", "sociālā darba speciālisti", "sievietes", "2015-10-01", 100, "percent"),
    ("Latvija", "staff", "share", "sociālie darbinieki", "vīrieši", "2015-10-01", 3, "percent"),
    ("Bauskas novads", "staff", "specialists", "sociālie darbinieki", "maģistra grāds sociālajā darbā",
     "2015-10-01", 6, "persons"),
    ("Bauskas novads", "staff", "specialists", "sociālie darbinieki", "grupu supervīzija", "2015-10-01", 19,
     "persons"),
    ("Bauskas novads", "social_assistance", "benefit_types", "pabalstu veidi", None, "2015", 13, "count"),
    ("Bauskas novads", "budget", "change", "pašvaldības finansējums", None, "2014", -12, "percent"),
])
def test_prose_values(ex, municipality, topic, metric, category, subgroup, period, value, unit):
    fact = the(ex, prose=True, municipality=municipality, topic=topic, metric=metric, category=category,
               subgroup=subgroup)
    assert (fact.value, fact.unit, fact.period, fact.year) == (value, unit, period, int(period[:4]))


def test_population_keeps_the_printed_number(ex):
    fact = the(ex, topic="population", metric="residents")
    assert fact.raw_value == "26 016" and fact.territory is None and fact.source_ref == "text, line 204"


# ----------------------------------------------------------------------------- checks and flags

def test_kopa_rows_agree_in_the_report_but_target_group_totals_do_not(ex):
    mismatches = sorted((f.category, f.year, f.flag) for f in ex.facts
                        if any(r.kind == "rows_sum_differs" for r in f.reasons))
    assert mismatches == [
        ("Pilngadīgas personas", 2012, "its 5 rows add up to 1,636, not '1626'"),
        ("Pilngadīgas personas", 2013, "its 5 rows add up to 1,496, not '1480'"),
        ("Pilngadīgas personas", 2014, "its 5 rows add up to 1,586, not '1553'"),
        ("t.sk. personas kopā", 2012, "its 2 rows add up to 2,495, not '2505'"),
        ("t.sk. personas kopā", 2013, "its 2 rows add up to 2,143, not '2159'"),
        ("t.sk. personas kopā", 2014, "its 2 rows add up to 2,107, not '2140'"),
    ]
    assert the(ex, category="t.sk. personas kopā", year=2012).flag_lv == \
        "saskaitot tās rindas (2), iznāk 2 495, nevis '2505'"


def test_a_kopa_mismatch_is_flagged(tmp_path):
    text = RAW.read_text(encoding="utf-8").replace("Kopā\t82\t72\t86", "Kopā\t83\t72\t86")
    fact = the(ingest_text(tmp_path, text), category=HOME_CARE, subgroup="Kopā", year=2012)
    assert fact.flag == "its 2 rows add up to 82, not '83'"


def test_psychologist_kopa_is_checked_per_column(tmp_path):
    text = RAW.read_text(encoding="utf-8").replace("<b>Kopā</b>\t<b>142</b>\t<b>123</b>",
                                                   "<b>Kopā</b>\t<b>142</b>\t<b>124</b>")
    ex = ingest_text(tmp_path, text)
    assert the(ex, category=PSYCHOLOGIST, subgroup="Kopā, bērni", year=2012).flag == \
        "its 2 rows add up to 123, not '124'"
    assert the(ex, category=PSYCHOLOGIST, subgroup="Kopā, pieaug", year=2012).flag is None


def test_specialisation_rows_checked_against_the_caption_total(ex):
    fact = next(f for f in ex.facts if f.category == "Sociālais aprūpētājs")
    assert fact.flag == "the 6 rows add up to 23, but the caption counts '22'"
    assert fact.flag_lv == "saskaitot rindas (6), iznāk 23, bet virsrakstā minēti '22'"


def test_prose_and_table_disagreements_are_flagged(ex):
    prose = the(ex, prose=True, metric="employees", category="Psihologi")
    assert prose.value == 2
    assert prose.flag.startswith("the document gives another value elsewhere: '3' (Citi speciālisti")
    assert prose.flag_lv.startswith("dokumentā citur ir cita vērtība: '3' (Citi speciālisti Sociālajā dienestā:, "
                                    "193. rinda; rinda 'Psihologi')")
    generalists = [f for f in ex.facts if f.category == "Sociālie darbinieki (strādā ar visām mērķgrupām)"]
    assert sorted(f.value for f in generalists) == [11, 14]
    assert all("another value elsewhere" in f.flag for f in generalists)


def test_two_tables_giving_the_social_assistance_spent_disagree(ex):
    # The funding table (line 348) and the recipients table (line 664) both give what social assistance cost.
    funding = {f.year: f for f in ex.facts if f.metric == "spend" and f.category == "Sociālā palīdzība"}
    recipients = {f.year: f for f in ex.facts if f.category == "Izlietotie līdzekļi sociālajai palīdzībai kopā"}
    assert {y: (f.value, recipients[y].value) for y, f in funding.items()} == {
        2012: (322239, 227099), 2013: (239728, 245857), 2014: (273206, 314258)}
    for year in funding:
        assert funding[year].flag.startswith(f"the document gives another value elsewhere: "
                                             f"'{recipients[year].raw_value}' (*Sociālās palīdzības saņēmēju skaits")
        assert recipients[year].flag.startswith(f"the document gives another value elsewhere: "
                                                f"'{funding[year].raw_value}' (Sociālā dienesta finansējums")


def test_shares_printed_beside_amounts_they_do_not_match_are_flagged(ex):
    # Line 348-349: 2013 239 728 and 7 347 EUR, printed as 96,9 and 3,06 % of them (97,03 and 2,97); 2014
    # 86,7 and 13,3 % (88,22 and 11,78); 2012 agrees. Lines 357-358: 40 and 33 % of the three years' 574 996
    # (39,21 and 33,69); 27 % agrees.
    flagged = sorted((f.year, f.raw_value, f.flag) for f in ex.facts if "share_differs" in [r.kind for r in f.reasons])
    assert flagged == [
        (2012, "40 %", "225,475 is 39.21% of 574,996, not '40 %'"),
        (2013, "3,06", "7,347 is 2.97% of 247,075, not '3,06'"),
        (2013, "33 %", "193,718 is 33.69% of 574,996, not '33 %'"),
        (2013, "96,9", "239,728 is 97.03% of 247,075, not '96,9'"),
        (2014, "13,3%", "36,493 is 11.78% of 309,699, not '13,3%'"),
        (2014, "86,7%", "273,206 is 88.22% of 309,699, not '86,7%'"),
    ]


def test_changes_the_text_states_against_the_tables(ex):
    # "2014. gadā projektos iegūtie līdzekļi ... palielinājās par 10 %, attiecīgi pašvaldības finansējums
    # samazinājās par 12 %" (line 328): the table (lines 334-342) gives -9,24 % and +13,26 %.
    changes = {f.category: f for f in ex.facts if f.metric == "change"}
    assert changes["projektos iegūtie līdzekļi sociālo pakalpojumu attīstībai"].flag == (
        "the figures give 86,336 for 2013 and 78,362 for 2014, a change of -9.24%, not +10%")
    assert changes["pašvaldības finansējums"].flag_lv == (
        "skaitļi dod 446 885 2013. gadā un 506 141 2014. gadā, izmaiņa +13,26 %, nevis -12 %")
    # "apm. par 12 % trijos gados" (line 351) and "3 gadu laikā samazinājies par 13 %" (line 362) are the
    # changes of the shares printed beside the amounts (98,9 -> 86,7 and 40 -> 27 %), in points: no flag.
    assert changes["Sociālā palīdzība"].value == -12 and changes["Sociālā palīdzība"].flag is None
    council = [f for c, f in changes.items() if c.startswith("Pašvaldības domes finansējums")]
    assert [(f.value, f.flag) for f in council] == [(-13, None)]


def test_the_specialised_and_the_other_social_workers_do_not_make_the_22(ex):
    # "no 22 sociālajiem darbiniekiem specializējušies 9 ..., pārējie 11 dara visu" (line 903)
    total = the(ex, prose=True, metric="specialists", category="sociālie darbinieki", subgroup=None)
    assert total.value == 22
    assert total.flag.endswith("the parts printed ('9 + 11') add up to 20, not '22'")


def test_copied_table_is_flagged(ex):
    copied = [f for f in ex.facts if f.category.startswith("rehabilitētāja/ģimeņu asistenta")]
    assert len(copied) == 9
    assert all(f.flag == "the table '2.7. narkologa pakalpojums ģimenēm ar bērniem:, line 508' prints exactly "
                         "the same numbers" for f in copied)


def test_a_table_repeating_a_year_of_another_is_flagged(ex):
    # 3.4. prints for 2013 exactly 3.3.'s numbers, 23 men, 3 women, 26 in all (lines 555-566).
    repeated = sorted((f.category[:10], f.subgroup, f.value) for f in ex.facts
                      if "partly_copied_table" in [r.kind for r in f.reasons])
    assert repeated == sorted((category, row, value) for category in ("asistenta ", "sociālā re")
                              for row, value in (("Vīrieši", 23), ("Sievietes", 3), ("Kopā", 26)))
    assert {f.year for f in ex.facts if "partly_copied_table" in [r.kind for r in f.reasons]} == {2013}


def test_undated_present_figures_are_flagged(ex):
    fte = the(ex, metric="fte", category="Psihologi")
    assert (fte.value, fte.period) == (1.5, "2015-10-01")
    assert fte.flag == "the sentence prints no date; dated as of the staff count"


def test_a_dash_in_a_count_table_is_none(ex):
    # "Zēni 9 14 -", "Meitenes 8 7 6", "Kopā 17 21 6" (lines 619-621): the dash is no boys, so the total adds up.
    boys = {f.year: f for f in ex.facts if f.category == "Aizbildnībā ievietoto bērnu skaits" and f.subgroup == "Zēni"}
    assert {year: f.value for year, f in boys.items()} == {2012: 9, 2013: 14, 2014: 0}
    assert (boys[2014].raw_value, boys[2014].flag, boys[2014].flag_lv) == (
        "-", "printed '-' in a count table: read as 0 (none)", "skaitu tabulā nodrukāts '-': nolasīts kā 0 (neviena)")
    assert the(ex, category="Aizbildnībā ievietoto bērnu skaits", subgroup="Kopā", year=2014).flag is None


# ----------------------------------------------------------------------------- raw cells and split tables

def test_text_tables_go_to_raw_cells_and_numbers_do_not(ex):
    captions = {c.caption for c in ex.raw_cells}
    assert captions == {
        "Ieteikumu un vēlmju apkopojums no Sociālā dienesta speciālistiem un aptaujātajiem Bauskas novada "
        "iedzīvotājiem",
        "",  # a three-column block of the recommendations that no longer fits its columns
        "problēmas un definētās vajadzības:",
        "Uzdevumu un pasākumu plāns",
        "Par plānotajām strukturālajām izmaiņām Sociālajā dienestā",
    }
    assert any("Izveidot 4 nodaļas" in c.text for c in ex.raw_cells)


def test_page_split_text_table_is_joined(ex):
    cell = next(c for c in ex.raw_cells if c.text.startswith("rakstura traucējumiem un personām ar citiem"))
    assert cell.caption.startswith("Ieteikumu un vēlmju apkopojums")
    assert (cell.row_index, cell.col_index, cell.loc.line) == (4, 1, 740)
    plan = {c.loc.line for c in ex.raw_cells if c.caption == "Uzdevumu un pasākumu plāns"}
    assert min(plan) == 843 and max(plan) == 896  # nine blocks, one table


def test_page_split_count_table_is_joined_and_checked(tmp_path):
    page_break = "\n\n---\n\n12\n\n"  # a rule and a page number between two blocks of one table
    text = RAW.read_text(encoding="utf-8").replace("Vīrieši\t18\t10\t16\nSievietes\t64\t62\t70\nKopā\t82",
                                                   f"Vīrieši\t18\t10\t16{page_break}Sievietes\t64\t62\t70\nKopā\t83")
    ex = ingest_text(tmp_path, text)
    total = the(ex, category=HOME_CARE, subgroup="Kopā", year=2012)
    assert total.flag == "its 2 rows add up to 82, not '83'"
    assert the(ex, category=HOME_CARE, subgroup="Kopā", year=2014).value == 86
    assert the(ex, category=HOME_CARE, subgroup="Sievietes", year=2013).value == 62
    assert not any(c.text == "Sievietes" for c in ex.raw_cells)


# ----------------------------------------------------------------------------- another year, another file

def next_years_report() -> str:
    """The report as next year's edition might print it: years +1, other values, a funding row added, a
    row dropped, rows reordered and a service table moved."""
    text = RAW.read_text(encoding="utf-8")
    text = re.sub(r"(?<!\d)(20[0-2]\d)(?!\d)", lambda m: str(int(m.group(1)) + 1), text)
    text = text.replace("Vīrieši\t18\t10\t16\nSievietes\t64\t62\t70\nKopā\t82\t72\t86",
                        "Sievietes\t66\t62\t71\nVīrieši\t19\t11\t17\nKopā\t85\t73\t88")
    text = text.replace("<b><i>No projektu finansējuma</i></b>",
                        "atelpas brīža pakalpojums\t<b>100</b>\t<b>200</b>\t<b>300</b>\n"
                        "<b><i>No projektu finansējuma</i></b>")
    text = text.replace("Maksas pakalpojumi\t<b>1622</b>\t\t<b>104</b>\n", "")
    text = text.replace("strādā 40 darbinieki", "strādā 42 darbinieki")
    start = text.index("5. mājokļa pielāgošana")
    moved = text[start:text.index("#### ***Citi sociālo pakalpojumu")]
    text = text.replace(moved, "")
    return text.replace("### 4. izmitināšanas pakalpojums", moved + "### 4. izmitināšanas pakalpojums")


@pytest.fixture(scope="module")
def next_year(tmp_path_factory):
    return ingest_text(tmp_path_factory.mktemp("next"), next_years_report())


def test_next_year_reads_its_own_years(next_year):
    assert next_year.info.period == "2013..2015"
    assert next_year.messages == []
    assert not any(f.year == 2012 for f in next_year.facts)


def test_next_year_values_and_reordered_rows(next_year):
    assert the(next_year, category=HOME_CARE, subgroup="Vīrieši", year=2013).value == 19
    assert the(next_year, category=HOME_CARE, subgroup="Sievietes", year=2015).value == 71
    total = the(next_year, category=HOME_CARE, subgroup="Kopā", year=2013)
    assert (total.value, total.flag) == (85, None)


def test_next_year_added_and_dropped_rows(next_year):
    added = the(next_year, category="atelpas brīža pakalpojums", year=2015)
    assert (added.value, added.subgroup, added.metric) == (300, "No valsts budžeta", "funding")
    assert not any(f.category == "Maksas pakalpojumi" for f in next_year.facts)


def test_next_year_moved_table_and_staff_date(next_year):
    moved = the(next_year, category="mājokļa pielāgošana personām, kuras pārvietojas riteņkrēslā", subgroup="Kopā",
                year=2015)
    assert moved.value == 3
    staff = the(next_year, metric="employees", category="darbinieki")
    assert (staff.value, staff.period, staff.year) == (42, "2016-10-01", 2016)
    assert the(next_year, topic="population").period == "2016-01-01"


def test_next_year_keeps_every_table(ex, next_year):
    def tables(extraction):
        return {f.category for f in extraction.facts if f.topic in ("recipients", "care")}
    assert tables(next_year) == tables(ex)


# ----------------------------------------------------------------------------- bad input

def test_report_without_tables_gives_prose_and_messages(tmp_path):
    text = "\n".join(line for line in RAW.read_text(encoding="utf-8").splitlines() if "\t" not in line)
    ex = ingest_text(tmp_path, text)
    assert {f.table_label for f in ex.facts} == {"text"}
    assert ex.raw_cells == []
    assert "no table matched '^Finansējuma avoti$'" in ex.messages
    assert ex.info.period == ""


def test_report_without_staff_paragraph(tmp_path):
    text = RAW.read_text(encoding="utf-8").replace("2015.gada 1.oktobrī Sociālajā dienestā strādā", "Šobrīd strādā")
    ex = ingest_text(tmp_path, text)
    # Said once, though five groups of figures are dated by that sentence.
    missing_date = [m for m in ex.messages if m.startswith("no context sentence matched")]
    assert len(missing_date) == 1 and "(?P<year>" in missing_date[0]
    assert the(ex, prose=False, metric="employees", category="Psihologi").period is None
    assert the(ex, metric="specialists_missing").period is None


# ----------------------------------------------------------------------------- another municipality's strategy

def test_another_municipalitys_strategy_is_read_as_its_own(tmp_path, ex):
    """Whose strategy it is, the cover says: the report retold as Ogres novads' gives the same facts under
    that name."""
    text = RAW.read_text(encoding="utf-8").replace("Bauskas", "Ogres")
    doc = document_from_text(tmp_path, "ogres_novads_2016-2020_socialais_dienests_strategija.md", text)
    assert recognise(doc) is LAYOUT
    retold = extract(doc)
    assert retold.info.municipality == "Ogres novads"
    assert retold.info.title == ("Ogres novada pašvaldības iestādes „Ogres novada Sociālais dienests” "
                                 "attīstības stratēģija 2016-2020")
    assert [(f.municipality, f.category, f.value, f.flag) for f in retold.facts] == [
        ("Ogres novads" if f.municipality == "Bauskas novads" else f.municipality, f.category, f.value, f.flag)
        for f in ex.facts]
