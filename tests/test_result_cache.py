"""The dashboard's result cache: bounded in bytes, least recently used given up first, safe across threads,
and cleared whole for a cold run."""
from __future__ import annotations

import threading

import pandas as pd
import pytest

from dashboard import db
from dashboard.byte_cache import ByteBoundedCache
from warehouse import queries


def test_the_least_recently_used_values_go_until_the_rest_fits():
    cache = ByteBoundedCache(10, size=len)
    for key in "abc":
        cache.get(key, lambda: b"xxxx")  # 4 bytes each: "a" goes when "c" comes
    assert len(cache) == 2 and cache.bytes == 8
    cache.get("b", lambda: pytest.fail("b is kept"))  # "b" used: "c" is now the oldest
    cache.get("d", lambda: b"yyyy")
    assert cache.get("b", lambda: b"recomputed") == b"xxxx"
    assert cache.get("c", lambda: b"recomputed") == b"recomputed"


def test_a_value_larger_than_the_whole_budget_is_returned_not_kept():
    cache = ByteBoundedCache(10, size=len)
    cache.get("small", lambda: b"1234")
    assert cache.get("big", lambda: b"x" * 11) == b"x" * 11
    assert len(cache) == 1 and cache.bytes == 4


def test_many_threads_never_push_it_past_its_bytes():
    cache = ByteBoundedCache(1000, size=len)

    def visitor(n: int) -> None:
        for i in range(300):
            key = (n * 7 + i) % 40
            assert cache.get(key, lambda: bytes(10 * (key % 9 + 1))) == bytes(10 * (key % 9 + 1))

    threads = [threading.Thread(target=visitor, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert cache.bytes <= 1000
    assert cache.bytes == sum(size for _, size in cache._entries.values())


def test_query_results_stay_within_the_budget_and_a_caller_changes_only_its_copy(warehouse_db, monkeypatch):
    monkeypatch.setenv("SOCDASH_DB", str(warehouse_db))
    db.clear_caches()
    whole = db.load(queries.facts_slice)
    size = int(whole.memory_usage(deep=True).sum())
    monkeypatch.setattr(db._RESULTS, "max_bytes", size + size // 2)  # room for one whole slice, not two
    db.clear_caches()
    db.load(queries.facts_slice)
    db.load(queries.facts_slice, ("Tukuma novads",))
    db.load(queries.facts_slice, ("Bauskas novads",))
    db.load(queries.facts_slice, (), ("budget",))
    assert db._RESULTS.bytes <= db._RESULTS.max_bytes
    mine = db.load(queries.facts_slice, ("Bauskas novads",))
    mine["value"] = 0.0
    mine.loc[0, "category"] = "changed"
    again = db.load(queries.facts_slice, ("Bauskas novads",))
    assert (again["value"] > 0).any() and "changed" not in set(again["category"])
    db.clear_caches()
    assert len(db._RESULTS) == 0 and db._RESULTS.bytes == 0


@pytest.mark.parametrize("setting, megabytes", [("", 256), ("64", 64), ("0", 0), ("lots", 256), ("-5", 256)])
def test_the_budget_comes_from_socdash_cache_mb(setting, megabytes, monkeypatch):
    monkeypatch.setenv("SOCDASH_CACHE_MB", setting)
    assert db.cache_megabytes() == megabytes
