"""The PostgreSQL store, through psycopg 3."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import psycopg
from psycopg.pq import TransactionStatus

from app.store.dbapi import Cursor
from app.store.faults import BROKEN, BUSY, DISK_FULL, DOWN, READ_ONLY, Fault, StoreUnavailableError
from app.store.pool import ConnectionPool
from app.store.sql import SqlStore

PgConnection = psycopg.Connection[tuple[Any, ...]]


class PostgresStore(SqlStore):
    """Comparisons in a PostgreSQL database, safe to share between threads.

    Thread safety: each operation borrows a connection from a small pool (see
    `app.store.pool`), so each transaction has a connection to itself; a
    psycopg connection shared by threads would interleave their transactions.
    Connections run in autocommit mode, and writes open an explicit
    transaction, so an idle pooled connection never sits inside a transaction.

    A connection broken under an operation (server restart), or none to be
    had, makes that operation raise StoreUnavailableError, as do a full disk,
    a lock not granted and a read-only server (a standby: `read_only`); a
    broken connection is dropped, and the next operation connects afresh.
    """

    dialect = "postgresql"
    local_reads = False
    _integrity_error = psycopg.IntegrityError
    _contains = "strpos(title_key, ?) > 0"

    def __init__(self, url: str) -> None:
        self._url = url
        self._pool: ConnectionPool[PgConnection] = ConnectionPool(self._connect, _close)
        # Connect once now so that a bad URL fails at open, not at first use.
        connection = self._pool.acquire()
        setting = connection.execute("SELECT current_setting('transaction_read_only')")
        self.read_only = setting.fetchone() == ("on",)
        self._pool.release(connection, reusable=True)

    def _connect(self) -> PgConnection:
        return psycopg.connect(self._url, autocommit=True)

    @contextmanager
    def _session(self, write: bool) -> Iterator[Cursor]:
        if write and self.read_only:
            raise StoreUnavailableError(READ_ONLY)
        try:
            connection = self._pool.acquire()
        except psycopg.Error as error:
            raise StoreUnavailableError(_fault(error) or DOWN) from None
        try:
            with connection.cursor() as cursor:
                if write:
                    with connection.transaction():
                        yield _QmarkCursor(cursor)
                else:
                    yield _QmarkCursor(cursor)
        except psycopg.Error as error:
            fault = _fault(error)
            if fault is None:
                raise
            raise StoreUnavailableError(fault) from error
        finally:
            self._pool.release(connection, _reusable(connection))

    def _encode_time(self, value: datetime) -> object:
        return value

    def _decode_time(self, value: Any) -> datetime:
        # psycopg returns timestamptz in the session's time zone; records are UTC.
        assert isinstance(value, datetime)
        return value.astimezone(UTC)

    def close(self) -> None:
        self._pool.close()


class _QmarkCursor:
    """A psycopg cursor that takes the shared SQL's `?` placeholders."""

    def __init__(self, cursor: psycopg.Cursor[tuple[Any, ...]]) -> None:
        self._cursor = cursor

    @property
    def rowcount(self) -> int:
        return self._cursor.rowcount

    def execute(self, sql: str, params: Sequence[Any] = (), /) -> object:
        # Safe as a plain replace because the shared SQL holds no literal `?`
        # (no jsonb ? operator) and no `%`: values only ever travel as params.
        return self._cursor.execute(sql.replace("?", "%s"), params)

    def fetchone(self) -> Any:
        return self._cursor.fetchone()

    def fetchall(self) -> list[Any]:
        return self._cursor.fetchall()


# SQLSTATEs that are faults, not bugs: disk full, read-only transaction, lock
# not available, deadlock, serialization failure; then whole classes.
_FAULTS = {"53100": DISK_FULL, "25006": READ_ONLY, "55P03": BUSY, "40P01": BUSY, "40001": BUSY}
_FAULT_CLASSES = {"08": DOWN, "53": BUSY, "57": DOWN, "58": BROKEN}


def _fault(error: psycopg.Error) -> Fault | None:
    """The fault `error` is: by its SQLSTATE, else DOWN for a connection that
    failed or broke (which has none), else None (a bug, or bad input)."""
    state = error.sqlstate or ""
    fault = _FAULTS.get(state) or _FAULT_CLASSES.get(state[:2])
    if fault is None and not state and isinstance(error, psycopg.OperationalError):
        return DOWN
    return fault


def _reusable(connection: PgConnection) -> bool:
    return (
        not connection.closed
        and not connection.broken
        and connection.info.transaction_status == TransactionStatus.IDLE
    )


def _close(connection: PgConnection) -> None:
    connection.close()
