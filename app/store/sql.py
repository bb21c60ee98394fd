"""The SQL shared by both backends: records to rows and back, and the queries.

Subclasses supply the dialect: how to borrow a connection and run a
transaction (`_session`), how timestamps are stored, and how to test that the
folded title contains the search.
"""

from __future__ import annotations

import builtins
import json
from abc import ABC, abstractmethod
from contextlib import AbstractContextManager
from dataclasses import fields
from datetime import datetime
from types import TracebackType
from typing import Any, ClassVar, Self

from app.store import migrations
from app.store.dbapi import Cursor, Dialect
from app.store.records import Source, StoredComparison, Summary

# Columns are named after the dataclass fields, so adding a field means adding
# a column of the same name (in a new migration) and nothing here.
_RECORD_FIELDS = tuple(field.name for field in fields(StoredComparison))
_SUMMARY_FIELDS = tuple(field.name for field in fields(Summary))
_JSON_FIELDS = frozenset({"options", "comparison", "row_counts"})
_SOURCE_FIELDS = frozenset({"left_source", "right_source"})
_SELECT_RECORD = f"SELECT {', '.join(_RECORD_FIELDS)} FROM comparisons"
_SELECT_SUMMARY = f"SELECT {', '.join(_SUMMARY_FIELDS)} FROM comparisons"

_INSERT = (
    f"INSERT INTO comparisons ({', '.join(_RECORD_FIELDS)}, title_key)"
    f" VALUES ({', '.join('?' for _ in range(len(_RECORD_FIELDS) + 1))})"
    # Ids are content hashes: a second put of an id is the same comparison, so
    # keeping the first is right, and doing it in the INSERT makes concurrent
    # puts of one id safe without a read-then-write race.
    " ON CONFLICT (id) DO NOTHING"
)
_ORDER = " ORDER BY created_at DESC, id DESC"


def _dump_json(value: object) -> str:
    # Compact and not ASCII-escaped: the comparison JSON holds both texts, which
    # \u-escaping would make up to six times larger. Control characters are
    # still escaped by json, so the text never holds a raw NUL. NaN is refused
    # because it is not JSON and other readers would choke on it.
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


class SqlStore(ABC):
    """A `ComparisonStore` over a SQL database; see `SqliteStore`, `PostgresStore`."""

    dialect: ClassVar[Dialect]
    # A SQL condition true when title_key contains the one `?` parameter,
    # comparing characters literally (no LIKE wildcards to escape).
    _contains: ClassVar[str]

    @abstractmethod
    def _session(self, write: bool) -> AbstractContextManager[Cursor]:
        """A cursor on a borrowed connection; with `write`, inside a transaction
        committed at the end of the block and rolled back if it raises."""

    @abstractmethod
    def _encode_time(self, value: datetime) -> object: ...

    @abstractmethod
    def _decode_time(self, value: Any) -> datetime: ...

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
        with self._session(write=True) as cursor:
            return migrations.migrate(cursor, self.dialect, target)

    def schema_version(self) -> int:
        with self._session(write=False) as cursor:
            return migrations.read_version(cursor, self.dialect)

    def put(self, record: StoredComparison) -> bool:
        values = [self._encode(name, getattr(record, name)) for name in _RECORD_FIELDS]
        values.append(record.title.casefold())
        with self._session(write=True) as cursor:
            cursor.execute(_INSERT, values)
            return cursor.rowcount == 1

    def get(self, comparison_id: str) -> StoredComparison | None:
        with self._session(write=False) as cursor:
            cursor.execute(f"{_SELECT_RECORD} WHERE id = ?", (comparison_id,))
            row = cursor.fetchone()
        return None if row is None else StoredComparison(**self._decode(_RECORD_FIELDS, row))

    def exists(self, comparison_id: str) -> bool:
        with self._session(write=False) as cursor:
            cursor.execute("SELECT 1 FROM comparisons WHERE id = ?", (comparison_id,))
            return cursor.fetchone() is not None

    def list(
        self, search: str | None = None, limit: int = 50, offset: int = 0
    ) -> builtins.list[Summary]:
        if limit < 0 or offset < 0:
            raise ValueError("limit and offset must not be negative")
        where, params = self._where(search)
        with self._session(write=False) as cursor:
            sql = f"{_SELECT_SUMMARY}{where}{_ORDER} LIMIT ? OFFSET ?"
            cursor.execute(sql, (*params, limit, offset))
            rows = cursor.fetchall()
        return [Summary(**self._decode(_SUMMARY_FIELDS, row)) for row in rows]

    def count(self, search: str | None = None) -> int:
        where, params = self._where(search)
        with self._session(write=False) as cursor:
            cursor.execute(f"SELECT count(*) FROM comparisons{where}", params)
            return int(cursor.fetchone()[0])

    def delete(self, comparison_id: str) -> bool:
        with self._session(write=True) as cursor:
            cursor.execute("DELETE FROM comparisons WHERE id = ?", (comparison_id,))
            return cursor.rowcount == 1

    def _where(self, search: str | None) -> tuple[str, tuple[str, ...]]:
        key = (search or "").strip().casefold()
        return (f" WHERE {self._contains}", (key,)) if key else ("", ())

    def _encode(self, name: str, value: Any) -> object:
        if name in _JSON_FIELDS:
            return _dump_json(value)
        if name in _SOURCE_FIELDS:
            return _dump_json(value.as_json())
        if name == "created_at":
            return self._encode_time(value)
        return value

    def _decode(self, names: tuple[str, ...], row: tuple[Any, ...]) -> dict[str, Any]:
        decoded: dict[str, Any] = {}
        for name, value in zip(names, row, strict=True):
            if name in _JSON_FIELDS:
                decoded[name] = json.loads(value)
            elif name in _SOURCE_FIELDS:
                decoded[name] = Source.from_json(json.loads(value))
            elif name == "created_at":
                decoded[name] = self._decode_time(value)
            else:
                decoded[name] = value
        return decoded
