"""Whose document it is and when, as the generic reader tells it (ingest/generic/identity.py): made-up
documents, each an exact expectation."""
from __future__ import annotations

from pathlib import Path

import pytest

from ingest.flags import reason
from ingest.generic.identity import DocumentIdentity, document_identity, period_in
from ingest.generic.identity_words import IDENTITY_WORDS_FILE, IdentityWordsError, load_identity_words
from ingest.model import Location, ParsedDocument, TextLine
from ingest.specs import Dated, FlowText
from ingest.worker import extract_file
from test_pdf_reader import make_pdf, text
from warehouse.seeds import load_municipalities, municipality_by_form, municipality_mentions


def _doc(*lines: str, file_name: str = "dokuments.txt") -> ParsedDocument:
    return ParsedDocument(path=file_name, file_name=file_name, sha256="0" * 64, format="txt",
                          lines=[TextLine(text, Location(line=i)) for i, text in enumerate(lines, 1)])


def _identity(*lines: str, file_name: str = "dokuments.txt") -> DocumentIdentity:
    doc = _doc(*lines, file_name=file_name)
    return document_identity(doc, FlowText(doc.lines))


_FILLER = ["Sociālā palīdzība ir atbalsts tiem, kam tā vajadzīga."] * 8  # past the document's first lines


# --------------------------------------------------------------------------- the municipality

@pytest.mark.parametrize("self_name, municipality", [
    ("Talsu novada Sociālais dienests", "Talsu novads"),
    ("Rīgas Sociālais dienests", "Rīga"),
    ("Liepājas pilsētas Sociālais dienests", "Liepāja"),
    ("Daugavpils valstspilsētas pašvaldības iestāde “Sociālais dienests”", "Daugavpils"),
    ("Ogres novada pašvaldība", "Ogres novads"),
    ("JĒKABPILS NOVADA SOCIĀLĀ DIENESTA PUBLISKAIS PĀRSKATS", "Jēkabpils novads"),
])
def test_the_document_s_name_for_itself_names_its_municipality(self_name, municipality):
    other = "Pieredzē dalījāmies ar Dienvidkurzemes novadā strādājošajiem."  # a mention of another
    assert _identity(self_name, other, "Pārskats par darbu.").municipality == municipality


def test_a_name_for_itself_wins_over_more_mentions_of_another():
    lines = ["Jaunumi", *["Sadarbība ar Jēkabpils novadā strādājošajiem."] * 5, "Rojas novada sociālais dienests"]
    assert _identity(*lines).municipality == "Rojas novads"


def test_the_first_name_for_itself_of_the_first_lines_wins():
    lines = ["Ogres novada Sociālais dienests", "Kopā ar Ķeguma novada sociālo dienestu rīkojām semināru."]
    assert _identity(*lines).municipality == "Ogres novads"


def test_another_municipality_s_service_spoken_of_is_no_name_for_itself():
    lines = ["Jaunumi", "Sadarbībā ar Ķeguma novada sociālo dienestu atvērts centrs.",
             "Ogres novadā tas ir pirmais, Ogres novadā to gaidīja, Ogres novadā to apmeklēs daudzi."]
    assert _identity(*lines).municipality == "Ogres novads"


def test_a_name_for_itself_further_on_counts_when_one_dominates():
    lines = [*_FILLER, "Kontakti: Talsu novada sociālais dienests.", "Talsu novada sociālais dienests strādā.",
             "Talsu novada sociālais dienests palīdz.", "Pieredzē dalījās Jēkabpils novada sociālais dienests."]
    assert _identity(*lines).municipality == "Talsu novads"


def test_names_for_itself_of_two_municipalities_none_dominating_name_none():
    lines = [*_FILLER, "Talsu novada sociālais dienests un Rojas novada sociālais dienests strādā kopā."]
    identity = _identity(*lines)
    assert (identity.municipality, identity.reasons) == (None, ())


def test_a_former_municipality_is_itself_and_its_successor_is_known():
    identity = _identity("Salacgrīvas novada sociālais dienests", "Pārskats par 2018. gadu")
    assert identity.municipality == "Salacgrīvas novads"
    former = next(m for m in load_municipalities() if m.municipality == "Salacgrīvas novads")
    assert (former.is_current, former.became_part_of) == (False, "Limbažu novads")


