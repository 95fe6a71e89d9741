"""The dashboard's pages, written once: the frame builds its navigation from them, and the tests and the page
benchmark walk them. The page that adds reports is apart: it exists only where directors can sign in
(dashboard.access)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageEntry:
    path: str  # the page script, from the project root
    # Its address: a fixed Latvian slug, the script's own name. On a fresh server Streamlit's legacy mode
    # resolves a deep link by file name (see dashboard/frame.py): a slug that named no file would get a
    # "page not found" box first.
    url_path: str
    title_key: str  # its title in dashboard.i18n.TEXT
    icon: str


PAGES: tuple[PageEntry, ...] = (
    PageEntry("pages/sakums.py", "sakums", "page_home", ":material/home:"),
    PageEntry("pages/salidzinajums.py", "salidzinajums", "page_compare", ":material/leaderboard:"),
    PageEntry("pages/budzets.py", "budzets", "page_budget", ":material/euro:"),
    PageEntry("pages/sanemeji.py", "sanemeji", "page_recipients", ":material/groups:"),
    PageEntry("pages/lietu_slodze.py", "lietu_slodze", "page_caseload", ":material/folder_open:"),
    PageEntry("pages/personals.py", "personals", "page_staff", ":material/badge:"),
    PageEntry("pages/fokusgrupas.py", "fokusgrupas", "page_focus", ":material/forum:"),
    PageEntry("pages/dati.py", "dati", "page_data", ":material/table:"),
    PageEntry("pages/avoti.py", "avoti", "page_sources", ":material/fact_check:"),
)

# Shown after the others, and only where dashboard.access.sign_in_method() is not None.
UPLOAD_PAGE = PageEntry("pages/pievienot.py", "pievienot", "page_upload", ":material/upload_file:")
