"""The review's queries, shared by both backends: comments and marks.

Every write bumps the comparison's revision in the same transaction, which is
what lets a worker keep a rendered page until the next change and still never
show it without another worker's new comment.
"""

from __future__ import annotations

import builtins
from datetime import datetime
from typing import Any

from app.store.dbapi import Cursor
from app.store.review_records import (
    Comment,
    CommentNotFoundError,
    Mark,
    MarkState,
    TooManyCommentsError,
)
from app.store.sql_base import SqlBase

_COMMENT_COLUMNS = (
    "id",
    "comparison_id",
    "thread_id",
    "row_number",
    "change_index",
    "author",
    "author_key_hash",
    "body",
    "created_at",
    "edited_at",
    "resolved",
    "resolved_by",
)
_SELECT_COMMENT = f"SELECT {', '.join(_COMMENT_COLUMNS)} FROM comments"
_MARK_COLUMNS = ("comparison_id", "row_number", "change_index", "state", "reviewer", "created_at")


class ReviewQueries(SqlBase):
    def add_comment(self, comment: Comment, max_comments: int) -> None:
        """Save `comment`; CommentNotFoundError if the comparison (or the thread
        it replies to) is gone, TooManyCommentsError past `max_comments`."""
        with self._session(write=True) as cursor:
            if not self._bump_revision(cursor, comment.comparison_id):
                raise CommentNotFoundError(comment.comparison_id)
            if comment.thread_id is not None and not self._opens_thread(cursor, comment):
                raise CommentNotFoundError(comment.thread_id)
            cursor.execute(
                "SELECT count(*) FROM comments WHERE comparison_id = ?", (comment.comparison_id,)
            )
            if int(cursor.fetchone()[0]) >= max_comments:
                raise TooManyCommentsError(comment.comparison_id)
            cursor.execute(
                f"INSERT INTO comments ({', '.join(_COMMENT_COLUMNS)})"
                f" VALUES ({', '.join('?' for _ in _COMMENT_COLUMNS)})",
                self._comment_row(comment),
            )

    def _opens_thread(self, cursor: Cursor, reply: Comment) -> bool:
        cursor.execute(
            "SELECT 1 FROM comments WHERE id = ? AND comparison_id = ? AND thread_id IS NULL",
            (reply.thread_id, reply.comparison_id),
        )
        return cursor.fetchone() is not None

    def comments(self, comparison_id: str) -> builtins.list[Comment]:
        """The comparison's comments, oldest first."""
        with self._session(write=False) as cursor:
            cursor.execute(
                f"{_SELECT_COMMENT} WHERE comparison_id = ? ORDER BY created_at, id",
                (comparison_id,),
            )
            return [self._comment(row) for row in cursor.fetchall()]

    def comment(self, comparison_id: str, comment_id: str) -> Comment | None:
        with self._session(write=False) as cursor:
            cursor.execute(
                f"{_SELECT_COMMENT} WHERE id = ? AND comparison_id = ?",
                (comment_id, comparison_id),
            )
            row = cursor.fetchone()
        return None if row is None else self._comment(row)

    def edit_comment(
        self, comparison_id: str, comment_id: str, body: str, edited_at: datetime
    ) -> None:
        self._change_comment(
            comparison_id,
            comment_id,
            "body = ?, edited_at = ?",
            (body, self._encode_time(edited_at)),
        )

    def resolve_thread(
        self, comparison_id: str, comment_id: str, resolved: bool, by: str | None
    ) -> None:
        self._change_comment(
            comparison_id,
            comment_id,
            "resolved = ?, resolved_by = ?",
            (int(resolved), by if resolved else None),
        )

    def _change_comment(
        self, comparison_id: str, comment_id: str, assignments: str, values: tuple[Any, ...]
    ) -> None:
        with self._session(write=True) as cursor:
            self._bump_revision(cursor, comparison_id)
            cursor.execute(
                f"UPDATE comments SET {assignments} WHERE id = ? AND comparison_id = ?",
                (*values, comment_id, comparison_id),
            )
            if cursor.rowcount != 1:
                raise CommentNotFoundError(comment_id)

    def delete_comment(self, comparison_id: str, comment_id: str) -> None:
        """Delete the comment, and its replies if it opens a thread."""
        with self._session(write=True) as cursor:
            self._bump_revision(cursor, comparison_id)
            cursor.execute(
                "DELETE FROM comments WHERE id = ? AND comparison_id = ?",
                (comment_id, comparison_id),
            )
            if cursor.rowcount != 1:
                raise CommentNotFoundError(comment_id)

    def add_mark(self, mark: Mark) -> bool:
        """Save `mark` as the latest for its change; False if the comparison is gone."""
        values = (
            mark.comparison_id,
            mark.row,
            mark.change,
            mark.state.value,
            mark.reviewer,
            self._encode_time(mark.created_at),
        )
        with self._session(write=True) as cursor:
            if not self._bump_revision(cursor, mark.comparison_id):
                return False
            cursor.execute(
                f"INSERT INTO marks ({', '.join(_MARK_COLUMNS)})"
                f" VALUES ({', '.join('?' for _ in _MARK_COLUMNS)})",
                values,
            )
            return True

    def marks(self, comparison_id: str) -> builtins.list[Mark]:
        """Every mark on the comparison, oldest first: the history of each change."""
        with self._session(write=False) as cursor:
            cursor.execute(
                f"SELECT {', '.join(_MARK_COLUMNS)} FROM marks WHERE comparison_id = ? ORDER BY id",
                (comparison_id,),
            )
            rows = cursor.fetchall()
        return [
            Mark(
                comparison_id=row[0],
                row=int(row[1]),
                change=None if row[2] is None else int(row[2]),
                state=MarkState(row[3]),
                reviewer=row[4],
                created_at=self._decode_time(row[5]),
            )
            for row in rows
        ]

    def _comment_row(self, comment: Comment) -> tuple[Any, ...]:
        return (
            comment.id,
            comment.comparison_id,
            comment.thread_id,
            comment.row,
            comment.change,
            comment.author,
            comment.author_key_hash,
            comment.body,
            self._encode_time(comment.created_at),
            None if comment.edited_at is None else self._encode_time(comment.edited_at),
            int(comment.resolved),
            comment.resolved_by,
        )

    def _comment(self, row: tuple[Any, ...]) -> Comment:
        return Comment(
            id=row[0],
            comparison_id=row[1],
            thread_id=row[2],
            row=int(row[3]),
            change=None if row[4] is None else int(row[4]),
            author=row[5],
            author_key_hash=row[6],
            body=row[7],
            created_at=self._decode_time(row[8]),
            edited_at=self._time_or_none(row[9]),
            resolved=bool(row[10]),
            resolved_by=row[11],
        )
