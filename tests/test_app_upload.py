"""Pievienot pārskatu through Streamlit's AppTest, and ingest.upload beneath it: the page exists only where
directors can sign in; a password right and wrong, and the server's growing wait; an identity provider's
accounts; the preview of a good and of a bad file, with its diff against the served warehouse; facts left
out and corrected, a change without a reason refused; commit and removal. Every warehouse and reports
folder here is a temporary copy."""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import access
from dashboard.db import clear_caches
from ingest.limits import ReadLimits
from ingest.removal import RemovalError, remove_report
from ingest.upload import (FactEdit, MissingReason, UploadRefused, commit_upload, corrections_from, kept_name,
                           preview_upload, safe_name)
from report_variants import tukums_next_year_text
from test_ingest_cli import make_upload
from warehouse import WarehouseError, connect
from warehouse.corrections import load_corrections
from warehouse.live import writing

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
PAGE = "pages/pievienot.py"
PASSWORD = "pareizā parole"
NEXT_YEAR = "tukuma_novads_2025_publiskais_parskats.txt"


def next_year_report() -> bytes:
    text = (ROOT / "raw_reports" / "tukuma_novads_2024_publiskais_parskats.txt").read_text(encoding="utf-8")
    return tukums_next_year_text(text).encode("utf-8")


def plain(markdown: str) -> str:
    """What a reader sees of a markdown text the app escaped."""
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u2060", "")


@pytest.fixture
def served(warehouse_db, tmp_path, monkeypatch) -> Path:
    """A copy of the seed warehouse, an empty reports folder, the directors' password, and a fresh count of
    wrong attempts whose waits are recorded, not slept."""
    db = tmp_path / "socdash.duckdb"
    shutil.copyfile(warehouse_db, db)
    reports = tmp_path / "reports"
    reports.mkdir()
    monkeypatch.setenv("SOCDASH_DB", str(db))
    monkeypatch.setenv("SOCDASH_REPORTS", str(reports))
    monkeypatch.setenv("SOCDASH_ADMIN_PASSWORD", PASSWORD)
    monkeypatch.delenv("SOCDASH_DIRECTORS", raising=False)
    monkeypatch.setattr(access, "ATTEMPTS", access.WrongAttempts(sleep=waits.append))
    waits.clear()
    return db


waits: list[float] = []


def run(app: AppTest) -> AppTest:
    app.run()
    assert not app.exception, [e.message for e in app.exception]
    return app


def open_page(language: str = "lv") -> AppTest:
    app = AppTest.from_file(APP, default_timeout=90)
    if language == "en":
        app.query_params["lang"] = "EN"
    app.switch_page(PAGE)
    return run(app)


def sign_in(app: AppTest, password: str = PASSWORD) -> AppTest:
    app.text_input(key="password").input(password)
    app.button(key="FormSubmitter:sign_in_form-" + app.button[0].label).click()
    return run(app)


def signed_in(language: str = "lv") -> AppTest:
    app = sign_in(open_page(language))
    assert [s.value for s in app.subheader][0] in ("Jauns pārskats", "A new report")
    return app


def upload(app: AppTest, name: str, data: bytes) -> AppTest:
    app.get("file_uploader")[0].upload(name, data)
    return run(app)


def metrics(app: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in app.metric}


# --------------------------------------------------------------------------- who may

def test_without_an_identity_provider_or_a_password_there_is_no_page(served, monkeypatch):
    monkeypatch.delenv("SOCDASH_ADMIN_PASSWORD")
    assert access.sign_in_method() is None
    app = open_page()  # the address of the page leads to the first page: it does not exist
    assert [t.value for t in app.title] == ["Sākums"]
    assert not app.text_input and not app.get("file_uploader")


def test_a_wrong_password_is_refused_and_makes_the_next_attempt_wait(served):
    app = sign_in(open_page(), "nepareizā")
    assert [plain(e.value) for e in app.error] == ["Nepareiza parole. Nākamo mēģinājumu pārbaudīs pēc 1 s."]
    assert not app.get("file_uploader")
    app = sign_in(app, "vēl nepareizāka")
    assert [plain(e.value) for e in app.error] == ["Nepareiza parole. Nākamo mēģinājumu pārbaudīs pēc 2 s."]
    app = sign_in(app)  # the right one: it waited 2 s first, and the count starts again
    assert waits == [0.0, 1.0, 2.0]
    assert access.ATTEMPTS.failures == 0 and app.get("file_uploader")


