"""`python -m ingest [--db PATH] [FILE_OR_FOLDER ...]`: build or update the warehouse."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ingest.pipeline import Outcome, collect_files, ingest_files
from warehouse import DEFAULT_DB, WarehouseError

DEFAULT_SOURCES = Path("raw_reports")


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
    def report(done: int, total: int, outcome: Outcome) -> None:
        if outcome.error:
            print(f"[{done}/{total}] {_line(outcome)}", file=sys.stderr, flush=True)
        elif not args.quiet:
            print(f"[{done}/{total}] {_line(outcome)}  {outcome.seconds:.2f}s", flush=True)
            for message in outcome.messages:
                print(f"         note: {message}", flush=True)

    try:
        outcomes += ingest_files(args.db, files, args.wait, after=report)
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