def test_a_name_both_eras_have_is_the_seed_s_one_name():
    assert _identity("Talsu novada pašvaldība", "Pārskats par 2019. gadu").municipality == "Talsu novads"
    assert _identity("Talsu novada pašvaldība", "Pārskats par 2023. gadu").municipality == "Talsu novads"


def test_a_council_chair_of_another_municipality_is_no_name_for_itself():
    lines = ["Seminārs par sociālajiem pakalpojumiem", "Uzrunu teica Jaunjelgavas novada domes priekšsēdētājs.",
             "Ogres novadā strādā 12 sociālie darbinieki.", "Ogres novadā ir divi centri.",
             "Ogres novada iedzīvotāji tos apmeklē."]
    assert _identity(*lines).municipality == "Ogres novads"


def test_a_municipality_named_clearly_most_often_is_the_document_s():
    lines = ["Jaunumi", "Ogres novadā atvērts dienas centrs.", "Ogres novadā tas ir trešais.",
             "Ogres novada iedzīvotāji to gaidīja; līdzīgs ir Ķeguma novadā."]
    assert _identity(*lines).municipality == "Ogres novads"


@pytest.mark.parametrize("lines", [
    ["Jaunumi", "Ogres novadā atvērts dienas centrs."],  # named once only
    ["Jaunumi", "Ogres novadā un Ķeguma novadā atvērti centri.", "Ogres novadā un Ķeguma novadā tos gaida."],
])
def test_a_municipality_named_once_or_no_more_than_another_is_none(lines):
    assert _identity(*lines).municipality is None


def test_a_street_or_a_university_named_after_a_town_names_no_municipality():
    lines = ["Dienas centrs", "Adrese: Rīgas iela 5, Rīgas iela 7.", "Lektori no Rīgas Stradiņa universitātes.",
             *_FILLER * 5, "Ogres novadā centru apmeklē daudzi.", "Ogres novada iedzīvotāji to atzinīgi vērtē."]
    assert _identity(*lines).municipality == "Ogres novads"


@pytest.mark.parametrize("lines, municipality", [
    (["Aptauja", "Latvijā sociālajos dienestos strādā daudzi.", "Latvijas iedzīvotāji tos vērtē."], "Latvija"),
    (["Aptauja", "Latvijā strādā daudzi: Latvijā, Latvijā, arī Rīgā.", "Rīga, LV-1050, Rīga, LV-1050"], "Latvija"),
    (["Aptauja", "Latvijā un Ogres novadā, Ogres novadā, Ogres novadā."], "Ogres novads"),
    (["Aptauja", "Latvijā strādā daudzi, arī Rojas novadā."], None),
    (["Aptauja", "Rīgā un Latvijā kopumā: Rīgā 40, Latvijā 400."], None),
])
def test_the_country_is_the_document_s_as_a_municipality_is(lines, municipality):
    assert _identity(*lines).municipality == municipality


@pytest.mark.parametrize("file_name, municipality", [
    ("talsu_novads_2023_parskats.txt", "Talsu novads"),
    ("jekabpils-novada-parskats.txt", "Jēkabpils novads"),  # without its diacritics
])
def test_the_file_name_is_the_last_resort_and_every_figure_says_so(file_name, municipality):
    identity = _identity("Pārskats par darbu", "Pabalstus saņēma 40 personas.", file_name=file_name)
    assert identity.municipality == municipality
    assert identity.reasons == (reason("municipality_from_file_name", name=municipality),)


def test_the_file_name_only_picks_among_the_municipalities_the_text_is_torn_between():
    lines = ["Jaunumi", "Ogres novadā un Ķeguma novadā atvērti centri.", "Ogres novadā un Ķeguma novadā."]
    picked = _identity(*lines, file_name="ogres_novads_jaunumi.txt")
    assert (picked.municipality, picked.reasons) == ("Ogres novads",
                                                     (reason("municipality_from_file_name", name="Ogres novads"),))
    assert _identity(*lines, file_name="talsu_novads_jaunumi.txt").municipality is None


