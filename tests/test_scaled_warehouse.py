"""The national-scale copy the benchmarks time pages on: every municipal fact once per municipality and year
shift, the country's facts once, each copy keeping its document and its printed text."""
from __future__ import annotations

import shutil

from warehouse import connect
from warehouse.scaled import current_municipalities, scale_to_nation


def test_the_copy_repeats_each_municipal_fact_per_municipality_and_year(warehouse_db, tmp_path):
    db = tmp_path / "national.duckdb"
    shutil.copy(warehouse_db, db)
    con = connect(db)
    try:
        names = current_municipalities(con)
        assert len(names) == 43 and "Tukuma novads" in names and "Latvija" not in names
        municipal, national = con.execute(
            "SELECT count(*) FILTER (municipality <> 'Latvija'), count(*) FILTER (municipality = 'Latvija') "
            "FROM facts").fetchone()
        first = con.execute("SELECT min(year) FROM facts WHERE municipality <> 'Latvija'").fetchone()[0]
        assert scale_to_nation(con, ["Ogres novads", "Rīga"], 3) == municipal * 6 + national
        copies = con.execute("""
            SELECT municipality, min(year), count(*) FROM facts WHERE municipality <> 'Latvija'
            GROUP BY municipality ORDER BY municipality""").fetchall()
        assert copies == [("Ogres novads", first, municipal * 3), ("Rīga", first, municipal * 3)]
        assert con.execute("SELECT count(*) FROM facts f ANTI JOIN documents d USING (document_id)").fetchone() == (0,)
    finally:
        con.close()
