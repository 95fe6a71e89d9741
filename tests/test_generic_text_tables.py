"""Tables text lines hold without tabs (ingest/generic/text_tables.py): rows split under a header of years,
one cell per line; what is not certain is reported and kept as a raw cell, never guessed. Made-up lines,
exact tables."""
from __future__ import annotations

import random
import time
from pathlib import Path

import pytest

from ingest.generic.table_words import TableWordsError, load_table_words
from ingest.generic.text_tables import text_tables
from ingest.model import Cell, Location, Table, TextLine
from ingest.numbers import parse_lv_number
from ingest.readers.text import tab_separated_tables
from ingest.rules.registry import Reading


def _lines(text: str, page: int | None = None) -> list[TextLine]:
    return [TextLine(t, Location(page=page) if page else Location(line=i))
            for i, t in enumerate(text.split("\n"), start=1)]


def _reading(tables: list[Table] = ()) -> Reading:
    return Reading(doc=None, flow=None, municipality="Ābeļu novads", report_year=None, known={}, tables=list(tables))


def _texts(table: Table) -> list[list[str]]:
    return [[cell.text for cell in row] for row in table.rows]


def _kinds(table: Table) -> list[list[str]]:
    return [[",".join(r.kind for r in cell.reasons) for cell in row] for row in table.rows]


YEAR_TABLE = """Ievads par pabalstiem.
Sociālās palīdzības pabalsti (EUR)
PABALSTI   2021 2022 2023
Mājokļa pabalstam 281 004 455 310 907 115
GMI pabalstam 298114 493207 331860
t.sk. ugunsgrēkā cietušajiem     12 480
Kopā pabalstiem 579 118 948 517 1 238 975
Pabalstus piešķir sociālais dienests."""


def test_rows_under_a_header_of_years_split_by_grouping_and_the_total():
    found = text_tables(_lines(YEAR_TABLE), _reading())
    (table,) = found.tables
    assert (table.caption, table.label, table.loc) == ("Sociālās palīdzības pabalsti (EUR)", None, Location(line=2))
    assert _texts(table) == [
        ["PABALSTI", "2021", "2022", "2023"],
        ["Mājokļa pabalstam", "281 004", "455 310", "907 115"],  # 3 ways by grouping: the total picks one
        ["GMI pabalstam", "298114", "493207", "331860"],
        ["Kopā pabalstiem", "579 118", "948 517", "1 238 975"],  # 2 ways: picked with the row above
    ]
    assert _kinds(table) == [["", "", "", ""], ["", *["split_by_total"] * 3], ["", "", "", ""],
                             ["", *["split_by_total"] * 3]]
    why = table.rows[1][1].reasons[0]
    assert dict(why.params) == {"printed": "281 004 455 310 907 115", "total": "579 118 948 517 1 238 975"}
    assert [cell.loc for cell in table.rows[2]] == [Location(line=5)] * 4
    # the "t.sk." row: which year is its one number of? Not stored.
    assert found.messages == [
        "line 6: row 't.sk. ugunsgrēkā cietušajiem' of the table 'Sociālās palīdzības pabalsti (EUR), line 2' "
        "is not stored: '12 480' has fewer numbers than the 3 columns and its column is not certain"]
    assert [(c.table_ref, c.row_index, c.col_index, c.text, c.loc) for c in found.raw_cells] == [
        ("Sociālās palīdzības pabalsti (EUR), line 2", 4, 0, "t.sk. ugunsgrēkā cietušajiem 12 480",
         Location(line=6))]  # numbered after the table's own rows
    assert found.lines == {1, 2, 3, 4, 5, 6}  # caption to the total; not the sentences around


