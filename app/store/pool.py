"""A minimal connection pool, shared by the SQLite and PostgreSQL stores.

Why a pool and not one connection per thread: FastAPI runs sync endpoints in
a thread pool whose idle threads exit and get replaced, so per-thread
connections would pile up (or need finalizers to close them). Why not one
connection behind a lock: it would serialize every request, and under
SQLite's WAL readers can run alongside the writer only on separate
connections. So each operation borrows a connection, uses it on its own
thread, and returns it; at most `max_idle` stay open between operations.

The pool never caps how many connections are lent at once: concurrency is
already capped by the web server's thread pool (40 threads by default in
AnyIO), well under PostgreSQL's default max_connections of 100.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

from app.store.base import StoreClosedError

C = TypeVar("C")


class ConnectionPool(Generic[C]):
    """Idle connections for reuse, each lent to one thread at a time."""

    def __init__(
        self, connect: Callable[[], C], close: Callable[[C], None], max_idle: int = 8
    ) -> None:
        self._connect = connect
        self._close_connection = close
        self._max_idle = max_idle
        self._idle: list[C] = []
        self._closed = False
        self._lock = threading.Lock()

    def acquire(self) -> C:
        """An idle connection (the most recently used: likeliest still alive) or a new one."""
        with self._lock:
            if self._closed:
                raise StoreClosedError("the store is closed")
            if self._idle:
                return self._idle.pop()
        # Connecting outside the lock: a slow PostgreSQL handshake must not
        # hold up the threads that only need an idle connection.
        return self._connect()

    def release(self, connection: C, reusable: bool) -> None:
        """Take `connection` back; close it if it is broken, surplus or the pool closed."""
        with self._lock:
            if reusable and not self._closed and len(self._idle) < self._max_idle:
                self._idle.append(connection)
                return
        self._close_connection(connection)

    def close(self) -> None:
        """Close the idle connections now; lent ones are closed when released.

        Lent connections are not closed here because another thread is using
        them, and neither sqlite3 nor psycopg lets one close a connection under
        another thread's query safely.
        """
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
        for connection in idle:
            self._close_connection(connection)

    @property
    def closed(self) -> bool:
        return self._closed