def test_a_document_and_a_file_name_that_name_none_name_none():
    identity = _identity("Sanāksmes piezīmes", "Runājām par darbu.", file_name="piezimes.txt")
    assert (identity.municipality, identity.reasons) == (None, ())


def test_mentions_are_each_naming_in_order_with_the_words_after_it():
    found = municipality_mentions("Talsu novada Sociālais dienests, Rīgas iela 5; Talsu, novada")
    assert [(m.municipality, m.form, m.after) for m in found] == [
        ("Talsu novads", "talsu novada", " sociālais dienests, rīgas iela 5; talsu, novada"),
        ("Rīga", "rīgas", " iela 5; talsu, novada"),
    ]
    assert municipality_by_form("Latvijas Tukuma novada") == "Tukuma novads"


# --------------------------------------------------------------------------- the document's period and date

@pytest.mark.parametrize("lines, year, period", [
    (["Talsu novada Sociālais dienests", "Publiskais pārskats par 2022. gadu"], 2022, "2022"),
    (["Pielikums", "Domes 27.03.2024. lēmumam Nr. 5", "2023. GADA PUBLISKAIS PĀRSKATS"], 2023, "2023"),
    (["Darbības pārskats 2023. gada pirmajā pusgadā"], 2023, "2023-01-01..2023-06-30"),
    (["Sociālā dienesta darbības pārskats", "2021"], 2021, "2021"),
    (["Sociālā dienesta attīstības stratēģija", "2016-2020"], None, "2016..2020"),
    (["Ziņojums par situāciju uz 2017. gada 1. oktobri"], 2017, "2017-10-01"),
    (["Sociālā palīdzība 2022. gada aprīlī"], 2022, "2022-04-01..2022-04-30"),
])
def test_the_report_s_period_is_that_of_its_title(lines, year, period):
    identity = _identity(*lines)
    assert (identity.report_year, identity.period) == (year, period)


@pytest.mark.parametrize("lines", [
    # A paragraph's year is a sentence's, not the report's.
    ["Ievads", "Sociālā dienesta pārskatā aprakstīts, ka 2009. gadā novadā dzīvoja daudz vairāk iedzīvotāju nekā "
     "pašlaik, un tas ir jāņem vērā, plānojot sociālos pakalpojumus nākamajiem gadiem."],
    ["Pārskats", "Saskaņā ar 2019. gada 12. marta noteikumiem Nr. 5"],  # a legal reference
    ["Jaunumi", "Dienas centrs darbojas kopš 2019. gada."],
    ["Sociālā dienesta pārskats", "Tālr. 6322 2021, 6322 2020"],  # a phone number's groups
])
def test_a_document_whose_title_names_no_period_has_none(lines):
    identity = _identity(*lines)
    assert (identity.report_year, identity.period) == (None, None)


@pytest.mark.parametrize("line", ["Publicēts 09.04.2022.", "Publicēts: 2022. gada 9. aprīlī",
                                  "Ievietots 9.04.2022"])
def test_the_page_s_own_date_is_its_publication_date_and_no_period(line):
    identity = _identity("Jaunumi no sociālā dienesta", line, "Sociālo dienestu apmeklē daudzi.")
    assert (identity.published, identity.period) == ("2022-04-09", None)


def test_pern_in_the_title_counts_from_the_publication_date():
    identity = _identity("Pērn pabalstus saņēma 412 personas", "Publicēts 09.04.2022.")
    assert (identity.published, identity.report_year, identity.period) == ("2022-04-09", 2021, "2021")


# --------------------------------------------------------------------------- a clause's period

_REPORT = DocumentIdentity("Talsu novads", "Pārskats", 2022, "2022", published="2023-04-09")


