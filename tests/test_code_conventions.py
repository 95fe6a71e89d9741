"""Conventions the reading code keeps: no parameter a function never uses, no function nothing calls."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# The modules that read numbers, apply the specs and describe the report layouts.
MODULES = sorted([ROOT / "ingest" / name for name in ("checks.py", "flags.py", "model.py", "numbers.py",
                                                      "place_names.py", "specs.py")]
                 + [p for p in (ROOT / "ingest" / "layouts").glob("*.py")
                    if p.name not in ("__init__.py", "facts_upload.py", "unrecognised.py")])
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
