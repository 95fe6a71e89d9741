"""benchmarks.generic_reader: how a layout's facts and the generic reader's are matched, and the tables it
prints (no timing is asserted)."""
from __future__ import annotations

import re
from pathlib import Path

from benchmarks.generic_reader import compare, found_and_misread, main, seed_reports
from ingest.model import Fact, Location, Spot

ROOT = Path(__file__).resolve().parents[1]


def _cell(value: float, row: str = "Mājokļa pabalsts", column: str = "2023", year: int = 2023,
          unit: str = "EUR") -> Fact:
    return Fact(municipality="Talsu novads", year=year, topic="budget", metric="spend", category=row, value=value,
                unit=unit, spot=Spot("1. tabula", Location(page=4), row=row, column=column), raw_value=str(value))


def _sentence(value: float, line: int = 12, unit: str = "persons", year: int = 2023) -> Fact:
    return Fact(municipality="Talsu novads", year=year, topic="recipients", metric="persons", category="GMI",
                value=value, unit=unit, spot=Spot("text", Location(line=line)), raw_value=str(value))


def _counts(by_layout: list[Fact], by_generic: list[Fact]) -> tuple[int, int, int]:
    c = compare("d.txt", "a layout", by_layout, by_generic)
    assert (c.layout_facts, c.generic_facts) == (len(by_layout), len(by_generic))
    return c.found, c.different, c.generic_only


def test_a_cell_of_the_same_place_year_and_value_is_found_whatever_the_label_spacing_and_case():
    assert _counts([_cell(907115)], [_cell(907115.0, row="mājokļa  Pabalsts")]) == (1, 0, 0)


def test_a_cell_of_the_same_place_and_year_with_another_value_is_different():
    assert _counts([_cell(907115), _cell(455310, column="2022", year=2022)],
                   [_cell(9071150), _cell(455310, column="2022", year=2022)]) == (1, 1, 0)


def test_a_cell_of_another_year_or_another_row_is_not_compared():
    assert _counts([_cell(907115)], [_cell(1, year=2022), _cell(2, row="GMI pabalsts")]) == (0, 0, 2)


def test_each_fact_is_matched_once():
    assert _counts([_cell(10), _cell(10)], [_cell(10)]) == (1, 0, 0)
    assert _counts([_cell(10)], [_cell(10), _cell(10)]) == (1, 0, 1)


def test_a_number_in_text_is_placed_by_its_line_and_unit():
    assert _counts([_sentence(412)], [_sentence(412)]) == (1, 0, 0)
    assert _counts([_sentence(412)], [_sentence(412, line=13)]) == (0, 0, 1)
    assert _counts([_sentence(412)], [_sentence(412, unit="households")]) == (0, 0, 1)


def test_in_text_only_one_number_against_one_is_different():
    assert _counts([_sentence(412)], [_sentence(413)]) == (0, 1, 0)
    assert _counts([_sentence(412), _sentence(230)], [_sentence(413), _sentence(231)]) == (0, 0, 2)
    assert _counts([_sentence(412), _sentence(230)], [_sentence(412), _sentence(231)]) == (1, 1, 0)


def test_the_seed_reports_leave_out_the_text_export_of_the_pdf():
    names = [path.name for path in seed_reports()]
    assert names == ["bauskas_novads_2016-2020_socialais_dienests_strategija.md",
                     "latvija_2017_socialo_dienestu_aptauja.txt", "lps_2020_seminars_socialie_pakalpojumi.txt",
                     "tukuma_novads_2016_socialais_darbs_izvertejums.txt", "tukuma_novads_2024_publiskais_parskats.pdf"]


def _rows(printed: str) -> list[list[str]]:
    return [re.split(r"\s{2,}", line.strip()) for line in printed.strip().splitlines()]


def test_it_prints_a_row_per_report_and_one_for_all(capsys):
    report = ROOT / "raw_reports" / "lps_2020_seminars_socialie_pakalpojumi.txt"
    assert main([str(report)]) == 0
    rows = _rows(capsys.readouterr().out)
    assert rows[0] == ["document", "layout", "layout facts", "found", "found %", "different", "generic only",
                       "generic facts"]
    assert [row[:3] for row in rows[1:]] == [[report.name, "LPS article", "1"], ["all", "–", "1"]]
    for row in rows[1:]:
        assert len(row) == 8 and re.fullmatch(r"\d+ %|–", row[4])
        assert all(cell.isdigit() for cell in row[2:4] + row[5:])
        layout_facts, found, different, generic_only, generic_facts = map(int, row[2:4] + row[5:])
        assert found + different <= layout_facts and found + different + generic_only == generic_facts


def test_documents_mode_prints_a_row_per_document_with_whose_it_is(capsys):
    folder = ROOT / "tests" / "generic_documents"
    assert main(["--documents", str(folder)]) == 0
    rows = _rows(capsys.readouterr().out)
    assert rows[0] == ["document", "municipality", "period", "facts", "with indicator", "notes"]
    assert sorted(row[0] for row in rows[1:]) == sorted(path.name for path in folder.glob("*.txt"))
    by_name = {row[0]: row for row in rows[1:]}
    assert by_name["talsu_socialais_dienests_2023.txt"][1:3] == ["Talsu novads", "2023"]
    assert by_name["bez_pasvaldibas_pabalsti.txt"][1] == "nezināma"
    for row in rows[1:]:
        assert len(row) == 6 and all(cell.isdigit() for cell in row[3:])


def test_against_expected_figures_a_figure_is_found_once_and_any_other_is_misread():
    expected = [(2023, 318.0, "persons"), (2022, 603.0, "households"), (None, 12.5, "EUR")]
    facts = [_sentence(318), _sentence(318), _sentence(603, unit="households", year=2023),
             _sentence(12.5, unit="EUR", year=None)]
    assert found_and_misread(facts, expected) == (2, 2)


def test_documents_mode_counts_the_expected_figures_found_and_misread(tmp_path, capsys):
    expected = tmp_path / "expected.csv"
    expected.write_text("document,year,value,unit\n"
                        "talsu_socialais_dienests_2023.txt,2023,318,persons\n"
                        "talsu_socialais_dienests_2023.txt,2022,603,households\n"
                        "kuldigas_novads_2023_4_ceturksnis.txt,,142,persons\n", encoding="utf-8")
    assert main(["--documents", str(ROOT / "tests" / "generic_documents"), "--expected", str(expected)]) == 0
    rows = _rows(capsys.readouterr().out)
    assert rows[0][-3:] == ["expected", "found", "misread"]
    by_name = {row[0]: row for row in rows[1:]}
    assert by_name["talsu_socialais_dienests_2023.txt"][6] == "2"
    assert by_name["kuldigas_novads_2023_4_ceturksnis.txt"][6] == "1"
    assert by_name["bez_pasvaldibas_pabalsti.txt"][6:] == ["0", "0", "0"]
    for row in rows[1:]:
        facts, found, misread = int(row[3]), int(row[7]), int(row[8])
        assert found + misread == facts and found <= int(row[6])


def test_an_expected_figures_file_that_cannot_be_read_is_one_line(tmp_path, capsys):
    expected = tmp_path / "expected.csv"
    expected.write_text("document,year,value,unit\ntalsu_socialais_dienests_2023.txt,2023,daudz,EUR\n",
                        encoding="utf-8")
    assert main(["--documents", str(tmp_path), "--expected", str(expected)]) == 2
    out = capsys.readouterr()
    assert out.out == "" and out.err == (f"error: {expected}, line 2: year '2023' or value 'daudz' is no number\n")
