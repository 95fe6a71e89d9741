"""The dashboard in a real browser: Playwright drives Debian's Chromium through every page via the
navigation, in Latvian and in English, and through a copied link; any Streamlit exception box fails the
test. A full-page screenshot of each view is saved under tests/artifacts/ for a person to look at.
"""
from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest


CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "tests" / "artifacts"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
# A phone as Chromium knows it: 390 px wide, touch, and a phone's user agent (Android Chrome).
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 3, "is_mobile": True, "has_touch": True,
         "user_agent": "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
                       "Chrome/140.0.0.0 Mobile Safari/537.36"}

# (url path, Latvian title, English title) in navigation order
PAGES = [
    ("sakums", "Sākums", "Home"),
    ("salidzinajums", "Salīdzinājums", "Compare"),
    ("budzets", "Budžets", "Budget"),
    ("sanemeji", "Pakalpojumu saņēmēji", "Service recipients"),
    ("lietu_slodze", "Lietu slodze", "Caseload"),
    ("personals", "Personāls", "Staff"),
    ("fokusgrupas", "Fokusgrupas", "Focus groups"),
    ("dati", "Dati", "Data"),
    ("avoti", "Avoti un kvalitāte", "Sources and quality"),
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"no Chromium at {CHROMIUM} (`make test` installs it: "
                                                     "apt-get install chromium)"),
]


_TAKEN: set[int] = set()


def _free_port() -> int:
    """A free localhost port: the first free one of `SOCDASH_TEST_PORTS` (`8630-8639`) where that is set (a
    machine that lets the tests use only some), else one the system chooses."""
    first, _, last = os.environ.get("SOCDASH_TEST_PORTS", "").partition("-")
    candidates = range(int(first), int(last or first) + 1) if first.strip() else [0]
    for candidate in candidates:
        if candidate in _TAKEN:
            continue
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", candidate))
            except OSError:
                continue
            port = s.getsockname()[1]
        if candidate:
            _TAKEN.add(port)  # a server may take a moment to bind it: never hand it out twice
        return port
    raise RuntimeError(f"no free port in SOCDASH_TEST_PORTS={os.environ['SOCDASH_TEST_PORTS']}")


@contextmanager
def streamlit_server(db: Path, log_folder: Path, app_folder: Path = ROOT, env: dict[str, str] | None = None):
    """`streamlit run app.py` in `app_folder` (its .streamlit/config.toml applies) on a free localhost port
    over `db`, with the environment variables `env` besides; stopped on leaving."""
    port = _free_port()
    env = {**os.environ, **(env or {}), "SOCDASH_DB": str(db)}
    log = open(log_folder / f"server-{port}.log", "w+")
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none"],
        cwd=app_folder, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                    if answer.read() == b"ok":
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                pytest.fail(f"streamlit did not start:\n{log.read()}")
            time.sleep(0.3)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
        _TAKEN.discard(port)


@pytest.fixture(scope="module")
def warehouse(warehouse_db) -> Path:
    return warehouse_db


@pytest.fixture(scope="module")
def server(warehouse, tmp_path_factory):
    with streamlit_server(warehouse, tmp_path_factory.mktemp("streamlit")) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    tab = context.new_page()
    yield tab
    context.close()


def settle(tab, title: str) -> None:
    """Wait until the page shows `title`, the script has finished and every chart has drawn."""
    tab.get_by_role("heading", name=title, exact=True).first.wait_for(timeout=30_000)
    deadline = time.monotonic() + 30
    quiet = 0
    while time.monotonic() < deadline:
        running = tab.locator('[data-testid="stStatusWidget"]').count() > 0
        skeletons = tab.locator('[data-testid="stSkeleton"]').count()
        charts = tab.locator('[data-testid="stPlotlyChart"]').count()
        drawn = tab.locator('[data-testid="stPlotlyChart"] .main-svg').count()
        quiet = quiet + 1 if not running and not skeletons and drawn >= charts else 0
        if quiet >= 3:
            return
        time.sleep(0.2)
    raise AssertionError(f"the page {title!r} did not finish drawing within 30 s")


