"""A creation retried under the same idempotency key: the same comparison and owner
token, on both backends; the database keeps neither the key nor the token."""

from __future__ import annotations

import asyncio
import sqlite3
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import httpx
import psycopg
import pytest

from app.store import open_store
from app.web.app import create_app
from tests.store.conftest import (  # noqa: F401 (fixtures)
    database_url,
    postgres_server_url,
    postgres_url,
)
from tests.web.conftest import served_settings, serving, with_token

pytestmark = pytest.mark.anyio

BODY = {
    "title": "Retried",
    "left": {"text": "The council met on Monday. It approved the budget."},
    "right": {"text": "The council met on Tuesday. It approved the budget."},
}


@pytest.fixture
async def client(database_url: str) -> AsyncIterator[httpx.AsyncClient]:  # noqa: F811
    async with serving(create_app(served_settings(database_url, seeds_dir=""))) as started:
        yield started


def keyed(key: str) -> dict[str, str]:
    return {"Idempotency-Key": key}


async def total(client: httpx.AsyncClient) -> int:
    count: int = (await client.get("/api/comparisons", params={"limit": 1})).json()["total"]
    return count


async def test_a_retry_gets_the_same_comparison_and_token(client: httpx.AsyncClient) -> None:
    key = str(uuid.uuid4())
    first = await client.post(
        "/api/comparisons", json={**BODY, "visibility": "listed"}, headers=keyed(key)
    )
    again = await client.post(
        "/api/comparisons", json={**BODY, "visibility": "listed"}, headers=keyed(key)
    )
    assert first.status_code == again.status_code == 201
    assert "idempotent-replayed" not in first.headers
    assert again.headers["idempotent-replayed"] == "true"
    assert again.json() == first.json()
    assert await total(client) == 1
    other = await client.post(
        "/api/comparisons", json={**BODY, "visibility": "listed"}, headers=keyed(key + "-2")
    )
    assert other.json()["id"] != first.json()["id"] and await total(client) == 2
    # The token given again is the real one: it deletes.
    token = {"X-Owner-Token": again.json()["owner_token"]}
    assert (await client.delete(first.json()["api_url"], headers=token)).status_code == 204


async def test_concurrent_attempts_make_one_comparison(client: httpx.AsyncClient) -> None:
    key = str(uuid.uuid4())
    answers = await asyncio.gather(
        *(client.post("/api/comparisons", json=BODY, headers=keyed(key)) for _ in range(4))
    )
    assert {answer.status_code for answer in answers} == {201}
    assert len({(a.json()["id"], a.json()["owner_token"]) for a in answers}) == 1


@pytest.mark.parametrize(
    ("key", "changed", "words"),
    [
        ("short", {}, "16 to 200 printable ASCII"),
        ("with a space in the key", {}, "16 to 200 printable ASCII"),
        (None, {"title": "Another title"}, "already used for a different comparison"),
        (None, {"right": {"text": "Another text."}}, "already used for a different comparison"),
    ],
)
async def test_a_bad_or_reused_key_is_a_400(
    client: httpx.AsyncClient, key: str | None, changed: dict[str, object], words: str
) -> None:
    reused = str(uuid.uuid4())
    if key is None:
        assert (
            await client.post("/api/comparisons", json=BODY, headers=keyed(reused))
        ).status_code == 201
    response = await client.post(
        "/api/comparisons", json={**BODY, **changed}, headers=keyed(key or reused)
    )
    assert response.status_code == 400
    assert words in response.json()["error"]["message"]


async def test_the_database_keeps_neither_key_nor_token(
    client: httpx.AsyncClient,
    database_url: str,  # noqa: F811
) -> None:
    key = str(uuid.uuid4())
    created = (await client.post("/api/comparisons", json=BODY, headers=keyed(key))).json()
    query = "SELECT key_hash, comparison_id, request_hash, sealed_token FROM creation_keys"
    if database_url.startswith("sqlite"):
        with sqlite3.connect(database_url.removeprefix("sqlite:///")) as connection:
            rows = connection.execute(query).fetchall()
    else:
        with psycopg.connect(database_url) as connection:
            rows = connection.execute(query).fetchall()
    assert [row[1] for row in rows] == [created["id"]]
    stored = " ".join(str(value) for value in rows[0])
    assert key not in stored and created["owner_token"] not in stored


async def test_the_key_is_forgotten_after_a_day(
    client: httpx.AsyncClient,
    database_url: str,  # noqa: F811
) -> None:
    key = str(uuid.uuid4())
    first = (await client.post("/api/comparisons", json=BODY, headers=keyed(key))).json()
    with open_store(database_url) as store:
        assert store.forget_keys(datetime.now(UTC) + timedelta(seconds=1)) == 1
    again = (await client.post("/api/comparisons", json=BODY, headers=keyed(key))).json()
    assert again["id"] != first["id"]


async def test_the_form_sent_twice_makes_one_comparison(client: httpx.AsyncClient) -> None:
    form = await client.get("/new")
    key = form.text.split('name="idempotency_key" value="')[1].split('"')[0]
    assert len(key) >= 16
    fields = {"left_text": BODY["left"]["text"], "right_text": BODY["right"]["text"]}  # type: ignore[index]
    posted = [
        await client.post("/new", data=with_token({**fields, "idempotency_key": key}))
        for _ in range(2)
    ]
    assert [p.status_code for p in posted] == [303, 303]
    assert posted[0].headers["location"] == posted[1].headers["location"]
    # The same form sent back with other texts (Back, edit, send) is a new comparison.
    edited = await client.post(
        "/new",
        data=with_token({**fields, "right_text": "Quite another text.", "idempotency_key": key}),
    )
    assert edited.status_code == 303
    assert edited.headers["location"] != posted[0].headers["location"]
