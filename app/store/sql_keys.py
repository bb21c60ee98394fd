"""Creation keys (idempotency keys), shared by both backends: a creation retried
with the same key finds the comparison the first attempt saved.

The comparison and its key are saved in one transaction, so a key never
points at nothing and a comparison made under a key is never saved twice.
What is kept of a key is its hash; the owner token is kept sealed with the
key (see app.idempotency), so the database alone gives neither.
"""

from __future__ import annotations

from abc import abstractmethod
from datetime import datetime

from app.store.dbapi import Cursor
from app.store.records import CreationKey, StoredComparison
from app.store.sql_base import SqlBase

_COLUMNS = ("key_hash", "comparison_id", "request_hash", "sealed_token", "created_at")
_SELECT = f"SELECT {', '.join(_COLUMNS)} FROM creation_keys WHERE key_hash = ?"
_INSERT = (
    f"INSERT INTO creation_keys ({', '.join(_COLUMNS)}) VALUES (?, ?, ?, ?, ?)"
    " ON CONFLICT (key_hash) DO NOTHING"
)


class _KeyTakenError(Exception):
    """Another transaction saved the key first: this one's comparison is rolled back."""


class CreationKeyQueries(SqlBase):
    @abstractmethod
    def _insert_record(self, cursor: Cursor, record: StoredComparison) -> bool:
        """Insert the comparison and its result, in the caller's transaction."""

    def creation_key(self, key_hash: str) -> CreationKey | None:
        """The creation saved under `key_hash`, or None."""
        with self._session(write=False) as cursor:
            return self._read_key(cursor, key_hash)

    def put_keyed(self, record: StoredComparison, key: CreationKey) -> CreationKey:
        """Save `record` and `key` in one transaction, unless a creation is saved
        under `key.key_hash` already: then nothing is saved and that one is
        returned. Returns `key` when `record` was saved."""
        try:
            with self._session(write=True) as cursor:
                found = self._read_key(cursor, key.key_hash)
                if found is not None:
                    return found
                self._insert_record(cursor, record)
                cursor.execute(_INSERT, self._key_row(key))
                if cursor.rowcount != 1:
                    # PostgreSQL: a concurrent transaction took the key between
                    # our read and our insert (SQLite admits one writer at a time).
                    raise _KeyTakenError
                return key
        except _KeyTakenError:
            taken = self.creation_key(key.key_hash)
            assert taken is not None, "a key once saved goes only with its comparison"
            return taken

    def forget_keys(self, before: datetime) -> int:
        """Delete the keys saved before `before` (a retry comes within minutes); how many."""
        with self._session(write=True) as cursor:
            cursor.execute(
                "DELETE FROM creation_keys WHERE created_at < ?", (self._encode_time(before),)
            )
            return cursor.rowcount

    def _read_key(self, cursor: Cursor, key_hash: str) -> CreationKey | None:
        cursor.execute(_SELECT, (key_hash,))
        row = cursor.fetchone()
        if row is None:
            return None
        key_hash, comparison_id, request_hash, sealed_token, created_at = row
        return CreationKey(
            key_hash, comparison_id, request_hash, sealed_token, self._decode_time(created_at)
        )

    def _key_row(self, key: CreationKey) -> tuple[object, ...]:
        return (
            key.key_hash,
            key.comparison_id,
            key.request_hash,
            key.sealed_token,
            self._encode_time(key.created_at),
        )
