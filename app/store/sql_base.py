"""The dialect hooks both backends supply, shared by every query module."""

from __future__ import annotations

from abc import ABC, abstractmethod
from contextlib import AbstractContextManager
from datetime import datetime
from typing import Any, ClassVar

from app.store.dbapi import Cursor, Dialect


class SqlBase(ABC):
    """The dialect's hooks, shared by the comparison and the review queries."""

    dialect: ClassVar[Dialect]
    # A SQL condition true when title_key contains the one `?` parameter,
    # comparing characters literally (no LIKE wildcards to escape).
    _contains: ClassVar[str]
    # The driver's error for a violated constraint (a foreign key).
    _integrity_error: ClassVar[type[Exception]]
    # See ComparisonStore.local_reads.
    local_reads: ClassVar[bool]
    # See ComparisonStore.read_only; a backend sets it when it opens.
    read_only: bool = False

    @abstractmethod
    def _session(self, write: bool) -> AbstractContextManager[Cursor]:
        """A cursor on a borrowed connection; with `write`, inside a transaction
        committed at the end of the block and rolled back if it raises."""

    @abstractmethod
    def _encode_time(self, value: datetime) -> object: ...

    @abstractmethod
    def _decode_time(self, value: Any) -> datetime: ...

    def _time_or_none(self, value: Any) -> datetime | None:
        return None if value is None else self._decode_time(value)

    def _bump_revision(self, cursor: Cursor, comparison_id: str) -> bool:
        """Count a change of the comparison; False if there is no such comparison.

        Done first in a write, it also takes the comparison's row lock, so the
        writes to one comparison (and its comment cap) queue on PostgreSQL.
        """
        cursor.execute(
            "UPDATE comparisons SET revision = revision + 1 WHERE id = ?", (comparison_id,)
        )
        return cursor.rowcount == 1

    def _note_expired(self, cursor: Cursor, item_id: str, expired_at: Any) -> None:
        """Keep the id of a comparison or story swept, and when it expired (nothing
        else), so that its link answers 410 Gone."""
        cursor.execute(
            "INSERT INTO expired (id, expired_at) VALUES (?, ?) ON CONFLICT (id) DO NOTHING",
            (item_id, expired_at),
        )
