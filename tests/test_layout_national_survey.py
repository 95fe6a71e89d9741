"""The national survey of municipal social services (slides, February 2017): every figure of the raw file,
hand-checked, with the checks its numbers allow."""
from __future__ import annotations

from pathlib import Path

import pytest

from ingest.layouts import layout_named, recognise
from ingest.readers import read_document
from report_variants import document_from_text

LAYOUT = layout_named("national survey")
extract = LAYOUT.extract
ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "raw_reports" / "latvija_2017_socialo_dienestu_aptauja.txt"
FEBRUARY = "2017-02-01..2017-02-28"
ANSWERING = "atbildējušās pašvaldības"
FAMILY_WORKERS = "sociālie darbinieki darbam ar ģimeni un bērniem"
SPECIALISTS = "sociālā darba speciālisti"
THRESHOLD = "slieksnis, virs kura nav iespējams pievērsties visiem klientiem"


@pytest.fixture(scope="module")
def ex():
    return extract(read_document(RAW))


def ingest_text(tmp_path: Path, text: str):
    return extract(document_from_text(tmp_path, RAW.name, text))


# (topic, metric, category, subgroup, territory, period, unit, value, printed), in the order of the slides
FIGURES = [
    # "Saņemtas atbildes: - no 106 pašvaldību sociālo dienestu vadītājiem - no 207 sociālajiem darbiniekiem darbam
    # ar ģimeni un bērniem (t.sk.2 vīrieši)"
    ("survey", "respondents", "pašvaldību sociālo dienestu vadītāji", None, None, FEBRUARY, "persons", 106, "106"),
    ("survey", "respondents", FAMILY_WORKERS, None, None, FEBRUARY, "persons", 207, "207"),
    ("survey", "respondents", FAMILY_WORKERS, "vīrieši", None, FEBRUARY, "persons", 2, "2"),
    # "2017.gada sākumā sociālajos dienestos 69,4 % no nepieciešamā sociālā darba speciālistu skaita"
    ("staff", "specialists", SPECIALISTS, "no nepieciešamā skaita", ANSWERING, FEBRUARY, "percent", 69.4, "69,4 %"),
    # "SPSPL nosaka, ka katrā pašvaldībā jābūt 1 sociālā darba speciālistam uz 1000 iedzīvotājiem"
    ("staff", "specialists_per_1000", SPECIALISTS, "SPSPL norma", None, FEBRUARY, "per_1000", 1, "1"),
    # "šajās 106 pašvaldībās bija 1959535* iedzīvotāji - nepieciešami 1960 sociālā darba speciālisti", "*PMLP,
    # 01.01.2017."
    ("population", "residents", "iedzīvotāju skaits", None, ANSWERING, "2017-01-01", "persons", 1959535, "1959535"),
    ("staff", "specialists_required", SPECIALISTS, None, ANSWERING, FEBRUARY, "persons", 1960, "1960"),
    # "SD sniegtās atbildes – 1360 sociālā darba speciālisti, t.sk. 1024 sociālie darbinieki (no kuriem 348 SD
    # darbam ar ģimeni un bērniem)"
    ("staff", "specialists", SPECIALISTS, None, ANSWERING, FEBRUARY, "persons", 1360, "1360"),
    ("staff", "specialists", SPECIALISTS, "sociālie darbinieki", ANSWERING, FEBRUARY, "persons", 1024, "1024"),
    ("staff", "specialists", SPECIALISTS, "sociālie darbinieki darbam ar ģimeni un bērniem", ANSWERING, FEBRUARY,
     "persons", 348, "348"),
    # "4 pašvaldībās nav SD darbam ar ģimeni un bērniem"
    ("staff", "municipalities", "pašvaldības, kurās nav SD darbam ar ģimeni un bērniem", None, ANSWERING, FEBRUARY,
     "count", 4, "4"),
    # "klientu lietu skaita maksimālā robeža dažādās valstīs variē no 20 līdz 35 lietām"
    ("caseload", "cases_per_worker", "maksimālā robeža dažādās valstīs", "min", None, FEBRUARY, "cases", 20, "20"),
    ("caseload", "cases_per_worker", "maksimālā robeža dažādās valstīs", "max", None, FEBRUARY, "cases", 35, "35"),
    # "207 darbinieki strādā ar 11757 klientu lietām, ... – vidēji 25-30 tūkstoši cilvēku"
    ("caseload", "workers", FAMILY_WORKERS, None, None, FEBRUARY, "persons", 207, "207"),
    ("caseload", "active_cases", FAMILY_WORKERS, None, None, FEBRUARY, "cases", 11757, "11757"),
    ("caseload", "persons_in_cases", FAMILY_WORKERS, "min", None, FEBRUARY, "persons", 25000, "25-30 tūkstoši"),
    ("caseload", "persons_in_cases", FAMILY_WORKERS, "max", None, FEBRUARY, "persons", 30000, "30 tūkstoši"),
    # "Aptuvenais personu skaits klientu lietās ... ir 36 003, kas ir vidēji 3,28 personas uz tā klientu lietu"
    ("caseload", "persons_in_cases", FAMILY_WORKERS, None, None, FEBRUARY, "persons", 36003, "36 003"),
    ("caseload", "persons_per_case", FAMILY_WORKERS, None, None, FEBRUARY, "persons", 3.28, "3,28"),
    # "Līdzko sociālajam darbiniekam klientu lietu skaits pieaug virs 20-25 ..."
    ("caseload", "cases_per_worker", THRESHOLD, "min", None, FEBRUARY, "cases", 20, "20"),
    ("caseload", "cases_per_worker", THRESHOLD, "max", None, FEBRUARY, "cases", 25, "25"),
    # "53 sociālo darbinieku atbildēs klienta zemā motivācija un nevēlēšanās sadarboties ir minēti kā viens no
    # nozīmīgākajiem šķēršļiem"
    ("survey", "respondents", FAMILY_WORKERS, "minējuši: klienta zemā motivācija un nevēlēšanās sadarboties", None,
     FEBRUARY, "persons", 53, "53"),
]


