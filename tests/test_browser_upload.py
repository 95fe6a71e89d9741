"""Adding a report in a real browser while another reader browses: a director signs in with the password,
uploads the next-year Tukums report the tests make, reads the preview, corrects one value with a reason and
commits; a reader in another browser context then sees the report on Sākums and Avoti. Screenshots of the
page (Latvian and English, desktop and a 390 px phone) go to tests/artifacts/. The warehouse and the reports
folder are temporary copies."""
from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from report_variants import tukums_next_year_text
from test_app_upload import needs_corrections, needs_live_writer
from test_browser import browser  # noqa: F401 (the Chromium fixture, shared)
from test_browser import ARTIFACTS, CHROMIUM, PHONE, ROOT, settle, streamlit_server

PASSWORD = "pareizā parole"
NEXT_YEAR = "tukuma_novads_2025_publiskais_parskats.txt"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"no Chromium at {CHROMIUM} (`make test` installs it: "
                                                     "apt-get install chromium)"),
]


@pytest.fixture(scope="module")
def served(warehouse_db, tmp_path_factory):
    """A server over a copy of the seed warehouse, with an empty reports folder and the directors' password."""
    folder = tmp_path_factory.mktemp("upload_server")
    db = folder / "socdash.duckdb"
    shutil.copyfile(warehouse_db, db)
    reports = folder / "reports"
    reports.mkdir()
    report = folder / NEXT_YEAR
    text = (ROOT / "raw_reports" / "tukuma_novads_2024_publiskais_parskats.txt").read_text(encoding="utf-8")
    report.write_text(tukums_next_year_text(text), encoding="utf-8")
    env = {"SOCDASH_REPORTS": str(reports), "SOCDASH_ADMIN_PASSWORD": PASSWORD}
    with streamlit_server(db, folder, env=env) as url:
        yield url, report, reports


def no_exception(tab, what: str) -> None:
    exceptions = tab.locator('[data-testid="stException"]')
    assert exceptions.count() == 0, f"{what}: Streamlit exception: {exceptions.first.inner_text()[:500]}"


def shoot(tab, name: str) -> None:
    no_exception(tab, name)
    # The main area scrolls inside the window: the window as tall as the content for the screenshot.
    size = tab.viewport_size
    height = tab.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    tab.set_viewport_size({"width": size["width"], "height": min(max(int(height), size["height"]), 8000)})
    time.sleep(0.5)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    tab.set_viewport_size(size)


def sign_in(tab, url: str, language: str = "lv") -> None:
    english = language == "en"
    tab.goto(url + "/pievienot" + ("?lang=EN" if english else ""))
    settle(tab, "Add a report" if english else "Pievienot pārskatu")
    tab.get_by_label("Password" if english else "Parole", exact=True).fill(PASSWORD)
    tab.get_by_role("button", name="Sign in" if english else "Pierakstīties").click()
    tab.get_by_role("heading", name="A new report" if english else "Jauns pārskats").wait_for(timeout=30_000)


def upload_and_preview(tab, report: Path, language: str = "lv") -> None:
    tab.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(report))
    heading = "Preview: nothing is stored yet" if language == "en" else "Priekšskatījums: vēl nekas nav saglabāts"
    tab.get_by_role("heading", name=heading).wait_for(timeout=60_000)
    settle(tab, heading)


def metric(tab, label: str) -> str:
    box = tab.locator('[data-testid="stMetric"]').filter(has=tab.get_by_text(label, exact=True))
    return box.locator('[data-testid="stMetricValue"]').inner_text().strip()


# The fact table's first columns and their widths in pixels (pages/pievienot.py: Streamlit's "small" and
# "medium" widths): the ones the director edits, and the value read.
COLUMNS = (("Saglabāt", 75), ("Vērtība", 75), ("Labotā vērtība", 75), ("Iemesls", 200))


