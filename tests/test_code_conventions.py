"""Conventions the reading code keeps: no parameter a function never uses, no function nothing calls."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# The modules that read numbers, apply the specs, describe the report layouts and make up the generic reader.
MODULES = sorted([ROOT / "ingest" / name for name in ("checks.py", "flags.py", "model.py", "numbers.py",
                                                      "place_names.py", "specs.py")]
                 + [p for p in (ROOT / "ingest" / "layouts").glob("*.py")
                    if p.name not in ("__init__.py", "facts_upload.py", "generic.py")]
                 + [p for p in (ROOT / "ingest" / "generic").glob("*.py") if p.name != "__init__.py"])
PROGRAM = [p for folder in ("ingest", "warehouse", "dashboard", "pages", "benchmarks")
           for p in (ROOT / folder).rglob("*.py")] + [ROOT / "app.py"]


def _functions(path: Path):
    return [node for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))]


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_every_parameter_is_used(path):
    unused = []
    for function in _functions(path):
        names = {n.id for n in ast.walk(function) if isinstance(n, ast.Name)}
        unused += [f"{function.name}({arg.arg})" for arg in function.args.args + function.args.kwonlyargs
                   if arg.arg not in ("self", "cls") and arg.arg not in names]
    assert unused == []


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_every_module_function_is_called_by_the_program(path):
    """A function of these modules that only tests call is dead code."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    defined = [node.name for node in tree.body if isinstance(node, ast.FunctionDef)]
    used = {n.id if isinstance(n, ast.Name) else n.attr
            for p in PROGRAM for n in ast.walk(ast.parse(p.read_text(encoding="utf-8")))
            if isinstance(n, (ast.Name, ast.Attribute))}
    assert [name for name in defined if name not in used] == []


def test_no_two_classes_share_a_name():
    classes = [node.name for path in PROGRAM for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
               if isinstance(node, ast.ClassDef)]
    assert sorted({name for name in classes if classes.count(name) > 1}) == []


# Splitting or matching a fact's source_ref: in SQL (split_part, regexp_…, LIKE, …) or in Python (.split, a
# pattern's .match/.search/.sub, pandas' .str).
_READS_SOURCE_REF = re.compile(
    r"(split_part|string_split|str_split|regexp_\w+|strpos|starts_with|contains)\s*\([^)]*source_ref"
    r"|source_ref\w*\s*(\)\s*)?(\.split|\.rsplit|\.partition|\.str\b|\s+(I?LIKE|GLOB|SIMILAR TO)\b|\s*~)"
    r"|\.(split|rsplit|match|search|findall|finditer|fullmatch|sub)\([^)]*source_ref", re.IGNORECASE)
# The one reader of the whole text outside ingest/: it says the display text word for word in the reader's
# language and keeps the document's quoted words; it takes no place out of it.
_SAYS_THE_WHOLE_REFERENCE = ("warehouse/source_refs.py", "_QUOTED.split(source_ref)")


def test_no_code_outside_ingest_splits_or_matches_source_ref():
    """A fact's place is its columns (page, line, table_label, row_label, column_label); source_ref is the
    text shown, which only ingest/ writes."""
    found = []
    for path in PROGRAM:
        where = path.relative_to(ROOT).as_posix()
        if where.startswith("ingest/"):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            allowed = where == _SAYS_THE_WHOLE_REFERENCE[0] and _SAYS_THE_WHOLE_REFERENCE[1] in line
            if _READS_SOURCE_REF.search(line) and not allowed:
                found.append(f"{where}:{number}: {line.strip()}")
    assert found == []


def test_pages_load_query_functions_not_names():
    """`dashboard.db.load` takes the query function itself, so that a renamed or missing query fails where it
    is named (and an editor finds its callers), not as a string looked up at run time."""
    called_with_text = [f"{path.relative_to(ROOT)}:{node.lineno}"
                        for path in PROGRAM for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                        if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None))
                        == "load" and node.args and isinstance(node.args[0], ast.Constant)]
    assert called_with_text == []
