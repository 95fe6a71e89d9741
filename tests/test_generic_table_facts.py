"""The generic reader's facts from a table (ingest.generic.table_facts): made-up tables of the forms other
municipalities print, each with the exact facts (or raw cells) it must give."""
from __future__ import annotations

import pytest

from ingest.flags import reason
from ingest.generic.identity import DocumentIdentity
from ingest.generic.table_facts import read_table
from ingest.generic.table_words import TableWordsError, load_table_words
from ingest.model import Cell, Location, ParsedDocument, Table
from ingest.rules.registry import Reading
from ingest.specs import FlowText

TOWN = "Talsu novads"


def table(rows: list[list[str]], caption: str = "", label: str | None = None, reasons: dict | None = None) -> Table:
    """A table of one page; `reasons` gives (row, column) cells their reader's reasons."""
    loc = Location(page=3)
    return Table(caption=caption, label=label, loc=loc,
                 rows=[[Cell(text, loc, (reasons or {}).get((r, c), ())) for c, text in enumerate(row)]
                       for r, row in enumerate(rows)])


def read(t: Table, report_year: int | None = 2023):
    doc = ParsedDocument(path="x.txt", file_name="x.txt", sha256="0", format="txt", lines=[], tables=[t])
    identity = DocumentIdentity(TOWN, "Pārskats", report_year, str(report_year) if report_year else None)
    return read_table(t, Reading(doc=doc, flow=FlowText([]), municipality=TOWN, report_year=report_year, known={},
                                 tables=[t], identity=identity))


def values(result) -> list[tuple]:
    return [(f.category, f.year, f.period, f.unit, f.value) for f in result.facts]


def kinds(fact) -> list[str]:
    return [r.kind for r in fact.reasons]


def test_year_table_in_euro_gives_one_flagged_fact_per_row_and_year():
    t = table([["Pabalsta veids", "2022. gada izlietojums (EUR)", "2023. gada izlietojums (EUR)"],
               ["Mājokļa pabalsts", "12 480,50", "13 002"],
               ["Apbedīšanas pabalsts", "3 100", "2 950,25"]], caption="2. tabula Pabalsti", label="2. tabula")
    out = read(t)
    assert values(out) == [("2. tabula / Mājokļa pabalsts", 2022, "2022", "EUR", 12480.5),
                           ("2. tabula / Mājokļa pabalsts", 2023, "2023", "EUR", 13002.0),
                           ("2. tabula / Apbedīšanas pabalsts", 2022, "2022", "EUR", 3100.0),
                           ("2. tabula / Apbedīšanas pabalsts", 2023, "2023", "EUR", 2950.25)]
    first = out.facts[0]
    assert (first.municipality, first.raw_value, first.indicator) == (TOWN, "12 480,50", "housing_benefit_spend")
    assert first.source_ref == "2. tabula, p. 3; row 'Mājokļa pabalsts', column '2022. gada izlietojums (EUR)'"
    assert kinds(first) == ["generic_reader"]
    # the header and the labels are the only cells left
    assert [c.text for c in out.raw_cells] == ["Pabalsta veids", "2022. gada izlietojums (EUR)",
                                               "2023. gada izlietojums (EUR)"]


@pytest.mark.parametrize("heading, year", [("2021", 2021), ("2021. gads", 2021), ("2015. (euro)", 2015),
                                           ("2022.g.", 2022), ("Izlietots 2020.gadā", 2020)])
def test_years_as_headers_print_them(heading, year):
    out = read(table([["Rādītājs", heading], ["Mājokļa pabalsts", "500"]], caption="Izdevumi, EUR"))
    assert values(out) == [("Izdevumi, EUR / Mājokļa pabalsts", year, str(year), "EUR", 500.0)]


def test_a_header_printing_part_of_a_year_gives_that_period():
    out = read(table([["", "1.07.–31.12.2021.", "2022"], ["Mājokļa pabalsts", "40", "90"]], caption="Izdevumi (EUR)"))
    assert [(f.year, f.period) for f in out.facts] == [(2021, "2021-07-01..2021-12-31"), (2022, "2022")]


