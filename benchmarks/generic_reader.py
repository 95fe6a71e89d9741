"""How well the generic reader reads: the seed reports read by their own layouts and by the generic reader
alone (`--layout generic`), compared fact by fact, and the time each takes on the 30-page PDF.

    python -m benchmarks.generic_reader [--runs N] [REPORT ...]     the seed reports (default: raw_reports/)
    python -m benchmarks.generic_reader --documents FOLDER [--expected CSV] [--facts]
                                                                    any other documents: what it finds

Both readings are `ingest.worker.extract_file` in this process (no warehouse). A seed report is every file
of `raw_reports/` but a text export beside a PDF of the same name (a rendition of it: the same facts).

How a fact of the layout is matched (each fact of either reading is matched at most once):
- Its *place*: the page (PDF) or line (text) its `Spot` gives; for a table cell (a fact with a row label)
  also its row and column labels, compared with spaces collapsed and case folded; for a number in running
  text (no row label) also its unit, as a sentence prints several numbers at one place.
- **found**: the generic reader has a fact at the same place, of the same year, with the same value
  (`math.isclose`, relative 1e-9, absolute 1e-6).
- **different**: not found, and at the same place and year the generic reader has a fact that no layout fact
  matched, of another value: a table cell is one number, so any such fact there is a misread; in running text
  a place counts as different only when it holds exactly one such fact of each reading (this overstates,
  never hides: the generic reader may have read another number of the same line and unit). A different
  value is worse than a missing one.
- **generic only**: a fact of the generic reader matched to none of the layout's (neither found nor
  different): a figure the layout does not read, or one placed or dated otherwise.

Other documents have no layout to compare with: `--expected CSV` names, with the columns `document, year,
value, unit` (the year may be empty), every figure a careful reader finds in them. A figure of the generic
reader is then **found** when it has the document, year, unit and value of one expected (each matched at
most once), and **misread** when it has none: a value that must not have been stored.

Times (seconds) are those of `extract_file` on the 30-page PDF, each reader in `--runs` fresh processes that
read it 1 + `--runs` times: *cold* is the best of their first reads (the rules loaded, the readers imported:
what one file costs a worker server that has not yet read that kind of file), *warm* the best of the rest.
"""
from __future__ import annotations

import argparse
import csv
import json
import math
import subprocess
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from ingest.model import Fact

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "raw_reports"
TIMED_PDF = RAW / "tukuma_novads_2024_publiskais_parskats.pdf"
GENERIC = "generic"

# Runs in a child process: extracts one file by one layout (or the one that recognises it) 1 + runs times,
# prints {"cold": seconds, "warm": best seconds of the rest}.
_CHILD = r"""
import json, sys, time
from pathlib import Path
from ingest.worker import extract_file
path, layout, runs = Path(sys.argv[1]), sys.argv[2] or None, int(sys.argv[3])
times = []
for _ in range(1 + runs):
    started = time.perf_counter()
    extract_file(path, layout=layout)
    times.append(time.perf_counter() - started)
print(json.dumps({"cold": times[0], "warm": min(times[1:])}))
"""


@dataclass
class Comparison:
    """A document read by its layout and by the generic reader, compared as the module docstring says."""

    document: str
    layout: str
    layout_facts: int
    generic_facts: int
    found: int
    different: int
    generic_only: int


def _label(text: str | None) -> str | None:
    return " ".join(text.split()).casefold() if text is not None else None


def place_of(fact: Fact) -> tuple:
    """Where a fact was printed, as the matching compares it: a table cell (page or line, row and column) or
    a number of running text (page or line, unit)."""
    if fact.spot.row is not None:
        return "cell", fact.page, fact.line, _label(fact.spot.row), _label(fact.spot.column)
    return "text", fact.page, fact.line, fact.unit


def _same_value(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-6)


