"""The Tukums 2016 evaluation of social work: flattened tables read back, and their figures as facts.

Expected values were read by hand from raw_reports/tukuma_novads_2016_socialais_darbs_izvertejums.txt
(line numbers in the comments).
"""
import re
from pathlib import Path

import pytest

from ingest.layouts import layout_named, recognise
from ingest.model import Cell, Location, ParsedDocument, Table, TextLine
from ingest.readers import read_document
from ingest.readers.flattened import flattened_tables
from ingest.rules.registry import Reading, shapes
from ingest.rules.shapes.case_code_table import CaseTable
from ingest.specs import FlowText
from report_variants import document_from_text

ROOT = Path(__file__).resolve().parents[1]
REPORT = ROOT / "raw_reports" / "tukuma_novads_2016_socialais_darbs_izvertejums.txt"
FIXTURE = Path(__file__).parent / "fixtures" / "flattened_tables.txt"

SERVICES = "1. tabula"
UNITS = "Sociālo pakalpojumu sniedzēju struktūrvienības"  # the heading of 2.tabula's last section (line 810)
ADULT_CARE = "Ilgstošas sociālās aprūpes un sociālās rehabilitācijas institūcijas pakalpojums pieaugušajiem"
RITI = "Slampes un Džūkstes pagastu kopienas centrs „Rīti”, kopā"
ALL_PARISHES = "Džūkste/Slampe/Degole/Tume/Irlava/Lestene/Sēme/Zentene/Jaunsāti/Pūre"


def extract(doc):
    return layout_named("Tukums evaluation").extract(doc)


@pytest.fixture(scope="module")
def doc():
    return read_document(REPORT)


@pytest.fixture(scope="module")
def extraction(doc):
    return extract(doc)


def facts_of(extraction, table, **fields):
    """Facts read from one table (by its label) whose fields equal the given ones."""
    return [f for f in extraction.facts if f.table_label == table
            and all(getattr(f, k) == v for k, v in fields.items())]


def one(extraction, table, **fields):
    found = facts_of(extraction, table, **fields)
    assert len(found) == 1, found
    return found[0]


# --------------------------------------------------------------------------- the reader

@pytest.fixture(scope="module")
def fixture_tables():
    lines = [TextLine(t, Location(line=i)) for i, t in enumerate(FIXTURE.read_text("utf-8").splitlines(), 1)]
    return flattened_tables(lines)


def texts(table):
    return [[cell.text for cell in row] for row in table.rows]


def test_flattened_cells_rows_and_caption_above(fixture_tables):
    first = fixture_tables[0]
    assert first.label == "1. tabula"
    assert first.caption == "1. tabula Piemēra pakalpojumi un izlietotie līdzekļi"
    assert first.loc.line == 2
    assert texts(first) == [
        ["Pakalpojums", "Izlietotie līdzekļi 2014.gadā (Euro), personu skaits",
         "Izlietotie līdzekļi 2015.gadā (Euro), personu skaits"],
        ["Kopā:", "1200\n30", "1 500"],  # two numbers in one cell on two lines; no-break space folded
        ["", "", "45"],  # a cell's second number pushed past the row break stays a row of its own
        ["Pakalpojums A", "700\n10", "900\n20"],
    ]
    assert first.rows[1][1].loc.line == 9


def test_row_split_by_blank_lines_is_joined_and_caption_below_is_found(fixture_tables):
    second = fixture_tables[1]
    assert texts(second) == [["Amats", "Sējums", "Skaits"], ["Darbinieks\nSlampe", "SP\nĢA", "12\n3"]]
    assert second.label == "2.tabula"
    assert second.caption == "2.tabula. Paraksts zem tabulas"


def test_a_sentence_naming_a_table_is_no_label(fixture_tables):
    third = fixture_tables[2]
    assert third.label is None
    assert third.caption == "3. tabulā redzams pieņemšanas laiku sadalījums:"
    assert texts(third) == [["", "Slampe"], ["Darbinieks", "Pirmdien 8.30- 12.30\nCeturtdien 13.00 – 17.00"]]
    assert len(fixture_tables) == 3  # a line with a tab inside is no flattened table