def test_thousands_of_euro_are_multiplied_and_flagged():
    out = read(table([["", "2022", "2023"], ["Sociālie pakalpojumi", "1 204,5", "1 310"]],
                     caption="Izdevumi, tūkst. EUR"))
    assert [f.value for f in out.facts] == [1204500.0, 1310000.0]
    assert out.facts[0].reasons[-1] == reason("scaled_by_header", printed="1 204,5", header="2022")


def test_lats_are_stored_as_lats():
    out = read(table([["", "2011. (Ls)", "2012. (Ls)"], ["Dzīvokļa pabalsts", "8 412", "9 020"]]))
    assert [(f.unit, f.value) for f in out.facts] == [("LVL", 8412.0), ("LVL", 9020.0)]


def test_counts_take_the_unit_of_their_counted_noun():
    out = read(table([["Personu skaits", "2022", "2023"], ["Vīrieši", "18", "21"], ["Sievietes", "30", "29"]],
                     caption="Aprūpe mājās"))
    assert {f.unit for f in out.facts} == {"persons"}
    assert [f.category for f in out.facts][:1] == ["Aprūpe mājās / Vīrieši"]


def test_a_table_whose_unit_cannot_be_told_gives_raw_cells_only():
    rows = [["Rādītājs", "2022", "2023"], ["Reģistrētie iesniegumi", "6 051", "6 481"]]
    out = read(table(rows, caption="Dokumenti"))
    assert out.facts == []
    assert len(out.raw_cells) == 6
    assert [f.unit for f in read(table(rows, caption="Dokumentu skaits")).facts] == ["count", "count"]


def test_a_row_saying_another_unit_than_its_column_gives_nothing():
    out = read(table([["", "2022 (EUR)", "2023 (EUR)"], ["Pabalsts", "900", "950"], ["Saņēmēju skaits", "41", "44"]]))
    assert values(out) == [("Pabalsts", 2022, "2022", "EUR", 900.0), ("Pabalsts", 2023, "2023", "EUR", 950.0)]
    assert [c.text for c in out.raw_cells][-3:] == ["Saņēmēju skaits", "41", "44"]


def test_row_labels_say_the_unit_where_the_header_does_not():
    out = read(table([["", "2022", "2023"], ["Izmaksāts, EUR", "900", "950"], ["Saņēmēju skaits", "41", "44"]],
                     caption="Mājokļa pabalsts"))
    assert [(f.unit, f.value) for f in out.facts] == [("EUR", 900.0), ("EUR", 950.0), ("persons", 41.0),
                                                      ("persons", 44.0)]


def test_who_a_row_label_names_is_not_its_unit():
    out = read(table([["Mērķa grupa", "2022", "2023"], ["Mājokļa pabalsts (ģimenēm)", "900", "950"],
                      ["Pabalsts EUR 50 apmērā", "30", "35"]], caption="Saņēmēju skaits"))
    assert [(f.unit, f.value) for f in out.facts] == [("persons", 900.0), ("persons", 950.0), ("persons", 30.0),
                                                      ("persons", 35.0)]
    families = read(table([["Ģimenes", "2022"], ["Mājokļa pabalsts", "900"]], caption="Izdevumi (EUR)"))
    assert [(f.unit, f.value) for f in families.facts] == [("EUR", 900.0)]


def test_a_sentence_above_a_table_is_no_title_that_says_its_unit():
    rows = [["", "2022", "2023"], ["Mājokļa pabalsts", "900", "950"]]
    assert read(table(rows, caption="Klientu skaits pieauga, kā redzams tabulā.")).facts == []
    assert [f.unit for f in read(table(rows, caption="Klientu skaits")).facts] == ["persons", "persons"]


