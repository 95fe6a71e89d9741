"""A director's corrections and left-out facts: data, kept in the reports folder's corrections.csv
(warehouse.corrections_file) and applied again on every rebuild, as Our World in Data keeps its corrections
in files beside the code. The printed text stays in facts.raw_value; the corrected value is the one shown,
and flagged.

The file is CSV with the header `FIELDS`, one correction a line, ordered by document and fact so that a
change to it reads as a change of lines. Every cell is data: a cell that looks like a formula is text (or, in
a number field, refused as not a number), never evaluated.
"""
from __future__ import annotations

import csv
import io
import math
import os
import re
import tempfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from warehouse.bulk import insert_columns

FIELDS = ("fact_key", "sha256", "printed", "read_value", "corrected", "reason", "who", "corrected_at")
_FACT_KEY = re.compile(r"[0-9a-f]{16}")
_SHA256 = re.compile(r"[0-9a-f]{64}")


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
    corrected_at: datetime  # UTC


def _number(text: str) -> float:
    """A finite number as this file writes it (Python's float syntax); ValueError else."""
    if not re.fullmatch(r"[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?", text.strip()):
        raise ValueError("not a number")
    value = float(text)
    if not math.isfinite(value):
        raise ValueError("not a finite number")
    return value


def _parse(row: dict[str, str], where) -> Correction:
    def field(name: str, why: str) -> CorrectionsError:
        return CorrectionsError(f"{where()}, field {name}: {why}")

    for name in FIELDS:
        if row.get(name) is None:
            raise field(name, "missing")
    if not _FACT_KEY.fullmatch(row["fact_key"]):
        raise field("fact_key", "not a fact key (16 hexadecimal digits)")
    if not _SHA256.fullmatch(row["sha256"]):
        raise field("sha256", "not a SHA-256 (64 hexadecimal digits)")
    numbers = {}
    for name in ("read_value", "corrected"):
        text = row[name]
        if name == "corrected" and not text.strip():
            numbers[name] = None  # left out
            continue
        try:
            numbers[name] = _number(text)
        except ValueError as exc:
            raise field(name, f"{exc}: {text[:40]!r}") from None  # quoted and escaped: one line
    for name in ("reason", "who"):
        if not row[name].strip():
            raise field(name, "empty")
    try:
        corrected_at = datetime.fromisoformat(row["corrected_at"])
    except ValueError:
        raise field("corrected_at", f"not a date and time (ISO 8601): {row['corrected_at'][:40]!r}") from None
    if corrected_at.tzinfo is not None:  # kept in UTC, as the warehouse's other times
        corrected_at = corrected_at.astimezone(timezone.utc).replace(tzinfo=None)
    return Correction(row["fact_key"], row["sha256"], row["printed"], numbers["read_value"], numbers["corrected"],
                      row["reason"], row["who"], corrected_at)


def load_corrections(path: Path) -> list[Correction]:
    """The corrections of the file `path` (none when it does not exist), validated: CorrectionsError else."""
    try:
        text = Path(path).read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        return []
    except UnicodeDecodeError:
        raise CorrectionsError(f"{path}: not UTF-8 text") from None
    except OSError as exc:
        raise CorrectionsError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    try:
        header = reader.fieldnames or []
        if tuple(header) != FIELDS:
            raise CorrectionsError(f"{path}, line 1: the header is not {','.join(FIELDS)}")
        corrections: list[Correction] = []
        seen: dict[str, int] = {}
        ended = reader.line_num
        for row in reader:
            # the line the row starts on (a quoted cell may hold line breaks)
            line, ended = ended + 1, reader.line_num

            def where() -> str:
                return f"{path}, line {line}"

            if None in row:  # more cells than the header names
                raise CorrectionsError(f"{where()}: more cells than the header's {len(FIELDS)}")
            correction = _parse(row, where)
            if correction.fact_key in seen:
                raise CorrectionsError(f"{where()}, field fact_key: the fact is corrected on line "
                                       f"{seen[correction.fact_key]} too")
            seen[correction.fact_key] = line
            corrections.append(correction)
    except csv.Error as exc:
        raise CorrectionsError(f"{path}, line {reader.line_num}: not CSV ({exc})") from None
    return corrections


def _order(correction: Correction) -> tuple[str, str]:
    return correction.sha256, correction.fact_key


def _cell(value: float | None) -> str:
    return "" if value is None else repr(float(value))


def write_corrections(path: Path, corrections: list[Correction]) -> None:
    """`corrections` as the whole file `path`, written atomically (a new file renamed over the old)."""
    path = Path(path)
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(FIELDS)
    for c in sorted(corrections, key=_order):
        writer.writerow([c.fact_key, c.sha256, c.printed, _cell(c.read_value), _cell(c.corrected), c.reason,
                         c.who, c.corrected_at.isoformat(timespec="seconds")])
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as fh:
            fh.write(out.getvalue())
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(name, path)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise


def merged(corrections: list[Correction], new: list[Correction]) -> list[Correction]:
    """`corrections` with `new` ones added, a new one of a fact already corrected in its place."""
    by_key = {c.fact_key: c for c in corrections}
    by_key.update((c.fact_key, c) for c in new)
    return sorted(by_key.values(), key=_order)


def fill_table(con: duckdb.DuckDBPyConnection, corrections: list[Correction]) -> None:
    """The `corrections` table as `corrections` (what the file says now), within the caller's transaction."""
    con.execute("DELETE FROM corrections")
    if corrections:
        insert_columns(con, "corrections", {name: [getattr(c, name) for c in corrections] for name in FIELDS})


def in_table(con: duckdb.DuckDBPyConnection) -> list[Correction]:
    """The corrections the `corrections` table holds (as the last ingest read the file)."""
    return [Correction(*row) for row in con.execute(f"SELECT {', '.join(FIELDS)} FROM corrections").fetchall()]


def of_document(con: duckdb.DuckDBPyConnection, sha256: str) -> dict[str, Correction]:
    """The corrections of the document `sha256` in the `corrections` table, by fact key."""
    rows = con.execute(f"SELECT {', '.join(FIELDS)} FROM corrections WHERE sha256 = ?", [sha256]).fetchall()
    return {row[0]: Correction(*row) for row in rows}