@pytest.mark.parametrize("topic, metric, category, subgroup, territory, period, unit, value, printed", FIGURES)
def test_figure(ex, topic, metric, category, subgroup, territory, period, unit, value, printed):
    found = [f for f in ex.facts if (f.topic, f.metric, f.category, f.subgroup, f.territory, f.period, f.unit)
             == (topic, metric, category, subgroup, territory, period, unit)]
    assert len(found) == 1
    fact = found[0]
    assert fact.value == pytest.approx(value)
    assert fact.raw_value == printed
    assert (fact.municipality, fact.year) == ("Latvija", 2017)
    assert fact.source_ref.startswith("text, line ")


def test_every_figure_and_no_other(ex):
    assert len(ex.facts) == len(FIGURES)
    assert ex.messages == []
    assert ex.raw_cells == []


def test_source_lines(ex):
    lines = {(f.metric, f.subgroup): f.source_ref for f in ex.facts if f.topic == "staff"}
    assert lines[("specialists", None)] == "text, line 26"
    assert lines[("specialists", "sociālie darbinieki darbam ar ģimeni un bērniem")] == "text, line 27"


def test_persons_per_case_disagrees_with_its_own_figures(ex):
    # 36 003 persons in 11 757 cases are 3,06 persons per case, not the 3,28 printed.
    per_case = next(f for f in ex.facts if f.metric == "persons_per_case")
    assert per_case.flag == "36,003 / 11,757 = 3.06, not '3,28'"
    assert per_case.flag_lv == "36 003 / 11 757 = 3,06, nevis '3,28'"


