"""The reference data (warehouse/seeds/): every file loads, bad rows are refused in one exact line, and the
municipalities are named from any printed form."""
from __future__ import annotations

import pytest

from warehouse import seeds
from warehouse.seeds import SeedError, load_municipalities, municipality_by_form


# --------------------------------------------------------------------------- municipalities

def test_municipalities_are_the_43_after_the_reform_and_the_119_before_it():
    rows = load_municipalities()
    current = [m for m in rows if m.is_current and m.level != "valsts"]
    former = [m for m in rows if not m.is_current]
    assert len(current) == 43 and len(former) == 119
    assert sorted(m.municipality for m in current if m.level == "valstspilsēta") == [
        "Daugavpils", "Jelgava", "Jūrmala", "Liepāja", "Rēzekne", "Rīga", "Ventspils"]
    assert sum(m.level == "novads" for m in current) == 36
    assert sum(m.level == "republikas pilsēta" for m in former) == 9
    assert sum(m.level == "novads" for m in former) == 110
    assert len({m.municipality for m in current}) == 43 and len({m.municipality for m in former}) == 119
    names_in_force = {m.municipality for m in current}
    assert all(m.became_part_of in names_in_force for m in former)
    assert [m.municipality for m in rows if m.level == "valsts"] == ["Latvija"]


@pytest.mark.parametrize("former, current", [
    ("Kandavas novads", "Tukuma novads"), ("Engures novads", "Tukuma novads"), ("Jaunpils novads", "Tukuma novads"),
    ("Iecavas novads", "Bauskas novads"), ("Rundāles novads", "Bauskas novads"),
    ("Vecumnieku novads", "Bauskas novads"), ("Jēkabpils", "Jēkabpils novads"), ("Valmiera", "Valmieras novads"),
    ("Ilūkstes novads", "Augšdaugavas novads"), ("Daugavpils novads", "Augšdaugavas novads"),
    ("Carnikavas novads", "Ādažu novads"), ("Varakļānu novads", "Varakļānu novads"), ("Rīga", "Rīga"),
])
def test_former_municipalities_name_the_one_they_became_part_of(former, current):
    by_name = {m.municipality: m for m in load_municipalities() if not m.is_current}
    assert by_name[former].became_part_of == current


def test_the_reform_notes_of_tukums_and_bauska_are_in_both_languages():
    by_name = {m.municipality: m for m in load_municipalities() if m.is_current}
    assert by_name["Tukuma novads"].note_en.startswith("Before 1 July 2021: Tukums town and 10 parishes")
    assert by_name["Bauskas novads"].note_lv.startswith("kopš 2021. gada 1. jūlija apvienots ar Iecavas")
    assert by_name["Tukuma novads"].name_en == "Tukums municipality"
    assert by_name["Latvija"].name_en == "Latvia"


@pytest.mark.parametrize("printed, name", [
    ("Ogres novada", "Ogres novads"),
    ("Jēkabpils novadā", "Jēkabpils novads"),
    ("Talsu novada Sociālais dienests", "Talsu novads"),
    ("Rīgas pilsētas", "Rīga"),
    ("Rīgas valstspilsētas Sociālais dienests", "Rīga"),
    ("Rīgā", "Rīga"),
    ("RĪGAS PILSĒTAS", "Rīga"),
    ("Tukuma\n novada  pašvaldība", "Tukuma novads"),
    ("Tukuma novads", "Tukuma novads"),
    ("Bauskas novada sociālais dienests", "Bauskas novads"),
    ("Rēzeknes novadā", "Rēzeknes novads"),   # not the city of the shorter form "Rēzeknes"
    ("Rēzeknes pilsētā", "Rēzekne"),
    ("Daugavpilī", "Daugavpils"),
    ("Daugavpils novada", "Daugavpils novads"),
    ("Kandavas novadā", "Kandavas novads"),   # a former one
    ("Mērsraga novada", "Mērsraga novads"),
    ("Salas novadā", "Salas novads"),
    ("Salaspils novadā", "Salaspils novads"),
    ("Dienvidkurzemes novada", "Dienvidkurzemes novads"),
    ("Ķekavas novadā", "Ķekavas novads"),
    ("Valmieras pilsētas", "Valmiera"),
    ("Valmieras novadā", "Valmieras novads"),
    ("Latvijā", "Latvija"),
    ("Latvijas Republikas Tukuma novada", "Tukuma novads"),
])
def test_municipality_by_form(printed, name):
    assert municipality_by_form(printed) == name


