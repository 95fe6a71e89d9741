"""What a researcher downloads: single tables as CSV, XLSX, Parquet; the data dictionary; the full
Frictionless data package of the warehouse built from raw_reports/."""
from __future__ import annotations

import csv
import io
import json
import zipfile

import pandas as pd
import pytest

from warehouse import connect, exports, queries


@pytest.fixture(scope="module")
def con(warehouse_db):
    reader = connect(warehouse_db, read_only=True)
    yield reader
    reader.close()


@pytest.fixture(scope="module")
def package(con):
    tables = {name: queries.table(con, name) for name in queries.PACKAGE_TABLES}
    descriptor = exports.datapackage(queries.table_columns(con), queries.documents(con), queries.fact_units(con))
    return tables, zipfile.ZipFile(io.BytesIO(exports.package_zip(tables, descriptor)))


FRAME = pd.DataFrame({"category": ["Mājokļa pabalsts", "Kopā"], "year": [2024, 2024],
                      "value": [796169.59, 1116657.22], "unit": ["EUR", "EUR"]})


def test_csv_keeps_latvian_letters_and_plain_numbers():
    text = exports.to_csv(FRAME).decode("utf-8-sig")
    assert text.splitlines() == ["category,year,value,unit", "Mājokļa pabalsts,2024,796169.59,EUR",
                                 "Kopā,2024,1116657.22,EUR"]
    assert exports.to_csv(FRAME).startswith(b"\xef\xbb\xbf")  # a BOM, for spreadsheet programs


def test_xlsx_and_parquet_read_back_the_same_table():
    assert pd.read_excel(io.BytesIO(exports.to_xlsx(FRAME))).equals(FRAME)
    assert pd.read_parquet(io.BytesIO(exports.to_parquet(FRAME))).equals(FRAME)


def test_xlsx_cuts_texts_longer_than_excel_allows():
    long = pd.DataFrame({"text": ["ā" * 40000]})
    assert len(pd.read_excel(io.BytesIO(exports.to_xlsx(long)))["text"].iloc[0]) == 32767


def test_data_dictionary_describes_every_fact_column(con):
    dictionary = exports.data_dictionary(queries.table_columns(con), "en")
    facts = dictionary[dictionary["table"] == "facts"]
    assert facts["column"].tolist()[:3] == ["fact_id", "municipality", "territory"]
    assert (facts["description"] != "").all()
    assert dictionary["table"].iloc[0] == "facts"
    lv = exports.data_dictionary(queries.table_columns(con), "lv")
    assert lv.loc[lv["column"] == "raw_value", "description"].iloc[0].startswith("Nodrukātais teksts")


@pytest.mark.parametrize("table", ["corrections", "ingest_log"])
def test_the_corrections_and_the_ingest_log_are_in_the_package_every_column_described(con, package, table):
    tables, archive = package
    for lang in ("lv", "en"):
        dictionary = exports.data_dictionary(queries.table_columns(con), lang)
        described = dictionary[dictionary["table"] == table]
        assert len(described) == {"corrections": 8, "ingest_log": 10}[table]
        assert (described["description"] != "").all()
    assert exports.TABLE_DESCRIPTIONS[table][0] and exports.TABLE_DESCRIPTIONS[table][1]
    assert f"{table}.csv" in archive.namelist()
    assert len(tables["ingest_log"]) == 6  # the seed's six files, each logged once


def test_the_package_facts_keep_the_indicator_id_and_gain_its_names_which_the_dictionary_describes(package, con):
    _, archive = package
    facts = pd.read_csv(archive.open("facts.csv"))
    home_care = facts[facts["indicator"] == "home_care_spend"]
    assert len(home_care) == 6
    assert set(home_care["indicator_name_lv"]) == {"Aprūpe mājās: izlietotie līdzekļi"}
    assert set(home_care["indicator_name_en"]) == {"Home care: spend"}
    assert facts.loc[facts["indicator"].isna(), ["indicator_name_lv", "indicator_name_en"]].isna().all().all()
    descriptor = json.loads(archive.read("datapackage.json"))
    resource = next(r for r in descriptor["resources"] if r["name"] == "facts")
    assert {"fields": ["indicator"], "reference": {"resource": "indicators", "fields": ["indicator"]}} in \
        resource["schema"]["foreignKeys"]
    for language, start in (("lv", "Rādītāja nosaukums latviski"), ("en", "The indicator's name in Latvian")):
        dictionary = exports.data_dictionary(queries.table_columns(con), language)
        named = dictionary[(dictionary["table"] == "facts") & (dictionary["column"] == "indicator_name_lv")]
        assert named["description"].iloc[0].startswith(start)