def test_a_row_that_splits_in_more_than_one_way_is_not_stored_without_a_total():
    text = ("Izlietojums 2022 2023\nMājokļa pabalsts 281 004 455 310\nGMI pabalsts 1 200 3 400\n"
            "t.sk. krīzes pabalsts 98 700\nt.sk. apkures pabalsts 98 1700")
    found = text_tables(_lines(text), _reading())
    (table,) = found.tables
    assert found.messages == [
        "line 2: row 'Mājokļa pabalsts' of the table 'table, line 1' is not stored: '281 004 455 310' splits into "
        "2 numbers in more than one way and no total picks one",
        "line 4: row 't.sk. krīzes pabalsts' of the table 'table, line 1' is not stored: '98 700' may also be "
        "fewer numbers than the 2 columns (a cell left empty) and no total confirms it"]
    assert _texts(table)[1:] == [["GMI pabalsts", "1 200", "3 400"], ["t.sk. apkures pabalsts", "98", "1700"]]
    assert [c.text for c in found.raw_cells] == ["Mājokļa pabalsts 281 004 455 310", "t.sk. krīzes pabalsts 98 700"]
    assert found.lines == {0, 1, 2, 3, 4}


def test_after_a_blank_line_only_rows_that_split_go_on():
    text = "Pabalsti 2022 2023\nKlienti 12 13\n\nApmeklējumi 1 200 1 300\n\nNodaļa par pakalpojumiem nr. 4\n"
    found = text_tables(_lines(text), _reading())
    assert [row[0].text for row in found.tables[0].rows] == ["Pabalsti", "Klienti", "Apmeklējumi"]
    assert (found.lines, found.messages) == ({0, 1, 2, 3}, [])


def test_a_row_that_may_hold_fewer_numbers_than_columns_is_stored_only_when_a_total_confirms_it():
    # "92 1 206" is 92, 1 and 206, or 92 and 1 206 with a cell left empty
    text = "Klienti 2021 2022 2023\nAprūpe mājās 92 1 206\nDienas centrs 1 020 1 115 1 230\n"
    found = text_tables(_lines(text), _reading())
    # each group of one digit starts a number: "1 020 1 115 1 230" is three numbers or none
    assert [row[0].text for row in found.tables[0].rows] == ["Klienti", "Dienas centrs"]
    assert found.messages == [
        "line 2: row 'Aprūpe mājās' of the table 'table, line 1' is not stored: '92 1 206' may also be fewer "
        "numbers than the 3 columns (a cell left empty) and no total confirms it"]
    found = text_tables(_lines(text + "Kopā 1 112 1 116 1 436"), _reading())
    assert _texts(found.tables[0])[1:] == [["Aprūpe mājās", "92", "1", "206"],
                                           ["Dienas centrs", "1 020", "1 115", "1 230"],
                                           ["Kopā", "1 112", "1 116", "1 436"]]
    assert _kinds(found.tables[0])[1] == ["", *["split_by_total"] * 3]
    assert found.messages == []


def test_a_label_wrapped_over_lines_joins_the_row_of_its_numbers():
    lines = _lines("Pabalsti 2022 2023\nPabalsts krīzes situācijā\nun ārkārtas situācijā 1 200 1 300\n"
                   "GMI pabalsts 2 100 2 200\nSociālie pakalpojumi\nPakalpojumu sniedzēji ir\nvairāki.\n"
                   "Cits 5 600 7 800", page=3)
    found = text_tables(lines, _reading())
    assert _texts(found.tables[0])[1:] == [["Pabalsts krīzes situācijā un ārkārtas situācijā", "1 200", "1 300"],
                                           ["GMI pabalsts", "2 100", "2 200"]]
    assert found.lines == {0, 1, 2, 3}  # the text after it is no label: three lines without numbers


def test_a_total_may_say_so_at_the_end_of_its_label():
    text = "Pabalsti 2022 2023\nMājokļa pabalsts 281 004 455 310\nGMI pabalsts 1 001 200 1 003 400\n"
    found = text_tables(_lines(text + "Pabalsti kopā: 1 282 204 1 458 710"), _reading())
    assert _texts(found.tables[0])[1] == ["Mājokļa pabalsts", "281 004", "455 310"]


def test_a_total_that_no_split_adds_up_to_picks_nothing():
    text = ("Pabalsti 2022 2023\nMājokļa pabalsts 281 004 455 310\nGMI pabalsts 1 001 200 1 003 400\n"
            "Kopā 1 300 000 1 500 000")
    (table,) = text_tables(_lines(text), _reading()).tables
    assert [row[0].text for row in table.rows] == ["Pabalsti", "GMI pabalsts", "Kopā"]