def check_and_shoot(tab, name: str) -> None:
    exceptions = tab.locator('[data-testid="stException"]')
    assert exceptions.count() == 0, f"{name}: Streamlit exception: {exceptions.first.inner_text()[:500]}"
    # The main area scrolls inside the window: make the window as tall as the content for the screenshot.
    height = tab.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    tab.set_viewport_size({"width": 1400, "height": min(max(int(height), 1000), 8000)})
    time.sleep(0.5)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    tab.set_viewport_size({"width": 1400, "height": 1000})


def visit_all(tab, server: str, language: str) -> None:
    """Open the app, then every page by clicking its entry in the sidebar navigation."""
    tab.goto(server + ("/?lang=EN" if language == "en" else "/"))
    titles = [(slug, en if language == "en" else lv) for slug, lv, en in PAGES]
    settle(tab, titles[0][1])
    for i, (slug, title) in enumerate(titles):
        if i:
            tab.locator('[data-testid="stSidebarNav"]').get_by_role("link", name=title, exact=True).click()
            settle(tab, title)
            assert re.search(rf"/{slug}(\?|$)", tab.url), f"{title}: the address is {tab.url}"
        if language == "en":
            assert "lang=EN" in tab.url, f"{title}: the language fell out of the address {tab.url}"
        check_and_shoot(tab, f"{i + 1}_{slug}_{language}")


def test_every_page_in_latvian(server, page):
    visit_all(page, server, "lv")


def test_every_page_in_english(server, page):
    visit_all(page, server, "en")


def test_the_language_switch_changes_the_navigation(server, page):
    page.goto(server + "/budzets")
    settle(page, "Budžets")
    page.locator('[data-testid="stSidebar"]').get_by_role("radio", name="EN", exact=True).click()
    settle(page, "Budget")
    nav = page.locator('[data-testid="stSidebarNav"]')
    assert nav.get_by_role("link", name="Service recipients", exact=True).count() == 1
    assert "lang=EN" in page.url


def test_a_copied_link_reopens_the_same_view(server, page):
    """Filters live in the address: a link with a municipality and a language opens just that view."""
    page.goto(server + "/sanemeji?novads=Bauskas+novads&lang=EN")
    settle(page, "Service recipients")
    titles = [t.text_content() for t in page.locator('[data-testid="stPlotlyChart"] .gtitle').all()]
    assert titles and all(t.startswith("Bauskas novads") for t in titles), titles
    assert any("by gender" in t for t in titles), titles
    check_and_shoot(page, "9_link_sanemeji_bauska_en")


def test_the_data_page_downloads_csv(server, page):
    page.goto(server + "/dati?temas=staff")
    settle(page, "Dati")
    with page.expect_download() as download:
        page.get_by_role("button", name="Lejupielādēt CSV").click()
    content = Path(download.value.path()).read_text(encoding="utf-8-sig")
    header, *rows = content.splitlines()
    assert header.startswith("fact_id,municipality,territory,year")
    assert rows and all(",staff," in row for row in rows)


def test_a_link_opens_its_page_on_a_freshly_started_server(warehouse, tmp_path, page):
    """Until its first `st.navigation` call, Streamlit serves a `pages/` folder the legacy way: a deep link
    is the first thing this server sees, and it must still get the frame (navigation, language switch)."""
    with streamlit_server(warehouse, tmp_path) as fresh:
        page.goto(fresh + "/lietu_slodze?lang=EN")
        settle(page, "Caseload")
        nav = page.locator('[data-testid="stSidebarNav"]')
        # each link reads "<icon name>\n\n<title>"
        assert [link.inner_text().split("\n")[-1] for link in nav.get_by_role("link").all()] == \
            [en for _, _, en in PAGES]
        assert page.get_by_text("Page not found").count() == 0
        check_and_shoot(page, "10_fresh_server_link_en")


