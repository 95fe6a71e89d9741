"""The page times at national scale: `python -m benchmarks.national [--municipalities N] [--years N] [--runs N]`.

Builds the warehouse from raw_reports/ in a temporary folder, copies its municipal facts for every current
municipality and year shift (warehouse.scaled: 43 municipalities × 15 years by default, about 1.2 million
facts), and runs every page as `benchmarks.pages` does, cold and warm, against that copy.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.national", description=__doc__.splitlines()[0])
    parser.add_argument("--municipalities", type=int, default=43, help="municipalities to copy the facts for "
                                                                      "(default 43, every current one)")
    parser.add_argument("--years", type=int, default=15, help="year shifts of each copy (default 15)")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per page (default 3)")
    parser.add_argument("--languages", default="lv,en", help="comma-separated (default lv,en)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from benchmarks import pages
    from dashboard.build import build_warehouse
    from warehouse import connect
    from warehouse.scaled import current_municipalities, scale_to_nation

    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "national.duckdb"
        build_warehouse(db)
        con = connect(db)
        try:
            started = time.perf_counter()
            names = current_municipalities(con)[:args.municipalities]
            facts = scale_to_nation(con, names, args.years)
        finally:
            con.close()
        print(f"{facts:,} facts: {len(names)} municipalities × {args.years} years of the seed reports' figures "
              f"({time.perf_counter() - started:.1f} s to copy)")
        return pages.main(["--db", str(db), "--runs", str(args.runs), "--languages", args.languages])


if __name__ == "__main__":
    sys.exit(main())
