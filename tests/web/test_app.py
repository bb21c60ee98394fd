"""create_app: independent apps, the store it is given, the cache, the last-resort 500."""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

import httpx
import pytest

from app.settings import Settings
from app.store import StoredComparison
from app.store.sqlite import SqliteStore
from app.web.app import create_app
from app.web.serving.cache import LruCache
from tests.web.conftest import BASE_URL, TEST_HOST, serving
from tests.web.html import parse

pytestmark = pytest.mark.anyio


class FailingStore(SqliteStore):
    """A store whose reads fail, as a database that went away would."""

    def get(self, comparison_id: str) -> StoredComparison | None:
        raise RuntimeError("database went away")

    def revision(self, comparison_id: str) -> tuple[int, datetime | None] | None:
        raise RuntimeError("database went away")


async def test_a_given_store_is_used_and_left_open(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "given.db")
    store.migrate()
    app = create_app(Settings(seeds_dir="", allowed_hosts=TEST_HOST), store=store)
    async with serving(app) as client:
        created = await client.post(
            "/api/comparisons", json={"left": {"text": "One."}, "right": {"text": "Two."}}
        )
        assert created.status_code == 201
    assert store.get(created.json()["id"]) is not None  # still open after the app stopped
    store.close()


async def test_an_unexpected_error_is_a_logged_500_page(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    store = FailingStore(tmp_path / "failing.db")
    store.migrate()
    app = create_app(Settings(seeds_dir="", allowed_hosts=TEST_HOST), store=store)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=transport, base_url=BASE_URL) as client,
    ):
        with caplog.at_level(logging.ERROR, logger="app.web.serving.errors"):
            page = await client.get("/c/0123456789abcdef0123")
            api = await client.get("/api/comparisons/0123456789abcdef0123")
    assert page.status_code == 500
    assert "Something went wrong" in parse(page.text).find("p", "notice-message").text
    assert api.status_code == 500
    assert api.json()["error"]["status"] == 500
    assert "database went away" in caplog.text
    store.close()


def test_lru_cache_keeps_the_most_recently_used() -> None:
    cache: LruCache[str] = LruCache(2)
    computed: list[str] = []
    for key in ("a", "b", "a", "c", "a", "b"):
        if cache.get(key) is None:
            computed.append(key)
            cache.put(key, key.upper())
        assert cache.get(key) == key.upper()
    assert computed == ["a", "b", "c", "b"]  # "b" was evicted by "c", "a" stayed
    assert len(cache) == 2


def test_lru_cache_of_size_zero_keeps_nothing() -> None:
    cache: LruCache[int] = LruCache(0)
    cache.put("k", 1)
    assert (cache.get("k"), len(cache)) == (None, 0)


@pytest.mark.parametrize(
    ("sizes", "kept"),
    [
        ([("a", 40), ("b", 40), ("c", 40)], ["b", "c"]),  # "a" dropped for the bytes
        ([("a", 10), ("b", 10), ("c", 10)], ["b", "c"]),  # "a" dropped for the count
        ([("a", 40), ("big", 101)], ["a"]),  # larger than the whole cache: not kept
        ([("a", 60), ("a", 30), ("b", 60)], ["a", "b"]),  # a replaced entry's size counts once
    ],
)
def test_lru_cache_is_bounded_in_bytes_too(sizes: list[tuple[str, int]], kept: list[str]) -> None:
    cache: LruCache[str] = LruCache(2, max_bytes=100)
    for key, size in sizes:
        cache.put(key, key, size)
    assert [key for key in ("a", "b", "c", "big") if cache.get(key)] == kept
    assert cache.size <= 100
