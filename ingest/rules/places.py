"""Municipality names for the engine: a printed form to the name facts use, and the forms patterns use."""
from __future__ import annotations

import re


def municipality_by_form(printed: str) -> str | None:
    """'Tukuma novada', 'Ogres novadā', 'Bauskas novads' -> 'Tukuma novads'; None for other words."""
    m = re.fullmatch(r"\s*(\w+) novad\w*\s*", printed)
    return f"{m.group(1)} novads" if m else None


def municipality_forms(name: str) -> dict[str, str]:
    """The forms of a municipality's name that rules' patterns name: {municipality} (nominative),
    {of_municipality} (genitive), {in_municipality} (locative)."""
    stem = name[:-1] if name.endswith(" novads") else name
    return {"municipality": name, "of_municipality": f"{stem}a", "in_municipality": f"{stem}ā"}