def test_rows_under_a_row_of_another_unit_are_not_read():
    out = read(table([["Ievietoto bērnu skaits", "2022", "2023"], ["Zēni", "7", "6"], ["Meitenes", "2", "10"],
                      ["Mājsaimniecību skaits", "8", "11"], ["Novadā", "4", "6"], ["Citos novados", "4", "5"]]))
    assert [(f.spot.row, f.unit, f.value) for f in out.facts] == [
        ("Zēni", "persons", 7.0), ("Zēni", "persons", 6.0), ("Meitenes", "persons", 2.0),
        ("Meitenes", "persons", 10.0), ("Mājsaimniecību skaits", "households", 8.0),
        ("Mājsaimniecību skaits", "households", 11.0)]


def test_a_part_row_keeps_its_label_and_names_its_parent():
    out = read(table([["", "2023"], ["Pabalsts krīzes situācijā", "4 000"], ["t.sk. ugunsgrēkā cietušajiem", "1 200"]],
                     caption="Pabalsti (EUR)"))
    whole, part = out.facts
    assert part.category == "Pabalsti (EUR) / Pabalsts krīzes situācijā / t.sk. ugunsgrēkā cietušajiem"
    assert part.spot.row == "t.sk. ugunsgrēkā cietušajiem"
    assert (whole.indicator, part.indicator) == ("crisis_benefit_spend", None)


def test_a_figure_with_a_note_gives_the_figure_and_keeps_the_note_raw():
    out = read(table([["", "2022 (EUR)"], ["Sociālā palīdzība", "63 905 (t.sk. valsts dotācija 9 020)"]]))
    assert [(f.value, f.raw_value) for f in out.facts] == [(63905.0, "63 905 (t.sk. valsts dotācija 9 020)")]
    assert "63 905 (t.sk. valsts dotācija 9 020)" in [c.text for c in out.raw_cells]


def test_a_figure_with_its_unit_in_the_cell_is_read_where_the_table_agrees():
    out = read(table([["", "2022", "2023"], ["GMI pabalsts", "35 210,40 EUR", "412 personas"],
                      ["Mājokļa pabalsts", "1,2 tūkst. EUR", "9 020 EUR pārskaitīti"]]))
    assert [(f.unit, f.value, f.raw_value) for f in out.facts] == [("EUR", 35210.4, "35 210,40 EUR"),
                                                                   ("persons", 412.0, "412 personas")]
    assert read(table([["", "2022 (EUR)"], ["GMI pabalsts", "412 personas"]])).facts == []


def test_figures_printed_with_their_own_units_beside_an_amount_of_the_same_year_are_read():
    out = read(table([["Atbalsta veids", "Izlietots (EUR) 2024.", "Atbalsta apjoms 2024."],
                      ["Higiēnas pakalpojumi", "2 105,01", "92 personas/369 apmeklējumi"],
                      ["Zobu protezēšana", "10 074,25", "136 personas"],
                      ["Ēdināšana", "3 000", "1 200"],
                      ["Apkure", "4 000", "500 EUR"]]))
    assert [(f.spot.row, f.unit, f.value) for f in out.facts] == [
        ("Higiēnas pakalpojumi", "EUR", 2105.01), ("Higiēnas pakalpojumi", "persons", 92.0),
        ("Higiēnas pakalpojumi", "visits", 369.0), ("Zobu protezēšana", "EUR", 10074.25),
        ("Zobu protezēšana", "persons", 136.0), ("Ēdināšana", "EUR", 3000.0), ("Apkure", "EUR", 4000.0)]
    assert {"1 200", "500 EUR"} <= {c.text for c in out.raw_cells}


def test_households_printed_short_or_in_the_genitive_plural_are_households():
    out = read(table([["Pabalsta veids", "Izlietotie līdzekļi (EUR) 2024.", "Apjoms 2024."],
                      ["Krīzes pabalsts", "22 313,00", "50 mājsaimniec./ 69 personas"],
                      ["Apkures pabalsts", "9 612,40", "96 ģimeņu"]]))
    assert [(f.spot.row, f.unit, f.value) for f in out.facts] == [
        ("Krīzes pabalsts", "EUR", 22313.0), ("Krīzes pabalsts", "households", 50.0),
        ("Krīzes pabalsts", "persons", 69.0), ("Apkures pabalsts", "EUR", 9612.4),
        ("Apkures pabalsts", "households", 96.0)]