def test_package_holds_every_table_with_all_its_rows(package, con):
    tables, archive = package
    assert set(archive.namelist()) == {"datapackage.json", *(f"{t}.csv" for t in queries.PACKAGE_TABLES)}
    facts = pd.read_csv(archive.open("facts.csv"))
    assert len(facts) == queries.overview(con)["facts"].iloc[0]


def test_datapackage_fields_match_the_csv_headers(package):
    _, archive = package
    descriptor = json.loads(archive.read("datapackage.json"))
    assert descriptor["profile"] == "tabular-data-package" and descriptor["name"] == "socdash"
    for resource in descriptor["resources"]:
        header = next(csv.reader(io.TextIOWrapper(archive.open(resource["path"]), encoding="utf-8")))
        assert [f["name"] for f in resource["schema"]["fields"]] == header, resource["name"]
        assert all(f["type"] in {"string", "integer", "number", "boolean", "datetime", "date"}
                   for f in resource["schema"]["fields"])


def test_datapackage_names_units_and_sources(package):
    _, archive = package
    descriptor = json.loads(archive.read("datapackage.json"))
    facts = next(r for r in descriptor["resources"] if r["name"] == "facts")
    assert {"EUR", "persons"} <= set(facts["units"])
    assert facts["schema"]["primaryKey"] == ["fact_id"]
    sources = {s["path"] for s in descriptor["sources"]}
    assert "raw_reports/tukuma_novads_2024_publiskais_parskats.pdf" in sources
    assert all(s["path"].startswith("raw_reports/") for s in facts["sources"])


# --------------------------------------------------------------------------- formulas never run

HOSTILE = pd.DataFrame({
    "category": ['=HYPERLINK("http://x")', "+SUM(A1)", "-2+3", "@cmd", "\tTAB", "\rCR", "Mājokļa pabalsts", None],
    "value": [1.0, -2.0, 3.5, float("inf"), float("-inf"), float("nan"), 7.0, 8.0],
})
NEUTRALISED = ["'=HYPERLINK(\"http://x\")", "'+SUM(A1)", "'-2+3", "'@cmd", "'\tTAB", "'\rCR", "Mājokļa pabalsts",
               None]


def test_csv_cells_that_would_start_a_formula_are_neutralised():
    back = pd.read_csv(io.BytesIO(exports.to_csv(HOSTILE)), encoding="utf-8-sig", keep_default_na=False,
                       na_values=[""])
    assert [None if pd.isna(v) else v for v in back["category"]] == NEUTRALISED
    assert back["value"].tolist()[:3] == [1.0, -2.0, 3.5]  # numbers stay numbers, negative ones too


def test_xlsx_writes_strings_as_strings_and_neutralises_formulas():
    import openpyxl

    sheet = openpyxl.load_workbook(io.BytesIO(exports.to_xlsx(HOSTILE))).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    # XML reads a carriage return back as a line feed
    assert [c.value for c in sheet["A"][1:]] == [v.replace("\r", "\n") if v else v for v in NEUTRALISED]
    assert all(c.data_type == "s" for c in sheet["A"][1:-1])
    assert [c.value for c in sheet["B"][1:4]] == [1, -2, 3.5]


def test_the_package_csvs_neutralise_formulas(warehouse_db, tmp_path):
    import hostile_warehouse

    reader = connect(hostile_warehouse.build(warehouse_db, tmp_path / "hostile.duckdb"), read_only=True)
    try:
        tables = {name: queries.table(reader, name) for name in queries.PACKAGE_TABLES}
        descriptor = exports.datapackage(queries.table_columns(reader), queries.documents(reader),
                                         queries.fact_units(reader))
    finally:
        reader.close()
    archive = zipfile.ZipFile(io.BytesIO(exports.package_zip(tables, descriptor)))
    for resource in descriptor["resources"]:
        rows = list(csv.reader(io.TextIOWrapper(archive.open(resource["path"]), encoding="utf-8", newline="")))
        starts = [cell for row in rows for cell in row if cell[:1] in ("=", "+", "@", "\t", "\r")]
        assert not starts, (resource["name"], starts[:3])
    facts = pd.read_csv(archive.open("facts.csv"), keep_default_na=False)
    assert "'=HYPERLINK(\"http://x\")" in set(facts["category"])