def test_report_tables_and_their_labels(doc):
    labels = [t.label for t in flattened_tables(doc.lines)]
    assert labels == ["1. tabula", "2.tabula", "3.tabula", "4.tabula", "5. tabula", "6. tabula", "7.tabula",
                      None, "8.tabula", "9.tabula", "10.tabula", "11.tabula", "12.tabula"]


# --------------------------------------------------------------------------- the document

def test_layout_and_document_info(doc, extraction):
    assert recognise(doc).name == "Tukums evaluation"
    info = extraction.info
    assert (info.municipality, info.kind, info.published) == ("Tukuma novads", "evaluation", "2016")
    assert info.title == "Sociālā darba izvērtējums Tukuma novada pašvaldībā"
    assert info.period == "2011..2015"  # the chart data go back to 2011 (line 2575)
    assert extraction.messages == []


def test_case_codes_as_printed(extraction):
    codes = dict(extraction.case_codes)
    assert len(extraction.case_codes) == 17  # lines 855-871
    assert codes["ĢA"] == "Sociālais darbs ar ģimenēm ar bērniem (t.s.k.sociālie raksturojumi)"
    assert codes["VR"] == "Valsts sociālā rehabilitācija (SIVA, dzīvesvietā, krīžu centri)"
    assert codes["SP"] == "Sociālā palīdzība"
    assert codes["B"] == "Bāreņi un bez vecāku gādības palikušie"


def test_territories(extraction):
    kinds = {name: kind for _, name, kind in extraction.territories}
    parishes = {"Degole", "Džūkste", "Irlava", "Jaunsāti", "Lestene", "Pūre", "Sēme", "Slampe", "Tume", "Zentene"}
    assert {n for n, k in kinds.items() if k == "parish"} == parishes
    assert kinds["Tukuma pilsēta"] == "town"
    assert kinds["Tume/Degole"] == kinds["Jaunsāti/Pūre"] == kinds["Lestene/Vaski"] == "unit"
    assert {m for m, _, _ in extraction.territories} == {"Tukuma novads"}


# --------------------------------------------------------------------------- 1. tabula: services

@pytest.mark.parametrize("category, year, metric, value", [
    ("Aprūpe mājās", 2012, "spend", 85842),  # line 150
    ("Aprūpe mājās", 2012, "persons", 146),  # line 151
    ("Irlavas bērnu nams/ patversme", 2015, "spend", 281380),  # line 166, "281 380"
    ("Irlavas bērnu nams/ patversme", 2015, "persons", 27),  # line 167
    ("Pašvaldības nodrošinātie sociālie pakalpojumi", 2012, "spend", 625183),  # line 135
    ("Pašvaldības nodrošinātie sociālie pakalpojumi", 2015, "persons", 562),  # line 147, pushed past the row
    ("Sociālo pakalpojumu centrs “Mežrozītes”", 2015, "spend", 46747),  # line 250
    ("Pašvaldības pirktie sociālie pakalpojumi", 2014, "persons", 114),  # line 259
    (f"{ADULT_CARE} / Pansionāts Rauda", 2015, "persons", 57),  # line 280
    (f"{RITI} / Dienas centrs", 2014, "spend", 40165),  # line 232
    ("Citi sociālie pakalpojumi / Patversme", 2012, "spend", 43),  # line 366
    ("Asistenta pakalpojums, valsts finansēts", 2013, "spend", 25740),  # line 422
    ("Valsts apmaksāta sociālā rehabilitācija no prettiesiskām darbībām cietušām pieaugušām personām / Institūcijā",
     2015, "spend", 2006),  # line 417
])
def test_service_values(extraction, category, year, metric, value):
    fact = one(extraction, SERVICES, category=category, year=year, metric=metric)
    assert fact.value == value
    assert fact.period == str(year)
    assert (fact.topic, fact.unit) == {"spend": ("budget", "EUR"), "persons": ("recipients", "persons")}[metric]


def test_misprinted_total_is_read_and_flagged(extraction):
    fact = one(extraction, SERVICES, category="Kopā", year=2015, metric="spend")
    assert (fact.value, fact.raw_value) == (1004777, "1 004777")
    assert "irregular digit grouping" in fact.flag
    assert not facts_of(extraction, SERVICES, category="Kopā", year=2015, metric="persons")


