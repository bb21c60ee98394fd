"""The review of a comparison: comments in threads on its rows, and the marks
reviewers give its changes. Use cases, and what they check.

What can be marked (`review_items`): each change that is not ignored, and each
whole inserted, deleted or moved row. Comments and marks address rows by
their number on the page (from 1) and changes by their index in the row's
`changes`, as the JSON twin does; they belong to the comparison as stored
(with its own ignore options).

Every problem with the input is a `ReviewInputError` (a 422 with a message);
a comparison holding `max_comments` already is a `TooManyCommentsError`.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

from app.core import ChangeClass, Comparison, RowOp
from app.core.serialize import comparison_from_json
from app.settings import Settings
from app.store import (
    MAX_NAME_CHARS,
    Comment,
    CommentNotFoundError,
    ComparisonStore,
    Mark,
    MarkState,
    StoredComparison,
    hash_token,
    unstorable,
)

MAX_BODY_CHARS = 10_000
# The review class of a whole moved row (the engine's classes are for words).
MOVED = "moved"


class ReviewInputError(ValueError):
    """A comment or mark that cannot be taken; the message says why."""


class NotAllowedError(Exception):
    """Only a comment's author (or the comparison's owner) may do that."""


@dataclass(frozen=True, slots=True)
class ReviewItem:
    """One thing a reviewer can mark: a change (`change` set) or a whole row."""

    row: int
    change: int | None
    kind: str  # a ChangeClass value, or MOVED

    @property
    def target(self) -> tuple[int, int | None]:
        return (self.row, self.change)


def review_items(comparison: Comparison) -> Iterator[ReviewItem]:
    """What can be marked, in page order."""
    for number, row in enumerate(comparison.rows, start=1):
        shown = [(index, change) for index, change in enumerate(row.changes) if not change.ignored]
        if row.op in (RowOp.INSERTED, RowOp.DELETED):
            kind = shown[0][1].primary.value if shown else ChangeClass.WORDING.value
            yield ReviewItem(number, None, kind)
            continue
        if row.op is RowOp.MOVED:
            yield ReviewItem(number, None, MOVED)
        for index, change in shown:
            yield ReviewItem(number, index, change.primary.value)


def latest_marks(marks: list[Mark]) -> dict[tuple[int, int | None], Mark]:
    """The mark that counts for each target: the last one (UNCHECKED ones dropped)."""
    latest: dict[tuple[int, int | None], Mark] = {}
    for mark in marks:
        latest[mark.target] = mark
    return {
        target: mark for target, mark in latest.items() if mark.state is not MarkState.UNCHECKED
    }


@dataclass(frozen=True, slots=True)
class Review:
    """A comparison's comments and marks, read together for a page or the JSON twin."""

    comments: tuple[Comment, ...]
    marks: tuple[Mark, ...]