@pytest.mark.parametrize("text, year, period", [
    ("2022. gadā GMI pabalstu saņēma 412 personas", 2022, "2022"),
    ("par 2021. gadu izmaksāti 35 210,40 EUR", 2021, "2021"),
    ("2021. gada pārskatā minēts", 2021, "2021"),
    ("2021.g. izmaksāti", 2021, "2021"),
    ("512 ģimenes (2021. gadā – 640 ģimenes)", 2021, "2021"),
    ("2023. gada pirmajā pusgadā", 2023, "2023-01-01..2023-06-30"),
    ("2023. gada II pusgadā", 2023, "2023-07-01..2023-12-31"),
    ("pirmajā pusgadā pabalstu saņēma", 2022, "2022-01-01..2022-06-30"),  # the report's year
    ("6 mēnešos pabalstu saņēma", 2022, "2022-01-01..2022-06-30"),
    ("9 mēnešos", 2022, "2022-01-01..2022-09-30"),
    ("4. ceturksnī", 2022, "2022-10-01..2022-12-31"),
    ("2021. gada IV ceturksnī", 2021, "2021-10-01..2021-12-31"),
    ("aprīlī izmaksāti", 2022, "2022-04-01..2022-04-30"),
    ("2020. gada decembrī", 2020, "2020-12-01..2020-12-31"),
    ("uz 01.10.2017. reģistrēti", 2017, "2017-10-01"),
    ("uz 2017. gada 1. oktobri reģistrēti", 2017, "2017-10-01"),
    ("Stāvoklis 31.12.2020.", 2020, "2020-12-31"),
    ("31.12.2020.", 2020, "2020-12-31"),  # a heading that is the date alone
    ("pērn pabalstu saņēma", 2022, "2022"),  # the year before the publication date, 2023
    ("šogad", 2023, "2023"),
    ("aizpērn", 2021, "2021"),
    ("pērnā gada otrajā pusgadā", 2022, "2022-07-01..2022-12-31"),
])
def test_a_clause_names_its_period(text, year, period):
    assert period_in(text, _REPORT) == Dated(year, period)


def test_relative_years_count_from_the_report_year_without_a_publication_date():
    report = DocumentIdentity("Talsu novads", "Pārskats", 2022, "2022")
    assert period_in("pērn", report) == Dated(2021, "2021")
    assert period_in("pērn", None) is None
    assert period_in("pirmajā pusgadā", None) is None


def test_a_span_of_years_is_no_year():
    assert period_in("2019.–2021. gadā izmaksāti", _REPORT) == Dated(None, "2019..2021")


@pytest.mark.parametrize("text", [
    "Nr. 14/2019",
    "saskaņā ar 2019. gada 12. marta noteikumiem Nr. 5",  # a legal reference
    "MK 2020. gada 17. decembra noteikumi Nr. 809 nosaka",
    "2020. gada likumā noteikts",
    "2022. gada 12. martā notika seminārs",  # an event's day
    "12. aprīlī notika seminārs",
    "par 3 250 euro vairāk nekā 2019. gadā",  # compared with
    "salīdzinājumā ar 2019. gadu",
    "dienas centrs darbojas kopš 2019. gada",  # since
    "pēdējos 6 mēnešos",
    "2021./2022. gada apkures sezonā",  # a season of two years is no calendar year
    "Vārda dienas: Ella, Elfa",
])
def test_legal_references_events_and_comparisons_date_nothing(text):
    assert period_in(text, DocumentIdentity("Talsu novads", None, None, None)) is None


@pytest.mark.parametrize("text", [
    "salīdzinājumā ar 2021. gada pirmo pusgadu",  # the half of a year that dates nothing
    "otrajā pusgadā 40, bet kopš 2019. gada 80",
])
def test_a_part_of_a_year_beside_a_year_that_dates_nothing_dates_nothing(text):
    assert period_in(text, _REPORT) is None


def test_a_part_of_a_year_is_that_of_its_own_clause():
    assert period_in("otrajā pusgadā 40, bet 2022. gadā kopā 80", _REPORT) == Dated(2022, "2022")
    assert period_in("pirmajā pusgadā 2021. gadā", _REPORT) == Dated(2021, "2021-01-01..2021-06-30")


def test_the_first_period_a_clause_names_wins_and_a_legal_year_before_it_is_passed_over():
    assert period_in("Saskaņā ar 2019. gada noteikumiem 2022. gadā izmaksāti", _REPORT) == Dated(2022, "2022")


# --------------------------------------------------------------------------- the words file

