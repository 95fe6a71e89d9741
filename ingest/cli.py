"""`python -m ingest [--db PATH] [--rebuild] [--layout NAME] [FILE_OR_FOLDER ...]`: build or update the
warehouse.

`python -m ingest --remove FILE_OR_ID ...` removes reports (ingest.removal)."""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from ingest.layouts import UnknownLayout, all_layouts, layout_named
from ingest.limits import ENVIRONMENT, OPTIONS, ReadLimits, limits_from, positive_number
from ingest.pipeline import Outcome, collect_files, default_jobs, ingest_files
from ingest.removal import RemovalError, remove_report
from ingest.rules.loader import RulesError
from ingest.worker import start_worker_server
from warehouse import WarehouseError, default_db_path, reports_folder
from warehouse.ingest_log import default_who


# Characters that would break a line or forge output: C0/C1 controls, line and paragraph separators, and the
# surrogates that stand for the bytes of a file name that is not UTF-8.
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def one_line(text: str) -> str:
    """`text` as one printable line: control characters and undecodable bytes of a file name escaped."""
    def escape(m: re.Match) -> str:
        code = ord(m.group(0))
        return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}" if code > 0xFF \
            else f"\\x{code:02x}"
    return _UNPRINTABLE.sub(escape, text)


def _line(outcome: Outcome) -> str:
    if outcome.error:
        return one_line(f"REFUSED  {outcome.path}: {outcome.error}")
    r = outcome.result
    detail = f"{r.facts} facts, {r.flagged} flagged" if r.status not in ("unchanged",) else "no change"
    note = f" ({r.note})" if r.note else ""
    return one_line(f"{r.status:<10}{outcome.path.name}  [{outcome.layout}]  {detail}{note}")


def _remove(db: Path, targets: list[str], wait: float) -> int:
    """Remove each report named, one line per outcome: 0 when every one was removed, 1 when one named
    nothing, 3 when the warehouse cannot be used."""
    failed = 0
    for target in targets:
        try:
            removal = remove_report(db, target, default_who(), wait)
        except RemovalError as exc:
            print(one_line(f"NOT REMOVED  {exc}"), file=sys.stderr)
            failed += 1
            continue
        except WarehouseError as exc:
            print(one_line(f"error: {exc}"), file=sys.stderr)
            return 3
        moved = f"; moved to {', '.join(str(path) for path in removal.moved)}" if removal.moved else ""
        print(one_line(f"removed   {', '.join(removal.file_names)}  ({', '.join(removal.document_ids)}): "
                       f"{removal.facts_removed} facts{moved}"))
    return 1 if failed else 0


class _Parser(argparse.ArgumentParser):
    """Usage errors in one line, as every other refusal (`--help` shows the usage)."""

    def error(self, message: str):
        self.exit(2, one_line(f"{self.prog}: error: {message}") + "\n")


def _number(integer: bool = False, zero: bool = False):
    """An argparse type: a finite number (see positive_number); argparse refuses the rest in one line."""
    def parse(text: str) -> float | int:
        try:
            return positive_number(text, integer, zero)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None
    return parse


# What each limit is, for --help.
_LIMIT_HELP = {"max_input_mb": "largest file, and largest a workbook or a PDF page may unpack to, in MB",
               "max_cells": "most cells read from a workbook",
               "memory_mb": "memory of the process reading one file, in MB",
               "seconds": "seconds the process reading one file may take"}


def _path(text: str) -> Path:
    """A path that is not empty (Path("") would be the current folder)."""
    if not text.strip():
        raise argparse.ArgumentTypeError("an empty path")
    return Path(text)


def main(argv: list[str] | None = None) -> int:
    parser = _Parser(prog="python -m ingest", description=__doc__.split(":")[1].strip())
    parser.add_argument("targets", nargs="*", type=_path, metavar="FILE_OR_FOLDER",
                        help="reports to ingest (.pdf, .txt, .md, .xlsx); "
                             f"default {reports_folder()}/ ($SOCDASH_REPORTS)")
    parser.add_argument("--db", type=_path, default=default_db_path(),
                        help=f"warehouse file (default $SOCDASH_DB, else {default_db_path()})")
    parser.add_argument("--wait", type=_number(zero=True), default=120.0,
                        help="seconds to wait while another ingest writes (default 120; a dashboard "
                             "reading the warehouse never makes it wait)")
    parser.add_argument("--rebuild", action="store_true",
                        help="build the warehouse anew from the files given; it replaces the stored one whole "
                             "when done (a dashboard reads the old one until then)")
    parser.add_argument("--replace", action="store_true",
                        help="store each file even where it would replace a stored report read by another "
                             "layout, lose over a fifth of its facts or tables, or take another report's file name")
    parser.add_argument("--jobs", type=_number(integer=True), default=None, metavar="N",
                        help=f"files read at once, each by a worker process (default: one per core, {default_jobs()})")
    parser.add_argument("--layout", metavar="NAME",
                        help="read every file by this layout instead of the one that recognises it (e.g. "
                             "generic: the reader of any municipality's report); a file of a format it does "
                             "not read is refused")
    parser.add_argument("-q", "--quiet", action="store_true", help="print only refusals and the summary")
    parser.add_argument("--remove", nargs="+", action="extend", type=_path, metavar="FILE_OR_ID",
                        help="remove these stored reports (a document id, a sha256 or its start, a file name or "
                             "path) with their renditions; their files are moved to .removed/ in the reports folder")
    defaults = ReadLimits()
    for name, option in OPTIONS.items():
        parser.add_argument(option, dest=name, type=_number(integer=name == "max_cells"), metavar="N",
                            help=f"{_LIMIT_HELP[name]} (default ${ENVIRONMENT[name]}, "
                                 f"else {getattr(defaults, name):g})")
    args = parser.parse_args(argv)
    try:
        limits = limits_from(**{name: getattr(args, name) for name in OPTIONS})
    except ValueError as exc:
        parser.error(str(exc))

    if args.remove:
        if args.targets:
            parser.error("--remove cannot be given with files to ingest: remove first, then ingest")
        return _remove(args.db, [str(target) for target in args.remove], args.wait)

    start_worker_server()  # it loads the layouts while this process checks them
    try:
        all_layouts()  # a rules file that is wrong stops the ingest before anything is read
        if args.layout is not None:
            layout_named(args.layout)
    except RulesError as exc:
        print(one_line(f"error: layout rules: {exc}"), file=sys.stderr)
        return 2
    except UnknownLayout as exc:
        parser.error(f"--layout: {exc}")

    files, outcomes = collect_files(args.targets or [reports_folder()])
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
                print(one_line(f"         note: {message}"), flush=True)

    try:
        outcomes += ingest_files(args.db, files, args.wait, after=report, replace=args.replace, limits=limits,
                                 jobs=args.jobs, layout=args.layout, anew=args.rebuild)
    except WarehouseError as exc:
        print(one_line(f"error: {exc}"), file=sys.stderr)
        return 3
    except KeyboardInterrupt:
        print("interrupted: the documents reported above are stored and served, the one under way is not",
              file=sys.stderr)
        return 130

    stored = [o for o in outcomes if o.result]
    refused = [o for o in outcomes if o.error]
    facts = sum(o.result.facts for o in stored)
    flagged = sum(o.result.flagged for o in stored)
    print(one_line(f"{len(stored)} of {len(outcomes)} files in the warehouse {args.db}: {facts} facts stored, "
                   f"{flagged} flagged; {len(refused)} refused"))
    return 1 if refused else 0
