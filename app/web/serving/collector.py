"""The garbage collector held off while a large comparison is rendered.

Rendering the page of a large comparison (one 2 MB sentence a side: 18 MB
of JSON, 47 MB of HTML) makes millions of short-lived objects. Each time
they have grown the heap by a quarter, CPython's collector walks all of it
in one pass that holds the interpreter lock: five passes of 0.16 to 0.58 s
in one render, in which the server answered no other request (the seed
page's p99 was 1.17 s while that page was first opened). The objects of a
render form no reference cycles: their reference counts free them when it
ends, so those passes found nothing to collect. Held off while any large
render runs, the collector resumes as before when the last one ends.

The collector is the process's, so is the count of renders holding it off.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

# JSON characters from which a comparison is large enough for its render's
# collector passes to be felt by other requests (a pass over a heap grown by
# a 1 MB comparison's objects takes about 10 ms).
LARGE_JSON_CHARS = 1_000_000

_lock = threading.Lock()
_holders = 0
_held_by_us = False


@contextmanager
def collector_held_off(json_chars: int) -> Iterator[None]:
    """Run the block with the collector off if the comparison's JSON has at
    least `LARGE_JSON_CHARS` characters (and it was on); on again after the
    last such block ends."""
    if json_chars < LARGE_JSON_CHARS:
        yield
        return
    _hold()
    try:
        yield
    finally:
        _release()


def _hold() -> None:
    global _holders, _held_by_us
    with _lock:
        if _holders == 0 and gc.isenabled():
            gc.disable()
            _held_by_us = True
        _holders += 1


def _release() -> None:
    global _holders, _held_by_us
    with _lock:
        _holders -= 1
        if _holders == 0 and _held_by_us:
            _held_by_us = False
            gc.enable()
