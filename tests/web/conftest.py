"""Fixtures for the web tests: an app per test over a fresh SQLite file, served
in process (httpx over ASGI) with its lifespan run, so the seeds are loaded."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from app.settings import Settings
from app.web.app import create_app
from app.web.serving.identity import SESSION_COOKIE, csrf_token_for
from tests.web.corpus import KINDS_LEFT, KINDS_RIGHT, KINDS_TITLE

REPO = Path(__file__).resolve().parents[2]
SEEDS_DIR = REPO / "seeds"
SEED_TITLE = "Five things to know about the Russia-Ukraine peace talks"
TEST_HOST = "testserver"
BASE_URL = f"http://{TEST_HOST}"
# Every test client is a browser with this session, so its form posts carry
# the token its pages would hold (`with_token`).
TEST_SESSION = "test-session-0123456789"
FORM_TOKEN = csrf_token_for(TEST_SESSION)

Serve = Callable[..., AbstractAsyncContextManager[httpx.AsyncClient]]


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


def served_settings(database_url: str, seeds_dir: str = str(SEEDS_DIR)) -> Settings:
    """Settings of an app the test client reaches, by its host name."""
    return Settings(
        database_url=database_url,
        seeds_dir=seeds_dir,
        allowed_hosts=TEST_HOST,
        public_url=BASE_URL,
    )


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return served_settings(f"sqlite:///{tmp_path / 't.db'}")


@asynccontextmanager
async def serving(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """A client for `app`, between its start-up and its shutdown."""
    transport = httpx.ASGITransport(app=app)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=transport, base_url=BASE_URL) as client,
    ):
        client.cookies.set(SESSION_COOKIE, TEST_SESSION)
        yield client


def with_token(fields: Mapping[str, Any]) -> dict[str, Any]:
    """A form's fields with the CSRF token the test client's pages carry."""
    return {**fields, "csrf_token": FORM_TOKEN}


@pytest.fixture
def serve(settings: Settings) -> Serve:
    """serve(**changes): a client for an app whose settings differ by `changes`."""

    def start(**changes: Any) -> AbstractAsyncContextManager[httpx.AsyncClient]:
        return serving(create_app(replace(settings, **changes)))

    return start


@pytest.fixture
async def client(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    async with serving(create_app(settings)) as started:
        yield started


async def create(
    client: httpx.AsyncClient,
    left: str,
    right: str,
    *,
    title: str = "",
    labels: tuple[str, str] = ("", ""),
    granularity: str = "word",
    visibility: str = "listed",
) -> str:
    """Store a comparison through the API (listed, unless told otherwise); its id."""
    body = {
        "title": title,
        "left": {"text": left, "label": labels[0]},
        "right": {"text": right, "label": labels[1]},
        "options": {"granularity": granularity},
        "visibility": visibility,
    }
    response = await client.post("/api/comparisons", json=body)
    assert response.status_code in (200, 201), response.text
    comparison_id: str = response.json()["id"]
    return comparison_id


@pytest.fixture
async def kinds_id(client: httpx.AsyncClient) -> str:
    """A stored comparison with a row of every kind and a fold."""
    return await create(client, KINDS_LEFT, KINDS_RIGHT, title=KINDS_TITLE, labels=("Wire", "Copy"))


async def seed_id(client: httpx.AsyncClient) -> str:
    response = await client.get("/api/comparisons", params={"q": SEED_TITLE})
    (item,) = response.json()["comparisons"]
    found: str = item["id"]
    return found