def edit_cell(tab, column: str, text: str, then: str) -> None:
    """Put `text` into the first row's cell of the column headed `column` of the fact table, until the page
    says `then`. The table is drawn on a canvas: a click at the cell's place selects it, a double click opens
    its editor, an input the grid lays over the canvas, which takes the text and Enter."""
    grid = tab.locator('[data-testid="stDataFrame"]').last
    names = [name for name, _ in COLUMNS]
    left = sum(width for _, width in COLUMNS[:names.index(column)])
    width = dict(COLUMNS)[column]
    for _ in range(3):  # a rerun of the page under way can redraw the grid and drop a click
        canvas = grid.locator('[data-testid="data-grid-canvas"]')
        canvas.scroll_into_view_if_needed()
        box = canvas.bounding_box()
        row_height = 35  # Streamlit's default row height, the header's too
        x, y = box["x"] + left + width / 2, box["y"] + row_height * 1.5
        tab.mouse.click(x, y)
        tab.mouse.dblclick(x, y)
        editor = tab.locator("#portal textarea, #portal input").last
        try:
            editor.wait_for(timeout=10_000)
            # fill() focuses the editor before it writes: keys typed at once after the double click can
            # reach the grid before its editor has the focus, and be lost
            editor.fill(text)
            editor.press("Enter")
        except Exception:
            continue
        settle(tab, "Priekšskatījums: vēl nekas nav saglabāts")
        try:
            tab.get_by_text(then, exact=False).wait_for(timeout=10_000)
            return
        except Exception:
            continue
    shoot(tab, "upload_edit_failed")
    raise AssertionError(f"after {text!r} in the first row's {column!r} the page does not say {then!r}")


def test_screenshots_of_the_page(served, browser):
    url, report, _ = served
    for language in ("lv", "en"):
        for device, options in (("desktop", {"viewport": {"width": 1400, "height": 1000}}), ("phone", PHONE)):
            context = browser.new_context(**options)
            tab = context.new_page()
            try:
                sign_in(tab, url, language)
                upload_and_preview(tab, report, language)
                shoot(tab, f"upload_{language}_{device}")
            finally:
                context.close()


@needs_live_writer
@needs_corrections
def test_a_director_adds_a_report_while_a_reader_browses(served, browser):
    url, report, reports = served
    reader = browser.new_context(viewport={"width": 1400, "height": 1000})
    director = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        home = reader.new_page()
        home.goto(url + "/sakums")
        settle(home, "Sākums")
        assert metric(home, "Dokumenti") == "6"

        tab = director.new_page()
        sign_in(tab, url)
        upload_and_preview(tab, report)
        assert metric(tab, "Skaitļi failā") == "668" and metric(tab, "Jauni") == "385"
        edit_cell(tab, "Labotā vērtība", "6050", then="labojumam vai neiekļautam skaitlim jānorāda iemesls")
        edit_cell(tab, "Iemesls", "drukas kļūda", then="Saglabājot neiekļaus 0 skaitļus un labos 1 skaitli.")
        shoot(tab, "upload_corrected_lv")
        tab.get_by_role("button", name="Saglabāt datu noliktavā").click()
        # (the page writes a word joiner after a colon, so that no text of a file becomes a link)
        stored = tab.locator('[data-testid="stAlertContentSuccess"]')
        stored.wait_for(timeout=60_000)
        assert stored.inner_text().replace("\u2060", "") == (
            "Saglabāts tukuma_novads_2025_publiskais_parskats.txt: 668 skaitļi, 1 labojums. "
            "Lasītāji to redzēs nākamajā lapas ielādē.")
        committed = time.monotonic()
        shoot(tab, "upload_committed_lv")
        assert (reports / NEXT_YEAR).read_bytes() == report.read_bytes()

        # The reader's next run sees it, without a restart.
        while True:
            home.reload()
            settle(home, "Sākums")
            if metric(home, "Dokumenti") == "7" or time.monotonic() - committed > 30:
                break
        assert metric(home, "Dokumenti") == "7"
        no_exception(home, "Sākums after the commit")
        sources = reader.new_page()
        sources.goto(url + "/avoti")
        settle(sources, "Avoti un kvalitāte")
        assert sources.get_by_role("button", name=NEXT_YEAR).count() == 1  # its original file, kept
        sources.get_by_role("heading", name="Pievienošanas žurnāls").wait_for()
        shoot(sources, "upload_avoti_after_lv")
    finally:
        reader.close()
        director.close()
