"""Database faults that are nobody's bug: a full disk, a lock held elsewhere, a
server that is down, a read-only file. Each backend turns its driver's error
into StoreUnavailableError naming the Fault, so that the web answers 503 with
the fault's message and Retry-After instead of a 500.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.store.base import StoreError


@dataclass(frozen=True, slots=True)
class Fault:
    """What went wrong, for the person asking, and in how many seconds to try again."""

    message: str
    retry_after: int


BUSY = Fault(
    "The database is busy (another process holds its lock): nothing was saved. "
    "Try again in a moment.",
    5,
)
DISK_FULL = Fault("The server's disk is full: nothing was saved. Try again later.", 300)
READ_ONLY = Fault(
    "The database is read-only for now: comparisons can be read, but nothing can be "
    "created, changed or deleted.",
    300,
)
DOWN = Fault("The database cannot be reached: nothing was saved. Try again in a moment.", 30)
BROKEN = Fault(
    "The database could not be read or written (an input/output error): nothing was saved.", 60
)


class StoreUnavailableError(StoreError):
    """The database cannot do this now, for the reason `fault` gives."""

    def __init__(self, fault: Fault) -> None:
        super().__init__(fault.message)
        self.fault = fault