def test_two_figures_in_a_cell_are_read_only_where_the_header_names_both_units():
    named = read(table([["", "2023 EUR / personas"], ["GMI pabalsts", "1 234 / 56"]]))
    assert [(f.unit, f.value) for f in named.facts] == [("EUR", 1234.0), ("persons", 56.0)]
    unnamed = read(table([["", "2023 (EUR)"], ["GMI pabalsts", "1 234 / 56"]]))
    assert unnamed.facts == [] and "1 234 / 56" in [c.text for c in unnamed.raw_cells]


def test_a_printed_total_is_checked_never_changed():
    out = read(table([["", "2022", "2023"], ["Mājokļa pabalsts", "100", "200"], ["t.sk. bērniem", "40", "50"],
                      ["GMI pabalsts", "300", "400"], ["Kopā", "400", "610"]], caption="Izdevumi EUR"))
    total_2022, total_2023 = [f for f in out.facts if f.spot.row == "Kopā"]
    assert (total_2022.value, kinds(total_2022)) == (400.0, ["generic_reader"])
    assert total_2023.value == 610.0
    assert total_2023.reasons[-1] == reason("rows_sum_differs", printed="610", rows=2,
                                            sum=total_2023.reasons[-1].params[2][1])
    assert "600" in total_2023.flag


def test_a_total_of_groups_is_checked_against_the_groups():
    out = read(table([["", "2023"], ["Sociālā palīdzība:", "100"], ["GMI pabalsts", "60"], ["Mājokļa pabalsts", "40"],
                      ["Sociālie pakalpojumi:", "50"], ["Aprūpe mājās", "50"], ["Kopā", "150"]], caption="Izdevumi EUR"))
    total = out.facts[-1]
    assert (total.spot.row, kinds(total)) == ("Kopā", ["generic_reader"])


def test_a_count_as_of_a_date_is_dated_so_and_money_of_a_date_is_not_read():
    counts = read(table([["Klientu skaits", "uz 01.01.2021.", "uz 01.01.2022."], ["Pensionāri", "77", "81"]]))
    assert [(f.year, f.period, f.unit) for f in counts.facts] == [(2021, "2021-01-01", "persons"),
                                                                  (2022, "2022-01-01", "persons")]
    worded = read(table([["Klientu skaits", "uz 2017. gada 1. oktobri", "2018"], ["Pensionāri", "77", "81"]]))
    assert [(f.year, f.period) for f in worded.facts] == [(2017, "2017-10-01"), (2018, "2018")]
    money = read(table([["", "uz 01.01.2021. (EUR)"], ["Parādi", "7 700"]]))
    assert money.facts == []


def test_a_table_without_years_is_of_the_report_year_only_where_its_caption_says_so():
    rows = [["Pakalpojums", "Saņēmēju skaits"], ["Kanisterapija", "14"], ["Psihologs", "9"]]
    said = read(table(rows, caption="Pakalpojumi 2023. gadā"))
    assert values(said) == [("Pakalpojumi 2023. gadā / Kanisterapija", 2023, "2023", "persons", 14.0),
                            ("Pakalpojumi 2023. gadā / Psihologs", 2023, "2023", "persons", 9.0)]
    assert read(table(rows, caption="Pakalpojumi 2022. gadā")).facts == []
    assert read(table(rows, caption="Pakalpojumi")).facts == []


@pytest.mark.parametrize("heading", ["Izmaiņas 2023/2022", "2024. gada plāns", "Salīdzinājumā ar 2022",
                                     "Vidēji mēnesī 2023", "Sasniedzamā vērtība 2023"])
def test_headers_of_changes_plans_and_averages_give_nothing(heading):
    out = read(table([["", "2023 (EUR)", heading], ["Mājokļa pabalsts", "900", "120"]]))
    assert [f.value for f in out.facts] == [900.0]


