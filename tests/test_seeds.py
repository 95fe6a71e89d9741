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


@pytest.mark.parametrize("printed", ["", "Sociālais dienests", "Tukuma", "Salaspilsētas", "Rīgasnovada",
                                     "Degoles pagastā"])
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
    ("Talsu novads,Talsi municipality,novads,Talsu novada,Tukuma novadā,2021-07-01,,,,",
     "municipalities.csv line 3, locative: 'Tukuma novadā' is a form of 'Tukuma novads' too"),
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


# --------------------------------------------------------------------------- the other seed files

def test_every_indicator_group_has_a_latvian_and_an_english_name():
    from warehouse.seeds.indicators import GROUPS

    named = {n.code: (n.lv, n.en) for n in seeds.load_names() if n.kind == "indicator_group"}
    assert set(named) == GROUPS
    assert named["family_care"] == ("Ārpusģimenes aprūpe", "Out-of-family care")


def test_every_seed_file_loads():
    names = seeds.load_names()
    assert {n.kind for n in names} >= {"topic", "metric", "unit", "document_kind", "layout"}
    assert seeds.CodeName("metric", "active_cases", "aktīvās lietas", "active cases") in names
    glosses = {c.code: c.gloss_en for c in seeds.load_case_codes()}
    assert len(glosses) == 17 and glosses["ĢA"] == "social work with families with children"
    settings = seeds.load_care_settings()
    assert [s.setting for s in settings][:1] == ["institutional"] and settings[-1].setting == "community"
    glossary = {g.stem: g.gloss_en for g in seeds.load_glossary()}
    assert glossary["sac "] == "social care centre (care home)"  # the word "sac", not "sacensības"
    assert glossary["mājokļa pabalst"] == "housing benefit"


def test_the_seeds_tell_care_settings_and_gloss_labels_as_the_dictionaries_did():
    from dashboard.i18n import case_code_gloss, gloss
    from warehouse.queries import care_setting

    assert care_setting("Bērnu nams/ patversme") == "institutional"
    assert care_setting("Dienas aprūpes centrs") == "community"
    assert care_setting("Pabalsts GMI") is None
    assert gloss("Psihosociālā palīdzība") == "psychosocial support"
    assert gloss("SAC Rauna") == "social care centre (care home)"
    assert case_code_gloss("KC") == "community centre" and case_code_gloss("ZZ") is None


