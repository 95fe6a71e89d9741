"""The comparison of municipalities on one indicator: the dashboard's cached loading of a query function, the
queries of warehouse/comparison.py on the seed warehouse and on a small national-scale copy of it."""
from __future__ import annotations

import types

import pytest

from dashboard import db
from warehouse import WarehouseError, queries


@pytest.fixture()
def seed_db(warehouse_db, monkeypatch):
    monkeypatch.setenv("SOCDASH_DB", str(warehouse_db))
    return warehouse_db


# --------------------------------------------------------------------------- dashboard.db.load

def test_load_takes_a_query_function_as_well_as_a_name(seed_db):
    by_function = db.load(queries.overview)
    assert by_function.equals(db.load("overview"))
    assert int(by_function["facts"].iloc[0]) > 0


def test_load_caches_a_function_by_its_module_and_name(seed_db, monkeypatch):
    calls = []

    def count_facts(con, topic):
        calls.append(topic)
        return con.execute("SELECT count(*) AS facts FROM facts WHERE topic = ?", [topic]).df()

    # Two functions of one name in two modules are two queries; the same call again is a cache hit.
    first = types.ModuleType("comparison_probe_a")
    second = types.ModuleType("comparison_probe_b")
    for module in (first, second):
        monkeypatch.setitem(__import__("sys").modules, module.__name__, module)
        function = types.FunctionType(count_facts.__code__, count_facts.__globals__, "count_facts",
                                      closure=count_facts.__closure__)
        function.__module__, function.__qualname__ = module.__name__, "count_facts"
        module.count_facts = function
    db.load(first.count_facts, "budget")
    db.load(first.count_facts, "budget")
    db.load(second.count_facts, "budget")
    assert calls == ["budget", "budget"]


def test_a_failing_query_function_raises_a_warehouse_error(seed_db):
    with pytest.raises(WarehouseError, match="cannot read the warehouse"):
        db.load(_no_such_table)


def _no_such_table(con):
    return con.execute("SELECT * FROM no_such_table").df()
