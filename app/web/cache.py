"""A small in-memory LRU of rendered pages, shared by the request threads.

A stored comparison never changes (its id is a hash of its content), so its
rendered page can be kept; a deleted one is never served from here because
the route looks the comparison up in the store before asking the cache.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from typing import Generic, TypeVar

V = TypeVar("V")


class LruCache(Generic[V]):
    def __init__(self, max_entries: int) -> None:
        self._max_entries = max_entries
        self._entries: OrderedDict[Hashable, V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> V | None:
        with self._lock:
            if key not in self._entries:
                return None
            self._entries.move_to_end(key)
            return self._entries[key]

    def put(self, key: Hashable, value: V) -> None:
        """Keep `value`, dropping the least recently used entry if full.

        Two requests missing the same key both compute and put it; the values
        are equal, so the waste is bounded and neither waits on the other.
        """
        if self._max_entries <= 0:
            return
        with self._lock:
            self._entries[key] = value
            self._entries.move_to_end(key)
            while len(self._entries) > self._max_entries:
                self._entries.popitem(last=False)

    def __len__(self) -> int:
        return len(self._entries)
