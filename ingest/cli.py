"""`python -m ingest [--db PATH] [FILE_OR_FOLDER ...]`: build or update the warehouse."""
from __future__ import annotations

import argparse
import fcntl
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from ingest.pipeline import Outcome, collect_files, ingest_file
from warehouse import DEFAULT_DB, WarehouseBusy, WarehouseError, connect

DEFAULT_SOURCES = Path("raw_reports")


def connect_when_free(db: Path, deadline: float):
    """Open the warehouse for writing, waiting while another process (a dashboard, say) holds it."""
    while True:
        try:
            return connect(db)
        except WarehouseBusy:
            if time.monotonic() >= deadline:
                raise
            time.sleep(0.5)


@contextmanager
def writer_lock(db: Path, wait_seconds: float):
    """One writer at a time: a second ingest waits for the first, then gives up with a clear message."""
    db.parent.mkdir(parents=True, exist_ok=True)
    with open(db.with_name(db.name + ".lock"), "w") as handle:
        deadline = time.monotonic() + wait_seconds
        told = False
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise WarehouseError(f"the warehouse {db} is busy: another ingest is writing to it; "
                                         "try again when it has finished") from None
                if not told:
                    print(f"waiting: another ingest is writing to {db} …", file=sys.stderr, flush=True)
                    told = True
                time.sleep(0.2)
        yield


def _line(outcome: Outcome) -> str:
    if outcome.error:
        return f"REFUSED  {outcome.path}: {outcome.error}"
    r = outcome.result
    detail = f"{r.facts} facts, {r.flagged} flagged" if r.status not in ("unchanged",) else "no change"
    note = f" ({r.note})" if r.note else ""
    return f"{r.status:<10}{outcome.path.name}  [{outcome.layout}]  {detail}{note}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ingest", description=__doc__.split(":")[1].strip())
    parser.add_argument("targets", nargs="*", type=Path, metavar="FILE_OR_FOLDER",
                        help=f"reports to ingest (.pdf, .txt, .md, .xlsx); default {DEFAULT_SOURCES}/")
    parser.add_argument("--db", type=Path, default=DEFAULT_DB, help=f"warehouse file (default {DEFAULT_DB})")
    parser.add_argument("--wait", type=float, default=120.0,
                        help="seconds to wait while another ingest writes (default 120)")
    parser.add_argument("-q", "--quiet", action="store_true", help="print only refusals and the summary")
    args = parser.parse_args(argv)

    files, outcomes = collect_files(args.targets or [DEFAULT_SOURCES])
    for outcome in outcomes:
        print(_line(outcome), file=sys.stderr)
    if not files and not outcomes:
        print("nothing to ingest: no .pdf, .txt, .md or .xlsx files found", file=sys.stderr)
        return 1
    try:
        with writer_lock(args.db, args.wait):
            con = connect_when_free(args.db, time.monotonic() + args.wait)
            try:
                for i, path in enumerate(files, start=1):
                    started = time.perf_counter()
                    outcome = ingest_file(con, path)
                    outcomes.append(outcome)
                    took = f"  {time.perf_counter() - started:.2f}s"
                    if outcome.error:
                        print(f"[{i}/{len(files)}] {_line(outcome)}", file=sys.stderr, flush=True)
                    elif not args.quiet:
                        print(f"[{i}/{len(files)}] {_line(outcome)}{took}", flush=True)
                        for message in outcome.messages:
                            print(f"         note: {message}", flush=True)
                con.execute("CHECKPOINT")
            finally:
                con.close()
    except WarehouseError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 3
    except KeyboardInterrupt:
        print("interrupted: the documents reported above are stored, the one under way is not", file=sys.stderr)
        return 130

    stored = [o for o in outcomes if o.result]
    refused = [o for o in outcomes if o.error]
    facts = sum(o.result.facts for o in stored)
    flagged = sum(o.result.flagged for o in stored)
    print(f"{len(stored)} of {len(outcomes)} files in the warehouse {args.db}: {facts} facts stored, "
          f"{flagged} flagged; {len(refused)} refused")
    return 1 if refused else 0
