"""The SQL shared by both backends: records to rows and back, and the queries.

Subclasses supply the dialect: how to borrow a connection and run a
transaction (`_session`), how timestamps are stored, and how to test that the
folded title contains the search. The review's queries (comments and marks)
are in `app.store.sql_review`.
"""

from __future__ import annotations

import builtins
import json
from abc import abstractmethod
from datetime import datetime
from types import TracebackType
from typing import Any, Self

from app.core.serialize import dump_json
from app.store import migrations
from app.store.dbapi import Cursor
from app.store.json_text import JsonText
from app.store.records import Source, StoredComparison, Summary, Visibility
from app.store.sql_keys import CreationKeyQueries
from app.store.sql_review import ReviewQueries
from app.store.sql_story import StoryQueries
from app.store.sql_watch import WatchQueries

# The engine's result, kept once per content address.
_RESULT_COLUMNS = (
    "left_text",
    "right_text",
    "options",
    "comparison",
    "engine_version",
    "similarity",
    "row_counts",
    "words_added",
    "words_removed",
)
# What a person created: one row per comparison.
_COMPARISON_COLUMNS = (
    "id",
    "result_id",
    "title",
    "left_label",
    "right_label",
    "left_source",
    "right_source",
    "created_at",
    "owner_token_hash",
    "owner",
    "visibility",
    "expires_at",
    "revision",
)
_JSON_FIELDS = frozenset({"options", "row_counts"})
_SOURCE_FIELDS = frozenset({"left_source", "right_source"})
_TIME_FIELDS = frozenset({"created_at", "expires_at"})

_RECORD_FIELDS = _COMPARISON_COLUMNS + _RESULT_COLUMNS
_SELECT_RECORD = (
    f"SELECT {', '.join('c.' + name for name in _COMPARISON_COLUMNS)},"
    f" {', '.join('r.' + name for name in _RESULT_COLUMNS)}"
    " FROM comparisons c JOIN results r ON r.id = c.result_id"
)
_SUMMARY_FIELDS = (
    "id",
    "title",
    "left_label",
    "right_label",
    "created_at",
    "similarity",
    "row_counts",
    "words_added",
    "words_removed",
    "engine_version",
)
_SUMMARY_COLUMNS = (("r." if name in _RESULT_COLUMNS else "c.") + name for name in _SUMMARY_FIELDS)
_SELECT_SUMMARY = (
    f"SELECT {', '.join(_SUMMARY_COLUMNS)} FROM comparisons c JOIN results r ON r.id = c.result_id"
)
_INSERT_RESULT = (
    f"INSERT INTO results (id, {', '.join(_RESULT_COLUMNS)})"
    f" VALUES ({', '.join('?' for _ in range(len(_RESULT_COLUMNS) + 1))})"
    # Results are content-addressed: a second put of an id is the same result,
    # so keeping the first is right, and doing it in the INSERT makes
    # concurrent puts of one id safe without a read-then-write race.
    " ON CONFLICT (id) DO NOTHING"
)
_INSERT_COMPARISON = (
    f"INSERT INTO comparisons ({', '.join(_COMPARISON_COLUMNS)}, title_key)"
    f" VALUES ({', '.join('?' for _ in range(len(_COMPARISON_COLUMNS) + 1))})"
    " ON CONFLICT (id) DO NOTHING"
)
_ORDER = " ORDER BY c.created_at DESC, c.id DESC"
# A result no comparison uses any more: its texts go with the last comparison.
_DELETE_ORPHAN_RESULT = (
    "DELETE FROM results WHERE id = ?"
    " AND NOT EXISTS (SELECT 1 FROM comparisons WHERE result_id = ?)"
)