def test_a_heading_or_caption_of_changes_gives_nothing():
    rows = [["", "Izmaiņas", ""], ["", "2022", "2023"], ["Mājokļa pabalsts", "-120", "310"]]
    assert read(table(rows, caption="Pabalsti (EUR)")).facts == []
    rows[0][1] = "Izlietots"
    assert [f.value for f in read(table(rows, caption="Pabalsti (EUR)")).facts] == [-120.0, 310.0]
    assert read(table(rows, caption="Pabalstu izmaiņas (EUR)")).facts == []


@pytest.mark.parametrize("printed", ["1.234", "20 6107", "31.0544.1239.80", "12.05.2021"])
def test_readings_that_would_be_a_guess_stay_raw(printed):
    out = read(table([["", "2023 (EUR)"], ["Mājokļa pabalsts", printed], ["GMI pabalsts", "1 234"]]))
    assert [f.value for f in out.facts] == [1234.0]
    assert printed in [c.text for c in out.raw_cells]


def test_two_columns_of_one_year_and_unit_are_not_read_but_of_two_units_are():
    same = read(table([["", "2023 (EUR)", "2023 (EUR)"], ["Pabalsts", "900", "950"]]))
    assert same.facts == []
    two = read(table([["", "2023 (EUR)", "2023 (personas)"], ["Pabalsts", "900", "41"]]))
    assert [(f.unit, f.value) for f in two.facts] == [("EUR", 900.0), ("persons", 41.0)]


def test_a_year_over_sub_columns_is_not_read():
    out = read(table([["Personu skaits", "2022", "", "2023", ""], ["", "pieaug.", "bērni", "pieaug.", "bērni"],
                      ["Vīrieši", "9", "3", "8", "2"]]))
    assert out.facts == []
    whole = read(table([["Personu skaits", "2022", "2023"], ["Vīrieši", "12", "10"]]))
    assert [f.value for f in whole.facts] == [12.0, 10.0]


def test_a_heading_under_the_years_gives_their_unit_but_not_a_part_of_them():
    units = read(table([["", "2022", "2023"], ["", "EUR", "personas"], ["GMI pabalsts", "12 400", "41"]]))
    assert [(f.year, f.unit, f.value) for f in units.facts] == [(2022, "EUR", 12400.0), (2023, "persons", 41.0)]
    assert units.facts[0].spot.column == "2022"
    parts = read(table([["Personu skaits", "2022", "2023"], ["", "pieaug.", "pieaug."], ["Psihologs", "9", "8"]]))
    assert parts.facts == []


def test_a_cells_own_reasons_are_carried():
    split = reason("split_by_total", printed="281 004 455 310", total="736 314")
    out = read(table([["", "2022", "2023"], ["Mājokļa pabalsts", "281 004", "455 310"]], caption="EUR",
                     reasons={(1, 1): (split,), (1, 2): (split,)}))
    assert [kinds(f) for f in out.facts] == [["generic_reader", "split_by_total"]] * 2


def test_a_text_export_of_a_municipality_never_seen_gives_its_table_through_the_generic_reader(tmp_path):
    from ingest.layouts.generic import generic_layout
    from ingest.readers import read_document

    path = tmp_path / "talsi_2023.txt"
    path.write_text("Talsu novada Sociālais dienests\nPārskats par 2023. gadu\n\n1. tabula Pabalstu izlietojums (EUR)\n"
                    "Pabalsts\t2022. gads\t2023. gads\nMājokļa pabalsts\t12 480\t13 002\nKopā\t12 480\t13 102\n",
                    encoding="utf-8")
    out = generic_layout().extract(read_document(path))
    assert [(f.municipality, f.category, f.year, f.unit, f.value) for f in out.facts] == [
        (TOWN, "1. tabula / Mājokļa pabalsts", 2022, "EUR", 12480.0),
        (TOWN, "1. tabula / Mājokļa pabalsts", 2023, "EUR", 13002.0),
        (TOWN, "1. tabula / Kopā", 2022, "EUR", 12480.0),
        (TOWN, "1. tabula / Kopā", 2023, "EUR", 13102.0)]
    assert [kinds(f) for f in out.facts][-1] == ["generic_reader", "rows_sum_differs"]
    assert out.facts[0].source_ref == "1. tabula, line 4; row 'Mājokļa pabalsts', column '2022. gads'"