def test_the_persons_in_cases_lie_outside_the_range_printed_for_them(ex):
    # "vidēji 25-30 tūkstoši cilvēku" (line 62) against "Aptuvenais personu skaits klientu lietās ... ir 36 003"
    # (line 70): all three figures flagged.
    flagged = [f for f in ex.facts if "outside_range" in [r.kind for r in f.reasons]]
    assert sorted(f.raw_value for f in flagged) == ["25-30 tūkstoši", "30 tūkstoši", "36 003"]
    assert the_exact(ex).flag_lv == "'36 003' (teksts, 70. rinda) ir ārpus intervāla 25 000–30 000 (teksts, 62. rinda)"


def the_exact(ex):
    return next(f for f in ex.facts if f.metric == "persons_in_cases" and f.subgroup is None)


def test_share_and_norm_agree_with_the_counts(ex):
    # 1360 / 1960 = 69,39 % (printed 69,4 %); 1 959 535 residents / 1 000 = 1 959,5 -> 1960 required.
    assert [f for f in ex.facts if f.metric in ("specialists", "specialists_required") and f.flag] == []


def test_a_figure_printed_in_thousands_is_approximate(ex):
    # "vidēji 25-30 tūkstoši cilvēku" (line 62): rounded to the thousand.
    rounded = {f.subgroup: (f.value, f.reasons[0].text("lv")) for f in ex.facts
               if f.metric == "persons_in_cases" and f.subgroup}
    assert rounded == {"min": (25000, "aptuvens skaitlis: nodrukāts '25-30 tūkstoši', ap 25 000"),
                       "max": (30000, "aptuvens skaitlis: nodrukāts '30 tūkstoši', ap 30 000")}


def test_document_info(ex):
    assert (ex.info.municipality, ex.info.kind, ex.info.period, ex.info.published) == \
        ("Latvija", "survey", "2017", "2017-02")
    assert ex.info.title == "Pašvaldību sociālo dienestu aptauja (2017-02)"


def test_the_answering_municipalities_are_one_unit(ex):
    assert ex.territories == [("Latvija", "atbildējušās pašvaldības", "unit")]


def test_recognised_by_its_words():
    assert recognise(read_document(RAW)) is LAYOUT
    for other in ("tukuma_novads_2016_socialais_darbs_izvertejums.txt", "lps_2020_seminars_socialie_pakalpojumi.txt",
                  "bauskas_novads_2016-2020_socialais_dienests_strategija.md",
                  "tukuma_novads_2024_publiskais_parskats.txt"):
        doc = read_document(ROOT / "raw_reports" / other)
        assert not LAYOUT.matches(doc, doc.text), other


def test_next_years_survey_reads_its_own_numbers(tmp_path):
    text = RAW.read_text(encoding="utf-8").replace("2017.gada februārī", "2018.gada martā")
    text = text.replace("1360 sociālā darba speciālisti", "1412 sociālā darba speciālisti")
    ex = ingest_text(tmp_path, text)
    specialists = next(f for f in ex.facts if f.metric == "specialists" and f.unit == "persons" and not f.subgroup)
    assert (specialists.value, specialists.year, specialists.period) == (1412, 2018, "2018-03-01..2018-03-31")
    share = next(f for f in ex.facts if f.metric == "specialists" and f.unit == "percent")
    assert share.flag == "1,412 / 1,960 = 72.04%, not '69,4 %'"
    assert share.flag_lv == "1 412 / 1 960 = 72,04 %, nevis '69,4 %'"


def test_slides_without_the_specialists_slide_give_fewer_facts(tmp_path):
    text = RAW.read_text(encoding="utf-8")
    start, end = text.index("Sociālā darba speciālistu skaits"), text.index("Sociālais darbs ar ģimenēm un")
    ex = ingest_text(tmp_path, text[:start] + text[end:])
    assert len(ex.facts) == len(FIGURES) - 8
    assert any("specialists_required" in m for m in ex.messages)