def test_subtotals_are_checked_against_their_rows(extraction):
    # 625 183 + 199 320 = 824 503 (lines 126, 135, 254): no flag.
    assert one(extraction, SERVICES, category="Kopā", year=2012, metric="spend").flag is None
    # 721 + 109 = 830, printed 839 (lines 127, 136, 255).
    persons = one(extraction, SERVICES, category="Kopā", year=2012, metric="persons")
    assert persons.flag == "its 2 rows add up to 830, not '839'"
    assert persons.flag_lv == "saskaitot tās rindas (2), iznāk 830, nevis '839'"
    # 22 369 + 41 827 + 6 002 = 70 198, printed 70 197 (lines 212, 221, 230, 239).
    assert "add up to 70,198, not '70197'" in one(extraction, SERVICES, category=RITI, year=2013, metric="spend").flag
    # 941 + 116 + 0 + 308 = 1 365, printed 1 057 (lines 343-379).
    assert "add up to 1,365, not '1057'" in one(extraction, SERVICES, category="Citi sociālie pakalpojumi",
                                                year=2015, metric="spend").flag
    # The adults' care group: 37 460 + 89 695 + 0 = 127 155 (lines 263, 273, 283, 293).
    assert one(extraction, SERVICES, category=ADULT_CARE, year=2012, metric="spend").flag is None
    # State-paid rehabilitation for children, 16 persons (line 388), is no sum of its variant "Institūcijā" (18).
    state_paid = "Valsts apmaksāta sociālā rehabilitācija no prettiesiskām darbībām cietušiem bērniem dzīvevietā"
    assert one(extraction, SERVICES, category=state_paid, year=2014, metric="persons").flag is None
    assert one(extraction, SERVICES, category=f"{state_paid} / Institūcijā", year=2014, metric="persons").value == 18


def test_lone_numbers_of_parts_read_as_recipients_when_they_add_up(extraction):
    # 2012 prints only 27, 43 and 154 for the community centre's parts: 27 + 43 + 154 = 224 recipients.
    fact = one(extraction, SERVICES, category=f"{RITI} / Patversme", year=2012, metric="persons")
    assert fact.value == 27
    assert "one number printed where two are expected" in fact.flag
    assert not facts_of(extraction, SERVICES, category=f"{RITI} / Patversme", year=2012, metric="spend")
    # A lone number elsewhere is spend: 60 620 for children's care in 2015 (line 307).
    assert one(extraction, SERVICES, category=ADULT_CARE.replace("pieaugušajiem", "bērniem"), year=2015,
               metric="spend").value == 60620


def test_a_lone_number_read_as_spend_is_flagged(extraction):
    # 2015 prints one number, not two, for 60 620 (line 307), 1057 (line 343), 269 233 (line 260) and the
    # total 1 004777 (line 132): read as the spend, flagged; a lone 0 (Lauciena 2012, line 293) is not.
    lone = {f.raw_value for f in facts_of(extraction, SERVICES)
            if "lone_number_read_as_first" in [r.kind for r in f.reasons]}
    assert lone == {"60620", "1057", "269 233", "1 004777"}
    assert one(extraction, SERVICES, category=ADULT_CARE.replace("pieaugušajiem", "bērniem"), year=2015,
               metric="spend").flag_lv == "nodrukāts viens skaitlis, kur gaidāmi divi; nolasīts kā pirmais"
    lauciena = one(extraction, SERVICES, category=f"{ADULT_CARE} / Pansionāts „Lauciena”", year=2012, metric="spend")
    assert (lauciena.value, lauciena.flag) == (0, None)


def test_shares_the_text_prints_beside_the_tables_amounts(extraction):
    # "2015. gadā 73 % ... savukārt 23% tērējusi pakalpojumu pirkšanai" (line 435) of 735 544 + 269 233 EUR
    # (1. tabula); "281 380 jeb 41 %", "105 486 euro jeb 15%", "103 848 euro jeb 15 %" of the 735 544 of
    # "visiem pašvaldības nodrošinātajiem pakalpojumiem" (line 1050); Labklājības ministrija's 50 % of the
    # group flat (10 945,11 of 21 890,22) holds.
    flagged = {f.raw_value: f.flag for f in extraction.facts if "share_differs" in [r.kind for r in f.reasons]}
    assert flagged == {
        "23%": "the parts printed ('73 % + 23%') add up to 96, not 100; 269,233 is 26.8% of 1,004,777, not '23%'",
        "41 %": "281,380 is 38.25% of 735,544, not '41 %'",
        "15%": "105,486 is 14.34% of 735,544, not '15%'",
        "15 %": "103,848 is 14.12% of 735,544, not '15 %'"}
    assert not [f for f in extraction.facts if f.metric == "share" and f.unit == "percent" and f.value == 50 and f.flag]