def compare(document: str, layout: str, by_layout: list[Fact], by_generic: list[Fact]) -> Comparison:
    """Match the layout's facts with the generic reader's (see the module docstring)."""
    places: dict[tuple, tuple[list[Fact], list[Fact]]] = defaultdict(lambda: ([], []))
    for fact in by_layout:
        places[(place_of(fact), fact.year)][0].append(fact)
    for fact in by_generic:
        places[(place_of(fact), fact.year)][1].append(fact)
    found = different = 0
    for (place, _), (layout_here, generic_here) in places.items():
        left = list(generic_here)
        unmatched = []
        for fact in layout_here:
            match = next((i for i, other in enumerate(left) if _same_value(fact.value, other.value)), None)
            if match is None:
                unmatched.append(fact)
            else:
                found += 1
                del left[match]
        in_table = place[0] == "cell"
        if unmatched and left and (in_table or len(unmatched) == len(left) == 1):
            different += min(len(unmatched), len(left)) if in_table else 1
    generic_only = len(by_generic) - found - different
    return Comparison(document, layout, len(by_layout), len(by_generic), found, different, generic_only)


def seed_reports(folder: Path = RAW) -> list[Path]:
    """The reports of `folder` but a text export beside a PDF of the same name (its rendition)."""
    from ingest.pipeline import collect_files

    files, _ = collect_files([folder])
    pdfs = {path.with_suffix("") for path in files if path.suffix.lower() == ".pdf"}
    return [path for path in files if path.suffix.lower() == ".pdf" or path.with_suffix("") not in pdfs]


def compare_report(path: Path) -> Comparison:
    from ingest.worker import extract_file

    _, own = extract_file(path)
    _, generic = extract_file(path, layout=GENERIC)
    return compare(path.name, own.layout, own.facts, generic.facts)


def time_reader(path: Path, layout: str | None, runs: int) -> dict[str, float]:
    """Cold and warm seconds of `extract_file(path, layout=layout)`, each the best of `runs` fresh processes."""
    best: dict[str, float] = {}
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", _CHILD, str(path), layout or "", str(runs)], cwd=ROOT,
                             capture_output=True, text=True, check=True)
        for name, seconds in json.loads(out.stdout.strip().splitlines()[-1]).items():
            best[name] = min(seconds, best.get(name, seconds))
    return best


