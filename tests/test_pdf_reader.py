"""The PDF reader against the same report's text export, plus small synthetic PDFs and bad input.

Fixtures: tests/fixtures/encrypted.pdf (user password "user") and restricted.pdf (no user password,
owner-only restrictions) were made once from `_one_table_pdf()` with qpdf:
    qpdf --encrypt user owner 256 -- base.pdf encrypted.pdf
    qpdf --encrypt '' owner 256 --print=none --modify=none --extract=n -- base.pdf restricted.pdf
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from ingest.readers import UnreadableFile, read_document
from ingest.readers.pdf import read_pdf
from ingest.readers.text import clean_cell_text, read_text

ROOT = Path(__file__).resolve().parents[1]
REPORT_PDF = ROOT / "raw_reports" / "tukuma_novads_2024_publiskais_parskats.pdf"
REPORT_TXT = ROOT / "raw_reports" / "tukuma_novads_2024_publiskais_parskats.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

# Numbered tables of the 2024 report and the page of their caption in the PDF.
CAPTION_PAGES = {"1.1. tabula": 5, "3.1. tabula": 12, "3.2. tabula": 13, "3.3. tabula": 13,
                 "3.4. tabula": 14, "4.1. tabula": 15, "4.2. tabula": 19}


@pytest.fixture(scope="module")
def pdf_doc():
    return read_pdf(REPORT_PDF)


@pytest.fixture(scope="module")
def txt_doc():
    return read_text(REPORT_TXT)


def texts(table) -> list[list[str]]:
    return [[cell.text for cell in row] for row in table.rows]


def by_label(doc, label):
    found = [t for t in doc.tables if t.label == label]
    assert len(found) == 1, f"{label}: {len(found)} tables"
    return found[0]


def row_of(table, first_cell: str) -> list[str]:
    return next(r for r in texts(table) if r[0] == first_cell)


# --------------------------------------------------------------------------- the 2024 report

@pytest.mark.parametrize("label", CAPTION_PAGES)
def test_numbered_table_equals_text_export(pdf_doc, txt_doc, label):
    got, want = by_label(pdf_doc, label), by_label(txt_doc, label)
    assert got.caption == want.caption
    assert texts(got) == texts(want)
    assert got.loc.page == CAPTION_PAGES[label] and got.loc.line is None


def test_every_table_equals_text_export(pdf_doc, txt_doc):
    """Same tables in the same order, the table of contents and the two unnumbered Avotiņš tables after
    4.2 included."""
    assert [(t.label, t.caption, texts(t)) for t in pdf_doc.tables] == \
        [(t.label, t.caption, texts(t)) for t in txt_doc.tables]
    after = pdf_doc.tables[[t.label for t in pdf_doc.tables].index("4.2. tabula") + 1:]
    assert [t.rows[0][0].text for t in after] == ["Psihologa konsultācijas Ukrainas iedz.", "Pakalpojuma nosaukums"]
    assert [t.loc.page for t in after] == [19, 20]


def test_exact_cells(pdf_doc):
    label = "Apbedīšanas pabalsts – starpība starp pašv. noteikto"
    assert row_of(by_label(pdf_doc, "3.3. tabula"), label) == \
        [label, "6 492.5.00", "14 504.00", "16217.84", "41 personas"]
    assert row_of(by_label(pdf_doc, "3.3. tabula"), "Zelta un dimanta kāzu jubilāriem")[2] == "34 50.00"
    assert row_of(by_label(pdf_doc, "3.4. tabula"), "Pabalsts krīzes situācijā")[1] == "20 6107"
    assert row_of(by_label(pdf_doc, "4.1. tabula"), "Konsultatīvais darbs")[1] == "4 6617"
    # Cells printed on several lines are joined with a space.
    assert texts(by_label(pdf_doc, "3.4. tabula"))[0][1] == "Izlietotie līdzekļi (EUR) 2022. gadā"
    assert texts(by_label(pdf_doc, "1.1. tabula"))[0][3] == "1.07.- 31.12.2021."


def test_tables_run_over_page_breaks(pdf_doc):
    t33 = by_label(pdf_doc, "3.3. tabula")  # header on p. 13, every data row on p. 14
    assert [c.text for c in t33.rows[0]][0] == "Atbalsta pasākuma veids"
    assert {row[0].loc.page for row in t33.rows} == {13, 14} and t33.rows[1][0].loc.page == 14
    assert sum(row[0].text == "Atbalsta pasākuma veids" for row in t33.rows) == 1
    # 1.1 has a row cut by the break between pp. 5 and 6: its halves make one row.
    t11 = by_label(pdf_doc, "1.1. tabula")
    assert row_of(t11, "Reģistrēti soc.dzīv. mājas dzīves telpas īres līg. līdz 2022.g.")[1:] == \
        ["-", "-", "3", "41", "6", "-", "-"]
    assert texts(t11)[-1][0] == "Kopā apstrādāti dokumenti(dati LIETVARIS un SOPA)"


def test_running_footer_removed(pdf_doc):
    assert pdf_doc.n_pages == 30
    assert not [line.text for line in pdf_doc.lines if re.search(r"publiskais pārskats · \d+ / \d+", line.text)]
    assert all(line.loc.page and line.loc.line is None for line in pdf_doc.lines)


def flow(doc) -> str:
    """The document's text as prose rules see it: markup gone, white space folded."""
    return clean_cell_text(" ".join(line.text for line in doc.lines))


