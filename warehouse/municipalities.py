"""What the warehouse says about each municipality beyond its numbers: an English name and the caveat a
reader needs when comparing it across the 2021 territorial reform."""
from __future__ import annotations

# Municipalities the reports name; others are stored with their Latvian name only.
_KNOWN = {
    "Latvija": ("Latvia", "valsts", None),
    "Tukuma novads": ("Tukums municipality", "novads",
                      "Before 1 July 2021: Tukums town and 10 parishes; since the territorial reform also "
                      "the former Kandava, Engure and Jaunpils municipalities"),
    "Bauskas novads": ("Bauska municipality", "novads",
                       "Since 1 July 2021 merged with Iecava, Rundāle and Vecumnieki municipalities"),
}


def describe_municipality(name: str) -> tuple[str | None, str, str | None]:
    """(English name, level, reform note) for a municipality as written in the reports."""
    if name in _KNOWN:
        return _KNOWN[name]
    return (None, "novads", None)