def _words_file(tmp_path: Path, old: str, new: str) -> Path:
    text = IDENTITY_WORDS_FILE.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "identity.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize("old, new, message", [
    ("least_mentions = 2", "least_mentions = 2\nmost = 3",
     "identity.toml: [municipality] unknown key 'most'; it takes dominance, least_mentions, not_named, self_name"),
    ("dominance = 3", "dominance = 'three'",
     "identity.toml: [municipality] dominance: must be a whole number from 1 to 1000000"),
    ("least_mentions = 2\n", "", "identity.toml: [municipality] 'least_mentions' is missing"),
    ("as_of = ['uz',", "as_of = ['(uz',",
     "identity.toml: [period] as_of: '(uz' is not a regular expression (missing ), unterminated subpattern at "
     "position 0)"),
    ("published = ['publicēts',", "published = [3, 'publicēts',",
     "identity.toml: [period] published: must be a list of patterns"),
    ("months = [7, 12]", "months = [12, 7]", "identity.toml: [[period.part]] 2: 'months' 12 is after 7"),
    ("years = -2", "years = 'pērn'", "identity.toml: [[period.relative]] 3: 'years': must be a whole number from "
                                     "-10 to 0"),
    ("years = 0\n", "years = 0\nweeks = 1\n",
     "identity.toml: [[period.relative]] 1: unknown key 'weeks'; it takes words, years"),
    ("[period]", "[periods]", "identity.toml: unknown key 'periods'; it takes municipality, period"),
    ("dominance = 3", "dominance = ", "identity.toml: cannot be read: Invalid value (at line {line}, column 13)"),
])
def test_a_wrong_words_file_is_refused_in_one_line_naming_the_key(tmp_path, old, new, message):
    with pytest.raises(IdentityWordsError) as error:
        load_identity_words(_words_file(tmp_path, old, new))
    line = IDENTITY_WORDS_FILE.read_text(encoding="utf-8").splitlines().index(old) + 1 if "{line}" in message else 0
    assert str(error.value) == message.format(line=line)


def test_the_words_file_loads():
    words = load_identity_words()
    assert [(p.first_month, p.last_month) for p in words.parts][:2] == [(1, 6), (7, 12)]
    assert [r.years for r in words.relative] == [0, -1, -2]


# --------------------------------------------------------------------------- whole files, through the reader

def test_a_made_up_report_of_a_municipality_no_layout_knows(tmp_path):
    path = tmp_path / "parskats.txt"
    path.write_text("Talsu novada Sociālais dienests\n\nDarbības pārskats par 2023. gadu\n\nPublicēts 09.04.2024.\n\n"
                    "2023. gadā GMI pabalstu saņēma 412 personas.\n", encoding="utf-8")
    _, extraction = extract_file(path)
    info = extraction.info
    assert (extraction.layout, info.municipality, info.period, info.published) == \
        ("generic", "Talsu novads", "2023", "2024-04-09")


def test_a_made_up_news_item_named_only_by_its_file(tmp_path):
    path = tmp_path / "ogres_novads_jaunumi.txt"
    path.write_text("Pērn pabalstus saņēma 300 ģimenes\nPublicēts: 2022. gada 3. maijā\n"
                    "Sociālais dienests aicina pieteikties.\n", encoding="utf-8")
    doc, extraction = extract_file(path)
    info = extraction.info
    assert (extraction.layout, info.municipality, info.period, info.published) == \
        ("generic", "Ogres novads", "2021", "2022-05-03")
    # The engine adds these to every figure of the document.
    assert document_identity(doc, FlowText(doc.lines)).reasons == \
        (reason("municipality_from_file_name", name="Ogres novads"),)


def test_a_made_up_pdf_of_a_municipality_named_in_it(tmp_path):
    # Helvetica prints no Latvian letters: the words are those a PDF without them would hold.
    page = " ".join(text(20, 360 - 20 * i, line) for i, line in enumerate(
        ["Ogres novada 2023. gada dati", "Ogres novada iedzivotaji", "Ogres novada centri"]))
    path = tmp_path / "dati.pdf"
    path.write_bytes(make_pdf([page, text(20, 360, "Otra lapa")]))
    _, extraction = extract_file(path)
    info = extraction.info
    assert (extraction.layout, info.municipality, info.period) == ("generic", "Ogres novads", "2023")