@pytest.mark.parametrize("header, years", [
    ("2021. gads 2022. gads 2023. gads", ["2021. gads", "2022. gads", "2023. gads"]),
    ("Rādītājs 2015. (euro) 2016. (euro) 2017. (euro)", ["2015. (euro)", "2016. (euro)", "2017. (euro)"]),
    ("tūkst. EUR 2019.g. 2020.g. 2021.g.", ["2019.g.", "2020.g.", "2021.g."]),
    ("Gads 2023 2022 2021", ["2023", "2022", "2021"]),
    ("2015 2018 2021", ["2015", "2018", "2021"]),
    ("Pabalsti 2019 2020 2021 (EUR)", ["2019", "2020", "2021 (EUR)"]),  # as printed: table_facts reads its unit
])
def test_header_years_are_kept_as_printed(header, years):
    text = f"{header}\nKlienti 12 13 14\nApmeklējumi 1 200 1 300 1 400"
    (table,) = text_tables(_lines(text), _reading()).tables
    assert _texts(table)[0][1:] == years
    assert _texts(table)[0][0] == ("" if header[0].isdigit() else header.split(" 20")[0])
    assert _texts(table)[1:] == [["Klienti", "12", "13", "14"], ["Apmeklējumi", "1 200", "1 300", "1 400"]]


@pytest.mark.parametrize("text", [
    # prose: years in a sentence, and one line that ends in numbers
    "2021. gadā un 2022. gadā pabalstus saņēma vairāk ģimeņu.\nKopā izmaksāti 120 140\nTālāk teksts.",
    # a header of years with only one row under it
    "Pārskats 2021 2022\nPabalsti izmaksāti 120 140\nTālāk teksts bez skaitļiem.",
    # years far apart are no header
    "Salīdzinājums 1995 2022\nKlienti 120 130\nApmeklējumi 1 200 1 300",
    # a glued run of years that do not follow each other
    "20192021\nKlienti 120 130\nApmeklējumi 1 200 1 300",
    # rows that cannot be split do not make a table
    "Pabalsti 2021 2022\nKlienti 120 1300 4\nApmeklējumi 1 2345",
])
def test_no_table_where_there_is_none(text):
    found = text_tables(_lines(text), _reading())
    assert (found.tables, found.lines, found.messages, found.raw_cells) == ([], set(), [], [])


def test_glued_cells_are_split_only_when_certain():
    text = "\n".join([
        "2019202020212022",
        "Vidējais pabalsts31.0544.1239.8012.00",  # fixed two decimals
        "Klienti 10 20 30 40",
        "Mājokļa pabalsts64318 2907 115 4",  # the label glued to its numbers: only a total could split it
        "Dzīvokļi 1 2 3",
        "Istabas 1 2907 3 4",  # in a table that lost separators, "2907" may be two numbers run together
    ])
    found = text_tables(_lines(text), _reading())
    (table,) = found.tables
    assert _texts(table) == [["", "2019", "2020", "2021", "2022"],
                             ["Vidējais pabalsts", "31.05", "44.12", "39.80", "12.00"],
                             ["Klienti", "10", "20", "30", "40"]]
    assert _kinds(table)[1] == ["", *["split_by_decimals"] * 4]
    assert dict(table.rows[1][1].reasons[0].params) == {"printed": "31.0544.1239.8012.00"}
    assert found.messages == [
        "line 4: row 'Mājokļa pabalsts' of the table 'table, line 1' is not stored: '64318 2907 115 4' is printed "
        "without separators and no total confirms a split into 4 numbers",
        "line 5: row 'Dzīvokļi' of the table 'table, line 1' is not stored: '1 2 3' has fewer numbers than the 4 "
        "columns and its column is not certain",
        "line 6: row 'Istabas' of the table 'table, line 1' is not stored: '1 2907 3 4' is printed without "
        "separators and no total confirms a split into 4 numbers"]


