"""The ingest log: one row for every ingest outcome (a refusal too, with its reason), removal and
correction, as it happened: when, who (the command-line user, or "dashboard" with the account signed in),
which file, what became of it and how many facts it added, replaced and removed."""
from __future__ import annotations

import getpass
from dataclasses import dataclass
from datetime import datetime, timezone

import duckdb

from warehouse.bulk import insert_columns

ACTIONS = ("ingest", "remove", "correct")
# What became of an entry's file or fact (the store's statuses among them); a refusal is "refused: why".
# Each action and outcome has a Latvian and an English name in warehouse/seeds/names.csv.
OUTCOMES = ("added", "replaced", "rendition", "unchanged", "removed", "corrected", "left out",
            "correction withdrawn")


@dataclass(frozen=True)
class LogEntry:
    action: str  # one of ACTIONS
    outcome: str  # one of OUTCOMES, or "refused: why"
    file_name: str | None = None
    sha256: str | None = None
    document_id: str | None = None
    facts_added: int = 0
    facts_replaced: int = 0
    facts_removed: int = 0


def default_who() -> str:
    """The command-line user, as the ingest log names who did it when no one else is named."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in this environment
        return "unknown"


def log(con: duckdb.DuckDBPyConnection, who: str | None, entries: list[LogEntry]) -> None:
    """Add `entries`, done by `who` (None: the command-line user), at this moment."""
    if not entries:
        return
    if any(e.action not in ACTIONS for e in entries):
        raise ValueError(f"not an action of the ingest log: {[e.action for e in entries if e.action not in ACTIONS]}")
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    names = ("action", "outcome", "file_name", "sha256", "document_id", "facts_added", "facts_replaced",
             "facts_removed")
    columns = {name: [getattr(e, name) for e in entries] for name in names}
    columns["logged_at"] = [now] * len(entries)
    columns["who"] = [who or default_who()] * len(entries)
    insert_columns(con, "ingest_log", columns)
