"""Under load: 20 dashboard sessions read pages in a loop while 5 ingests, one after another, commit from
another process. No session fails; every page run sees whole documents only; every commit is seen by every run
that begins after its rename (well within the 5 s a reader may wait).

The invariant of whole documents: the made-up reports are workbooks of 11, 12, … 15 facts, committed in that
order, so a warehouse a reader may see holds the seed's documents and the first k of them, for some k, each
with all its facts — Sākums shows its documents and facts as the seed's plus the first k reports' (never a
count in between), Avoti each report's facts as its workbook has them (never fewer), and no report without
the ones committed before it.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from unittest.mock import MagicMock

import duckdb
import pytest
from streamlit.components.v2.component_manager import BidiComponentManager
from streamlit.runtime import Runtime
from streamlit.runtime.caching.storage.dummy_cache_storage import MemoryCacheStorageManager
from streamlit.runtime.dataframe_source_manager import DataframeSourceManager
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner.script_cache import ScriptCache
from streamlit.testing.v1 import AppTest, app_test, local_script_runner
from streamlit.testing.v1.util import patch_config_options

from dashboard import db
from test_ingest_cli import make_upload

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
SESSIONS = 20
REPORTS = 5
PAGES = ("pages/sakums.py", "pages/avoti.py", "pages/budzets.py", "pages/salidzinajums.py")
# A file's change time is the kernel's coarse clock, which may stand a tick (up to 10 ms) behind time.time().
RENAME_TIME_GRANULARITY = 0.02


class _ServedPages(PagesManager):
    """AppTest empties the legacy `pages/` folder flag on the class it names before each run, and the next
    page manager sets it again until the run's `st.navigation` clears it; a session's page that reads the
    flag meanwhile would take itself for a first frameless run (dashboard/frame.py). A server sets it once.
    Emptied on this subclass, the real flag stays as the first `st.navigation` left it."""


@pytest.fixture
def shared_runtime(monkeypatch):
    """What AppTest makes for each run and a server has once for all its sessions, made once: runs in several
    threads at once would otherwise take each other's away. The mock runtime AppTest puts in Streamlit's
    global slot and empties when a run ends; the legacy pages flag (see _ServedPages); the cache of
    compiled scripts (each run would parse the scripts again, and Python 3.11's parser is not safe to run in
    several threads at once); the testing flag of Streamlit's configuration, which each run sets and, at its
    end, puts back as it found it (while another run still needs it set)."""
    runtime = MagicMock(spec=Runtime)
    runtime.media_file_mgr = MediaFileManager(MemoryMediaFileStorage("/mock/media"))
    runtime.dataframe_source_mgr = DataframeSourceManager()
    runtime.cache_storage_manager = MemoryCacheStorageManager()
    components = BidiComponentManager()
    components.discover_and_register_components(start_file_watching=False)
    runtime.bidi_component_registry = components
    monkeypatch.setattr(Runtime, "instance", classmethod(lambda cls: runtime))
    monkeypatch.setattr(Runtime, "exists", classmethod(lambda cls: True))
    monkeypatch.setattr(PagesManager, "uses_pages_directory", False)
    monkeypatch.setattr(app_test, "PagesManager", _ServedPages)
    scripts = ScriptCache()
    monkeypatch.setattr(app_test, "ScriptCache", lambda: scripts)
    monkeypatch.setattr(local_script_runner, "ScriptCache", lambda: scripts)
    with patch_config_options({"global.appTest": True}):
        yield runtime


@pytest.fixture
def served(warehouse_db: Path, tmp_path: Path, monkeypatch) -> Path:
    """A copy of the seed warehouse, served to the sessions of this process."""
    path = tmp_path / "served" / "socdash.duckdb"
    path.parent.mkdir()
    shutil.copyfile(warehouse_db, path)
    monkeypatch.setenv("SOCDASH_DB", str(path))
    db.clear_caches()
    yield path
    db.clear_caches()


def made_up_reports(folder: Path) -> list[tuple[str, int]]:
    """The workbooks the ingests commit, in order, and the facts each holds."""
    folder.mkdir()
    reports = []
    for i in range(REPORTS):
        name, facts = f"izdomats_{i + 1}.xlsx", 11 + i
        make_upload(folder / name, [[f"Izdomātā {i + 1} novads", 2024, "budget", "spend", f"Pakalpojums {k}",
                                     str(100 + k), "EUR"] for k in range(facts)])
        reports.append((name, facts))
    return reports


def whole_number(text: str) -> int:
    return int(re.sub(r"\D", "", str(text)))


@dataclass
class PageRun:
    session: int
    page: str
    began: float
    ended: float
    committed: int | None  # how many of the made-up reports the run showed (None: the page does not tell)


def observe(app: AppTest, page: str, reports: list[tuple[str, int]], seed: tuple[int, int]) -> int | None:
    """How many of the made-up reports the page run shows, after checking that it shows them whole."""
    names = [name for name, _ in reports]
    if page == "pages/sakums.py":
        shown = {metric.label: whole_number(metric.value) for metric in app.metric[:5]}
        documents, facts = shown["Dokumenti"], shown["Skaitļi"]
        states = [(seed[0] + k, seed[1] + sum(n for _, n in reports[:k])) for k in range(REPORTS + 1)]
        assert (documents, facts) in states, (documents, facts, states)
        return states.index((documents, facts))
    if page == "pages/avoti.py":
        table = app.dataframe[0].value
        listed = {name: whole_number(n) for name, n in zip(table["Fails"], table["Skaitļi"]) if name in names}
        k = len(listed)
        assert listed == dict(reports[:k]), listed  # the first k, each whole
        return k
    return None


def test_twenty_sessions_read_while_five_ingests_commit(served: Path, tmp_path: Path, shared_runtime, capsys):
    reports = made_up_reports(tmp_path / "reports")
    con = duckdb.connect(str(served), read_only=True)
    seed = con.execute("SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM facts)").fetchone()
    con.close()
    runs: list[PageRun] = []
    failures: list[str] = []
    stop = threading.Event()

    def session(number: int) -> None:
        app = AppTest.from_file(APP, default_timeout=120)
        turn = number
        while not stop.is_set():
            page = PAGES[turn % len(PAGES)]
            turn += 1
            try:
                app.switch_page(page)
                began = time.time()
                app.run()
                ended = time.time()
                if app.exception:
                    failures.append(f"session {number}, {page}: {[e.message for e in app.exception]}")
                    return
                runs.append(PageRun(number, page, began, ended, observe(app, page, reports, seed)))
            except Exception as exc:  # an assertion of observe, or AppTest's own
                failures.append(f"session {number}, {page}: {type(exc).__name__}: {exc}")
                return

    threads = [threading.Thread(target=session, args=(n,), name=f"session-{n}") for n in range(SESSIONS)]
    for thread in threads:
        thread.start()
    renamed: list[float] = []  # when each commit's file was renamed over the served one
    try:
        while len(runs) < SESSIONS and not failures:  # every session has run a page before the first commit
            time.sleep(0.2)
        for name, facts in reports:
            inode = served.stat().st_ino
            done = subprocess.run([sys.executable, "-m", "ingest", "--db", str(served), "--wait", "0", "--quiet",
                                   str(tmp_path / "reports" / name)], cwd=ROOT, capture_output=True, text=True,
                                  env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120)
            assert done.returncode == 0, done.stderr
            assert f"{facts} facts stored" in done.stdout
            info = served.stat()
            assert info.st_ino != inode
            renamed.append(info.st_ctime)  # a rename sets the file's change time
            time.sleep(1.0)
        deadline = time.time() + 30  # every session runs a page that tells, after the last commit
        while time.time() < deadline and not failures and not all(
                any(r.session == n and r.committed == REPORTS for r in runs) for n in range(SESSIONS)):
            time.sleep(0.2)
    finally:
        stop.set()
        for thread in threads:
            thread.join(120)
    assert not failures, failures[:5]
    assert all(any(r.session == n and r.committed == REPORTS for r in runs) for n in range(SESSIONS))

    telling = [r for r in runs if r.committed is not None]
    for i, moment in enumerate(renamed, start=1):
        # A run reads the version newest at its first query: every run that began after the rename shows the
        # commit (within the granularity of the file's change time), far within the 5 s asked.
        late = [r for r in telling if r.began >= moment + RENAME_TIME_GRANULARITY and r.committed < i]
        assert not late, (i, late[:3])
        # No run shows a commit before it was made.
        assert not [r for r in telling if r.ended < moment and r.committed >= i]
    # In figures: how long after each rename each session's first page run that showed it ended (a run
    # under way at the rename finishes on the version it began with; a run of 20 sessions in threads takes
    # seconds).
    shown_after = sorted(min(r.ended for r in telling if r.session == n and r.committed >= i) - moment
                         for i, moment in enumerate(renamed, start=1) for n in range(SESSIONS))
    durations = sorted(r.ended - r.began for r in runs)
    with capsys.disabled():
        print(f"\n{len(runs)} page runs by {SESSIONS} sessions during {REPORTS} commits; a commit shown by each "
              f"session's first run to end after it: median {shown_after[len(shown_after) // 2]:.1f} s, "
              f"longest {shown_after[-1]:.1f} s; page runs median {durations[len(durations) // 2]:.1f} s, "
              f"longest {durations[-1]:.1f} s")
