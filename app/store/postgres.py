"""The PostgreSQL store, through psycopg 3."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import psycopg
from psycopg.pq import TransactionStatus

from app.store.dbapi import Cursor
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

    A connection broken under an operation (server restart) makes that
    operation raise psycopg.OperationalError and is dropped; the next operation
    connects afresh.
    """

    dialect = "postgresql"
    local_reads = False
    _integrity_error = psycopg.IntegrityError
    _contains = "strpos(title_key, ?) > 0"

    def __init__(self, url: str) -> None:
        self._url = url
        self._pool: ConnectionPool[PgConnection] = ConnectionPool(self._connect, _close)
        # Connect once now so that a bad URL fails at open, not at first use.
        self._pool.release(self._pool.acquire(), reusable=True)

    def _connect(self) -> PgConnection:
        return psycopg.connect(self._url, autocommit=True)

    @contextmanager
    def _session(self, write: bool) -> Iterator[Cursor]:
        connection = self._pool.acquire()
        try:
            with connection.cursor() as cursor:
                if write:
                    with connection.transaction():
                        yield _QmarkCursor(cursor)
                else:
                    yield _QmarkCursor(cursor)
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


def _reusable(connection: PgConnection) -> bool:
    return (
        not connection.closed
        and not connection.broken
        and connection.info.transaction_status == TransactionStatus.IDLE
    )


def _close(connection: PgConnection) -> None:
    connection.close()