def test_in_a_table_that_lost_its_separators_a_label_may_take_a_number_of_the_first_cell():
    text = "\n".join(["Pabalsti 2022 2023", "Mājokļa pabalsts1 200 2 300", "Klienti 12 13",
                      "Bērni līdz 38 078 731,45 876 116,41",  # 38 078 731,45; or līdz 3 and 8 078 731,45
                      "Bērni līdz 3414 283,99 62,36"])  # līdz 3414; or līdz 3 and 414 283,99
    found = text_tables(_lines(text), _reading())
    assert _texts(found.tables[0])[1:] == [["Klienti", "12", "13"]]
    assert [m.split("stored: ", 1)[1] for m in found.messages] == [
        "'1 200 2 300' is printed without separators and no total confirms a split into 2 numbers",
        "'38 078 731,45 876 116,41' is printed without separators and no total confirms a split into 2 numbers",
        "'3414 283,99 62,36' is printed without separators and no total confirms a split into 2 numbers"]


def test_a_glued_row_is_split_by_the_total_below_it():
    text = "Ģimenes 2022 2023\nTrūcīgās ģimenes17263391\nMaznodrošinātās 1 200 2 000\nKopā 2 926 5 391"
    found = text_tables(_lines(text), _reading())
    (table,) = found.tables
    assert _texts(table)[1] == ["Trūcīgās ģimenes", "1726", "3391"]
    assert _kinds(table)[1] == ["", "split_by_total", "split_by_total"]
    assert found.messages == []


def test_glued_decimals_that_do_not_split_in_one_way_are_kept():
    text = "Vidēji 2022 2023\nPabalsts 31.05 44.12\nCits31.0544.123\nVēl 1,50 2,50"
    found = text_tables(_lines(text), _reading())
    assert [row[0].text for row in found.tables[0].rows] == ["Vidēji", "Pabalsts", "Vēl"]
    assert found.messages == ["line 3: row 'Cits' of the table 'table, line 1' is not stored: '31.0544.123' is "
                              "printed without separators and no fixed decimals split it into 2 numbers"]


def test_a_dash_after_the_label_is_not_guessed_to_be_an_empty_cell():
    text = ("Pabalsti 2022 2023\nApkures pabalsts – 100 200\nKlienti 10 20\nKrīzes pabalsts 1 200 – \n"
            "Cits – 5 000 6 000")
    found = text_tables(_lines(text), _reading())
    assert _texts(found.tables[0])[1:] == [["Klienti", "10", "20"], ["Krīzes pabalsts", "1 200", "–"],
                                           ["Cits", "5 000", "6 000"]]
    assert [m.split(": ", 1)[1] for m in found.messages] == [
        "row 'Apkures pabalsts' of the table 'table, line 1' is not stored: '– 100 200': the dash may be an "
        "empty cell or set the label apart"]


def test_a_number_the_label_may_take_is_not_guessed_to_be_a_cell():
    text = "\n".join(["Klienti pēc vecuma 2021 2022 2023", "Bērni līdz 3 120 130 140", "Bērni līdz 18 1 200 1 300",
                      "Pieaugušie 2 100 2 200 2 300", "Personas ar 2 4 100 4 200 4 300",
                      "Grupa Nr. 2 98 2 076",  # 2, 98, 2 076; or Nr. 2 and 98, 2 076 with a cell left empty
                      "Bērni līdz 3 8 2167 356",  # līdz 3 and 8, 2167, 356; or 3, 8 216 and 7 356 run together
                      "Bērni līdz 33,7447,2098,34"])  # 33,74, 47,20, 98,34; or līdz 3 and 3,74, …
    found = text_tables(_lines(text), _reading())
    assert _texts(found.tables[0])[1:] == [["Pieaugušie", "2 100", "2 200", "2 300"],
                                           # "2 4 100 4 200 4 300" is not 3 numbers: the 2 is the label's
                                           ["Personas ar 2", "4 100", "4 200", "4 300"]]
    assert [m.split("stored: ", 1)[1] for m in found.messages] == [
        "'3 120 130 140': '3' may be a number of the label ('Bērni līdz 3')",
        "'18 1 200 1 300': '18' may be a number of the label ('Bērni līdz 18')",  # or 1, 200 and 1 300
        "'2 98 2 076': '2' may be a number of the label ('Grupa Nr. 2')",
        "'3 8 2167 356' cannot be split into 3 numbers by thousands grouping",
        "'33,7447,2098,34' is printed without separators and no fixed decimals split it into 3 numbers"]


