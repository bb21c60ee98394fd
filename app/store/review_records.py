"""What the store keeps of a review: comments in threads, and marks on changes.

A comment belongs to a row of the comparison (`row`, numbered from 1 as on
the page) and optionally to one change of that row (`change`, the index into
the row's `changes` in the JSON). A comment whose `thread_id` is None opens a
thread; its replies name it in `thread_id`. Only a thread's first comment is
resolved or not.

A mark says what a reviewer made of one change (or, `change` None, of a whole
inserted, deleted or moved row). Marks are only ever added: the last one for
a (row, change) counts, and the earlier ones are its history.

Worked example: a reviewer queries change 0 of row 12, then accepts it;
`marks` holds both, in that order, and the row's change reads as accepted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from app.store.records import unstorable

MAX_NAME_CHARS = 100


class MarkState(StrEnum):
    """A reviewer's verdict on a change; UNCHECKED takes a mark back."""

    ACCEPTED = "accepted"
    QUERIED = "queried"
    CORRECT = "correct"  # must be corrected
    UNCHECKED = "unchecked"


@dataclass(frozen=True, slots=True)
class Comment:
    id: str
    comparison_id: str
    thread_id: str | None
    row: int
    change: int | None
    author: str
    # The hash of the secret that lets the author edit or delete it: their
    # browser's session, an API caller's comment token, or their sign-on name.
    author_key_hash: str
    body: str
    created_at: datetime
    edited_at: datetime | None = None
    resolved: bool = False
    resolved_by: str | None = None

    def __post_init__(self) -> None:
        for name in ("id", "author", "body"):
            problem = unstorable(getattr(self, name))
            if problem:
                raise ValueError(f"{name} {problem}")
        if self.created_at.utcoffset() != timedelta(0):
            raise ValueError("created_at must be a timezone-aware UTC datetime")
        if self.row < 1 or (self.change is not None and self.change < 0):
            raise ValueError("row counts from 1 and change from 0")

    @property
    def opens_thread(self) -> bool:
        return self.thread_id is None


@dataclass(frozen=True, slots=True)
class Mark:
    comparison_id: str
    row: int
    change: int | None
    state: MarkState
    reviewer: str
    created_at: datetime

    def __post_init__(self) -> None:
        problem = unstorable(self.reviewer)
        if problem:
            raise ValueError(f"reviewer {problem}")
        if self.created_at.utcoffset() != timedelta(0):
            raise ValueError("created_at must be a timezone-aware UTC datetime")

    @property
    def target(self) -> tuple[int, int | None]:
        return (self.row, self.change)


class TooManyCommentsError(Exception):
    """The comparison already holds the most comments allowed."""


class CommentNotFoundError(Exception):
    """No such comment on that comparison (or the comparison is gone)."""