def test_running_text_equals_text_export(pdf_doc, txt_doc):
    """Word for word, once the export's bold/italic markup is gone; table rows are tab lines in both."""
    assert flow(pdf_doc) == flow(txt_doc)


def test_sentences_found_in_both(pdf_doc, txt_doc):
    patterns = [
        r"Sociālai palīdzībai pārskata periodā izlietoti (?P<v>[\d ]+,\d\d) euro",
        r"Pabalstu piešķir par mājokli, kurā mājsaimniecība faktiski dzīvo",  # runs from p. 12 to p. 13
        r"gaisā-pastaigas",  # hyphen at a line end in the PDF
    ]
    for pattern in patterns:
        got, want = re.search(pattern, flow(pdf_doc)), re.search(pattern, flow(txt_doc))
        assert got and want and got.group(0) == want.group(0), pattern


def test_read_document_dispatches_pdf(tmp_path):
    path = tmp_path / "one.pdf"
    path.write_bytes(_one_table_pdf())
    doc = read_document(path)
    assert doc.format == "pdf" and doc.n_pages == 1
    assert texts(doc.tables[0]) == [["Name", "2024", "x"], ["Alpha", "1", "y"]]


# --------------------------------------------------------------------------- synthetic PDFs

def make_pdf(pages: list[str | bytes], size=(300, 400), resources: str = "", extra: tuple[bytes, ...] = ()) -> bytes:
    """A minimal PDF: one content stream per page (font /F1 = Helvetica): PDF operators (str), or data
    already deflated (bytes, given the FlateDecode filter). `resources` are added to every page's; `extra`
    objects (a form XObject, say) are numbered after the pages' (from 3 + 2 * pages + 1)."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"", b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    for content in pages:
        deflated = isinstance(content, bytes)
        data, flate = (content, " /Filter /FlateDecode") if deflated else (content.encode("latin-1"), "")
        objs.append(f"<< /Length {len(data)}{flate} >>\nstream\n".encode() + data + b"\nendstream")
        objs.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {size[0]} {size[1]}] "
                    f"/Resources << /Font << /F1 3 0 R >> {resources}>> /Contents {len(objs)} 0 R >>".encode())
        kids.append(f"{len(objs)} 0 R")
    objs[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>".encode()
    objs.extend(extra)
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for n, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


COLS = [20, 140, 210, 280]  # column rulings (x)


def text(x, y, s, size=9) -> str:
    return f"BT /F1 {size} Tf {x} {y} Td ({s}) Tj ET"


def grid(ys: list[float], open_bottom=False, open_top=False) -> list[str]:
    """Rulings (thin filled rects, as browsers print them) for rows between successive ys, top first."""
    ops = [f"{x} {ys[-1]} 0.75 {ys[0] - ys[-1]} re f" for x in COLS]
    across = ys[1 if open_top else 0: len(ys) - 1 if open_bottom else len(ys)]
    return ops + [f"{COLS[0]} {y} {COLS[-1] - COLS[0]} 0.75 re f" for y in across]


def row(y, cells) -> list[str]:
    return [text(x + 4, y, c) for x, c in zip(COLS, cells) if c]


def _one_table_pdf() -> bytes:
    ops = [text(20, 370, "2. tabula Encrypted table"), *grid([350, 330, 310]),
           *row(336, ["Name", "2024", "x"]), *row(316, ["Alpha", "1", "y"])]
    return make_pdf(["\n".join(ops)])


def _three_page_pdf() -> bytes:
    """Table 1 runs from p. 1 to p. 2 with its header printed again; table 2 runs from p. 2 to p. 3 with a
    row cut by the page break. Every page has a running footer."""
    def footer(n):
        return text(20, 12, f"Test report - page {n} / 3", 7)

    page1 = [text(20, 380, "Intro prose line."), text(20, 366, "1. tabula"), text(20, 354, "Counts by year"),
             *grid([340, 320, 300, 280]), *row(326, ["Name", "2023", "2024"]), *row(306, ["Alpha", "1", "2"]),
             *row(286, ["Beta", "3", "4"]), footer(1)]
    page2 = [*grid([385, 365, 345]), *row(371, ["Name", "2023", "2024"]), *row(351, ["Gamma", "5", "6"]),
             text(20, 320, "Some prose between tables."), text(20, 300, "2. tabula Split rows"),
             *grid([280, 260, 240, 30], open_bottom=True), *row(266, ["Name", "2023", "2024"]),
             *row(246, ["Delta", "7", "8"]), *row(226, ["Epsilon", "9", "10"]), footer(2)]
    page3 = [*grid([390, 370, 350], open_top=True), *row(380, ["continued", "", ""]),
             *row(356, ["Zeta", "11", "12"]), text(20, 330, "The end."), footer(3)]
    return make_pdf(["\n".join(p) for p in (page1, page2, page3)])


def test_continued_tables_synthetic(tmp_path):
    path = tmp_path / "three.pdf"
    path.write_bytes(_three_page_pdf())
    doc = read_pdf(path)
    first, second = doc.tables
    assert (first.label, first.caption, first.loc.page) == ("1. tabula", "1. tabula Counts by year", 1)
    assert texts(first) == [["Name", "2023", "2024"], ["Alpha", "1", "2"], ["Beta", "3", "4"], ["Gamma", "5", "6"]]
    assert first.rows[3][0].loc.page == 2
    assert (second.caption, second.loc.page) == ("2. tabula Split rows", 2)
    assert texts(second) == [["Name", "2023", "2024"], ["Delta", "7", "8"], ["Epsilon continued", "9", "10"],
                             ["Zeta", "11", "12"]]
    assert [line.text for line in doc.lines] == [
        "Intro prose line.", "1. tabula", "Counts by year", "Name\t2023\t2024", "Alpha\t1\t2", "Beta\t3\t4",
        "Gamma\t5\t6", "Some prose between tables.", "2. tabula Split rows", "Name\t2023\t2024", "Delta\t7\t8",
        "Epsilon continued\t9\t10", "Zeta\t11\t12", "The end."]


def test_owner_restricted_pdf_is_read():
    """Encrypted without a user password (print/copy restrictions only): readable, so read."""
    doc = read_pdf(FIXTURES / "restricted.pdf")
    assert texts(doc.tables[0]) == [["Name", "2024", "x"], ["Alpha", "1", "y"]]


# --------------------------------------------------------------------------- bad input

def _damaged_page(data: bytes) -> bytes:
    """The page's content stream overwritten with NULs: the xref still points at objects, which no longer parse."""
    start = data.index(b"4 0 obj")
    return data[:start] + b"\x00" * (data.index(b"endobj", data.index(b"5 0 obj")) - start) + \
        data[data.index(b"endobj", data.index(b"5 0 obj")):]