def test_the_wait_grows_with_every_wrong_attempt_up_to_its_cap():
    attempts = access.WrongAttempts(sleep=lambda seconds: None)
    seen = []
    for _ in range(8):
        seen.append(attempts.wait_seconds())
        assert attempts.check("x", "y") is False
    assert seen == [0, 1, 2, 4, 8, 16, 30, 30]
    assert attempts.check("y", "y") is True and attempts.wait_seconds() == 0


def test_the_page_speaks_english_too(served):
    app = open_page("en")
    assert [t.value for t in app.title] == ["Add a report"]
    assert [plain(c.value) for c in app.caption] == [
        "Directors of social services add and remove reports here. Enter the directors' password."]
    assert app.text_input(key="password").label == "Password"


def test_signing_out_ends_the_session(served):
    app = signed_in()
    assert plain(app.caption[0].value) == "Pierakstījies: dashboard"
    app.button(key="sign_out").click()
    app = run(app)
    assert not app.get("file_uploader") and app.text_input(key="password")


def test_an_identity_provider_signs_in_and_the_allowed_accounts_are_the_directors(served, monkeypatch):
    monkeypatch.delenv("SOCDASH_ADMIN_PASSWORD")
    monkeypatch.setenv("SOCDASH_DIRECTORS", "Vaditaja@Tukums.lv, cits@bauska.lv")
    auth = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 32,
            "client_id": "socdash", "client_secret": "s", "server_metadata_url": "http://127.0.0.1:1/.well-known"}

    def as_user(user: dict) -> AppTest:
        app = AppTest.from_file(APP, default_timeout=90)
        app.secrets["auth"] = auth
        app.user = user
        app.switch_page(PAGE)
        return run(app)

    app = as_user({"is_logged_in": False})
    assert [b.label for b in app.button] == ["Pierakstīties"] and not app.text_input
    app = as_user({"is_logged_in": True, "email": "iedzivotajs@example.lv"})
    assert [plain(w.value) for w in app.warning] == [
        "Konts iedzivotajs@example.lv nav starp vadītājiem, kas drīkst pievienot pārskatus."]
    assert not app.get("file_uploader")
    app = as_user({"is_logged_in": True, "email": "vaditaja@tukums.lv"})
    assert app.get("file_uploader")
    assert plain(app.caption[0].value) == "Pierakstījies: dashboard (vaditaja@tukums.lv)"


# --------------------------------------------------------------------------- preview

