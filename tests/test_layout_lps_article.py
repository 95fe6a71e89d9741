"""The LPS article on the seminar of 20 October 2020: recognised, stored with its text, and its one figure."""
from __future__ import annotations

from pathlib import Path

import pytest

from ingest.layouts import layout_named, recognise
from ingest.readers import read_document
from report_variants import document_from_text

LAYOUT = layout_named("LPS article")
extract = LAYOUT.extract
ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "raw_reports" / "lps_2020_seminars_socialie_pakalpojumi.txt"


@pytest.fixture(scope="module")
def ex():
    return extract(read_document(RAW))


def test_recognised_by_its_words():
    assert recognise(read_document(RAW)) is LAYOUT
    for other in ("tukuma_novads_2016_socialais_darbs_izvertejums.txt", "latvija_2017_socialo_dienestu_aptauja.txt",
                  "bauskas_novads_2016-2020_socialais_dienests_strategija.md",
                  "tukuma_novads_2024_publiskais_parskats.txt"):
        doc = read_document(ROOT / "raw_reports" / other)
        assert not LAYOUT.matches(doc, doc.text), other


def test_document_info(ex):
    assert (ex.info.municipality, ex.info.kind, ex.info.period, ex.info.published) == \
        ("Latvija", "article", "2020", "2020-10-20")
    assert ex.info.title == "Diskusiju seminārs par sociālajiem pakalpojumiem pašvaldībās"


def test_population_of_the_future_municipality(ex):
    # "... jaunajā novadā apvienosies sešas pašvaldības: Aizkraukles, Jaunjelgavas, Kokneses, Neretas, Pļaviņu
    # un Skrīveru novadi, kuros kopā dzīvo ap 30 tūkstošiem iedzīvotāju."
    [fact] = ex.facts
    assert (fact.municipality, fact.territory, fact.year, fact.period) == ("Aizkraukles novads", None, 2020, "2020")
    assert (fact.topic, fact.metric, fact.unit, fact.value, fact.raw_value) == \
        ("population", "residents", "persons", 30000, "30 tūkstošiem")
    assert fact.source_ref == "text, line 16"
    assert [r.kind for r in fact.reasons] == ["approximate", "reform_municipality", "year_from_file_name"]
    assert fact.flag == ("approximate: printed 'ap 30 tūkstošiem', about 30,000; the municipality as formed by "
                         "the 2021 territorial reform; the document prints no year; 2020 is taken from the file name")
    assert fact.flag_lv == ("aptuvens skaitlis: nodrukāts 'ap 30 tūkstošiem', ap 30 000; pašvaldība, kāda tā "
                            "izveidota 2021. gada teritoriālajā reformā; dokumentā gads nav minēts; 2020 ņemts no "
                            "faila nosaukuma")


def test_nothing_tabular_and_nothing_missed(ex):
    assert ex.raw_cells == []
    assert ex.messages == []


def test_an_article_without_the_figure_is_still_stored(tmp_path):
    text = RAW.read_text(encoding="utf-8").replace("kuros kopā dzīvo ap 30 tūkstošiem iedzīvotāju", "kuros dzīvo")
    ex = extract(document_from_text(tmp_path, "raksts.txt", text))
    assert ex.facts == []
    assert ex.info.period == "" and ex.info.published is None  # no year in the text nor in this file's name
    # without a year the figure could not be dated, so it is not read
    assert ex.messages == ["no report year found; figures dated only by the report year were skipped"]