def test_availability_in_a_parish_larger_than_the_recognition_in_all_is_flagged(extraction):
    # 4. tabula: 'Ceļvedis audzinot pusaudzi' is recognised 3 times, but said available 7 times in Džūkste
    # (line 1412); likewise 'Grupa ilgstošajiem bezdarbniekiem' (1, Pūre 2) and 'Nepilngadīgo jauniešu
    # izglītojošā grupa' (2, Sēme 3); 'Prasmju mācīšana ģimenēm', recognised by none (text and chart), is
    # said available in five parishes.
    flagged = sorted((f.category, f.territory, f.value) for f in extraction.facts
                     if "part_exceeds_whole" in [r.kind for r in f.reasons])
    assert flagged == [("Ceļvedis audzinot pusaudzi", "Džūkste", 7), ("Grupa ilgstošajiem bezdarbniekiem", "Pūre", 2),
                       ("Nepilngadīgo jauniešu izglītojošā grupa", "Sēme", 3),
                       *(("Prasmju mācīšana ģimenēm", parish, n) for parish, n in
                         (("Degole", 1), ("Pūre", 1), ("Slampe", 1), ("Sēme", 5), ("Tume", 1)))]


def test_a_printed_change_that_holds_is_not_flagged(extraction):
    # "285 311 euro, kas ir par 23 156 euro mazāk kā 2014.gadā" (line 1064): 308 467 in the 2014 chart data.
    change = [f for f in extraction.facts if f.metric == "change"]
    assert [(f.value, f.year, f.flag) for f in change] == [(-23156, 2015, None)]


def test_two_places_disagree_on_2014_municipal_services(extraction):
    # 720 503 in 1. tabula (line 139), 848 522 in the chart data (line 2582): both kept, flagged.
    fact = one(extraction, SERVICES, category="Pašvaldības nodrošinātie sociālie pakalpojumi", year=2014,
               metric="spend")
    assert fact.value == 720503
    assert "another value elsewhere: '848522' (chart data (sociālās aizsardzības izlietojuma sadalījums), line 2582" in fact.flag
    others = [f for f in extraction.facts if f.value == 848522 and f.year == 2014]
    assert others and all("'720503' (table 1, line 117" in f.flag for f in others)


def test_unread_cells_are_kept_raw(extraction):
    raw = {(c.table_ref.split(",")[0], c.text) for c in extraction.raw_cells}
    assert (SERVICES, "Nav uzskaitīts\n18") in raw  # line 395
    assert ("2.tabula", "Pašlaik veidojas") in raw  # line 531
    assert ("8.tabula", "3-0.5") in raw  # line 1909
    assert any(table == "3.tabula" and text.startswith("sniedz sociālo palīdzību konkrētai") for table, text in raw)
    assert any(table == "6. tabula" and text == "Amats" for table, text in raw)


# --------------------------------------------------------------------------- caseloads

@pytest.mark.parametrize("table, category, territory, subgroup, value", [
    ("2.tabula", "Sociālais darbinieks darbam ar veciem cilvēkiem (organizē sociālo palīdzību)", "Tukuma pilsēta",
     "SP", 290),  # line 518
    ("2.tabula", "Sociālais darbinieks (izvērtē personu funkcionālās spējas)", "Tukuma pilsēta", "SC", 43),  # 525
    ("2.tabula", "Sociālais darbinieks", "Jaunsāti/Pūre", "SP", 100),  # line 765
    ("2.tabula", "Sociālais darbinieks", "Lestene/Vaski", "B", 4),  # line 640
    ("2.tabula", "Psihologs #2", None, "X", 27),  # line 807
    ("2.tabula", "Sociālais darbinieks dienas centrā #2", UNITS, "KC/seniori", 58),  # line 844
    ("5. tabula", "Sociālais darbinieks", "Džūkste", "SP (pirms pārdales)", 65),  # line 1738
    ("7.tabula", "Sociālais darbinieks darbam ar ģimenēm ar bērniem", "Slampe/Džūkste", "AI (pēc pārdales)", 14),
])
def test_caseloads(extraction, table, category, territory, subgroup, value):
    fact = one(extraction, table, category=category, territory=territory, subgroup=subgroup)
    assert (fact.topic, fact.metric, fact.unit, fact.value) == ("caseload", "active_cases", "cases", value)


