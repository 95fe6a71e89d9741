"""`python -m ingest --layout NAME`: a layout forced on every file, whatever layout would recognise it."""
from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from ingest.cli import main
from ingest.layouts import UnknownLayout, all_layouts
from ingest.worker import extract_file
from tests.test_ingest_cli import make_upload

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT / "raw_reports" / "lps_2020_seminars_socialie_pakalpojumi.txt"


def _documents(db: Path) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT file_name, layout, kind FROM documents ORDER BY file_name").fetchall()
    finally:
        con.close()


def test_an_unknown_layout_is_one_line_naming_the_layouts_and_nothing_is_read(tmp_path, capsys):
    db = tmp_path / "w.duckdb"
    with pytest.raises(SystemExit) as stopped:
        main(["--db", str(db), "--layout", "genreic", str(ARTICLE)])
    assert stopped.value.code == 2
    out = capsys.readouterr()
    lines = out.err.strip().splitlines()
    assert len(lines) == 1 and out.out == ""
    assert "'genreic'" in lines[0]
    for layout in all_layouts():
        assert repr(layout.name) in lines[0]
    assert not db.exists(), "nothing may be read nor stored"


def test_the_forced_layout_reads_a_file_another_layout_would_recognise(tmp_path, capsys):
    db = tmp_path / "w.duckdb"
    article = shutil.copy(ARTICLE, tmp_path / ARTICLE.name)
    assert main(["--db", str(db), "--layout", "generic", str(article)]) == 0
    assert "[generic]" in capsys.readouterr().out
    assert _documents(db) == [(ARTICLE.name, "generic", "unrecognised")]


def test_without_layout_the_file_is_read_by_the_layout_that_recognises_it(tmp_path, capsys):
    db = tmp_path / "w.duckdb"
    assert main(["--db", str(db), str(shutil.copy(ARTICLE, tmp_path / ARTICLE.name))]) == 0
    assert _documents(db) == [(ARTICLE.name, "LPS article", "article")]


def test_a_file_of_a_format_the_forced_layout_does_not_read_is_refused_in_one_line(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(ARTICLE, folder / "a_article.txt")
    make_upload(folder / "b_upload.xlsx", [["Bauskas novads", 2024, "budget", "spend", "Patversme", "10", "EUR"]])
    db = tmp_path / "w.duckdb"
    assert main(["--db", str(db), "--layout", "facts upload", str(folder)]) == 1
    err = capsys.readouterr().err
    refusals = [line for line in err.splitlines() if "REFUSED" in line]
    assert len(refusals) == 1
    assert refusals[0].endswith("a_article.txt: the layout 'facts upload' does not read .txt files (it reads .xlsx)")
    assert _documents(db) == [("b_upload.xlsx", "facts upload", "upload")]


def test_extract_file_takes_the_layout_by_name(tmp_path):
    _, extraction = extract_file(ARTICLE, layout="generic")
    assert extraction.layout == "generic" and extraction.info.kind == "unrecognised"
    _, extraction = extract_file(ARTICLE)
    assert extraction.layout == "LPS article"
    with pytest.raises(UnknownLayout, match="no layout is named 'nav'"):
        extract_file(ARTICLE, layout="nav")
