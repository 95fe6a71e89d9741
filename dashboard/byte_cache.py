"""A least-recently-used cache bounded in bytes, shared by every session of the server.

Streamlit's `st.cache_data` bounds the number of entries only: 512 results of a national-scale warehouse can
hold gigabytes. This one counts what each value holds and evicts the least recently used values until the
whole fits; a value larger than the whole budget is returned but not kept. It is safe to use from the
threads Streamlit runs sessions in: the bookkeeping is under a lock, the computing is not (two sessions
asking for the same missing value may both compute it; the second result replaces the first).
"""
from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from typing import Callable, Hashable


class ByteBoundedCache:
    """Values by key, at most `max_bytes` of them as `size(value)` counts them; each caller gets
    `hand_out(value)` (say, a copy it may change without changing what is kept)."""

    def __init__(self, max_bytes: int, size: Callable[[object], int],
                 hand_out: Callable[[object], object] = lambda value: value):
        self.max_bytes = max_bytes
        self._size = size
        self._hand_out = hand_out
        self._entries: OrderedDict[Hashable, tuple[object, int]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    @property
    def bytes(self) -> int:
        """What the values kept hold now."""
        return self._bytes

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: Hashable, compute: Callable[[], object]):
        """The value kept under `key`, else `compute()`, kept when it fits."""
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
                return self._hand_out(entry[0])
        value = compute()
        size = self._size(value)
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._bytes -= old[1]
            if size <= self.max_bytes:
                self._entries[key] = (value, size)
                self._bytes += size
                while self._bytes > self.max_bytes:
                    _, (_, evicted) = self._entries.popitem(last=False)
                    self._bytes -= evicted
        return self._hand_out(value)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0

    def memoize(self, function: Callable) -> Callable:
        """`function` with its results kept here, by its name and its (hashable) arguments."""
        @functools.wraps(function)
        def cached(*args, **kwargs):
            key = (function.__qualname__, args, tuple(sorted(kwargs.items())))
            return self.get(key, lambda: function(*args, **kwargs))

        return cached