def test_an_unexpected_error_shows_no_traceback_path_or_message(warehouse, tmp_path, page):
    """With the project's Streamlit settings, an exception no page expected reaches the reader as
    Streamlit's generic sentence only; the server log has all of it."""
    app = tmp_path / "app"
    (app / ".streamlit").mkdir(parents=True)
    shutil.copyfile(ROOT / ".streamlit" / "config.toml", app / ".streamlit" / "config.toml")
    secret = "/srv/socdash/secret/warehouse.duckdb"
    (app / "app.py").write_text(f"raise RuntimeError({secret!r})\n", encoding="utf-8")
    with streamlit_server(warehouse, tmp_path, app_folder=app) as url:
        page.goto(url)
        page.locator('[data-testid="stException"]').wait_for(timeout=30_000)
        shown = page.locator("body").inner_text()
        assert secret not in shown and "RuntimeError" not in shown and "Traceback" not in shown, shown
        assert "error" in shown.lower()
    assert secret in (tmp_path / next(p.name for p in tmp_path.glob("server-*.log"))).read_text()


def test_the_data_page_year_range_stays_valid_when_filters_narrow_it(server, page):
    """The years shown first run 2011–2025; after narrowing them, choosing Tukuma novads, budget and funding
    (2015–2024) once raised StreamlitValueBelowMinError."""
    page.goto(server + "/dati")
    settle(page, "Dati")
    end = page.locator('[data-testid="stSlider"] input[type=range]').last
    end.focus()
    for _ in range(4):
        page.keyboard.press("ArrowLeft")
    settle(page, "Dati")
    for box, option in enumerate(["Tukuma novads", "Budžets", "finansējums"]):
        page.locator('[data-testid="stMultiSelect"]').nth(box).click()
        page.get_by_role("option", name=option, exact=True).click()
        page.keyboard.press("Escape")
        settle(page, "Dati")
    exceptions = page.locator('[data-testid="stException"]')
    assert exceptions.count() == 0, exceptions.first.inner_text()[:300]
    start, end = page.locator('[data-testid="stSlider"] input[type=range]').all()
    assert (start.get_attribute("min"), start.get_attribute("value"), end.get_attribute("value")) == \
        ("2015", "2015", "2021")
    assert "gadi=2015&gadi=2021" in page.url


def test_the_home_page_has_its_own_address(server, page):
    """`/sakums` opens Sākums without a "page not found" box; the bare root leads there, language kept."""
    page.goto(server + "/sakums?lang=EN")
    settle(page, "Home")
    assert page.get_by_text("Page not found").count() == 0
    page.goto(server + "/?lang=EN")
    page.wait_for_url(re.compile(r"/sakums\?lang=EN$"), timeout=30_000)
    settle(page, "Home")
    assert page.get_by_text("Page not found").count() == 0


def test_the_home_link_works_on_a_freshly_started_server(warehouse, tmp_path, page):
    with streamlit_server(warehouse, tmp_path) as fresh:
        page.goto(fresh + "/sakums")
        settle(page, "Sākums")
        assert page.get_by_text("Page not found").count() == 0


def test_each_page_names_its_language_and_its_title_in_the_browser(server, page):
    for path, language, title in (("/budzets", "lv", "Budžets"), ("/budzets?lang=EN", "en", "Budget"),
                                  ("/avoti?lang=EN", "en", "Sources and quality")):
        page.goto(server + path)
        settle(page, title)
        page.wait_for_function(f"document.documentElement.lang === '{language}'", timeout=10_000)
        assert page.title() == f"{title} · socdash"
    page.locator('[data-testid="stSidebar"]').get_by_role("radio", name="LV", exact=True).click()
    settle(page, "Avoti un kvalitāte")
    page.wait_for_function("document.documentElement.lang === 'lv'", timeout=10_000)
    assert page.title() == "Avoti un kvalitāte · socdash"


def test_on_a_phone_the_sidebar_closes_once_a_page_is_chosen(server, browser):
    """Streamlit closes its sidebar after a navigation click on a phone (it asks the browser's user agent);
    the pages' charts draw at 390 px without an exception."""
    phone = browser.new_context(**PHONE)
    tab = phone.new_page()
    try:
        tab.goto(server + "/")
        settle(tab, "Sākums")
        tab.locator('[data-testid="stExpandSidebarButton"]').click()
        nav = tab.locator('[data-testid="stSidebarNav"]')
        nav.get_by_role("link", name="Lietu slodze", exact=True).click()
        settle(tab, "Lietu slodze")
        tab.wait_for_timeout(800)  # the sidebar slides away
        box = tab.locator('[data-testid="stSidebar"]').bounding_box()
        assert box is None or box["x"] + box["width"] <= 1, box
        assert tab.locator('[data-testid="stException"]').count() == 0
    finally:
        phone.close()


