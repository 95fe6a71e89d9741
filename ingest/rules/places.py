"""Municipality names for the engine, from the municipalities seed: a printed form to the name facts use,
and the forms of a name that rules' patterns print."""
from __future__ import annotations

from functools import lru_cache

from warehouse.seeds import load_municipalities, municipality_by_form

__all__ = ["municipality_by_form", "municipality_forms"]


@lru_cache(maxsize=256)
def municipality_forms(name: str) -> dict[str, str]:
    """The forms of a municipality's name that rules' patterns name: {municipality} (nominative),
    {of_municipality} (genitive, "Tukuma novada"), {in_municipality} (locative, "Tukuma novadā"); the
    current municipality's where both eras have the name. A name the seed does not know stands for all."""
    known = sorted((m for m in load_municipalities() if m.municipality == name), key=lambda m: not m.is_current)
    if not known:
        return {"municipality": name, "of_municipality": name, "in_municipality": name}
    return {"municipality": name, "of_municipality": known[0].genitive[0], "in_municipality": known[0].locative[0]}