def _table(header: list[str], rows: list[list], texts: int = 1) -> None:
    """A plain-text table, columns two spaces apart: the first `texts` left-aligned, the numbers right-aligned."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows)]
    for row in [header, *rows]:
        print("  ".join(str(cell).ljust(width) if i < texts else str(cell).rjust(width)
                        for i, (cell, width) in enumerate(zip(row, widths))).rstrip())


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f} %" if whole else "–"


def print_comparisons(comparisons: list[Comparison]) -> None:
    header = ["document", "layout", "layout facts", "found", "found %", "different", "generic only",
              "generic facts"]
    rows = [[c.document, c.layout, c.layout_facts, c.found, _share(c.found, c.layout_facts), c.different,
             c.generic_only, c.generic_facts] for c in comparisons]
    total = [sum(getattr(c, name) for c in comparisons)
             for name in ("layout_facts", "found", "different", "generic_only", "generic_facts")]
    rows.append(["all", "–", total[0], total[1], _share(total[1], total[0]), *total[2:]])
    _table(header, rows, texts=2)


class ExpectedError(ValueError):
    """An expected-figures file that cannot be read; the message names the file and line."""


# An expected figure: (year or None, value, unit).
Expected = tuple[int | None, float, str]


def read_expected(path: Path) -> dict[str, list[Expected]]:
    """The figures of `path` (columns document, year, value, unit) by document."""
    expected: dict[str, list[Expected]] = defaultdict(list)
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
            columns = set(rows[0]) if rows else set()
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise ExpectedError(f"{path}: cannot be read ({exc})") from None
    if rows and columns != {"document", "year", "value", "unit"}:
        raise ExpectedError(f"{path}: the columns must be document, year, value, unit")
    for line, row in enumerate(rows, start=2):
        try:
            year = int(row["year"]) if row["year"].strip() else None
            value = float(row["value"])
        except (ValueError, AttributeError):
            raise ExpectedError(f"{path}, line {line}: year {row['year']!r} or value {row['value']!r} is no "
                                "number") from None
        if not math.isfinite(value):
            raise ExpectedError(f"{path}, line {line}: value {row['value']!r} is not finite")
        expected[row["document"]].append((year, value, row["unit"]))
    return expected


def found_and_misread(facts: list[Fact], expected: list[Expected]) -> tuple[int, int]:
    """How many of `facts` are expected figures (each matched once), and how many are none."""
    left = list(expected)
    found = 0
    for fact in facts:
        match = next((i for i, (year, value, unit) in enumerate(left)
                      if (year, unit) == (fact.year, fact.unit) and _same_value(value, fact.value)), None)
        if match is not None:
            found += 1
            del left[match]
    return found, len(facts) - found


def print_documents(folder: Path, facts: bool, expected: dict[str, list[Expected]] | None) -> None:
    """What the generic reader finds in every document of `folder`, and against `expected` (when given)
    how many of those figures it found and how many it misread."""
    from ingest.pipeline import collect_files
    from ingest.readers import UnreadableFile
    from ingest.worker import extract_file

    files, _ = collect_files([folder])
    rows = []
    for path in files:
        try:
            _, extraction = extract_file(path, layout=GENERIC)
        except UnreadableFile as exc:
            print(f"{path.name}: refused: {exc}")
            continue
        read = extraction.facts
        row = [path.name, extraction.info.municipality, extraction.info.period or "–", len(read),
               sum(1 for fact in read if fact.indicator), len(extraction.messages)]
        if expected is not None:
            row += [len(expected.get(path.name, [])), *found_and_misread(read, expected.get(path.name, []))]
        rows.append(row)
        if facts:
            for fact in read:
                print(f"{path.name}\t{fact.value:g}\t{fact.unit}\t{fact.year}\t{fact.period}\t"
                      f"{fact.indicator or '–'}\t{fact.category}\t{fact.source_ref}")
    header = ["document", "municipality", "period", "facts", "with indicator", "notes"]
    _table(header + (["expected", "found", "misread"] if expected is not None else []), rows, texts=3)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.generic_reader", description=__doc__.split("\n")[0])
    parser.add_argument("reports", nargs="*", type=Path, metavar="REPORT",
                        help=f"seed reports to compare (default: those of {RAW})")
    parser.add_argument("--documents", type=Path, metavar="FOLDER",
                        help="read the documents of FOLDER by the generic reader alone and say what it finds")
    parser.add_argument("--expected", type=Path, metavar="CSV",
                        help="with --documents: the figures the documents print (document, year, value, unit)")
    parser.add_argument("--facts", action="store_true", help="with --documents: print every fact found")
    parser.add_argument("--runs", type=int, default=3,
                        help="processes of each reader on the 30-page PDF, and warm reads in each (default 3)")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs: at least 1")
    if args.documents is not None:
        try:
            expected = read_expected(args.expected) if args.expected is not None else None
        except ExpectedError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        print_documents(args.documents, args.facts, expected)
        return 0
    reports = args.reports or seed_reports()
    print_comparisons([compare_report(path) for path in reports])
    if any(path.resolve() == TIMED_PDF.resolve() for path in reports):
        own = time_reader(TIMED_PDF, None, args.runs)
        generic = time_reader(TIMED_PDF, GENERIC, args.runs)
        print()
        _table([f"{TIMED_PDF.name} read by", "cold s", "warm s"],
               [[name, f"{t['cold']:.2f}", f"{t['warm']:.2f}"] for name, t in (("its layout", own),
                                                                                ("generic", generic))])
        print(f"\ngeneric / its layout: cold {generic['cold'] / own['cold']:.2f}, "
              f"warm {generic['warm'] / own['warm']:.2f} (target: at most 1)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