def test_fewer_numbers_than_columns_are_placed_by_monospaced_alignment():
    def line(label: str, *cells: str) -> str:  # right-aligned under the years, as a monospaced export prints
        return (label.ljust(22) + "  ".join(cell.rjust(7) for cell in cells)).rstrip()

    text = "\n".join([
        line("PABALSTI", "2021", "2022", "2023"),
        line("Mājokļa pabalstam", "281 004", "455 310", "907 115"),
        line("t.sk. ugunsgrēkā", "", "12 480"),
        line("t.sk. plūdos", "", "", "450"),
        line("GMI pabalstam", "98 114", "93 207", "31 860"),
        " " + line("t.sk. vētrā", "", "12 480"),  # one character off: ends under no year
    ])
    found = text_tables(_lines(text), _reading())
    assert _texts(found.tables[0]) == [
        ["PABALSTI", "2021", "2022", "2023"],
        ["Mājokļa pabalstam", "281 004", "455 310", "907 115"],  # two spaces or more: cells apart
        ["t.sk. ugunsgrēkā", "", "12 480", ""],
        ["t.sk. plūdos", "", "", "450"],
        ["GMI pabalstam", "98 114", "93 207", "31 860"],
    ]
    assert found.messages == ["line 6: row 't.sk. vētrā' of the table 'table, line 1' is not stored: '12 480' has "
                              "fewer numbers than the 3 columns and its column is not certain"]


@pytest.mark.parametrize("text", [
    # "511" ends where "2019" does, by chance: the header's years stand one space apart
    "PABALSTI 2018 2019\nKrīzes pabalsts 12 13\nGMI pabalsts 1 200 1 300\nBērnu pabalsts 511",
    # years two spaces apart, but no full row stands in their columns
    "PABALSTI  2018  2019\nKrīzes pabalsts 12 13\nGMI pabalsts 1 200 1 300\nBērnu pabalsts   511",
])
def test_numbers_ending_under_a_year_by_chance_are_not_placed(text):
    found = text_tables(_lines(text), _reading())
    assert [row[0].text for row in found.tables[0].rows] == ["PABALSTI", "Krīzes pabalsts", "GMI pabalsts"]
    assert found.messages == ["line 4: row 'Bērnu pabalsts' of the table 'table, line 1' is not stored: '511' has "
                              "fewer numbers than the 2 columns and its column is not certain"]


ONE_CELL_PER_LINE = "\n".join([
    "Izlietojums, EUR",
    "",
    "Pabalsta",
    "veids",
    "2021. gads",
    "2022. gads",
    "",
    "Mājokļa pabalsts",
    "63 905 (t.sk. valsts dotācija 9 020)",
    " ",  # an empty cell
    "",
    "GMI",
    "pabalsts",
    "1 200",
    "3 400",
    "",
    "Krīzes pabalsts",
    "1 2345",
    "3 400",
    "",
    "Vienreizējs pabalsts",
    "700",
    "",
    "Pabalstus piešķir sociālais dienests.",
])


def test_one_cell_per_line_with_blank_lines_between_rows():
    found = text_tables(_lines(ONE_CELL_PER_LINE), _reading())
    (table,) = found.tables
    assert (table.caption, table.loc) == ("Izlietojums, EUR", Location(line=1))
    assert _texts(table) == [
        ["Pabalsta veids", "2021. gads", "2022. gads"],
        ["Mājokļa pabalsts", "63 905 (t.sk. valsts dotācija 9 020)", ""],  # the note stays in its cell
        ["GMI pabalsts", "1 200", "3 400"],
    ]
    assert [cell.loc for cell in table.rows[2]] == [Location(line=12), Location(line=14), Location(line=15)]
    assert found.messages == [
        "line 17: row 'Krīzes pabalsts' of the table 'Izlietojums, EUR, line 1' is not stored: '1 2345' is not "
        "one number by thousands grouping",
        "line 21: row 'Vienreizējs pabalsts' of the table 'Izlietojums, EUR, line 1' is not stored: 1 cells under "
        "2 years: which year each is of is not certain"]
    assert [c.text for c in found.raw_cells] == ["Krīzes pabalsts 1 2345 3 400", "Vienreizējs pabalsts 700"]
    assert found.lines == set(range(0, 23))  # caption to the last row and its blank line; not the sentence