@dataclass(frozen=True, slots=True)
class ReviewService:
    store: ComparisonStore
    settings: Settings
    clock: Callable[[], datetime] = lambda: datetime.now(UTC)

    def review(self, comparison_id: str) -> Review:
        return Review(
            tuple(self.store.comments(comparison_id)), tuple(self.store.marks(comparison_id))
        )

    def add_comment(
        self,
        record: StoredComparison,
        *,
        row: int | None,
        change: int | None,
        body: str,
        author: str,
        author_key: str,
        thread_id: str | None = None,
    ) -> Comment:
        """A new comment (a reply to `thread_id`, on its thread's row, if given)."""
        if thread_id is not None:
            thread = self.store.comment(record.id, thread_id)
            if thread is None or not thread.opens_thread:
                raise ReviewInputError("There is no such thread on this comparison to reply to.")
            row, change = thread.row, thread.change
        if row is None:
            raise ReviewInputError("Say which row the comment is on.")
        _check_target(record, row, change)
        comment = Comment(
            id=secrets.token_urlsafe(12),
            comparison_id=record.id,
            thread_id=thread_id,
            row=row,
            change=change,
            author=_name(author, "author"),
            author_key_hash=hash_token(author_key),
            body=_body(body),
            created_at=self.clock(),
        )
        try:
            self.store.add_comment(comment, self.settings.max_comments)
        except CommentNotFoundError:
            raise ReviewInputError("There is no such thread on this comparison.") from None
        return comment

    def find(self, record: StoredComparison, comment_id: str) -> Comment:
        comment = self.store.comment(record.id, comment_id) if comment_id.isascii() else None
        if comment is None:
            raise CommentNotFoundError(comment_id)
        return comment

    def edit(
        self, record: StoredComparison, comment_id: str, body: str, author_key: str | None
    ) -> Comment:
        """Replace a comment's body; only its author may."""
        comment = self.find(record, comment_id)
        if not _is_author(comment, author_key):
            raise NotAllowedError("Only the comment's author can edit it.")
        new_body, now = _body(body), self.clock()
        self.store.edit_comment(record.id, comment_id, new_body, now)
        return self.find(record, comment_id)

    def resolve(
        self, record: StoredComparison, comment_id: str, resolved: bool, by: str
    ) -> Comment:
        """Resolve or reopen a thread: anyone with the link may, as on a review; who
        resolved it is noted when they gave their name."""
        comment = self.find(record, comment_id)
        if not comment.opens_thread:
            raise ReviewInputError("Only a thread is resolved: resolve its first comment.")
        resolver = _name(by, "name") if by.strip() else None
        self.store.resolve_thread(record.id, comment_id, resolved, resolver)
        return self.find(record, comment_id)

    def delete(
        self, record: StoredComparison, comment_id: str, author_key: str | None, is_owner: bool
    ) -> Comment:
        """Delete a comment (with its replies, if it opens a thread): its author or
        the comparison's owner may. Returns the comment deleted."""
        comment = self.find(record, comment_id)
        if not (is_owner or _is_author(comment, author_key)):
            raise NotAllowedError("Only the comment's author can delete it.")
        self.store.delete_comment(record.id, comment_id)
        return comment

    def mark(
        self, record: StoredComparison, row: int, change: int | None, state: MarkState, by: str
    ) -> Mark:
        """Mark a change (or a whole inserted, deleted or moved row) of the comparison."""
        comparison = comparison_from_json(record.comparison)
        if (row, change) not in {item.target for item in review_items(comparison)}:
            what = "row" if change is None else f"change {change} of row"
            raise ReviewInputError(
                f"There is no {what} {row} to mark: marks go on a change, or on a whole "
                "inserted, deleted or moved row."
            )
        mark = Mark(record.id, row, change, state, _name(by, "reviewer"), self.clock())
        if not self.store.add_mark(mark):
            raise CommentNotFoundError(record.id)
        return mark


def _check_target(record: StoredComparison, row: int, change: int | None) -> None:
    rows = record.comparison.get("rows", [])
    if not 1 <= row <= len(rows):
        raise ReviewInputError(f"There is no row {row}: the comparison has {len(rows)} rows.")
    changes = rows[row - 1].get("changes", [])
    if change is not None and not 0 <= change < len(changes):
        raise ReviewInputError(f"Row {row} has no change {change}: it has {len(changes)}.")


def _is_author(comment: Comment, author_key: str | None) -> bool:
    return bool(author_key) and hash_token(author_key or "") == comment.author_key_hash


def _body(body: str) -> str:
    # Line breaks are kept; only the ends are trimmed, and CRLF from forms made LF.
    text = body.replace("\r\n", "\n").strip()
    if not text:
        raise ReviewInputError("The comment is empty: write something.")
    if len(text) > MAX_BODY_CHARS:
        raise ReviewInputError(
            f"The comment is too long: {len(text):,} characters, at most {MAX_BODY_CHARS:,}."
        )
    problem = unstorable(text)
    if problem:
        raise ReviewInputError(f"The comment {problem}.")
    return text


def _name(name: str, what: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise ReviewInputError(f"Give a name ({what}): who is commenting or reviewing?")
    if len(cleaned) > MAX_NAME_CHARS:
        raise ReviewInputError(f"The {what} is too long: at most {MAX_NAME_CHARS} characters.")
    problem = unstorable(cleaned)
    if problem:
        raise ReviewInputError(f"The {what} {problem}.")
    return cleaned
