"""What lets the ingest scale: a folder read by several workers gives the warehouse one worker gives, and
the processes that ingest import only what reading and storing need."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# What the writer imports (the command line, the store) and what the worker server imports before it forks.
_IMPORTS = """
import importlib, sys
import ingest.cli, warehouse.store
from ingest.worker import _PRELOAD, all_layouts
for module in _PRELOAD:
    importlib.import_module(module)
all_layouts()
print(sorted(name for name in ("pandas", "pyarrow") if name in sys.modules))
"""


def test_ingest_does_not_import_pandas():
    """pandas served only the inserts, and costs every ingest process 0.2 s of imports."""
    out = subprocess.run([sys.executable, "-c", _IMPORTS], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
