"""The garbage collector held off while a large comparison is computed or rendered.

Comparing or rendering a long pair makes millions of objects that live
until the job ends. Each time they have grown the heap by a quarter,
CPython's collector walks all of it in one pass that holds the interpreter
lock: five passes of 0.16 to 0.58 s in one render of the page of a 2 MB
sentence, in which the server answered no other request (the seed page's
p99 was 1.17 s while that page was first opened), and 15% of the CPU of
comparing 0.5 MB of one-word paragraphs in an engine process. Those
objects form no reference cycles: reference counts free them when the job
ends, so the passes found nothing to collect. Held off while any such job
runs, the collector resumes as before when the last one ends.

The collector is the process's, so is the count of jobs holding it off.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_holders = 0
_held_by_us = False


@contextmanager
def collector_held_off() -> Iterator[None]:
    """Run the block with the collector off (if it was on); on again after
    the last such block ends."""
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
