"""The generic reader as the layout of last resort: its rules file, `ingest/rules/generic.toml`, read by
the one engine (see ingest.generic)."""
from __future__ import annotations

from functools import cache, partial
from pathlib import Path

from ingest.layouts import Layout

RULES_FILE = Path(__file__).resolve().parent.parent / "rules" / "generic.toml"


@cache
def generic_layout() -> Layout:
    """The generic layout; a rules file that is wrong raises RulesError."""
    from ingest.rules.engine import apply
    from ingest.rules.loader import load_rules

    rules = load_rules(RULES_FILE)
    return Layout(name=rules.name, signature=rules.signature, extract=partial(apply, rules=rules),
                  formats=rules.formats)