BAD = {
    "truncated": (lambda: REPORT_PDF.read_bytes()[: REPORT_PDF.stat().st_size // 2], "truncated"),
    "truncated, end marker added": (lambda: REPORT_PDF.read_bytes()[:200_000] + b"\n%%EOF\n", "damaged PDF"),
    "damaged page": (lambda: _damaged_page(_one_table_pdf()), "damaged PDF"),
    "text named .pdf": (lambda: "Nav PDF, tikai teksts.\n".encode(), "not a PDF"),
    "PNG named .pdf": (lambda: b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "not a PDF"),
    "no text layer": (lambda: make_pdf(["20 20 100 100 re f", ""]), "no text layer"),
    "encrypted": (lambda: (FIXTURES / "encrypted.pdf").read_bytes(), "encrypted"),
}


@pytest.mark.parametrize("case", BAD)
def test_bad_input_is_unreadable(tmp_path, case):
    make, reason = BAD[case]
    path = tmp_path / "bad.pdf"
    path.write_bytes(make())
    with pytest.raises(UnreadableFile) as info:
        read_document(path)
    message = str(info.value)
    assert reason in message and "\n" not in message and len(message) < 150
    # No parser traceback chained to it.
    assert info.value.__cause__ is None and (info.value.__context__ is None or info.value.__suppress_context__)


# --------------------------------------------------------------------------- ruled tables from PDFium's geometry

def _tables_both_ways(path: Path, number: int):
    """The ruled tables of page `number` found from PDFium's geometry and from pdfplumber's parse."""
    import pdfplumber
    import pypdfium2 as pdfium

    from ingest.readers.pdf import _add_tables, _Page
    from ingest.readers.pdf_geometry import page_geometry

    with pdfplumber.open(path, pages=[number]) as pdf:
        parsed = pdf.pages[0]
        plumber_page = _Page(number, parsed.height, True, 1)
        _add_tables(plumber_page, parsed)
    doc = pdfium.PdfDocument(str(path))
    page = doc[number - 1]
    textpage = page.get_textpage()
    try:
        geometry = page_geometry(page, textpage)
        pdfium_page = _Page(number, 0.0, True, 1)
        if geometry is None or not _add_tables(pdfium_page, geometry):
            return None, plumber_page.tables
        return pdfium_page.tables, plumber_page.tables
    finally:
        textpage.close()
        page.close()
        doc.close()


def _same_tables(got, want) -> bool:
    """The same cells, ends and extent (to a tenth of a point: PDFium computes in single precision)."""
    return len(got) == len(want) and all(
        (a.rows, a.open_top, a.open_bottom) == (b.rows, b.open_top, b.open_bottom)
        and abs(a.top - b.top) < 0.1 and abs(a.bottom - b.bottom) < 0.1 for a, b in zip(got, want))


@pytest.mark.parametrize("number", [1, 5, 6, 12, 13, 14, 15, 16, 19, 20])
def test_the_reports_ruled_pages_read_from_pdfium_as_pdfplumber_reads_them(number):
    """The ten pages of the 2024 report that draw rulings: PDFium's rectangles and character boxes give
    pdfplumber's table finder exactly the tables of pdfplumber's own (ten times slower) parse, every cell
    with its word breaks (PDFium's generated spaces) included."""
    got, want = _tables_both_ways(REPORT_PDF, number)
    assert got is not None, "PDFium's geometry of this page should be usable"
    assert want and _same_tables(got, want)


def test_rulings_drawn_as_stroked_lines_are_read_from_pdfium(tmp_path):
    """Rulings stroked as line segments (not thin filled rectangles) are lines, as pdfminer makes them."""
    lines = [f"{x} 310 m {x} 350 l S" for x in COLS] + [f"{COLS[0]} {y} m {COLS[-1]} {y} l S" for y in (350, 330, 310)]
    path = tmp_path / "lines.pdf"
    path.write_bytes(make_pdf(["\n".join([*lines, *row(336, ["Name", "2024", "x"]), *row(316, ["Alpha", "1", "y"])])]))
    got, want = _tables_both_ways(path, 1)
    assert got is not None and _same_tables(got, want)
    assert [t.rows for t in got] == [[["Name", "2024", "x"], ["Alpha", "1", "y"]]]


@pytest.mark.parametrize("drawing", [
    "200 20 m 220 60 240 60 260 20 c S",  # a curve
    "BT /F1 9 Tf 0.9 0.3 -0.3 0.9 215 314 Tm (Turned) Tj ET",  # text in the table that is not upright
    "200 20 m 260 20 l 230 60 l h S",  # a triangle
])
def test_a_page_pdfium_cannot_give_as_pdfminer_would_is_parsed_by_pdfplumber(tmp_path, drawing):
    """A page with a shape, or text in a table, that PDFium's geometry does not render as pdfminer would is
    read by pdfplumber, and its table is read all the same."""
    ops = [text(20, 370, "2. tabula Mixed page"), *grid([350, 330, 310]), *row(336, ["Name", "2024", "x"]),
           *row(316, ["Alpha", "1", "y"]), drawing]
    path = tmp_path / "mixed.pdf"
    path.write_bytes(make_pdf(["\n".join(ops)]))
    got, want = _tables_both_ways(path, 1)
    assert got is None
    assert len(want) == 1 and want[0].rows[0] == ["Name", "2024", "x"] and want[0].rows[1][:2] == ["Alpha", "1"]
    assert texts(read_pdf(path).tables[0]) == want[0].rows


def test_text_turned_outside_the_tables_leaves_the_page_to_pdfium(tmp_path):
    """Only the characters inside a table are read for it: text turned elsewhere on the page (a margin
    note) does not send the page to pdfplumber."""
    ops = [text(20, 370, "2. tabula Noted page"), *grid([350, 330, 310]), *row(336, ["Name", "2024", "x"]),
           *row(316, ["Alpha", "1", "y"]), "BT /F1 9 Tf 0.9 0.3 -0.3 0.9 30 40 Tm (Turned) Tj ET"]
    path = tmp_path / "noted.pdf"
    path.write_bytes(make_pdf(["\n".join(ops)]))
    got, want = _tables_both_ways(path, 1)
    assert got is not None and _same_tables(got, want)
    assert [t.rows for t in got] == [[["Name", "2024", "x"], ["Alpha", "1", "y"]]]


def test_a_table_ruled_inside_a_form_xobject_is_found_and_read_by_pdfplumber(tmp_path):
    """Rulings drawn by a form XObject: the page draws paths (found inside the form), and its geometry is
    left to pdfplumber, which places the form's objects."""
    rulings = "\n".join(grid([350, 330, 310])).encode()
    form = b"<< /Type /XObject /Subtype /Form /BBox [0 0 300 400] /Length %d >>\nstream\n" % len(rulings) + \
        rulings + b"\nendstream"
    ops = [text(20, 370, "2. tabula Form table"), "/X1 Do", *row(336, ["Name", "2024", "x"]),
           *row(316, ["Alpha", "1", "y"])]
    path = tmp_path / "form.pdf"
    path.write_bytes(make_pdf(["\n".join(ops)], resources="/XObject << /X1 6 0 R >>", extra=(form,)))
    got, want = _tables_both_ways(path, 1)
    assert got is None and [t.rows for t in want] == [[["Name", "2024", "x"], ["Alpha", "1", "y"]]]
    assert texts(read_pdf(path).tables[0]) == [["Name", "2024", "x"], ["Alpha", "1", "y"]]
