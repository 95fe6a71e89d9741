"""A stored report is never lost or doubled: a report is what the document says it is (municipality,
kind, edition), and a new file of it replaces it only when that is plainly safe, else only with --replace."""
from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from ingest.cli import main
from ingest.model import DocumentInfo, Extraction, Fact, Location, ParsedDocument, RawCell, Spot, TextLine
from test_ingest_cli import count, dump
from test_pdf_reader import make_pdf
from warehouse import connect
from warehouse.store import StoreRefusal, store_document

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "raw_reports"
EVALUATION = RAW / "tukuma_novads_2016_socialais_darbs_izvertejums.txt"
REPORT_PDF = RAW / "tukuma_novads_2024_publiskais_parskats.pdf"
REPORT_TXT = RAW / "tukuma_novads_2024_publiskais_parskats.txt"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("built") / "w.duckdb"
    assert main(["--db", str(db), "--quiet", str(RAW)]) == 0
    return db


@pytest.fixture
def db(built: Path, tmp_path: Path) -> Path:
    """A copy of the warehouse built from raw_reports/, for one test to change."""
    return Path(shutil.copy(built, tmp_path / "w.duckdb"))


def facts_of(db: Path, file_name: str) -> int:
    return count(db, "SELECT count(*) FROM facts JOIN documents USING (document_id) WHERE file_name = ?", [file_name])


def refused(db: Path, path: Path, capsys, *options: str) -> str:
    """Ingest `path`: it must be refused in one line, naming --replace, and leave the warehouse as it was."""
    before = dump(db)
    assert main(["--db", str(db), *options, str(path)]) == 1
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and "REFUSED" in lines[0] and "Traceback" not in err, err
    assert dump(db) == before, "a refusal must leave the warehouse exactly as it was"
    return lines[0]


