"""Fixtures for the robustness tests: the app in process (httpx over ASGI, its
lifespan run, as in tests/web), and the throwaway PostgreSQL server of the
store tests (it skips without PostgreSQL, unless CI is set)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from app.settings import Settings
from app.web.app import create_app
from tests.store.conftest import postgres_server_url, postgres_url
from tests.web.conftest import TEST_HOST, serving

__all__ = ["postgres_server_url", "postgres_url"]  # fixtures, for test_scale_out


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """A fresh SQLite file and no seeds (the tests here need none: faster start-up)."""
    return Settings(
        database_url=f"sqlite:///{tmp_path / 'robust.db'}", seeds_dir="", allowed_hosts=TEST_HOST
    )


@pytest.fixture
def app(settings: Settings) -> FastAPI:
    return create_app(settings)


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with serving(app) as started:
        yield started
