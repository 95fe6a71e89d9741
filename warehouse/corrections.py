"""A director's corrections and left-out facts: data, kept in the reports folder's corrections.csv
(warehouse.corrections_file) and applied again on every rebuild, as Our World in Data keeps its corrections
in files beside the code. The printed text stays in facts.raw_value; the corrected value is the one shown,
and flagged.

SKELETON: the interface the upload page and the store share; the bodies come with the corrections work.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path


class CorrectionsError(ValueError):
    """The corrections file cannot be used; the message names the file, the line and the field, in one line."""


@dataclass(frozen=True)
class Correction:
    fact_key: str  # facts.fact_key
    sha256: str  # of the document the fact was read from
    printed: str  # the printed text (facts.raw_value)
    read_value: float  # the value as read
    corrected: float | None  # the value shown instead; None: the fact is left out
    reason: str
    who: str
    corrected_at: datetime


def load_corrections(path: Path) -> list[Correction]:
    """The corrections of the file `path` (none when it does not exist), validated: CorrectionsError else."""
    raise NotImplementedError


def write_corrections(path: Path, corrections: list[Correction]) -> None:
    """`corrections` as the whole file `path`, written atomically (a new file renamed over the old)."""
    raise NotImplementedError