def saved_as(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / "new" / name
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(data)
    return path


# --------------------------------------------------------------------------- the three cases of the issue

def test_the_start_of_the_evaluation_saved_under_its_name_replaces_nothing(db, tmp_path, capsys):
    assert facts_of(db, EVALUATION.name) > 0
    cut = saved_as(tmp_path, EVALUATION.name, EVALUATION.read_bytes()[:3000])
    line = refused(db, cut, capsys)
    assert "has this file name, but this file reads as unrecognised document" in line and "--replace" in line
    # Forced, it replaces the stored one (and only it).
    assert main(["--db", str(db), "--replace", str(cut)]) == 0
    assert facts_of(db, EVALUATION.name) == 0
    assert count(db, "SELECT count(*) FROM documents") == 6


def test_an_unrelated_pdf_under_the_reports_name_replaces_nothing(db, tmp_path, capsys):
    stored = facts_of(db, REPORT_PDF.name)
    assert stored > 0
    unrelated = saved_as(tmp_path, REPORT_PDF.name, make_pdf(["BT /F1 12 Tf 20 300 Td (Menu of the day) Tj ET"]))
    line = refused(db, unrelated, capsys)
    assert "has this file name" in line and "--replace" in line
    assert facts_of(db, REPORT_PDF.name) == stored
    assert count(db, "SELECT count(*) FROM documents WHERE file_name = ? AND NOT is_primary", [REPORT_TXT.name]) == 1


def test_the_evaluation_cut_in_a_table_is_not_stored_beside_the_whole_one(db, tmp_path, capsys):
    stored, total = facts_of(db, EVALUATION.name), count(db, "SELECT count(*) FROM facts")
    lines = EVALUATION.read_text(encoding="utf-8").splitlines(keepends=True)
    cut = saved_as(tmp_path, "izvertejums_dala.txt", "".join(lines[:1295]).encode())
    line = refused(db, cut, capsys)
    assert "this version of the evaluation 2016 would lose" in line and f"of the {stored} facts" in line
    assert "--replace" in line
    assert count(db, "SELECT count(*) FROM facts") == total  # nothing doubled


# --------------------------------------------------------------------------- identity

def test_a_report_is_what_its_title_says_not_its_file_name(db, tmp_path, capsys):
    """The 2024 text export under another name, one value corrected: a new version of the same report.
    Its title shifted to 2025: another report, stored beside it."""
    text = REPORT_TXT.read_text(encoding="utf-8")
    corrected = saved_as(tmp_path, "parskats.txt", text.replace("260 389.4", "261 000.0").encode())
    assert main(["--db", str(db), str(corrected)]) == 0
    assert "replaced" in capsys.readouterr().out
    assert count(db, "SELECT count(*) FROM documents WHERE kind = 'public report'") == 1
    assert count(db, "SELECT edition FROM documents WHERE kind = 'public report'") == "2024"
    next_year = saved_as(tmp_path, "tukuma_novads_2024_publiskais_parskats (1).txt",
                         text.replace("2024. GADA PUBLISKAIS PĀRSKATS", "2025. GADA PUBLISKAIS PĀRSKATS").encode())
    assert main(["--db", str(db), str(next_year)]) == 0
    assert "added" in capsys.readouterr().out
    assert count(db, "SELECT count(DISTINCT edition) FROM documents WHERE kind = 'public report'") == 2


def test_every_seed_report_has_the_edition_it_prints(built):
    con = duckdb.connect(str(built), read_only=True)
    editions = dict(con.execute("SELECT file_name, edition FROM documents").fetchall())
    con.close()
    assert editions == {
        "bauskas_novads_2016-2020_socialais_dienests_strategija.md": "2016..2020",
        "latvija_2017_socialo_dienestu_aptauja.txt": "2017-02",
        "lps_2020_seminars_socialie_pakalpojumi.txt":
            "Diskusiju seminārs par sociālajiem pakalpojumiem pašvaldībās (20. oktobrī)",
        "tukuma_novads_2016_socialais_darbs_izvertejums.txt": "2016",
        "tukuma_novads_2024_publiskais_parskats.pdf": "2024",
        "tukuma_novads_2024_publiskais_parskats.txt": "2024",
    }


def test_a_report_that_does_not_say_which_it_is_is_refused(db, tmp_path, capsys):
    text = REPORT_TXT.read_text(encoding="utf-8").replace("2024. GADA PUBLISKAIS PĀRSKATS", "PUBLISKAIS PĀRSKATS")
    untitled = saved_as(tmp_path, "parskats.txt", text.encode())
    line = refused(db, untitled, capsys)
    assert "read as Tukums public report, but it does not say which public report it is" in line
    # --replace cannot make it another report's version.
    assert "does not say which" in refused(db, untitled, capsys, "--replace")


def test_an_unrecognised_file_is_a_document_of_its_own(db, tmp_path, capsys):
    total = count(db, "SELECT count(*) FROM facts")
    notes = saved_as(tmp_path, "piezimes.txt", "Sanāksmes piezīmes.\n".encode())
    assert main(["--db", str(db), str(notes)]) == 0
    assert "added" in capsys.readouterr().out
    notes.write_bytes("Sanāksmes piezīmes, labotas.\n".encode())
    assert "has this file name" in refused(db, notes, capsys)
    other = saved_as(tmp_path, "citas.txt", "Citas piezīmes.\n".encode())
    assert main(["--db", str(db), str(other)]) == 0
    assert count(db, "SELECT count(*) FROM documents WHERE kind = 'unrecognised'") == 2
    assert count(db, "SELECT count(*) FROM facts") == total


# --------------------------------------------------------------------------- the rules, on made-up documents

def _document(name: str, sha: str, layout: str = "test layout", edition: str | None = "2024", facts: int = 10,
              cells: int = 10, fmt: str = "txt", value: float = 1.0) -> tuple[ParsedDocument, Extraction]:
    loc = Location(line=1)
    doc = ParsedDocument(path=name, file_name=name, sha256=sha * 8, format=fmt, lines=[TextLine("x", loc)])
    info = DocumentInfo(municipality="Testa novads", kind="public report", title="T", period="2024",
                        edition=edition)
    ex = Extraction(layout=layout, info=info,
                    facts=[Fact("Testa novads", 2024, "budget", "spend", f"rinda {i}", value, "EUR",
                                Spot("text", Location(line=1)), str(value)) for i in range(facts)],
                    raw_cells=[RawCell("t", "", i, 0, "x", loc) for i in range(cells)])
    return doc, ex


@pytest.fixture
def con(tmp_path):
    writer = connect(tmp_path / "rules.duckdb")
    store_document(writer, *_document("a.txt", "aaaaaaaa"))
    yield writer
    writer.close()


def _snapshot(con) -> list:
    return [sorted(con.execute(f"SELECT * EXCLUDE (ingested_at) FROM {t}" if t == "documents" else
                               f"SELECT * FROM {t}").fetchall())
            for t in ("documents", "facts", "raw_tables")]


@pytest.mark.parametrize("change, reason", [
    (dict(layout="another layout"), "this file reads as another layout"),
    (dict(facts=7), "would lose 3 of the 10 facts"),
    (dict(cells=7), "would lose 3 of the 10 raw table cells"),
])
def test_a_new_version_is_refused_when_it_is_not_plainly_a_correction(con, change, reason):
    before = _snapshot(con)
    new = _document("b.txt", "bbbbbbbb", value=2.0, **change)
    with pytest.raises(StoreRefusal, match=reason):
        store_document(con, *new)
    assert _snapshot(con) == before
    result = store_document(con, *new, replace=True)
    assert (result.status, result.note) == ("replaced", "replaces aaaaaaaaaaaa")
    assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 1


def test_a_fifth_fewer_facts_is_still_a_correction(con):
    result = store_document(con, *_document("b.txt", "bbbbbbbb", facts=8, cells=8, value=2.0))
    assert result.status == "replaced"


def test_a_rendition_takes_the_facts_and_keeps_the_others_pointing_at_it(con):
    """The text export first, then the PDF: the PDF holds the facts; every other rendition points at it."""
    store_document(con, *_document("a.md", "cccccccc", fmt="md"))
    result = store_document(con, *_document("a.pdf", "dddddddd", fmt="pdf"))
    assert result.status == "rendition" and result.facts == 10
    assert sorted(con.execute("SELECT file_name, is_primary, rendition_of FROM documents").fetchall()) == [
        ("a.md", False, "dddddddddddd"), ("a.pdf", True, None), ("a.txt", False, "dddddddddddd")]


def test_a_page_without_an_edition_in_another_file_does_not_double_its_facts(tmp_path):
    """A document that does not say which report it is (the generic reader's) with most of the figures of a
    stored one is the same page or report in another file: a rendition, its facts not doubled, the facts
    with the better-ranked format; a document of other figures is another document."""
    def page(name: str, sha: str, fmt: str = "txt", value: float = 1.0, facts: int = 5) -> tuple:
        doc, ex = _document(name, sha, layout="generic", edition=None, facts=facts, fmt=fmt, value=value)
        ex.info.kind = "unrecognised"
        return doc, ex

    writer = connect(tmp_path / "pages.duckdb")
    store_document(writer, *page("lapa.txt", "aaaaaaaa"))
    again = store_document(writer, *page("lapa (1).txt", "bbbbbbbb", facts=4))  # 4 of its 5 figures
    assert (again.status, again.facts) == ("rendition", 0)
    assert again.note == "the same figures as aaaaaaaaaaaa (txt), which keeps them; stored for search"
    pdf = store_document(writer, *page("lapa.pdf", "cccccccc", fmt="pdf"))
    assert (pdf.status, pdf.facts) == ("rendition", 5)
    assert pdf.note == "the same figures as aaaaaaaaaaaa (txt); facts now cite this pdf"
    other = store_document(writer, *page("cita.txt", "dddddddd", value=2.0))
    assert (other.status, other.facts) == ("added", 5)
    fewer = store_document(writer, *page("isa.txt", "eeeeeeee", facts=3))  # 3 of 5: another document
    assert (fewer.status, fewer.facts) == ("added", 3)
    assert writer.execute("SELECT count(*) FROM facts").fetchone()[0] == 13
    assert writer.execute("SELECT count(*) FROM documents WHERE NOT is_primary").fetchone()[0] == 2
    writer.close()
