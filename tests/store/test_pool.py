"""The connection pool, with stand-in connections."""

from __future__ import annotations

import itertools

import pytest

from app.store import StoreClosedError
from app.store.pool import ConnectionPool


def _pool(max_idle: int = 2) -> tuple[ConnectionPool[int], list[int]]:
    closed: list[int] = []
    return ConnectionPool(itertools.count().__next__, closed.append, max_idle), closed


def test_released_connections_are_reused_most_recent_first() -> None:
    pool, closed = _pool()
    first, second = pool.acquire(), pool.acquire()
    pool.release(first, reusable=True)
    pool.release(second, reusable=True)
    assert pool.acquire() == second
    assert pool.acquire() == first
    assert pool.acquire() == 2  # none idle: a new one
    assert closed == []


def test_broken_and_surplus_connections_are_closed() -> None:
    pool, closed = _pool(max_idle=1)
    a, b, c = pool.acquire(), pool.acquire(), pool.acquire()
    pool.release(a, reusable=False)
    pool.release(b, reusable=True)
    pool.release(c, reusable=True)
    assert closed == [a, c]


def test_close_closes_idle_ones_now_and_lent_ones_on_release() -> None:
    pool, closed = _pool()
    idle, lent = pool.acquire(), pool.acquire()
    pool.release(idle, reusable=True)
    pool.close()
    assert closed == [idle] and pool.closed
    pool.release(lent, reusable=True)
    assert closed == [idle, lent]
    with pytest.raises(StoreClosedError):
        pool.acquire()
