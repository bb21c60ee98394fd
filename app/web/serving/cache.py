"""A small in-memory LRU of rendered pages, shared by the request threads.

A stored comparison never changes (its id is a hash of its content), so its
rendered page can be kept; a deleted one is never served from here because
the route looks the comparison up in the store before asking the cache.

Bounded twice: in entries, and in bytes (each entry's size is given with it),
so that a few pages of two texts at the size limit cannot take the memory
that hundreds of ordinary ones would.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from typing import Generic, TypeVar

V = TypeVar("V")


class LruCache(Generic[V]):
    def __init__(self, max_entries: int, max_bytes: int | None = None) -> None:
        self._max_entries = max_entries
        self._max_bytes = max_bytes
        self._entries: OrderedDict[Hashable, tuple[V, int]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> V | None:
        with self._lock:
            if key not in self._entries:
                return None
            self._entries.move_to_end(key)
            return self._entries[key][0]

    def put(self, key: Hashable, value: V, size: int = 0) -> None:
        """Keep `value` (of `size` bytes), dropping the least recently used
        entries while over either bound; a value larger than the whole byte
        bound is not kept.

        Two requests missing the same key both compute and put it; the values
        are equal, so the waste is bounded and neither waits on the other.
        """
        if self._max_entries <= 0 or (self._max_bytes is not None and size > self._max_bytes):
            return
        with self._lock:
            previous = self._entries.pop(key, None)
            if previous is not None:
                self._bytes -= previous[1]
            self._entries[key] = (value, size)
            self._bytes += size
            while len(self._entries) > self._max_entries or self._over_bytes():
                _, (_, dropped) = self._entries.popitem(last=False)
                self._bytes -= dropped

    def _over_bytes(self) -> bool:
        return self._max_bytes is not None and self._bytes > self._max_bytes

    @property
    def size(self) -> int:
        """The bytes kept, as their sizes were given."""
        return self._bytes

    def __len__(self) -> int:
        return len(self._entries)
