"""Time and peak memory to build the warehouse, whole and per document, beside one plain pdfplumber
`extract_tables` pass over every page of the 2024 PDF (the yardstick: the build should take at most a quarter
of it). The
ingest reads each file in a worker process: "peak MB" is the writer's, "worker MB" the largest worker's.

Each measurement runs in its own process so that its peak memory is its own.
    python -m benchmarks.build_warehouse [--repeat N]
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "raw_reports"
YARDSTICK_PDF = RAW / "tukuma_novads_2024_publiskais_parskats.pdf"

# Runs in a child process: does one job, prints {"seconds": ..., "peak_mb": ...}.
_CHILD = r"""
import json, resource, sys, time
job, arg, db = sys.argv[1], sys.argv[2], sys.argv[3]
started = time.perf_counter()
if job == "startup":
    import ingest.cli, ingest.readers.pdf  # what every ingest run pays before reading a file
elif job == "plain":
    import pdfplumber
    with pdfplumber.open(arg) as pdf:
        for page in pdf.pages:
            page.extract_tables()
else:
    from ingest.cli import main
    from ingest.worker import worker_peak_mb
    code = main(["--db", db, "--quiet", *arg.split("|")])
    if code:
        sys.exit(code)
seconds = time.perf_counter() - started
peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
figures = {"seconds": seconds, "peak_mb": peak_mb}
if job == "ingest":
    figures["worker_mb"] = worker_peak_mb()
print(json.dumps(figures))
"""


def measure(job: str, arg: str, repeat: int) -> dict:
    best = None
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as tmp:
            out = subprocess.run([sys.executable, "-c", _CHILD, job, arg, str(Path(tmp) / "w.duckdb")],
                                 cwd=ROOT, capture_output=True, text=True, check=True)
        figures = json.loads(out.stdout.strip().splitlines()[-1])
        if best is None or figures["seconds"] < best["seconds"]:
            best = figures
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1, help="runs per measurement; the fastest is shown")
    args = parser.parse_args()

    rows = [("plain pdfplumber extract_tables, every page of " + YARDSTICK_PDF.name,
             measure("plain", str(YARDSTICK_PDF), args.repeat))]
    rows.append(("whole warehouse from raw_reports/", measure("ingest", str(RAW), args.repeat)))
    rows.append(("  start-up alone (Python, imports; in every row below)", measure("startup", "", args.repeat)))
    for path in sorted(p for p in RAW.iterdir() if p.suffix in (".pdf", ".txt", ".md") and p.stem != "README"):
        rows.append((f"  {path.name}", measure("ingest", str(path), args.repeat)))

    width = max(len(name) for name, _ in rows)
    print(f"{'measurement':<{width}}  {'seconds':>8}  {'peak MB':>8}  {'worker MB':>9}")
    for name, figures in rows:
        worker = f"{figures['worker_mb']:>9.0f}" if "worker_mb" in figures else " " * 9
        print(f"{name:<{width}}  {figures['seconds']:>8.2f}  {figures['peak_mb']:>8.0f}  {worker}")
    plain, whole = rows[0][1]["seconds"], rows[1][1]["seconds"]
    print(f"\nwhole build / plain pass = {whole / plain:.2f} (target: at most 0.25); "
          f"peak {rows[1][1]['peak_mb']:.0f} MB (target: under 1024 MB)")


if __name__ == "__main__":
    main()