def test_hostile_texts_make_no_image_and_no_link_in_the_browser(warehouse_db, tmp_path, browser):
    """On a warehouse of hostile texts (tests/hostile_warehouse.py), no page shows an image from another
    site or a link made from data, whether the text comes from the warehouse or from the address."""
    import hostile_warehouse

    db = hostile_warehouse.build(warehouse_db, tmp_path / "hostile.duckdb")
    with streamlit_server(db, tmp_path) as url:
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        tab = context.new_page()
        try:
            paths = [f"/{slug}" for slug, _, _ in PAGES] + [
                "/avoti?q=" + urllib.parse.quote("![i](https://example.com/i.png)"),
                "/budzets?novads=" + urllib.parse.quote(hostile_warehouse.MUNICIPALITY)]
            for path in paths:
                tab.goto(url + path)
                tab.locator('[data-testid="stMain"] h1').first.wait_for(timeout=30_000)
                settle(tab, tab.locator('[data-testid="stMain"] h1').first.inner_text())
                assert tab.locator('[data-testid="stException"]').count() == 0, path
                images = [i.get_attribute("src") or "" for i in tab.locator("img").all()]
                assert not [s for s in images if s.startswith("http") and not s.startswith(url)], (path, images)
                links = [a.get_attribute("href") or "" for a in tab.locator("a").all()]
                made = [h for h in links if h.startswith(("http", "mailto:", "//")) and not h.startswith(url)]
                assert not made, (path, made)
                # Plotly draws links from <a> tags in its texts: none may come from data
                assert tab.locator("svg a").count() == 0, path
        finally:
            context.close()


def test_the_comparison_page_from_a_link_on_a_phone_and_its_view_in_the_address(warehouse_db, tmp_path, browser):
    """On a national-scale copy (six municipalities × four years): a link opens the ranking of one year per
    1 000 residents with my municipality highlighted, on a phone, in English; choosing the lines puts the
    view in the address, and the lines name my municipality."""
    from warehouse import connect
    from warehouse.scaled import scale_to_nation

    db = tmp_path / "national.duckdb"
    shutil.copy(warehouse_db, db)
    con = connect(db)
    scale_to_nation(con, ["Cēsu novads", "Ogres novads", "Rīga", "Talsu novads", "Tukuma novads", "Valmieras novads"], 4)
    con.close()
    with streamlit_server(db, tmp_path) as url:
        phone = browser.new_context(**PHONE)
        tab = phone.new_page()
        try:
            # The root first: a deep link as a fresh server's first request is served the legacy way, and
            # then a later click in the page loses the language (left to dashboard/frame.py).
            tab.goto(url + "/")
            settle(tab, "Sākums")
            tab.goto(url + "/salidzinajums?raditajs=social_assistance_recipients&uz=1000&gads=2025"
                           "&mana=Ogres+novads&lang=EN")
            settle(tab, "Compare")
            title = tab.locator('[data-testid="stPlotlyChart"] .gtitle').first.text_content()
            assert "2025" in title and "per 1 000 residents" in title, title
            labels = [a.text_content() for a in tab.locator('[data-testid="stPlotlyChart"] .annotation-text').all()]
            assert sum("(" in label and "municipality" in label or label == "Rīga (Riga)" for label in labels) == 6
            check_and_shoot(tab, "11_salidzinajums_rank_phone_en")
            tab.get_by_role("radio", name="Over the years", exact=True).click()
            settle(tab, "Compare")
            tab.wait_for_function("location.search.includes('skats=gadi')", timeout=10_000)
            assert "mana=Ogres+novads" in tab.url or "mana=Ogres%20novads" in tab.url
            legend = [t.text_content() for t in tab.locator('[data-testid="stPlotlyChart"] .legendtext').all()]
            assert "Ogres novads (Ogre municipality)" in legend, legend
            assert tab.locator('[data-testid="stException"]').count() == 0
            check_and_shoot(tab, "12_salidzinajums_lines_phone_en")
        finally:
            phone.close()