def test_the_preview_of_next_years_report_says_what_it_reads_and_would_add(served):
    app = upload(signed_in(), NEXT_YEAR, next_year_report())
    said = plain(next(m.value for m in app.markdown if "Nolasīts ar" in m.value))
    assert [line.strip() for line in said.splitlines()] == [
        "Nolasīts ar: Tukuma publiskais pārskats",
        "Tukuma novads · publiskais pārskats · 2025. GADA PUBLISKAIS PĀRSKATS · periods 2020–2025",
        "tukuma_novads_2025_publiskais_parskats.txt būtu jauns pārskats."]
    counts = metrics(app)
    # 668 facts (test_layout_tukums_public_report); 385 of them about a thing or year nothing served is about
    assert (counts["Skaitļi failā"], counts["Jauni"], counts["Aizstāj"]) == ("668", "385", "0")
    assert not list((served.parent / "reports").iterdir()), "a preview keeps no file"
    with duckdb.connect(str(served), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM documents").fetchone() == (6,), "a preview stores nothing"


def test_the_preview_of_a_bad_file_gives_the_refusal_and_its_reason(served):
    app = upload(signed_in(), "parskats.pdf", b"not a pdf at all")
    assert [plain(e.value) for e in app.error] == [
        "parskats.pdf netiktu saglabāts: not a PDF (no %PDF- header); check the file's real type"]
    assert [b.key for b in app.button] == ["sign_out"]


def test_the_texts_of_an_upload_are_shown_literally(served):
    """A made-up report whose title and file name are markup: the preview says them as they are, and no
    link or image comes of them (the text reader already drops the report's own emphasis)."""
    text = ("Ogres novada sociālā dienesta [klik](https://example.com) **pārskats** par 2024. gadu\n\n"
            "2024. gadā sociālo pakalpojumu saņēma 1 234 personas.\n")
    app = upload(signed_in(), "<img src=x>.txt", text.encode("utf-8"))
    said = next(m.value for m in app.markdown if "Nolasīts ar" in m.value)
    assert "[klik](https" not in said and "<img" not in said
    assert [line.strip() for line in plain(said).splitlines()] == [
        "Nolasīts ar: vispārīgais lasītājs",
        "Ogres novads · neatpazīts dokuments · Ogres novada sociālā dienesta [klik](https://example.com) "
        "pārskats par 2024. gadu · periods 2024",
        "img_src_x.txt būtu jauns pārskats."]
    assert metrics(app)["Skaitļi failā"] == "1"


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(served, monkeypatch):
    monkeypatch.setenv("SOCDASH_MAX_INPUT_MB", "0.001")
    app = upload(signed_in(), NEXT_YEAR, next_year_report())
    assert [plain(e.value) for e in app.error] == [
        "tukuma_novads_2025_publiskais_parskats.txt: 0.1 MB is over the limit of 0.001 MB"]


def test_the_diff_lists_the_facts_a_new_version_replaces(tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    db = tmp_path / "w.duckdb"
    first = make_upload(reports / "tukums_2025.xlsx", [
        ["Tukuma novads", 2025, "budget", "spend", "Aprūpe mājās", "105 486,50", "EUR"],
        ["Tukuma novads", 2025, "recipients", "persons", "Aprūpe mājās", 176, "persons"]])
    with writing(db, 0) as con:
        from ingest.pipeline import store_files
        assert store_files(con, [first], jobs=1)[0].result.status == "added"
    newer = make_upload(tmp_path / "v2.xlsx", [
        ["Tukuma novads", 2025, "budget", "spend", "Aprūpe mājās", "110 000", "EUR"],
        ["Tukuma novads", 2025, "recipients", "persons", "Aprūpe mājās", 176, "persons"],
        ["Tukuma novads", 2025, "recipients", "persons", "Patversme", 12, "persons"]])
    shown = preview_upload(db, "tukums_2025.xlsx", newer.read_bytes(), reports=tmp_path / "elsewhere")
    assert (shown.status, shown.refusal, len(shown.facts)) == ("replaced", None, 3)
    changes = shown.changes.assign(served_value=shown.changes["served_value"].fillna(-1))
    rows = sorted((r.effect, r.category, r.served_value, r.new_value) for r in changes.itertuples(index=False))
    assert rows == [("new", "Patversme", -1, 12.0), ("replaces", "Aprūpe mājās", 176.0, 176.0),
                    ("replaces", "Aprūpe mājās", 105486.5, 110000.0)]


# --------------------------------------------------------------------------- leave out, correct

def edit_key(data: bytes) -> str:
    return "edit_" + hashlib.sha256(data).hexdigest()[:16]


def test_facts_left_out_and_corrected_are_counted_and_a_change_without_a_reason_is_refused(served):
    data = next_year_report()
    app = upload(signed_in(), NEXT_YEAR, data)
    app.session_state[edit_key(data)] = {"edited_rows": {0: {"keep": False, "reason": "dubults"},
                                                         1: {"corrected": 5437.0, "reason": "drukas kļūda"}},
                                         "added_rows": [], "deleted_rows": []}
    app = run(app)
    assert ":material/edit: Saglabājot neiekļaus 1 skaitli un labos 1 skaitli." in [plain(c.value) for c in app.caption]
    assert not app.error and not app.button(key="commit").disabled
    app.session_state[edit_key(data)] = {"edited_rows": {2: {"corrected": 1.0}}, "added_rows": [],
                                         "deleted_rows": []}
    app = run(app)
    assert [plain(e.value) for e in app.error] == [
        "1.1. tabula, 200. rinda; rinda 'Reģistrēti saņemtie iesniegumi par sociā', aile "
        "'1.07.- 31.12.2022.' (“5437”): labojumam vai neiekļautam skaitlim jānorāda iemesls."]
    assert app.button(key="commit").disabled


def test_corrections_name_the_fact_its_printed_text_and_the_reason(tmp_path, warehouse_db):
    db = tmp_path / "w.duckdb"
    shutil.copyfile(warehouse_db, db)
    shown = preview_upload(db, NEXT_YEAR, next_year_report(), reports=tmp_path)
    first, second = shown.facts.iloc[0], shown.facts.iloc[1]
    made = corrections_from(shown, [FactEdit(first.fact_key, keep=False, reason=" dubults "),
                                    FactEdit(second.fact_key, corrected=6000.0, reason="drukas  kļūda"),
                                    FactEdit(shown.facts.iloc[2].fact_key, reason="nav izmaiņu")], who="dashboard")
    assert [(c.fact_key, c.sha256, c.printed, c.read_value, c.corrected, c.reason, c.who) for c in made] == [
        (first.fact_key, shown.sha256, "6051", 6051.0, None, "dubults", "dashboard"),
        (second.fact_key, shown.sha256, str(second.raw_value), float(second.value), 6000.0, "drukas kļūda",
         "dashboard")]
    with pytest.raises(MissingReason):
        corrections_from(shown, [FactEdit(first.fact_key, corrected=1.0, reason="  ")], who="dashboard")
    with pytest.raises(UploadRefused, match="not a finite number"):
        corrections_from(shown, [FactEdit(first.fact_key, corrected=float("inf"), reason="x")], who="dashboard")
    with pytest.raises(UploadRefused, match="no fact 0000 in this file"):
        corrections_from(shown, [FactEdit("0000", keep=False, reason="x")], who="dashboard")


# --------------------------------------------------------------------------- names kept

@pytest.mark.parametrize("sent, kept", [
    ("Tukuma novada 2025. gada pārskats.PDF", "Tukuma_novada_2025._gada_parskats.pdf"),
    ("C:\\Users\\vadītāja\\Desktop\\atskaite.xlsx", "atskaite.xlsx"),
    ("../../etc/pārskats.txt", "parskats.txt"),
    (".slēpts.md", "slepts.md"),
    ("README.md", "report_README.md"),
    ("$(rm -rf).txt", "rm_-rf.txt"),
    ("...txt", "report.txt"),
])
def test_a_sent_name_is_kept_as_a_plain_name(sent, kept):
    assert safe_name(sent) == kept


def test_a_name_of_a_type_the_ingest_does_not_read_is_refused():
    with pytest.raises(UploadRefused, match=r"^programma\.exe: unsupported file type '\.exe' \(expected "):
        safe_name("programma.exe")


def test_a_kept_name_never_overwrites_another_file(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"one")
    (tmp_path / "a-2.txt").write_bytes(b"two")
    assert kept_name(tmp_path, "a.txt", b"three") == "a-3.txt"
    assert kept_name(tmp_path, "a.txt", b"two") == "a-2.txt"  # the same file: its own name
    assert kept_name(tmp_path, "b.txt", b"one") == "b.txt"


# --------------------------------------------------------------------------- commit

def test_a_commit_keeps_the_file_and_stores_it(tmp_path, warehouse_db):
    db = tmp_path / "w.duckdb"
    shutil.copyfile(warehouse_db, db)
    reports = tmp_path / "reports"
    reports.mkdir()
    result = commit_upload(db, "Tukuma 2025.txt", next_year_report(), [], who="dashboard", reports=reports)
    assert (result.outcome.result.status, result.outcome.result.facts, result.saved) == (
        "added", 668, reports / "Tukuma_2025.txt")
    assert result.saved.read_bytes() == next_year_report()
    assert [p.name for p in reports.iterdir()] == ["Tukuma_2025.txt"]
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM facts f JOIN documents d USING (document_id)"
                           " WHERE d.file_name = 'Tukuma_2025.txt'").fetchone() == (668,)


def test_a_refused_commit_keeps_no_file_and_stores_nothing(tmp_path, warehouse_db):
    db = tmp_path / "w.duckdb"
    shutil.copyfile(warehouse_db, db)
    reports = tmp_path / "reports"
    reports.mkdir()
    with pytest.raises(UploadRefused, match=r"^x\.pdf: not a PDF"):
        commit_upload(db, "x.pdf", b"not a pdf", [], who="dashboard", reports=reports)
    assert list(reports.iterdir()) == []
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM documents").fetchone() == (6,)


def test_a_commit_whose_warehouse_cannot_be_replaced_keeps_no_file_and_no_correction(tmp_path, warehouse_db,
                                                                                     monkeypatch):
    db = tmp_path / "w.duckdb"
    shutil.copyfile(warehouse_db, db)
    served = db.read_bytes()
    reports = tmp_path / "reports"
    reports.mkdir()
    data = next_year_report()
    shown = preview_upload(db, NEXT_YEAR, data, reports=reports)
    first = shown.facts.iloc[0]
    corrections = corrections_from(shown, [FactEdit(first["fact_key"], corrected=1.0, reason="drukas kļūda")],
                                   who="dashboard")

    replace = os.replace

    def full_disk(source, target):  # the swap at the end of the batch fails, the other renames work
        if Path(target) == db:
            raise OSError(28, "No space left on device")
        replace(source, target)

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(WarehouseError, match=r"No space left on device; none of this batch is stored"):
        commit_upload(db, NEXT_YEAR, data, corrections, who="dashboard", reports=reports)
    assert list(reports.iterdir()) == []
    assert db.read_bytes() == served


def _writes_while_read() -> bool:
    """Whether a writer can commit while this process reads the warehouse (the dashboard's case)."""
    with tempfile.TemporaryDirectory(prefix="socdash-probe-") as folder:
        db = Path(folder) / "w.duckdb"
        connect(db).close()
        reader = connect(db, read_only=True)
        try:
            with writing(db, 0):
                pass
            return True
        except WarehouseError:
            return False
        finally:
            reader.close()


def _corrections_kept() -> bool:
    with tempfile.TemporaryDirectory(prefix="socdash-probe-") as folder:
        try:
            load_corrections(Path(folder) / "corrections.csv")
            return True
        except NotImplementedError:
            return False


def _removal_available() -> bool:
    with tempfile.TemporaryDirectory(prefix="socdash-probe-") as folder:
        db = Path(folder) / "w.duckdb"
        connect(db).close()
        try:
            remove_report(db, "0" * 12, who="probe", wait_seconds=0, reports=Path(folder))
        except NotImplementedError:
            return False
        except (RemovalError, WarehouseError, OSError):
            pass
        return True


needs_live_writer = pytest.mark.skipif(not _writes_while_read(),
                                       reason="the writer cannot yet commit while the dashboard reads")
needs_corrections = pytest.mark.skipif(not _corrections_kept(), reason="warehouse.corrections keeps none yet")
needs_removal = pytest.mark.skipif(not _removal_available(), reason="ingest.removal removes nothing yet")


@needs_live_writer
@needs_corrections
def test_commit_from_the_page_stores_the_report_and_the_correction(served):
    data = next_year_report()
    app = upload(signed_in(), NEXT_YEAR, data)
    app.session_state[edit_key(data)] = {"edited_rows": {0: {"corrected": 6050.0, "reason": "drukas kļūda"}},
                                         "added_rows": [], "deleted_rows": []}
    run(app).button(key="commit").click()
    app = run(app)
    assert [plain(s.value) for s in app.success] == [
        "Saglabāts tukuma_novads_2025_publiskais_parskats.txt: 668 skaitļi, 1 labojums. "
        "Lasītāji to redzēs nākamajā lapas ielādē."]
    reports = served.parent / "reports"
    assert (reports / NEXT_YEAR).read_bytes() == data
    [correction] = load_corrections(reports / "corrections.csv")
    assert (correction.printed, correction.read_value, correction.corrected, correction.reason, correction.who) == (
        "6051", 6051.0, 6050.0, "drukas kļūda", "dashboard")
    assert not app.get("file_uploader")[0].value, "the uploader is emptied after a commit"
    clear_caches()  # DuckDB would hand this process's open reader of the old file back to a new connection
    with duckdb.connect(str(served), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM facts f JOIN documents d USING (document_id) WHERE d.file_name = ?",
                           [NEXT_YEAR]).fetchone() == (668,)


@needs_live_writer
@needs_removal
def test_a_report_is_removed_only_after_confirmation(served):
    app = signed_in()
    with duckdb.connect(str(served), read_only=True) as con:
        document_id, facts = con.execute(
            "SELECT d.document_id, count(f.fact_id) FROM documents d LEFT JOIN facts f USING (document_id)"
            " WHERE d.file_name = 'lps_2020_seminars_socialie_pakalpojumi.txt' GROUP BY 1").fetchone()
    app.selectbox(key="remove_choice").select(document_id)
    app = run(app)
    assert app.button(key="remove").disabled
    app.checkbox(key=f"remove_sure_{document_id}").check()
    app = run(app)
    app.button(key="remove").click()
    app = run(app)
    assert [plain(s.value) for s in app.success] == [
        f"Izņemts: lps_2020_seminars_socialie_pakalpojumi.txt — {facts} skaitlis."]
    clear_caches()  # DuckDB would hand this process's open reader of the old file back to a new connection
    with duckdb.connect(str(served), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM documents WHERE document_id = ?", [document_id]).fetchone() == (0,)


def test_the_limits_of_a_preview_are_the_command_lines(tmp_path, warehouse_db):
    db = tmp_path / "w.duckdb"
    shutil.copyfile(warehouse_db, db)
    with pytest.raises(UploadRefused, match="over the limit of 0.01 MB"):
        preview_upload(db, NEXT_YEAR, next_year_report(), limits=ReadLimits(max_input_mb=0.01), reports=tmp_path)
    with pytest.raises(UploadRefused, match="the file is empty"):
        preview_upload(db, NEXT_YEAR, b"", reports=tmp_path)
