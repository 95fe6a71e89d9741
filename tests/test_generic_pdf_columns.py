"""PDF tables printed without rulings (ingest.readers.pdf_columns): made-up pages built here, text placed
with `Td` in columns apart by wide gaps (base-14 fonts have no Latvian letters: ASCII labels)."""
from __future__ import annotations

from pathlib import Path

from ingest.layouts.generic import generic_layout
from ingest.readers.pdf import read_pdf
from test_pdf_reader import REPORT_PDF, grid, make_pdf, row, text

TITLE = text(20, 385, "Talsu novada Sociala dienesta parskats par 2023. gadu")


def rows_of(table) -> list[list[str]]:
    return [[cell.text for cell in r] for r in table.rows]


def page(*ops: str) -> bytes:
    return make_pdf(["\n".join([TITLE, *ops])])


def read(tmp_path: Path, pdf: bytes):
    path = tmp_path / "talsi.pdf"
    path.write_bytes(pdf)
    return read_pdf(path)


# Columns: labels at 20, the years' numbers right-aligned under headers at 160 and 220.
UNRULED = [text(20, 360, "3. tabula Pabalsti (EUR)"),
           text(20, 340, "Pabalsts"), text(160, 340, "2022"), text(220, 340, "2023"),
           text(20, 326, "Majokla pabalsts"), text(150, 326, "12 480"), text(210, 326, "13 002"),
           text(20, 312, "t.sk. berniem"), text(215, 312, "400"),
           text(20, 298, "Pavisam"), text(150, 298, "12 480"), text(210, 298, "13 002"),
           text(20, 270, "Prose under the table: 2023. gada izlietojums bija lielaks.")]


def test_an_unruled_table_is_found_from_the_characters_positions(tmp_path):
    doc = read(tmp_path, page(*UNRULED))
    table, = doc.unruled_tables
    assert (table.caption, table.label, table.loc.page) == ("3. tabula Pabalsti (EUR)", "3. tabula", 1)
    assert rows_of(table) == [["Pabalsts", "2022", "2023"], ["Majokla pabalsts", "12 480", "13 002"],
                              ["t.sk. berniem", "", "400"], ["Pavisam", "12 480", "13 002"]]
    # its rows are still text lines, as the page text gives them, and marked as the table's
    assert [doc.lines[i].text for i in sorted(doc.unruled_lines)] == [
        "Pabalsts 2022 2023", "Majokla pabalsts 12 480 13 002", "t.sk. berniem 400", "Pavisam 12 480 13 002"]
    assert doc.tables == []  # the layouts' tables are the ruled ones, as before


def test_only_the_generic_reader_reads_an_unruled_table(tmp_path):
    out = generic_layout().extract(read(tmp_path, page(*UNRULED)))
    assert [(f.category, f.year, f.unit, f.value) for f in out.facts] == [
        ("3. tabula / Majokla pabalsts", 2022, "EUR", 12480.0),
        ("3. tabula / Majokla pabalsts", 2023, "EUR", 13002.0),
        ("3. tabula / Majokla pabalsts / t.sk. berniem", 2023, "EUR", 400.0),
        ("3. tabula / Pavisam", 2022, "EUR", 12480.0),
        ("3. tabula / Pavisam", 2023, "EUR", 13002.0)]
    assert out.facts[2].source_ref == "3. tabula, p. 1; row 't.sk. berniem', column '2023'"
    assert [r.kind for r in out.facts[-1].reasons] == ["generic_reader"]


def test_a_row_whose_cell_stands_between_columns_ends_the_table(tmp_path):
    ops = [text(20, 340, "Pabalsts"), text(160, 340, "2022"), text(220, 340, "2023"),
           text(20, 326, "Alpha"), text(150, 326, "1 100"), text(210, 326, "1 200"),
           text(20, 312, "Beta"), text(150, 312, "2 100"), text(210, 312, "2 200"),
           text(20, 298, "Gamma"), text(183, 298, "3 100")]  # half-way between the two columns
    table, = read(tmp_path, page(*ops)).unruled_tables
    assert [r[0] for r in rows_of(table)] == ["Pabalsts", "Alpha", "Beta"]


def test_wide_figures_right_aligned_under_narrow_years_stay_in_their_columns(tmp_path):
    ops = [text(20, 340, "Pabalsts"), text(170, 340, "2022"), text(250, 340, "2023"),
           text(20, 326, "Alpha"), text(130, 326, "1 234 567,89"), text(210, 326, "2 345 678,90"),
           text(20, 312, "Beta"), text(166, 312, "12,50"), text(246, 312, "13,75")]
    table, = read(tmp_path, page(*ops)).unruled_tables
    assert rows_of(table) == [["Pabalsts", "2022", "2023"], ["Alpha", "1 234 567,89", "2 345 678,90"],
                              ["Beta", "12,50", "13,75"]]


def test_fewer_than_two_rows_or_one_year_is_no_table(tmp_path):
    one_row = [text(20, 340, "Pabalsts"), text(160, 340, "2022"), text(220, 340, "2023"),
               text(20, 326, "Alpha"), text(150, 326, "1 100"), text(210, 326, "1 200")]
    assert read(tmp_path, page(*one_row)).unruled_tables == []
    one_year = [text(20, 340, "Pabalsts"), text(160, 340, "2022"),
                text(20, 326, "Alpha"), text(150, 326, "1 100"), text(20, 312, "Beta"), text(150, 312, "2 100")]
    assert read(tmp_path, page(*one_year)).unruled_tables == []


def test_years_in_running_text_make_no_table(tmp_path):
    ops = [text(20, 340, "Salidzinot 2021 2022 2023"), text(20, 326, "gadu dati liecina par pieaugumu."),
           text(20, 312, "Tas ir viss, ko 2023 var teikt.")]
    assert read(tmp_path, page(*ops)).unruled_tables == []


def test_a_page_with_a_ruled_table_is_not_looked_at_for_unruled_ones(tmp_path):
    ruled = [*grid([300, 280, 260]), *row(286, ["Name", "2023", "2024"]), *row(266, ["Alpha", "1", "2"])]
    doc = read(tmp_path, page(*UNRULED, *ruled))
    assert len(doc.tables) == 1 and doc.unruled_tables == []


def test_the_seed_report_holds_no_unruled_table():
    """Its tables are ruled and read by its layout: nothing is added beside them, so nothing it gives
    changes."""
    doc = read_pdf(REPORT_PDF)
    assert (doc.unruled_tables, doc.unruled_lines, len(doc.tables)) == ([], frozenset(), 10)


def test_only_short_lines_ending_in_years_make_a_page_worth_looking_at():
    from ingest.readers.pdf_columns import wants_columns

    assert wants_columns(["Pabalsts 2021. gads 2022. gads"]) and wants_columns(["Pabalsts 2021 2022 "])
    assert not wants_columns(["2021. gadā pabalstu saņēma 412 personas", "Pabalsts 2021"])
    assert not wants_columns(["2021 " * 20_000 + "x"])  # a hostile line is not searched at all
