"""A fact's place and its source reference said in each language: the one wording the flags (at ingest) and the
pages use, the place said from the place columns."""
from __future__ import annotations

import pytest

from warehouse.source_refs import place_text, reference_text, spot, spots_text, where_text


@pytest.mark.parametrize("ref, lv, en", [
    ("text, p. 12", "teksts, 12. lpp.", "text, p. 12"),
    ("text, line 1667", "teksts, 1667. rinda", "text, line 1667"),
    ("4.1. tabula, p. 15; row 'Grupu māja “Laipas”', column 'Izlietotie līdzekļi 2024.gadā '",
     "4.1. tabula, 15. lpp.; rinda 'Grupu māja “Laipas”', aile 'Izlietotie līdzekļi 2024.gadā '",
     "table 4.1, p. 15; row 'Grupu māja “Laipas”', column 'Izlietotie līdzekļi 2024.gadā '"),
    ("2.tabula, line 508; row 'Psihologs #1', column 'Aktīvo lietu skaits: X', line 802",
     "2.tabula, 508. rinda; rinda 'Psihologs #1', aile 'Aktīvo lietu skaits: X', 802. rinda",
     "table 2, line 508; row 'Psihologs #1', column 'Aktīvo lietu skaits: X', line 802"),
    ("chart data (sociālās aizsardzības izlietojuma sadalījums), line 2582; label 'Sociālā palīdzība'",
     "diagrammas dati (sociālās aizsardzības izlietojuma sadalījums), 2582. rinda; nosaukums 'Sociālā palīdzība'",
     "chart data (sociālās aizsardzības izlietojuma sadalījums), line 2582; label 'Sociālā palīdzība'"),
    ("sheet 'facts', row 3", "lapa 'facts', 3. rinda", "sheet 'facts', row 3"),
    ("4.2. tabula (continued), p. 20; row 'ABA'", "4.2. tabula (turpinājums), 20. lpp.; rinda 'ABA'",
     "table 4.2 (continued), p. 20; row 'ABA'"),
    ("list (continued), p. 21", "saraksts (turpinājums), 21. lpp.", "list (continued), p. 21"),
    # the document's own words inside quotes are never translated
    ("text, line 5; row 'text, line 7 p. 3 tabula'", "teksts, 5. rinda; rinda 'text, line 7 p. 3 tabula'",
     "text, line 5; row 'text, line 7 p. 3 tabula'"),
])
def test_a_reference_in_each_language(ref, lv, en):
    assert (reference_text(ref, "lv"), reference_text(ref, "en")) == (lv, en)


def test_no_reference_says_nothing():
    assert reference_text(None, "lv") == "" and reference_text(float("nan"), "en") == ""


@pytest.mark.parametrize("columns, lv, en", [
    (("4.1. tabula", 15, None), "4.1. tabula, 15. lpp.", "table 4.1, p. 15"),
    (("text", 3, None), "teksts, 3. lpp.", "text, p. 3"),
    (("1. tabula", None, 117), "1. tabula, 117. rinda", "table 1, line 117"),
    (("chart data (atpazīstamība)", float("nan"), 2586.0), "diagrammas dati (atpazīstamība), 2586. rinda",
     "chart data (atpazīstamība), line 2586"),
    (("4.2. tabula (continued)", 20, None), "4.2. tabula (turpinājums), 20. lpp.", "table 4.2 (continued), p. 20"),
    (("list", None, None), "saraksts", "list"),
])
def test_a_place_said_from_its_columns(columns, lv, en):
    assert (where_text(*columns, "lv"), where_text(*columns, "en")) == (lv, en)


def test_a_place_and_its_spot():
    assert spot(15, None) == ("p.", 15) and spot(None, 117.0) == ("line", 117) and spot(None, None) is None
    assert (place_text("4.1. tabula", "en"), place_text("text", "lv"), place_text(None, "lv")) == ("table 4.1", "teksts", "")


def test_spots_in_each_language():
    assert spots_text("p.", [12, 25], "lv") == "12., 25. lpp." and spots_text("p.", [12, 25], "en") == "p. 12, 25"
    assert spots_text("line", [56], "lv") == "56. rinda" and spots_text("line", [56], "en") == "line 56"


def test_a_spot_from_a_frame_without_a_number():
    """pandas' NA (an integer column's missing value) and NaN are no place; said without importing pandas."""
    import pandas as pd

    assert spot(pd.NA, 12) == ("line", 12) and spot(float("nan"), pd.NA) is None
    assert spot(pd.Series([3], dtype="Int64")[0], None) == ("p.", 3)
