"""The generic reader's figures of running text and lists (ingest/generic/sentences.py): each form of
sentence, money and noise of ../design's "other layouts", on made-up sentences, with exact expectations
(value, unit, year, period, label, indicator, flags); what could be misread is not stored."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from ingest.generic.identity import DocumentIdentity
from ingest.generic.prose import PROSE_FILE, ProseError, load_prose
from ingest.generic.sentences import sentence_facts
from ingest.generic.units import UnitsError, load_units
from ingest.model import Location, ParsedDocument, TextLine
from ingest.rules.registry import Reading
from ingest.specs import FlowText

MUNICIPALITY = "Talsu novads"
CONTROL = "Pabalstu saņēma 10 personas."  # a sentence every noise test also holds: it must be read


def read(text: str, year: int | None = 2022, period: str | None = None, table_lines: set[int] = frozenset(),
         page: bool = False):
    lines = [TextLine(t, Location(page=1) if page else Location(line=i + 1)) for i, t in enumerate(text.split("\n"))]
    doc = ParsedDocument("zinas.txt", "zinas.txt", "0" * 64, "txt", lines)
    identity = DocumentIdentity(MUNICIPALITY, None, year, period or (str(year) if year else None))
    reading = Reading(doc=doc, flow=FlowText(lines), municipality=MUNICIPALITY, report_year=year, known={},
                      tables=[], table_lines=set(table_lines), identity=identity)
    return sentence_facts(reading)


def rows(out) -> list[tuple]:
    return [(f.value, f.unit, f.year, f.category, f.indicator) for f in out.facts]


def kinds(fact) -> list[str]:
    return [r.kind for r in fact.reasons]


def test_a_sentence_of_persons_households_and_euro():
    out = read("2022. gadā GMI pabalstu saņēma 412 personas (230 mājsaimniecības), izmaksāti 35 210,40 EUR.")
    assert rows(out) == [
        (412, "persons", 2022, "GMI pabalstu saņēma personas", "gmi_benefit_recipients"),
        (230, "households", 2022, "GMI pabalstu saņēma mājsaimniecības", "gmi_benefit_households"),
        # "izmaksāti" carries on the clause before; the catalogue's GMI words name both its spend and its
        # threshold, so no indicator is picked.
        (35210.40, "EUR", 2022, "GMI pabalstu saņēma izmaksāti", None),
    ]
    assert [f.raw_value for f in out.facts] == ["412 personas", "230 mājsaimniecības", "35 210,40 EUR"]
    assert [f.source_ref for f in out.facts] == ["text, line 1"] * 3
    assert all(kinds(f) == ["generic_reader"] and f.municipality == MUNICIPALITY and f.period == "2022"
               for f in out.facts)
    assert out.messages == []


def test_a_status_granted_to_households_and_persons():
    out = read("Trūcīgas personas statuss 2023. gadā piešķirts 27 ģimenēm (71 personai).", year=None)
    assert rows(out) == [(27, "households", 2023, "Trūcīgas personas statuss piešķirts ģimenēm",
                          "poor_households"),
                         (71, "persons", 2023, "Trūcīgas personas statuss piešķirts personai", "poor_persons")]


def test_a_comparison_in_brackets_has_its_own_year():
    out = read("Palīdzību 2022. gadā saņēma 512 ģimenes (2021. gadā – 640 ģimenes).")
    assert [(f.value, f.year, f.period) for f in out.facts] == [(512, 2022, "2022"), (640, 2021, "2021")]
    assert {f.category for f in out.facts} == {"Palīdzību saņēma ģimenes"}


def test_a_bracket_of_its_own_words_is_no_part_of_its_clause():
    out = read("GMI pabalstu saņēma 412 personas (t.sk. 120 bērni).")
    assert rows(out) == [(412, "persons", 2022, "GMI pabalstu saņēma personas", "gmi_benefit_recipients"),
                         (120, "persons", 2022, "t.sk. bērni", None)]


def test_a_list_item_is_labelled_by_its_head():
    out = read("3. Apkures pabalsts – 318 ģimenēm (702 cilv.) uz kopējo summu EUR 61 208,30")
    assert rows(out) == [
        (318, "households", 2022, "Apkures pabalsts ģimenēm", "housing_benefit_households"),
        (61208.30, "EUR", 2022, "Apkures pabalsts", "housing_benefit_spend"),
        (702, "persons", 2022, "Apkures pabalsts cilv", "housing_benefit_recipients"),
    ]
    assert [f.raw_value for f in out.facts] == ["318 ģimenēm", "EUR 61 208,30", "702 cilv."]


def test_an_ordinal_of_a_list_items_words_stays_in_its_label():
    out = read("Aprūpi mājās saņēma 138 personas:\n"
               "1. līmeņa aprūpe (1 līdz 2 reizes nedēļā) – 32 personas;\n"
               "2. līmeņa aprūpe (3 līdz 5 reizes nedēļā) – 68 personas;")
    assert [(f.value, f.category) for f in out.facts] == [
        (138, "Aprūpi mājās saņēma personas"), (32, "1. līmeņa aprūpe personas"),
        (68, "2. līmeņa aprūpe personas")]


def test_residents_who_did_something_are_not_the_municipalitys_residents():
    out = read("Pasākumu apmeklēja ap 70 iedzīvotāju. Novadā iedzīvotāju skaits ir 45 959 personas.")
    assert [(f.value, f.category, f.indicator) for f in out.facts] == [
        (70, "Pasākumu apmeklēja", None), (45959, "Novadā iedzīvotāju skaits ir personas", "residents")]


def test_a_year_after_the_municipalitys_name_is_no_festival():
    out = read("Talsu novadā 2021. gadā pabalstu saņēma 412 personas.", year=2022)
    assert rows(out) == [(412, "persons", 2021, "Talsu novadā pabalstu saņēma personas", None)]


def test_masked_text_leaves_nothing_in_a_label():
    out = read("Pieteicoties pa tālr. 26 123 456. pabalstu saņēma 412 personas.")
    assert [f.category for f in out.facts] == ["Pieteicoties pa pabalstu saņēma personas"]


def test_a_counted_noun_after_a_modifier():
    out = read("Pašvaldībā reģistrētas 927 trūcīgās mājsaimniecības.")
    assert rows(out) == [(927, "households", 2022, "Pašvaldībā reģistrētas trūcīgās mājsaimniecības",
                          "poor_households")]


@pytest.mark.parametrize("printed, value", [
    ("EUR 87 316,45", 87316.45), ("87 316,45 EUR", 87316.45), ("87 316,45 euro", 87316.45),
    ("87 316,45 eiro", 87316.45), ("€ 87 316,45", 87316.45), ("EUR 248,-", 248), ("41 207.35 EUR", 41207.35),
    ("298114 EUR", 298114),
])
def test_euro_in_its_spellings(printed, value):
    out = read(f"Pabalstos kopumā izmaksāti {printed}.")
    assert rows(out) == [(value, "EUR", 2022, "Pabalstos kopumā izmaksāti", "social_assistance_spend")]
    assert out.facts[0].raw_value == printed
    assert kinds(out.facts[0]) == ["generic_reader"]


@pytest.mark.parametrize("printed, value", [("2,7 miljoni eiro", 2_700_000), ("2, 4 miljoni eiro", 2_400_000),
                                            ("31,5 tūkst. EUR", 31_500), ("EUR 1,2 milj.", 1_200_000)])
def test_millions_and_thousands_are_scaled_and_approximate(printed, value):
    out = read(f"Sociālajai palīdzībai izlietoti {printed}.")
    assert [(f.value, f.unit, f.indicator) for f in out.facts] == [(value, "EUR", "social_assistance_spend")]
    assert kinds(out.facts[0]) == ["generic_reader", "approximate"]


def test_a_currency_between_two_numbers_is_the_first_ones_only_when_the_second_has_a_noun():
    out = read("Izmaksāti 35 210,40 EUR 300 personām.\nIzmaksāti 35 210,40 EUR 300.\n" + CONTROL)
    assert [(f.value, f.unit, f.line) for f in out.facts] == [(35210.40, "EUR", 1), (300, "persons", 1),
                                                              (10, "persons", 3)]


def test_lats_are_kept_as_lats_with_a_derived_euro_value():
    out = read("Pabalstos kopumā izmaksāti Ls 88 412 Ls, bet mājokļa pabalstiem 12 000 latu.", year=2012)
    lats = [(f.value, f.unit, f.category, kinds(f)) for f in out.facts]
    assert lats == [
        (88412, "LVL", "Pabalstos kopumā izmaksāti", ["generic_reader"]),
        (125798.94, "EUR", "Pabalstos kopumā izmaksāti", ["generic_reader", "derived_from_lvl"]),
        (12000, "LVL", "bet mājokļa pabalstiem", ["generic_reader"]),
        (17074.46, "EUR", "bet mājokļa pabalstiem", ["generic_reader", "derived_from_lvl"]),
    ]
    assert "0.702804" in out.facts[1].flag and "'Ls 88 412 Ls'" in out.facts[1].flag


@pytest.mark.parametrize("sentence, value, unit, kind", [
    ("Pabalstos izmaksāti gandrīz 250 tūkstoši eiro.", 250_000, "EUR", "approximate"),
    ("Pakalpojumu saņēma ap 40 personām.", 40, "persons", "approximate"),
    ("Pakalpojumu saņēma aptuveni 40 personas.", 40, "persons", "approximate"),
    ("Pabalstos izmaksāti vairāk nekā 600 tūkstoši eiro.", 600_000, "EUR", "lower_bound"),
    ("Pakalpojumu saņēma vairāk nekā 40 personas.", 40, "persons", "lower_bound"),
])
def test_approximate_figures_and_lower_bounds_are_flagged(sentence, value, unit, kind):
    out = read(sentence)
    assert [(f.value, f.unit, kinds(f)) for f in out.facts] == [(value, unit, ["generic_reader", kind])]


@pytest.mark.parametrize("sentence, value, unit", [
    ("Novadā darbojas Četrpadsmit audžuģimenes.", 14, "persons"),
    ("Pabalstu saņēma divas ģimenes.", 2, "households"),
    ("Pabalstu saņēma divdesmit trīs personas.", 23, "persons"),
    ("Pabalstu saņēma arī citas (divas ģimenes).", 2, "households"),
])
def test_numbers_in_words(sentence, value, unit):
    out = read(sentence)
    assert [(f.value, f.unit, kinds(f)) for f in out.facts] == [(value, unit, ["generic_reader", "written_in_words"])]


@pytest.mark.parametrize("sentence", [
    "Pabalstos izmaksāti par 3 250 euro vairāk nekā 2019. gadā.",
    "Pabalstos izmaksāti 3 250 euro vairāk nekā 2019. gadā.",
    "Pieaugums par 120 personām.",
    "Apmeklējumu skaits ir audzis par 119 apmeklējumiem.",
    "Saņēmēju skaits samazinājās par 120 personām.",
    "Pabalsts ir 150 euro mēnesī.",
    "Pabalsts tiek piešķirts EUR 100 apmērā.",
    "GMI līmenis ir 125 euro.",
    "Minimālā alga ir 620 euro.",
    "Vidējā pensija ir 480 euro.",
    "Pabalsts ir 150 euro mēnesī (2021. gadā – 128 euro).",
    "Saņēmēju skaits pieauga (2021. gadā – 640 personas).",
    "GMI pabalsta apmērs ir 150 euro.",
    "Pabalstu piešķir līdz 272 euro.",
    "Ienākumi līdz 272 euro uz vienu personu.",
    "Pakalpojumu saņēma no 2 līdz 12 personām.",
    "Vidēji 120 euro vienai personai.",
    "Mājokļa pabalstam plānotā summa 796 000 euro.",
    "Blīvums ir 26 cilvēki uz km2.",
    "Viens sociālais darbinieks uz 1000 iedzīvotājiem.",
    "Pabalsta saņēmēju īpatsvars ir 12%.",
    "Pabalstu saņēma divdesmit viena persona.",
    "Pabalstu saņēma 10 - 15 personas.",
    "Pabalstu saņēma 10–15 personas.",
])
def test_differences_rates_thresholds_plans_and_shares_are_not_amounts(sentence):
    assert rows(read(f"{sentence}\n{CONTROL}")) == [(10, "persons", 2022, "Pabalstu saņēma personas", None)]


@pytest.mark.parametrize("noise", [
    "Mēs izmantojam sīkdatnes, lai 30 dienas atcerētos 2 apmeklējumus.",
    "Vārda dienas: Anna, Ance, 12 personas",
    "Aptauja: vai esat apmierināts? Balsojuši 312 cilvēki",
    "Sākums | Par mums | 12 pakalpojumi | Kontakti",
    "Drukāt 2 lapas",
    "Foto: 12 bērni svētkos",
    "Pilsētai 800! Svētkos piedalījās tūkstošiem cilvēku.",
    "Tālr. 26 123 456 klientiem",
    "Zvaniet +371 63 123 456 personām",
    "Saistošie noteikumi Nr. 14/2019 personām",
    "Saskaņā ar likuma 10. panta 1. daļa personām",
    "Publicēts 09.04.2022 personām",
    "Pieņemšana plkst. 10.00 personām",
    "Adrese: Lielā iela 12 klientiem, LV-3101 personām",
    "12",
    "Lapa 3 no 12",
    "1.2 PERSONĀLS",
    "2022 bērni",
    "Izmaksāti 1,234 EUR",
    "Ģimenes17263391 personas",
    "Izmaksāti 31.0544.1239.80 EUR",
    "Rindā 412 35 210 personas",
    "Darbojas 12 bērnu grupas",
    "Sociālajam darbiniekam ir 23 ģimenes klientu lietas",
    "Darbā iesaistīti trīs lietveži",
    "Pilsētā dzīvo 800",
])
def test_page_furniture_and_numbers_without_a_clear_unit_give_no_figure(noise):
    assert rows(read(f"{noise}\n\n{CONTROL}")) == [(10, "persons", 2022, "Pabalstu saņēma personas", None)]


def test_lines_of_tables_are_left_to_the_tables():
    out = read("Pabalstu saņēma 412 personas.\nKlienti\t412 personas\nPabalstu saņēma 7 personas.",
               table_lines={0})
    assert [f.value for f in out.facts] == [7]


def test_a_sentence_runs_on_over_lines_and_a_heading_does_not():
    out = read("PABALSTI\nGMI pabalstu saņēma\n412 personas, izmaksājot\n23 262,21 euro.", page=True)
    assert rows(out) == [(412, "persons", 2022, "GMI pabalstu saņēma personas", "gmi_benefit_recipients"),
                         (23262.21, "EUR", 2022, "GMI pabalstu saņēma izmaksājot", None)]
    assert [f.source_ref for f in out.facts] == ["text, p. 1", "text, p. 1"]


def test_a_page_number_does_not_join_the_next_pages_first_line():
    out = read("Pabalstu saņēma 7 personas, un\n12\npersonas saņēma konsultācijas.")
    assert [f.value for f in out.facts] == [7]


def test_figures_are_placed_on_their_own_line():
    out = read("Ievads.\n\nPabalstu saņēma 412 personas.\nPakalpojumu saņēma\n7 personas.")
    assert [(f.value, f.line) for f in out.facts] == [(412, 3), (7, 5)]


def test_a_sentence_naming_two_years_dates_none_of_its_figures():
    out = read("2022. gadā, salīdzinot ar 2021. gadu, pabalstu saņēma 412 personas.")
    assert out.facts == []
    assert out.messages == ["text, line 1: '412 personas' not stored: its sentence names two years"]


def test_without_any_year_nothing_is_stored():
    out = read("Pabalstu saņēma 412 personas. Izmaksāti 35 210,40 EUR.", year=None)
    assert out.facts == []
    assert out.messages == ["2 figure(s) of the text not stored: neither they nor the document name a year"]


def test_a_figure_takes_the_documents_partial_period():
    out = read("Pabalstu saņēma 412 personas.", year=2023, period="2023-01-01..2023-06-30")
    assert [(f.year, f.period) for f in out.facts] == [(2023, "2023-01-01..2023-06-30")]


def test_a_30_page_text_is_read_fast():
    """As a report's pages are: a few figures among lines of prose, contacts at the foot. The time is the
    process's own (the best of three runs), so that other work on a busy machine does not decide."""
    prose = ["Sociālais dienests sniedz atbalstu ģimenēm ar bērniem un senioriem visā novada teritorijā,",
             "un tā darbinieki konsultē iedzīvotājus par pabalstiem un pakalpojumiem, kas pieejami 2022. gadā."]
    figures = "2022. gadā GMI pabalstu saņēma 412 personas (230 mājsaimniecības), izmaksāti 35 210,40 EUR."
    page = "\n".join([figures, *prose * 18, "Tālr. 63 123 456, e-pasts: dienests@example.lv, Lielā iela 3, LV-3101."])
    text = "\n".join([page] * 30)
    seconds = []
    for _ in range(3):
        started = time.process_time()
        out = read(text)
        seconds.append(time.process_time() - started)
    assert min(seconds) < 0.3
    assert len(out.facts) == 3 * 30