def test_a_header_of_one_cell_per_line_may_wrap_a_year_word():
    text = "Rādītājs\n2022.\ngads\n2023.\ngads\n\nKlienti\n120\n130\n\nApmeklējumi\n1 200\n1 300"
    (table,) = text_tables(_lines(text), _reading()).tables
    assert _texts(table) == [["Rādītājs", "2022. gads", "2023. gads"], ["Klienti", "120", "130"],
                             ["Apmeklējumi", "1 200", "1 300"]]


def test_pdf_lines_follow_the_same_rules():
    lines = _lines("3.2. tabula Pakalpojumu saņēmēji\nPakalpojums 2022 2023\nAprūpe mājās 1 412 1 430\n"
                   "Dienas centrs 1 020 1 115", page=7)
    found = text_tables(lines, _reading())
    (table,) = found.tables
    assert (table.label, table.loc, table.ref()) == ("3.2. tabula", Location(page=7), "3.2. tabula, p. 7")
    assert _texts(table)[1:] == [["Aprūpe mājās", "1 412", "1 430"], ["Dienas centrs", "1 020", "1 115"]]
    assert found.lines == {0, 1, 2, 3}


def test_lines_of_tab_separated_tables_are_said_too():
    text = "Teksts\nGads\t2022\t2023\nKlienti\t1 200\t1 300\nVairāk teksta 2022 2023"
    lines = _lines(text)
    found = text_tables(lines, _reading(tab_separated_tables(lines)))
    assert (found.tables, found.lines) == ([], {1, 2})
    # a PDF prints a ruled table's rows as its cells joined by tabs, on the table's page
    pdf_lines = [TextLine("Teksts", Location(page=2)), TextLine("Gads\t2022", Location(page=2)),
                 TextLine("Klienti\t1 200", Location(page=2)), TextLine("Klienti\t1 200", Location(page=3))]
    ruled = Table("", [[Cell("Gads", Location(page=2)), Cell("2022", Location(page=2))],
                       [Cell("Klienti", Location(page=2)), Cell("1 200", Location(page=2))]], Location(page=2))
    assert text_tables(pdf_lines, _reading([ruled])).lines == {1, 2}


def test_thirty_pages_of_lines_are_read_fast():
    page = [f"Teksta rindkopa {i} par sociālajiem pakalpojumiem 2023. gadā, 412 personām." for i in range(40)]
    page += ["Pabalsti 2022 2023", "Mājokļa pabalsts 1 200 1 300", "GMI pabalsts 2 400 2 600", ""]
    lines = _lines("\n".join(page * 30))
    best = min(_timed(lambda: text_tables(lines, _reading())) for _ in range(5))
    assert len(text_tables(lines, _reading()).tables) == 30
    assert best < 0.1


def _timed(run) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


_GOOD = {"total": "['kopā']", "part": "['t.sk.']", "count": "['skait']", "not_amount": "['plān']",
         "row_number": "['^\\d+\\.$']", "year": "['gads']", "before_number": "['līdz']"}


def _words_file(**changed: str | None) -> str:
    keys = {**_GOOD, **changed}
    return "\n".join(f"{key} = {value}" for key, value in keys.items() if value is not None)


@pytest.mark.parametrize("content, message", [
    (_words_file(sum="['x']"), "table_words.toml: unknown key 'sum'; it takes before_number, count, not_amount, "
                               "part, row_number, total, year"),
    (_words_file(total="'kopā'"), "table_words.toml: 'total' must be a list of words"),
    (_words_file(part="[]"), "table_words.toml: 'part' must be a list of words"),
    (_words_file(year=None), "table_words.toml: 'year' must be a list of words"),
    (_words_file(before_number="[1]"), "table_words.toml: 'before_number' must be a list of words"),
    (_words_file(total="['(kopā']"), "table_words.toml: 'total' has a bad regex '(kopā'"),
    ("total = [", "table_words.toml: cannot be read"),
])
def test_a_wrong_words_file_is_refused_in_one_line(tmp_path: Path, content, message):
    path = tmp_path / "table_words.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(TableWordsError) as caught:
        load_table_words(path)
    assert str(caught.value).startswith(message) and "\n" not in str(caught.value)


