"""Making sure a page always runs inside app.py's frame (navigation, language switch, warehouse check).

Why this exists: Streamlit still honours its legacy multipage mode for any app with a `pages/` folder until
the first `st.navigation` call in the process. On a freshly started server, a deep link such as
`/dati?novadi=...` is therefore served by running `pages/dati.py` on its own, without the frame. Each page
calls `within_frame()` first; in that one situation it runs app.py instead, whose `st.navigation` routes
the same URL back to the page, now framed, and then stops the frameless run.
"""
from __future__ import annotations

import runpy
from pathlib import Path

import streamlit as st

APP = Path(__file__).resolve().parents[1] / "app.py"


def within_frame() -> None:
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        runpy.run_path(str(APP), run_name="__main__")
        st.stop()
