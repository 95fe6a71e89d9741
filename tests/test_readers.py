"""Readers against hostile or unusual files: encodings, NULs, size limits, workbooks that unpack to far more
than they weigh, sparse sheets, and numbers as a workbook stores them. Every file is made here."""
from __future__ import annotations

import time
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from ingest.layouts.facts_upload import extract as extract_upload
from ingest.limits import ReadLimits
from ingest.readers import UnreadableFile, read_document
from test_ingest_cli import make_upload
from test_pdf_reader import FIXTURES, make_pdf

TEXT = "1. tabula Izdevumi\nGads\t2023\t2024\nAprūpe mājās\t10\t12\n"


def refusal(path: Path, limits: ReadLimits | None = None) -> str:
    with pytest.raises(UnreadableFile) as info:
        read_document(path, limits) if limits else read_document(path)
    message = str(info.value)
    assert "\n" not in message and len(message) < 200
    return message


# --------------------------------------------------------------------------- text

def test_a_nul_anywhere_refuses_a_text_file(tmp_path):
    path = tmp_path / "report.txt"
    path.write_bytes(TEXT.encode() * 400 + b"\x00" + TEXT.encode())  # far past the first 4 KiB
    assert "NUL" in refusal(path)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_text_with_a_byte_order_mark_is_read(tmp_path, encoding):
    path = tmp_path / "report.txt"
    bom = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}.get(encoding, b"")
    path.write_bytes(bom + TEXT.encode(encoding))
    doc = read_document(path)
    assert [line.text for line in doc.lines] == TEXT.splitlines()
    assert [[c.text for c in row] for row in doc.tables[0].rows] == [["Gads", "2023", "2024"],
                                                                      ["Aprūpe mājās", "10", "12"]]


def test_utf16_without_its_mark_is_named_as_such(tmp_path):
    path = tmp_path / "report.txt"
    path.write_bytes(TEXT.encode("utf-16-le"))
    assert "UTF-16 text needs its byte-order mark" in refusal(path)


def test_text_that_is_not_utf8_says_so(tmp_path):
    path = tmp_path / "report.txt"
    path.write_bytes("Sociālais dienests".encode("cp1257"))
    assert "not UTF-8 text" in refusal(path)


# --------------------------------------------------------------------------- size

@pytest.mark.parametrize("name", ["big.txt", "big.pdf", "big.xlsx"])
def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"x" * 300_000)
    message = refusal(path, ReadLimits(max_input_mb=0.25))
    assert "0.3 MB, over the limit of 0.25 MB (--max-input-mb)" in message


# --------------------------------------------------------------------------- PDF

def test_a_pdf_without_pages_says_so(tmp_path):
    path = tmp_path / "empty.pdf"
    path.write_bytes(make_pdf([]))
    message = refusal(path)
    assert "no pages" in message and "Success" not in message
    # PDFium's last error outlives the file it was set for: an encrypted file just before must not count.
    assert "encrypted" in refusal(FIXTURES / "encrypted.pdf")
    assert "no pages" in refusal(path)


# --------------------------------------------------------------------------- workbooks

def test_a_workbook_that_unpacks_past_the_limit_is_refused_before_openpyxl_opens_it(tmp_path):
    """A sheet of 42 MB of one repeated row deflates to a few hundred KB."""
    path = make_upload(tmp_path / "bomb.xlsx", [["Tukuma novads", 2024, "budget", "spend", "X", "1", "EUR"]])
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    row = b'<row><c t="inlineStr"><is><t>aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa</t></is></c></row>'
    parts[sheet] = parts[sheet].replace(b"</sheetData>", row * 500_000 + b"</sheetData>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    assert path.stat().st_size < 1_000_000
    started = time.perf_counter()
    message = refusal(path, ReadLimits(max_input_mb=10))
    assert time.perf_counter() - started < 2
    assert "unpacks to 42 MB, over the limit of 10 MB" in message


def _sparse_workbook(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "facts"
    sheet["A1"] = "x"
    sheet["XFD1048576"] = 1  # the declared range becomes A1:XFD1048576
    book.save(path)
    return path


def test_a_sparse_sheet_is_read_only_as_far_as_its_cells(tmp_path):
    path = _sparse_workbook(tmp_path / "sparse.xlsx")
    started = time.perf_counter()
    doc = read_document(path, ReadLimits(max_cells=20_000))
    assert time.perf_counter() - started < 10
    first, last = doc.tables[0].rows
    assert [c.text for c in first] == ["x"] and first[0].loc.line == 1
    assert len(last) == 16384 and last[-1].text == "1" and last[0].loc.line == 1048576


def test_cells_over_the_limit_refuse_the_workbook(tmp_path):
    path = _sparse_workbook(tmp_path / "sparse.xlsx")
    assert "more than 10000 cells (sheet 'facts', row 1048576)" in refusal(path, ReadLimits(max_cells=10_000))


def upload_facts(path: Path):
    return extract_upload(read_document(path)).facts


def test_numeric_cells_are_read_exactly(tmp_path):
    path = make_upload(tmp_path / "exact.xlsx", [
        ["Tukuma novads", 2025, "budget", "spend", "Mazs", 0.00001, "EUR"],
        ["Tukuma novads", 2025, "budget", "spend", "Trīs zīmes", 1234.567, "EUR"],
        ["Tukuma novads", 2025, "recipients", "persons", "Vesels", 176, "persons"],
    ])
    assert [(f.value, f.raw_value, f.flag) for f in upload_facts(path)] == [
        (0.00001, "0.00001", None), (1234.567, "1234.567", None), (176.0, "176", None)]


def test_a_value_too_large_to_be_finite_refuses_the_workbook(tmp_path):
    path = make_upload(tmp_path / "huge.xlsx", [
        ["Tukuma novads", 2025, "budget", "spend", "Labi", 5, "EUR"],
        ["Tukuma novads", 2025, "budget", "spend", "Milzīgs", "9" * 400, "EUR"],
    ])
    with pytest.raises(UnreadableFile) as info:
        upload_facts(path)
    message = str(info.value)
    assert message.startswith("sheet 'facts', row 3, column 'value': '9999") and "too large" in message
    assert len(message) < 120


def test_the_uploaders_flag_is_kept_beside_the_readings(tmp_path):
    path = make_upload(tmp_path / "flags.xlsx", [
        ["Tukuma novads", 2025, "budget", "spend", "Patversme", "34 50.00", "EUR", "aplēse"],
        ["Tukuma novads", 2025, "budget", "spend", "Aprūpe", 10, "EUR", "aplēse"],
    ], header=("municipality", "year", "topic", "metric", "category", "value", "unit", "flag"))
    irregular, plain = upload_facts(path)
    assert (irregular.flag, irregular.flag_lv) == (
        "the uploader's note: aplēse; printed '34 50.00', read as 3,450.00: irregular digit grouping",
        "augšupielādētāja piezīme: aplēse; nodrukāts '34 50.00', nolasīts kā 3 450,00: cipari sagrupēti neparasti")
    assert (plain.flag, plain.flag_lv) == ("the uploader's note: aplēse", "augšupielādētāja piezīme: aplēse")
