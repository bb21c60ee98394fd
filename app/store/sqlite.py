"""The SQLite store: one database file, standard library sqlite3, WAL mode."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from app.store.base import StoreError
from app.store.dbapi import Cursor
from app.store.pool import ConnectionPool
from app.store.sql import SqlStore


class SqliteStore(SqlStore):
    """Comparisons in a SQLite file, safe to share between threads.

    Thread safety: each operation borrows a connection from a small pool (see
    `app.store.pool` for why a pool rather than per-thread connections or one
    locked connection), so no sqlite3 connection is ever used by two threads
    at once. `check_same_thread=False` only lets a pooled connection move to
    another thread between operations.

    Concurrency: WAL lets readers run while one connection writes; writes start
    with BEGIN IMMEDIATE, which takes the write lock up front so that two
    writers queue on `busy_timeout` instead of deadlocking when both try to
    upgrade a read lock. synchronous=NORMAL is durable against crashes of the
    app (not of the OS, which may lose the last commits) and avoids an fsync
    per commit.
    """

    dialect = "sqlite"
    local_reads = True
    _integrity_error = sqlite3.IntegrityError
    _contains = "instr(title_key, ?) > 0"

    def __init__(self, path: Path, busy_timeout_ms: int = 5000) -> None:
        self.path = path
        self._busy_timeout_ms = busy_timeout_ms
        path.parent.mkdir(parents=True, exist_ok=True)
        self._pool: ConnectionPool[sqlite3.Connection] = ConnectionPool(
            self._connect, sqlite3.Connection.close
        )
        # Connect once now so that a bad path fails at open, not at first use.
        self._pool.release(self._pool.acquire(), reusable=True)

    def _connect(self) -> sqlite3.Connection:
        # isolation_level=None: no implicit BEGIN; `_session` says where
        # transactions start and end.
        connection = sqlite3.connect(
            self.path,
            timeout=self._busy_timeout_ms / 1000,
            isolation_level=None,
            check_same_thread=False,
        )
        try:
            # journal_mode is stored in the file; the others are per connection.
            mode = connection.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if mode != "wal":
                raise StoreError(f"{self.path}: cannot use WAL mode (journal mode {mode!r})")
            connection.execute("PRAGMA synchronous = NORMAL")
            connection.execute("PRAGMA foreign_keys = ON")
            connection.execute(f"PRAGMA busy_timeout = {int(self._busy_timeout_ms)}")
        except BaseException:
            connection.close()
            raise
        return connection

    @contextmanager
    def _session(self, write: bool) -> Iterator[Cursor]:
        connection = self._pool.acquire()
        try:
            if write:
                connection.execute("BEGIN IMMEDIATE")
            yield connection.cursor()
            if write:
                connection.execute("COMMIT")
        finally:
            self._pool.release(connection, _reset(connection))

    def _encode_time(self, value: datetime) -> object:
        # Fixed width (always microseconds, always +00:00), so text order is time order.
        return value.astimezone(UTC).isoformat(timespec="microseconds")

    def _decode_time(self, value: Any) -> datetime:
        return datetime.fromisoformat(value)

    def close(self) -> None:
        self._pool.close()


def _reset(connection: sqlite3.Connection) -> bool:
    """Roll back whatever an error left open; whether the connection can be reused."""
    try:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
    except sqlite3.Error:
        return False
    return True