def test_a_clause_of_too_many_figures_is_not_read():
    out = read("Klienti " + " ".join(["12 personas"] * 13) + ".\n" + CONTROL)
    assert [f.value for f in out.facts] == [10]
    assert out.messages == ["text, line 1: a clause of 13 figures not read: more than a sentence says at once"]


def test_a_hostile_text_of_one_long_paragraph_costs_little():
    """A paragraph of 30 000 words that never ends its brackets nor its sentence, and says "par" at every
    turn: no pattern may rescan it from its start."""
    text = "(" + " ".join(["par 12 personām un (2021. gadā – Pabalsts. 3 EUR"] * 3_000) + " " + " ".join(
        ["12 personām"] * 5_000)
    started = time.process_time()
    read(text)
    assert time.process_time() - started < 3


@pytest.mark.parametrize("old, new, message", [
    ("# The words", "unknown = 1\n# The words", "prose.toml: unknown key 'unknown'"),
    ('approximate = ["gandrīz"', 'approximate = "ap"\nx = ["gandrīz"', "prose.toml: unknown key 'x'"),
    ('approximate = [', 'approximate = "ap"\nnothing = [', "prose.toml: unknown key 'nothing'"),
    ("not_amount_patterns = [", "not_amount_patterns = ['(sīkdat', ",
     "prose.toml: 'not_amount_patterns' has a bad regex '(sīkdat'"),
    ("value = 2\n", 'value = "two"\n', "prose.toml: [[number_word]] 1: 'value' must be a whole number of 1 or more"),
    ("value = 2\n", "value = 2\nsize = 1\n", "prose.toml: [[number_word]] 1: unknown key 'size'"),
    ('words = ["trīs", "trim"]', 'words = ["trīs", "divi"]',
     "prose.toml: [[number_word]] 2: 'divi' is already the number 2"),
])
def test_a_wrong_prose_file_is_refused_in_one_line(tmp_path: Path, old, new, message):
    good = PROSE_FILE.read_text(encoding="utf-8")
    assert old in good
    path = tmp_path / "prose.toml"
    path.write_text(good.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ProseError) as raised:
        load_prose(path)
    assert str(raised.value).startswith(message) and "\n" not in str(raised.value)