def test_a_workbook_sheet_is_read_as_a_table(tmp_path):
    from openpyxl import Workbook

    from ingest.layouts.generic import generic_layout
    from ingest.readers import read_document

    book = Workbook()
    sheet = book.active
    sheet.title = "Pabalsti EUR"
    for row in (["Talsu novada Sociālais dienests"], ["Pabalsts", "2022", "2023"], ["Mājokļa pabalsts", 12480.5, 13002],
                ["GMI pabalsts", 1234.567, "1.234"]):
        sheet.append(row)
    path = tmp_path / "talsi.xlsx"
    book.save(path)
    out = generic_layout().extract(read_document(path))
    assert [(f.category, f.year, f.unit, f.value) for f in out.facts] == [
        ("Pabalsti EUR / Mājokļa pabalsts", 2022, "EUR", 12480.5),
        ("Pabalsti EUR / Mājokļa pabalsts", 2023, "EUR", 13002.0),
        ("Pabalsti EUR / GMI pabalsts", 2022, "EUR", 1234.567)]  # a number as stored; text '1.234' is unsure
    assert out.facts[0].source_ref == "sheet 'Pabalsti EUR'; row 'Mājokļa pabalsts', column '2022'"


def test_a_row_shifted_against_its_header_is_not_read():
    wider = read(table([["Pabalsts", "2022", "2023"], ["1.", "Mājokļa pabalsts", "100", "200"], ["GMI pabalsts", "7", "8"],
                        ["Apkures pabalsts", "5", "6", "9"]], caption="Izdevumi EUR"))
    # rows wider than the header: they are not read, and the last year, which they print beyond, neither
    assert [(f.spot.row, f.year, f.value) for f in wider.facts] == [("GMI pabalsts", 2022, 7.0)]
    shifted = read(table([["Pabalsts", "2022", "Avots", "2023"], ["1.", "2", "Mājokļa pabalsts", "300"],
                          ["GMI pabalsts", "7", "SPP", "8"]], caption="Izdevumi EUR"))
    assert [(f.spot.row, f.year, f.value) for f in shifted.facts] == [("GMI pabalsts", 2022, 7.0),
                                                                      ("GMI pabalsts", 2023, 8.0)]


def test_figures_that_look_like_years_under_a_header_are_not_taken_for_one():
    out = read(table([["Pabalsts", "EUR", "Personas"], ["Mājokļa pabalsts", "2019", "2020"]], caption="Pabalsti"))
    assert all(f.year is None or f.year == 2023 for f in out.facts) and not any(f.value == 2020 for f in out.facts)
    titled = read(table([["Pabalsti (EUR)"], ["Pabalsts", "2022", "2023"], ["Mājokļa pabalsts", "2019", "2020"]]))
    assert [(f.year, f.value) for f in titled.facts] == [(2022, 2019.0), (2023, 2020.0)]


def test_an_indicator_table_of_a_monitoring_system_gives_the_values_of_its_years():
    out = read(table([["Nr.", "Rādītājs", "Avots", "2019", "2020", "Mērķis 2025", "Tendence"],
                      ["1.", "GMI pabalsta saņēmēji", "SPP", "412", "398", "300", "↓"],
                      ["2.", "Mājokļa pabalsta saņēmēji", "SPP", "1 020", "987", "900", "↓"]],
                     caption="Uzraudzības rādītāji (personas)"))
    assert [(f.spot.row, f.year, f.unit, f.value) for f in out.facts] == [
        ("GMI pabalsta saņēmēji", 2019, "persons", 412.0), ("GMI pabalsta saņēmēji", 2020, "persons", 398.0),
        ("Mājokļa pabalsta saņēmēji", 2019, "persons", 1020.0), ("Mājokļa pabalsta saņēmēji", 2020, "persons", 987.0)]
    assert {"1.", "SPP", "300", "↓"} <= {c.text for c in out.raw_cells}