class SqlStore(ReviewQueries, StoryQueries, WatchQueries, CreationKeyQueries):
    """A `ComparisonStore` over a SQL database; see `SqliteStore`, `PostgresStore`."""

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def migrate(self, target: int | None = None) -> builtins.list[int]:
        if self.read_only:
            # Nothing can be applied: a read-only database is served only as it is.
            migrations.check_current(self.schema_version())
            return []
        with self._session(write=True) as cursor:
            return migrations.migrate(cursor, self.dialect, target)

    def schema_version(self) -> int:
        with self._session(write=False) as cursor:
            return migrations.read_version(cursor, self.dialect)

    def put(self, record: StoredComparison) -> bool:
        try:
            return self._put(record)
        except self._integrity_error:
            # On PostgreSQL the last comparison over an existing result can be
            # deleted, taking the result, between our insert of the result
            # (a no-op: it existed) and of the comparison (whose reference
            # then fails). Once more inserts the result anew.
            return self._put(record)

    def _put(self, record: StoredComparison) -> bool:
        with self._session(write=True) as cursor:
            return self._insert_record(cursor, record)

    def _insert_record(self, cursor: Cursor, record: StoredComparison) -> bool:
        """Insert the comparison, and its result unless stored; whether it was new."""
        cursor.execute(_INSERT_RESULT, self._result_row(record))
        cursor.execute(_INSERT_COMPARISON, self._comparison_row(record))
        return cursor.rowcount == 1

    def _result_row(self, record: StoredComparison) -> builtins.list[object]:
        return [record.result_id, *(self._encode(n, _field(record, n)) for n in _RESULT_COLUMNS)]

    def _comparison_row(self, record: StoredComparison) -> builtins.list[object]:
        values = [self._encode(name, getattr(record, name)) for name in _COMPARISON_COLUMNS]
        return [*values, record.title.casefold()]

    def has_result(self, result_id: str) -> bool:
        with self._session(write=False) as cursor:
            cursor.execute("SELECT 1 FROM results WHERE id = ?", (result_id,))
            return cursor.fetchone() is not None

    def get(self, comparison_id: str) -> StoredComparison | None:
        return self._get_where("c.id", comparison_id)

    def get_result(self, result_id: str) -> StoredComparison | None:
        """A comparison over the result `result_id` (any: they share its texts and JSON)."""
        return self._get_where("c.result_id", result_id)

    def _get_where(self, column: str, value: str) -> StoredComparison | None:
        with self._session(write=False) as cursor:
            cursor.execute(f"{_SELECT_RECORD} WHERE {column} = ? LIMIT 1", (value,))
            row = cursor.fetchone()
        return None if row is None else StoredComparison(**self._decode(_RECORD_FIELDS, row))

    def revision(self, comparison_id: str) -> tuple[int, datetime | None] | None:
        with self._session(write=False) as cursor:
            cursor.execute(
                "SELECT revision, expires_at FROM comparisons WHERE id = ?", (comparison_id,)
            )
            row = cursor.fetchone()
        return None if row is None else (int(row[0]), self._time_or_none(row[1]))

    def exists(self, comparison_id: str) -> bool:
        return self.revision(comparison_id) is not None

    def list(
        self,
        search: str | None = None,
        limit: int = 50,
        offset: int = 0,
        now: datetime | None = None,
    ) -> builtins.list[Summary]:
        if limit < 0 or offset < 0:
            raise ValueError("limit and offset must not be negative")
        where, params = self._where(search, now)
        with self._session(write=False) as cursor:
            sql = f"{_SELECT_SUMMARY}{where}{_ORDER} LIMIT ? OFFSET ?"
            cursor.execute(sql, (*params, limit, offset))
            rows = cursor.fetchall()
        return [Summary(**self._decode(_SUMMARY_FIELDS, row)) for row in rows]

    def count(self, search: str | None = None, now: datetime | None = None) -> int:
        where, params = self._where(search, now)
        with self._session(write=False) as cursor:
            cursor.execute(f"SELECT count(*) FROM comparisons c{where}", params)
            return int(cursor.fetchone()[0])

    def update(
        self,
        comparison_id: str,
        visibility: Visibility | None = None,
        expires_at: datetime | None = None,
        clear_expiry: bool = False,
    ) -> bool:
        with self._session(write=True) as cursor:
            if not self._bump_revision(cursor, comparison_id):
                return False
            if visibility is not None:
                cursor.execute(
                    "UPDATE comparisons SET visibility = ? WHERE id = ?",
                    (visibility.value, comparison_id),
                )
            if expires_at is not None or clear_expiry:
                encoded = None if expires_at is None else self._encode_time(expires_at)
                cursor.execute(
                    "UPDATE comparisons SET expires_at = ? WHERE id = ?",
                    (None if clear_expiry else encoded, comparison_id),
                )
            return True

    def delete(self, comparison_id: str) -> bool:
        with self._session(write=True) as cursor:
            return self._delete(cursor, comparison_id)

    def _delete(self, cursor: Cursor, comparison_id: str) -> bool:
        """Delete the comparison, its comments and marks (by cascade), and its
        result unless another comparison still uses it."""
        cursor.execute("SELECT result_id FROM comparisons WHERE id = ?", (comparison_id,))
        row = cursor.fetchone()
        if row is None:
            return False
        # A story's page that linked to it is drawn again (the pair is computed anew).
        cursor.execute(
            "UPDATE stories SET revision = revision + 1 WHERE id IN"
            " (SELECT story_id FROM story_pairs WHERE comparison_id = ?)",
            (comparison_id,),
        )
        cursor.execute("DELETE FROM comparisons WHERE id = ?", (comparison_id,))
        # A comparison created over the same result while we delete (PostgreSQL)
        # makes this delete fail its foreign key: the result is in use again,
        # so it stays, and the savepoint keeps the rest of the transaction.
        cursor.execute("SAVEPOINT orphan_result")
        try:
            cursor.execute(_DELETE_ORPHAN_RESULT, (row[0], row[0]))
        except self._integrity_error:
            cursor.execute("ROLLBACK TO SAVEPOINT orphan_result")
        cursor.execute("RELEASE SAVEPOINT orphan_result")
        return True

    def sweep(self, now: datetime, batch: int = 500) -> int:
        """Delete every comparison expired by `now` with its texts, comments and
        marks, noting its id in `expired`; how many went."""
        swept = 0
        while True:
            with self._session(write=True) as cursor:
                cursor.execute(self._expired_batch, (self._encode_time(now), batch))
                expired = [(row[0], row[1]) for row in cursor.fetchall()]
                for comparison_id, expired_at in expired:
                    self._note_expired(cursor, comparison_id, expired_at)
                    self._delete(cursor, comparison_id)
            swept += len(expired)
            if len(expired) < batch:
                return swept

    # Several workers sweep at once: on PostgreSQL each skips the rows
    # another is deleting instead of queueing behind it (SQLite has one writer).
    @property
    def _expired_batch(self) -> str:
        lock = " FOR UPDATE SKIP LOCKED" if self.dialect == "postgresql" else ""
        return (
            "SELECT id, expires_at FROM comparisons WHERE expires_at <= ?"
            f" ORDER BY expires_at LIMIT ?{lock}"
        )

    def expired_at(self, comparison_id: str) -> datetime | None:
        with self._session(write=False) as cursor:
            cursor.execute("SELECT expired_at FROM expired WHERE id = ?", (comparison_id,))
            row = cursor.fetchone()
        return None if row is None else self._decode_time(row[0])

    def _where(self, search: str | None, now: datetime | None) -> tuple[str, tuple[object, ...]]:
        """Only listed comparisons, not expired by `now`, whose title holds `search`."""
        conditions = ["c.visibility = ?"]
        params: list[object] = [Visibility.LISTED.value]
        if now is not None:
            conditions.append("(c.expires_at IS NULL OR c.expires_at > ?)")
            params.append(self._encode_time(now))
        key = (search or "").strip().casefold()
        if key:
            conditions.append(self._contains)
            params.append(key)
        return " WHERE " + " AND ".join(conditions), tuple(params)

    def _encode(self, name: str, value: Any) -> object:
        if isinstance(value, JsonText):
            return value.text
        if name in _JSON_FIELDS:
            return dump_json(value)
        if name in _SOURCE_FIELDS:
            return dump_json(value.as_json())
        if name in _TIME_FIELDS:
            return None if value is None else self._encode_time(value)
        if name == "visibility":
            return value.value
        return value

    def _decode(self, names: tuple[str, ...], row: tuple[Any, ...]) -> dict[str, Any]:
        decoded: dict[str, Any] = {}
        for name, value in zip(names, row, strict=True):
            if name == "comparison":
                decoded["comparison_json"] = JsonText(value)
            elif name in _JSON_FIELDS:
                decoded[name] = json.loads(value)
            elif name in _SOURCE_FIELDS:
                decoded[name] = Source.from_json(json.loads(value))
            elif name in _TIME_FIELDS:
                decoded[name] = self._time_or_none(value)
            elif name == "visibility":
                decoded[name] = Visibility(value)
            else:
                decoded[name] = value
        return decoded


def _field(record: StoredComparison, column: str) -> object:
    # The comparison column is written from the JSON's text, never re-encoded.
    return record.comparison_json if column == "comparison" else getattr(record, column)