def test_a_list_of_words_that_is_no_list_is_refused(tmp_path: Path):
    path = tmp_path / "prose.toml"
    path.write_text(PROSE_FILE.read_text(encoding="utf-8").replace(
        'approximate = ["gandrīz", "aptuveni", "apmēram", "ap", "teju", "~"]', 'approximate = "ap"'),
        encoding="utf-8")
    with pytest.raises(ProseError, match=r"^prose.toml: 'approximate' must be a list of words$"):
        load_prose(path)


def test_a_counted_noun_is_a_stem_and_a_case_ending():
    units = load_units()
    words = ("personām", "cilv.", "lietām", "lietveži", "lietotāji", "bērnudārzs")
    assert [units.noun_unit(w) for w in words] == ["persons", "persons", "cases", None, None, None]


def test_a_wrong_units_file_is_refused_in_one_line(tmp_path: Path):
    path = tmp_path / "units.toml"
    path.write_text('lvl_per_eur = 0.702804\n[[noun]]\nunit = "sheep"\nstems = ["aitas"]\n', encoding="utf-8")
    with pytest.raises(UnitsError, match=r"^units.toml: \[\[noun\]\] 1: unit 'sheep' is not a unit of the names seed$"):
        load_units(path)


def test_the_period_is_read_from_the_sentence_as_printed(monkeypatch):
    """Dates are masked for reading figures ("01.10.2017" is no number), but the period words see them."""
    from ingest.generic import sentences
    from ingest.specs import Dated

    seen = []

    def period_of(text, identity):
        seen.append(text)
        return Dated(2017, "2017-10-01") if "01.10.2017." in text else None

    monkeypatch.setattr(sentences, "period_in", period_of)
    out = read("Uz 01.10.2017. reģistrēti 300 bezdarbnieki.", year=2018)
    assert [(f.value, f.unit, f.year, f.period, f.category) for f in out.facts] == \
        [(300, "persons", 2017, "2017-10-01", "Uz reģistrēti bezdarbnieki")]
    assert seen[0] == "Uz 01.10.2017. reģistrēti 300 bezdarbnieki."


def test_the_generic_layout_reads_a_documents_sentences():
    """Through the engine: whose the document is from its own words, its sentences' figures as facts."""
    from ingest.layouts.generic import generic_layout

    text = ("Talsu novada Sociālais dienests: 2022. gada pārskats\n\n"
            "GMI pabalstu saņēma 412 personas, izmaksāti 35 210,40 EUR.\nTālr. 63 123 456")
    lines = [TextLine(t, Location(line=i + 1)) for i, t in enumerate(text.split("\n"))]
    extraction = generic_layout().extract(ParsedDocument("zinas.txt", "zinas.txt", "0" * 64, "txt", lines))
    assert [(f.municipality, f.year, f.value, f.unit, f.indicator, f.source_ref) for f in extraction.facts] == [
        ("Talsu novads", 2022, 412, "persons", "gmi_benefit_recipients", "text, line 3"),
        ("Talsu novads", 2022, 35210.40, "EUR", None, "text, line 3")]