def test_redistributed_cases_that_change_their_total_are_flagged(extraction, tmp_path):
    # 7.tabula redistributes 5. tabula's cases among the pilot's three workers (lines 1679-1834): each code
    # keeps its total (SP 163, ĢA 28, VR 13, ...) but AI (1 + 5 + 4 = 10 before, 14 after) and B (11, 13).
    flagged = {(f.category, f.subgroup): f.flag_lv for f in facts_of(extraction, "7.tabula") if f.flag}
    assert flagged == {
        ("Sociālais darbinieks (organizē sociālo palīdzību)", "B (pēc pārdales)"):
            "kods B: lietu 'pēc pārdales' kopā ir 13, bet 'pirms pārdales' – 11",
        ("Sociālais darbinieks darbam ar ģimenēm ar bērniem", "AI (pēc pārdales)"):
            "kods AI: lietu 'pēc pārdales' kopā ir 14, bet 'pirms pārdales' – 10",
        ("Sociālais darbinieks", "B (pēc pārdales)"):
            "kods B: lietu 'pēc pārdales' kopā ir 13, bet 'pirms pārdales' – 11"}
    # with the social-assistance worker's 2 B cases printed as 0, code B keeps its 11
    text = REPORT.read_text("utf-8").replace("\t163\n2\n", "\t163\n0\n")
    variant = extract(document_from_text(tmp_path, REPORT.name, text))
    assert {f.subgroup for f in facts_of(variant, "7.tabula") if f.flag} == {"AI (pēc pārdales)"}


def test_caseload_dates(extraction):
    # "Uz 2015. gada 31. martu tika apkopots klientu lietu skaits" (line 506); table 5 "uz 31.03.2015" (1667).
    assert {(f.year, f.period) for f in facts_of(extraction, "2.tabula")} == {(2015, "2015-03-31")}
    assert {(f.year, f.period) for f in facts_of(extraction, "5. tabula")} == {(2015, "2015-03-31")}
    assert {(f.year, f.period) for f in facts_of(extraction, "7.tabula")} == {(None, None)}


def test_two_workers_with_one_position_label_keep_their_own_counts(extraction):
    # "Sociālais darbinieks dienas centrā" is printed twice in 2.tabula, with another position between
    # them (lines 817-849): 46 + 11 = 57 cases and 38 + 65 + 58 + 3 = 164 cases.
    workers = {}
    for f in facts_of(extraction, "2.tabula"):
        if f.category.startswith("Sociālais darbinieks dienas centrā"):
            workers.setdefault(f.category, {})[f.subgroup] = f.value
    assert workers == {"Sociālais darbinieks dienas centrā #1": {"IC": 46, "BC": 11},
                       "Sociālais darbinieks dienas centrā #2": {"JC": 38, "KC/bērni un jaunieši": 65,
                                                                "KC/seniori": 58, "P": 3}}


def test_no_two_workers_share_a_category(extraction):
    # A worker's counts are printed in the rows of one post, one after another: the rows of a (territory,
    # category) of a caseload table are never interleaved with another position's.
    for table in ("2.tabula", "5. tabula", "7.tabula"):
        by_line = sorted((int(f.source_ref.rsplit("line ", 1)[1]), (f.territory, f.category))
                         for f in facts_of(extraction, table))
        runs = [key for i, (_, key) in enumerate(by_line) if i == 0 or by_line[i - 1][1] != key]
        assert len(runs) == len(set(runs)), table