def test_a_document_no_layout_knows_gets_its_text_tables_read(tmp_path: Path):
    from ingest.worker import extract_file

    path = tmp_path / "talsu_parskats.txt"
    path.write_text("Talsu novada Sociālais dienests\nPārskats par sociālo palīdzību 2023. gadā\n\n" + YEAR_TABLE
                    + "\nPabalstus 2023. gadā saņēma 412 personas.\n", encoding="utf-8")
    _, extraction = extract_file(path)
    assert extraction.layout == "generic"
    assert ("line 9: row 't.sk. ugunsgrēkā cietušajiem' of the table "
            "'Sociālās palīdzības pabalsti (EUR), line 5' is not stored: '12 480' has fewer numbers than the 3 "
            "columns and its column is not certain" in extraction.messages)
    assert [(c.text, c.loc) for c in extraction.raw_cells if c.col_index == 0 and c.row_index == 4] == [
        ("t.sk. ugunsgrēkā cietušajiem 12 480", Location(line=9))]
    assert 12480 not in [fact.value for fact in extraction.facts]  # nor read again as a sentence's figure


def _grouped(value: float, decimals: bool) -> str:
    whole = f"{int(value):,}".replace(",", " ")
    return whole + (f",{round((value - int(value)) * 100):02d}" if decimals else "")


@pytest.mark.parametrize("style, least_stored", [("spaces", 400), ("columns", 900), ("dashes", 600), ("glued", 0)])
def test_generated_tables_give_no_misread_value(style, least_stored):
    """Made-up tables printed four ways, a third of their rows with a cell left empty: whatever is stored
    is the value printed in that column."""
    rng = random.Random(9)
    labels = ["Mājokļa pabalsts", "GMI pabalsts", "t.sk. ugunsgrēkā", "Aprūpe mājās", "Bērni līdz 3",
              "Grupa Nr. 2"]

    def line(label: str, cells: list[str | None]) -> str:
        if style == "columns":
            return (label.ljust(24) + "  ".join((c or "").rjust(14) for c in cells)).rstrip()
        if style == "dashes":
            return f"{label} " + " ".join(c or "–" for c in cells)
        return label + (" " if style == "spaces" else "") + " ".join(c for c in cells if c)

    stored = misread = 0
    for _ in range(300):
        k, decimals = rng.randint(2, 5), rng.random() < 0.3
        rows = []
        for _ in range(rng.randint(2, 6)):
            values = [rng.randint(1, 10 ** rng.randint(1, 7)) + (rng.randint(0, 99) / 100 if decimals else 0)
                      for _ in range(k)]
            printed = [_grouped(v, decimals) for v in values]
            if rng.random() < 0.3:
                printed[rng.randrange(k)] = None
            rows.append((rng.choice(labels), values, printed))
        if rng.random() < 0.5:
            sums = [round(sum(v[j] for label, v, _ in rows if not label.startswith("t.sk.")), 2) for j in range(k)]
            rows.append(("Kopā", sums, [_grouped(v, decimals) for v in sums]))
        years = [str(2018 + j) for j in range(k)]
        header = line("PABALSTI", years) if style == "columns" else "PABALSTI " + " ".join(years)
        found = text_tables(_lines("\n".join([header] + [line(label, p) for label, _, p in rows])), _reading())
        for table in found.tables:
            for row in table.rows[1:]:
                _, values, printed = rows[row[0].loc.line - 2]
                got = [parse_lv_number(cell.text).value if cell.text else None for cell in row[1:]]
                stored += 1
                misread += got != [round(v, 2) if p else None for v, p in zip(values, printed)]
    assert (misread, stored >= least_stored) == (0, True), stored