def _seed(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("loader, name, text, message", [
    (seeds.load_names, "names.csv", "kind,code,lv,en\ntopic,budget,Budžets,Budget\ncolour,red,sarkans,red\n",
     "names.csv line 3, kind: 'colour' is not one of topic, metric, unit, document_kind, layout, place, chart, kind, "
     "indicator_group, log_action, log_outcome"),
    (seeds.load_names, "names.csv", "kind,code,lv,en\ntopic,budget,Budžets,Budget\ntopic,budget,Budžets,Budget\n",
     "names.csv line 3, code: 'budget' is given twice"),
    (seeds.load_names, "names.csv", "kind,code,lv,en\nmetric,spend,izlietots, \n", "names.csv line 2, en: empty"),
    (seeds.load_case_codes, "case_codes.csv", "code,gloss_en\nSP,social assistance\nSP,again\n",
     "case_codes.csv line 3, code: 'SP' is given twice"),
    (seeds.load_case_codes, "case_codes.csv", "code,meaning\nSP,social assistance\n",
     "case_codes.csv line 1: the header is code,meaning, expected code,gloss_en"),
    (seeds.load_care_settings, "care_settings.csv", "setting,words\nhome,aprūpe mājās\n",
     "care_settings.csv line 2, setting: 'home' is not one of institutional, community"),
    (seeds.load_care_settings, "care_settings.csv", "setting,words\ncommunity,grupu (māj\n",
     "care_settings.csv line 2, words: not a regular expression (missing ), unterminated subpattern at "
     "position 6)"),
    (seeds.load_glossary, "glossary.csv", "stem,gloss_en\nNovad,municipality\n",
     "glossary.csv line 2, stem: 'Novad' is not in lower case"),
    (seeds.load_glossary, "glossary.csv", "stem,gloss_en\nnovad,municipality\nnovad,county\n",
     "glossary.csv line 3, stem: 'novad' is given twice"),
])
def test_a_bad_seed_row_is_refused_in_one_exact_line(tmp_path, loader, name, text, message):
    with pytest.raises(SeedError) as caught:
        loader(_seed(tmp_path, name, text))
    assert str(caught.value) == message


# --------------------------------------------------------------------------- the warehouse's reference tables

def test_the_warehouse_holds_every_municipality_of_the_seed_not_only_those_with_facts(warehouse_db):
    from warehouse import connect, queries

    con = connect(warehouse_db, read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM municipalities").fetchone() == (163,)
        assert con.execute("SELECT count(*) FROM municipalities WHERE valid_to IS NULL AND level <> 'valsts'"
                           ).fetchone() == (43,)
        assert con.execute("SELECT became_part_of FROM municipalities WHERE municipality = 'Kandavas novads'"
                           ).fetchone() == ("Tukuma novads",)
        assert con.execute("SELECT lv, en FROM code_names WHERE kind = 'unit' AND code = 'FTE'").fetchone() == (
            "slodzes", "FTE")
        # The pages still count and list the municipalities that have facts, one row each.
        listed = queries.municipalities(con)
        with_facts = {m for (m,) in con.execute("SELECT DISTINCT municipality FROM facts").fetchall()}
        assert sorted(listed["municipality"]) == sorted(with_facts)
        tukums = listed.set_index("municipality").loc["Tukuma novads"]
        assert tukums["name_en"] == "Tukums municipality"
        assert tukums["note_lv"].startswith("līdz 2021. gada 1. jūlijam Tukuma pilsēta")
        assert queries.overview(con).iloc[0]["municipalities"] == len(with_facts - {"Latvija"})
    finally:
        con.close()


def test_every_topic_metric_and_unit_of_the_warehouse_has_a_latvian_and_an_english_name(warehouse_db):
    from warehouse import connect

    con = connect(warehouse_db, read_only=True)
    try:
        unnamed = con.execute("""
            SELECT DISTINCT kind, code FROM (
                SELECT 'topic' AS kind, topic AS code FROM facts UNION ALL SELECT 'metric', metric FROM facts
                UNION ALL SELECT 'unit', unit FROM facts) used
            ANTI JOIN code_names n USING (kind, code)""").fetchall()
        blank = con.execute("SELECT kind, code FROM code_names WHERE trim(lv) = '' OR trim(en) = ''").fetchall()
        named = con.execute("SELECT count(*) FROM code_names WHERE kind IN ('topic', 'metric', 'unit')").fetchone()
    finally:
        con.close()
    assert unnamed == [] and blank == []
    assert named[0] >= 70


def test_a_writer_refreshes_the_reference_tables_filled_from_other_seed_files(tmp_path):
    from warehouse import connect

    path = tmp_path / "w.duckdb"
    con = connect(path)
    con.execute("DELETE FROM municipalities WHERE municipality = 'Rīga'")
    con.execute("INSERT INTO code_names VALUES ('topic', 'gone', 'vairs nav', 'no more')")
    # as a warehouse last written by a program with other seeds
    con.execute("UPDATE meta SET value = 'other seeds' WHERE key = 'seeds_sha256'")
    con.close()
    con = connect(path)
    try:
        assert con.execute("SELECT count(*) FROM municipalities WHERE municipality = 'Rīga'").fetchone() == (2,)
        assert con.execute("SELECT count(*) FROM code_names WHERE code = 'gone'").fetchone() == (0,)
    finally:
        con.close()


def test_a_writer_does_not_read_the_seeds_again_when_they_are_the_ones_it_was_filled_from(tmp_path, monkeypatch):
    from warehouse import connect

    path = tmp_path / "w.duckdb"
    connect(path).close()

    def unread(*_):
        raise AssertionError("the seeds were read again")

    monkeypatch.setattr(seeds, "load_municipalities", unread)
    con = connect(path)
    try:
        assert con.execute("SELECT count(*) FROM municipalities").fetchone()[0] == 163
    finally:
        con.close()


def test_a_seed_that_does_not_load_refuses_the_writer_in_one_line(tmp_path, monkeypatch):
    from warehouse import WarehouseError, connect

    bad = _seed(tmp_path, "names.csv", "kind,code,lv,en\ntopic,budget,Budžets,\n")
    original = seeds.load_names
    monkeypatch.setattr(seeds, "load_names", lambda path=bad: original(path))
    with pytest.raises(WarehouseError) as caught:
        connect(tmp_path / "w.duckdb")
    assert str(caught.value) == "the reference data cannot be loaded: names.csv line 2, en: empty"