def test_positions_under_a_heading_that_is_no_place_carry_that_unit(extraction):
    # "Visā novada iedzīvotājiem" (line 776) is the whole municipality; "Sociālo pakalpojumu sniedzēju
    # struktūrvienībās" (line 810) the service providers' units, a unit of the municipality.
    units = {f.territory for f in facts_of(extraction, "2.tabula") if f.category.startswith(
        ("Sociālais darbinieks dienas centrā", "Sociālais darbinieks aprūpe mājās", "Sociālais darbinieks darbam "
         "ar bezpajumtniekiem"))}
    assert units == {UNITS}
    assert {f.territory for f in facts_of(extraction, "2.tabula") if f.category.startswith("Psihologs")} == {None}
    assert ("Tukuma novads", UNITS, "unit") in extraction.territories


def _made_up_case_table(rows: list[list[str]]) -> Table:
    return Table(caption="2.tabula. Klientu lietu skaits", label="2.tabula", loc=Location(line=1),
                 rows=[[Cell(text, Location(line=i)) for text in row] for i, row in enumerate(rows, start=2)])


def test_case_table_sections_workers_and_sub_labelled_codes():
    table = _made_up_case_table([
        ["Darbinieka amats", "Klientu lietas sējums", "Aktīvo lietu skaits"],
        ["Visā novada iedzīvotājiem"],
        ["Psihologs", "X", "12"],
        ["Dienas centros"],
        ["Sociālais darbinieks", "IC\nKC/ seniori", "4\n5"],
        ["Sociālais darbinieks aprūpe mājās", "A", "30"],
        ["Sociālais darbinieks", "KC /bērni", "6"],
    ])
    doc = ParsedDocument(path="x.txt", file_name="x.txt", sha256="0", format="txt", lines=[], tables=[table])
    reading = Reading(doc=doc, flow=FlowText([]), municipality="Tukuma novads", report_year=None, known={},
                      tables=[table])
    spec = CaseTable(caption="Klientu lietu skaits", topic="caseload", metric="active_cases", unit="cases")
    result = shapes()["case_code_table"].read([table], spec, reading)
    assert result.messages == []
    assert [(f.territory, f.category, f.subgroup, f.value) for f in result.facts] == [
        (None, "Psihologs", "X", 12),
        ("Dienas centri", "Sociālais darbinieks #1", "IC", 4),
        ("Dienas centri", "Sociālais darbinieks #1", "KC/seniori", 5),
        ("Dienas centri", "Sociālais darbinieks aprūpe mājās", "A", 30),
        ("Dienas centri", "Sociālais darbinieks #2", "KC/bērni", 6),
    ]


def test_caseload_cell_split_over_rows(extraction):
    # Codes and counts of the out-of-family care worker sit on two rows (lines 784-792).
    found = {f.subgroup: f.value for f in facts_of(extraction, "2.tabula") if f.category.startswith(
        "Sociālais darbinieks (visa novada teritorijā darbs ar ģimenēm")}
    assert found == {"SC": 4, "AI": 63, "AU": 40, "B": 125}


def test_code_printed_twice_in_one_cell_is_flagged(extraction):
    # Tume/Degole prints SC twice, with 0 and 4 (lines 602-616).
    twice = facts_of(extraction, "2.tabula", territory="Tume/Degole", subgroup="SC")
    assert sorted(f.value for f in twice) == [0, 4]
    assert all("another value elsewhere" in f.flag for f in twice)


# --------------------------------------------------------------------------- 4. tabula: focus groups

@pytest.mark.parametrize("category, metric, territory, value", [
    ("Sociālā palīdzība (pabalsti)", "recognition", None, 45),  # line 1360
    ("Sociālā palīdzība (pabalsti)", "availability", "Jaunsāti", 10),  # line 1364
    ("Patversme", "recognition", None, 33),  # line 1278
    ("Patversme", "availability", "Pūre", 8),  # line 1284
    ("Tehnisko palīglīdzekļu pakalpojums", "availability", "Zentene", 5),  # line 1539
    ("Prasmju mācīšana ģimenēm", "availability", "Sēme", 5),  # line 1458
])
def test_focus_groups(extraction, category, metric, territory, value):
    fact = one(extraction, "4.tabula", category=category, metric=metric, territory=territory)
    assert (fact.topic, fact.unit, fact.value) == ("focus_group", "count", value)
    assert fact.period == "2015-06-01..2015-06-30"  # "2015. gada jūnija mēnesī" (line 1078)


