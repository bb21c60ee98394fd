"""The SQLite store: one database file, standard library sqlite3, WAL mode."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from app.store.base import StoreError
from app.store.dbapi import Cursor
from app.store.faults import BROKEN, BUSY, DISK_FULL, READ_ONLY, Fault, StoreUnavailableError
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

    Read-only: a database file (or its folder) that cannot be written is
    opened read-only (`read_only`): reads work, writes raise
    StoreUnavailableError. On a read-only file system, where SQLite cannot
    make the WAL's shared-memory file, it is opened as immutable (nobody can
    be writing it there).

    Faults (a lock held past the busy timeout, a full disk, an I/O error)
    raise StoreUnavailableError; the connection is rolled back and kept.
    """

    dialect = "sqlite"
    local_reads = True
    _integrity_error = sqlite3.IntegrityError
    _contains = "instr(title_key, ?) > 0"

    def __init__(self, path: Path, busy_timeout_ms: int = 5000) -> None:
        self.path = path
        self._busy_timeout_ms = busy_timeout_ms
        path.parent.mkdir(parents=True, exist_ok=True)
        self.read_only = path.exists() and not _writable(path)
        self._uri = f"file:{quote(str(path))}?mode=ro" if self.read_only else None
        if self.read_only and not _readable_with_wal_files(self._uri or ""):
            self._uri = f"{self._uri}&immutable=1"
        self._pool: ConnectionPool[sqlite3.Connection] = ConnectionPool(
            self._connect, sqlite3.Connection.close
        )
        # Connect once now so that a bad path fails at open, not at first use.
        self._pool.release(self._pool.acquire(), reusable=True)

    def _connect(self) -> sqlite3.Connection:
        # isolation_level=None: no implicit BEGIN; `_session` says where
        # transactions start and end.
        connection = sqlite3.connect(
            self._uri or self.path,
            timeout=self._busy_timeout_ms / 1000,
            isolation_level=None,
            check_same_thread=False,
            uri=self._uri is not None,
        )
        try:
            # journal_mode is stored in the file (a read-only one keeps its own);
            # the others are per connection.
            mode = "wal"
            if not self.read_only:
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
        if write and self.read_only:
            raise StoreUnavailableError(READ_ONLY)
        try:
            connection = self._pool.acquire()
        except sqlite3.Error as error:
            raise _unavailable(error) or error from None
        try:
            if write:
                connection.execute("BEGIN IMMEDIATE")
            yield connection.cursor()
            if write:
                connection.execute("COMMIT")
        except sqlite3.Error as error:
            unavailable = _unavailable(error)
            if unavailable is None:
                raise
            raise unavailable from error
        finally:
            self._pool.release(connection, _reset(connection))

    def _encode_time(self, value: datetime) -> object:
        # Fixed width (always microseconds, always +00:00), so text order is time order.
        return value.astimezone(UTC).isoformat(timespec="microseconds")

    def _decode_time(self, value: Any) -> datetime:
        return datetime.fromisoformat(value)

    def close(self) -> None:
        self._pool.close()


# SQLite's primary result codes that are faults, not bugs: BUSY, LOCKED,
# READONLY, IOERR, FULL, CANTOPEN.
_FAULTS: dict[int, Fault] = {5: BUSY, 6: BUSY, 8: READ_ONLY, 10: BROKEN, 13: DISK_FULL, 14: BROKEN}


def _unavailable(error: sqlite3.Error) -> StoreUnavailableError | None:
    """The fault `error` is, if it is one (extended codes carry the primary in their low byte)."""
    code = getattr(error, "sqlite_errorcode", None)
    fault = None if code is None else _FAULTS.get(code & 0xFF)
    return None if fault is None else StoreUnavailableError(fault)


def _writable(path: Path) -> bool:
    """Whether the file and its folder (where the WAL's files go) can be written;
    False on a read-only file system even for root."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _readable_with_wal_files(uri: str) -> bool:
    """Whether the read-only file can be read as it is: a WAL database needs its
    shared-memory file, which SQLite cannot make on a read-only file system."""
    try:
        with closing(sqlite3.connect(uri, uri=True)) as probe:
            probe.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.OperationalError:
        return False
    return True


def _reset(connection: sqlite3.Connection) -> bool:
    """Roll back whatever an error left open; whether the connection can be reused."""
    try:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
    except sqlite3.Error:
        return False
    return True