@pytest.mark.parametrize("printed", ["", "Sociālais dienests", "Tukuma", "Salaspilsētas", "Rīgasnovada", "Degoles pagastā"])
def test_municipality_by_form_is_none_for_what_names_no_municipality(printed):
    assert municipality_by_form(printed) is None


# --------------------------------------------------------------------------- validation

def _municipality_file(tmp_path, *rows: str):
    path = tmp_path / "municipalities.csv"
    path.write_text("\n".join([",".join(seeds.MUNICIPALITY_COLUMNS), *rows]) + "\n", encoding="utf-8")
    return path


_TUKUMS = "Tukuma novads,Tukums municipality,novads,Tukuma novada,Tukuma novadā,2021-07-01,,,,"


@pytest.mark.parametrize("row, message", [
    ("Ogres novads,Ogre municipality,gorod,Ogres novada,Ogres novadā,2021-07-01,,,,",
     "municipalities.csv line 3, level: 'gorod' is not one of valsts, valstspilsēta, republikas pilsēta, novads"),
    ("Ogres novads,,novads,Ogres novada,Ogres novadā,2021-07-01,,,,", "municipalities.csv line 3, name_en: empty"),
    ("Ogres novads,Ogre municipality,novads,Ogres novada|,Ogres novadā,2021-07-01,,,,",
     "municipalities.csv line 3, genitive: an empty form in 'Ogres novada|'"),
    ("Ogres novads,Ogre municipality,novads,Ogres novada,Ogres novadā,1.7.2021,,,,",
     "municipalities.csv line 3, valid_from: '1.7.2021' is not a date (YYYY-MM-DD)"),
    ("Ogres novads,Ogre municipality,novads,Ogres novada,Ogres novadā,2009-07-01,2008-06-30,Tukuma novads,,",
     "municipalities.csv line 3, valid_to: 2008-06-30 is before valid_from 2009-07-01"),
    ("Ogres novads,Ogre municipality,novads,Ogres novada,Ogres novadā,2009-07-01,2021-06-30,Ogres novads,,",
     "municipalities.csv line 3, became_part_of: 'Ogres novads' is not a municipality in force"),
    ("Ogres novads,Ogre municipality,novads,Ogres novada,Ogres novadā,2009-07-01,2021-06-30,,,",
     "municipalities.csv line 3, became_part_of: '' is not a municipality in force"),
    ("Ogres novads,Ogre municipality,novads,Ogres novada,Ogres novadā,2021-07-01,,Tukuma novads,,",
     "municipalities.csv line 3, became_part_of: 'Ogres novads' is in force and became part of nothing"),
    (_TUKUMS, "municipalities.csv line 3, municipality: 'Tukuma novads' is given twice"),
    ("Ogres novads,Ogre municipality,novads", "municipalities.csv line 3: 3 fields, expected 10"),
])
def test_a_bad_municipality_row_is_refused_in_one_exact_line(tmp_path, row, message):
    with pytest.raises(SeedError) as caught:
        load_municipalities(_municipality_file(tmp_path, _TUKUMS, row))
    assert str(caught.value) == message


def test_a_municipality_file_with_another_header_is_refused(tmp_path):
    path = tmp_path / "municipalities.csv"
    path.write_text("municipality,name_en\nTukuma novads,Tukums municipality\n", encoding="utf-8")
    with pytest.raises(SeedError) as caught:
        load_municipalities(path)
    assert str(caught.value) == ("municipalities.csv line 1: the header is municipality,name_en, expected "
                                 + ",".join(seeds.MUNICIPALITY_COLUMNS))


def test_an_empty_or_undecodable_seed_file_is_refused(tmp_path):
    path = tmp_path / "municipalities.csv"
    path.write_bytes(b"")
    with pytest.raises(SeedError, match=r"^municipalities.csv: empty, expected the header municipality,name_en,"):
        load_municipalities(path)
    path.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(SeedError, match=r"^municipalities.csv: cannot be read \("):
        load_municipalities(path)