def test_focus_group_blank_and_repeated_header(extraction):
    assert not facts_of(extraction, "4.tabula", category="Prasmju mācīšana ģimenēm", metric="recognition")
    assert len(facts_of(extraction, "4.tabula", metric="recognition")) == 29  # 30 forms, one left blank


# --------------------------------------------------------------------------- staffing models and funding

@pytest.mark.parametrize("table, metric, category, territory, subgroup, value", [
    ("8.tabula", "residents", "Iedzīvotāju skaits", "Tukuma pilsēta", None, 19099),  # line 1932, "Tukums"
    ("8.tabula", "residents", "Iedzīvotāju skaits", None, None, 31666),  # line 1985
    ("8.tabula", "positions", "Esošā situācija (amata vietas, skaits)", "Degole/Tume", "Kopā", 1),  # line 1923
    ("8.tabula", "positions", "Esošā situācija (amata vietas, skaits)", None, "Kopā", 24),  # line 1986
    ("8.tabula", "positions", "Metodiskais atbalsts", None, "Kopā", 1),  # line 1979
    ("9.tabula", "residents", "Iedzīvotāju skaits", "Džūkste/Slampe/Degole", None, 4196),  # line 2028
    ("9.tabula", "positions", "Minimālais modelis, amata vietas, skaits", "Sēme/Zentene/Jaunsāti/Pūre", "ĢA", 1),
    ("11.tabula", "positions", "Maksimālais modelis, amata vietas, skaits", "Degole/Tume", "Kopienas SD", 1),
    ("11.tabula", "positions", "Maksimālais modelis, amata vietas, skaits", ALL_PARISHES, "Kopā", 13),  # 2424
])
def test_staffing(extraction, table, metric, category, territory, subgroup, value):
    fact = one(extraction, table, metric=metric, category=category, territory=territory, subgroup=subgroup)
    assert fact.value == value
    assert fact.topic == {"residents": "population", "positions": "staff"}[metric]


def test_staffing_cell_with_unexplained_second_number(extraction):
    fact = one(extraction, "8.tabula", metric="positions", territory="Tukuma pilsēta", subgroup="Kopā")
    assert (fact.value, fact.raw_value, fact.year, fact.period) == (15, "15 -4", 2016, "2016-01-01")
    assert "'-4'" in fact.flag


def test_staffing_dates(extraction):
    residents = one(extraction, "8.tabula", metric="residents", territory="Degole")
    assert (residents.value, residents.period) == (677, "2014-01-01")
    assert "Dati iegūti uz 2014. gada sākumu" in residents.flag  # a date from another section: flagged
    model = facts_of(extraction, "9.tabula", category="Minimālais modelis, amata vietas, skaits")
    assert model and {(f.year, f.period) for f in model} == {(None, None)}


@pytest.mark.parametrize("table, category, subgroup, value", [
    ("10.tabula", "Kopā", "Minimālais modelis", 41375),  # line 2189
    ("10.tabula", "Degviela", "Minimālais modelis", 1875),  # line 2186
    ("12.tabula", "Transports astoņas vienības", "Maksimālais modelis", 56000),  # line 2454
    ("12.tabula", "Kopā", "Maksimālais modelis", 138262),  # line 2466
])
def test_funding_needs(extraction, table, category, subgroup, value):
    fact = one(extraction, table, category=category, subgroup=subgroup)
    assert (fact.topic, fact.metric, fact.unit, fact.value, fact.flag) == ("budget", "funding_need", "EUR", value, None)


# --------------------------------------------------------------------------- robustness

def test_missing_tables_give_messages_not_errors():
    lines = [TextLine(t, Location(line=i)) for i, t in enumerate(
        ["Sociālā darba izvērtējums Tukuma novadā", "Par sociālā darba modeli.", "Nekādu tabulu."], 1)]
    doc = ParsedDocument(path="x.txt", file_name="x.txt", sha256="0", format="txt", lines=lines)
    result = extract(doc)
    assert not [f for f in result.facts if re.match(r"\d+\.\s?tabula", f.table_label)]
    assert any("Klientu lietu skaits" in m for m in result.messages)
    assert result.info.published is None


def test_a_prose_figure_or_chart_that_is_not_found_is_reported(tmp_path):
    # The evaluation reports what its prose rules and chart specs miss, not only its tables: remove the
    # population sentence (line 8) and the focus-group chart dump (line 2586) and both are named.
    text = REPORT.read_text("utf-8").replace("Tukuma novadā dzīvo 31,9 tūkstoši iedzīvotāju",
                                             "Tukuma novadā dzīvo daudz iedzīvotāju")
    text = re.sub(r"\nSociālā palīdzība \(pabalsti\)\t[^\n]*", "\n", text)
    result = extract(document_from_text(tmp_path, REPORT.name, text))
    assert "no sentence matched population/residents/'iedzīvotāju skaits'" in result.messages
    assert "no chart data found for 'atbalsta formu atpazīstamība'" in result.messages
    assert not [f for f in result.facts if f.metric == "residents" and f.source_ref == "text, line 8"]


def _next_year(text: str) -> str:
    """The report as next year's edition might print it: years +1, a changed value, a row added to and one
    dropped from 1. tabula."""
    text = re.sub(r"(?<!\d)201[1-6](?!\d)", lambda m: str(int(m.group()) + 1), text)
    text = text.replace("\t105\u00a0486\n176\n", "\t111\u00a0222\n180\n")  # home care, last year
    lauciena = re.search(r"\tPansionāts „Lauciena”\n(?:.+\n)+\n", text)
    text = text[:lauciena.start()] + text[lauciena.end():]
    new_row = "\tKrīzes centrs\n\t1000\n5\n\t1100\n6\n\t1200\n7\n\t1300\n8\n\n"
    at = text.index("\tInvalīdu dienas centrs")
    return text[:at] + new_row + text[at:]


@pytest.fixture(scope="module")
def next_year(tmp_path_factory):
    return extract(document_from_text(tmp_path_factory.mktemp("next"),
                                      "tukuma_novads_2017_socialais_darbs_izvertejums.txt",
                                      _next_year(REPORT.read_text("utf-8"))))


def test_next_year_edition_ingests_without_code_change(next_year):
    assert {f.year for f in facts_of(next_year, SERVICES)} == {2013, 2014, 2015, 2016}
    assert one(next_year, SERVICES, category="Aprūpe mājās", year=2016, metric="spend").value == 111222
    assert one(next_year, SERVICES, category="Aprūpe mājās", year=2016, metric="persons").value == 180
    assert one(next_year, SERVICES, category="Aprūpe mājās", year=2013, metric="spend").value == 85842
    assert one(next_year, SERVICES, category="Krīzes centrs", year=2016, metric="spend").value == 1300
    assert not [f for f in next_year.facts if "Lauciena" in f.category]
    # The changed value and the new row no longer add up to the municipal subtotal; the dropped row no
    # longer adds up to the adults' care group (93 914 + 49 203 against 146 196).
    assert "rows add up to" in one(next_year, SERVICES, category="Pašvaldības nodrošinātie sociālie "
                                   "pakalpojumi", year=2016, metric="spend").flag
    assert "rows add up to" in one(next_year, SERVICES, category=ADULT_CARE, year=2014, metric="spend").flag
    assert {f.period for f in facts_of(next_year, "2.tabula")} == {"2016-03-31"}
    assert next_year.info.published == "2017"


def test_the_report_retold_as_another_municipalitys_is_read_under_its_name(tmp_path, extraction):
    # Whose report it is comes from its title ("Sociālā darba izvērtējums Tukuma novada pašvaldībā", line 1).
    text = REPORT.read_text("utf-8").replace("Tukuma novad", "Ogres novad")
    doc = document_from_text(tmp_path, "ogres_novads_2016_socialais_darbs_izvertejums.txt", text)
    retold = recognise(doc).extract(doc)
    assert (retold.layout, retold.info.municipality) == ("Tukums evaluation", "Ogres novads")
    assert len(retold.facts) == len(extraction.facts)
    assert {f.municipality for f in retold.facts} == {"Ogres novads", "Latvija"}
    assert {t[0] for t in retold.territories} == {"Ogres novads"}
    # the service's own name is the document's, not a name the rules hold
    assert [f for f in retold.facts if "Tukuma novad" in f.category] == []
    assert {f.category for f in retold.facts if "novada sociālais dienests" in f.category} == {
        "Ogres novada sociālais dienests", "Ogres novada sociālais dienests un Irlavas bērnu nams – patversme"}
