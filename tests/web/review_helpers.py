"""Helpers for the review tests: a comparison to review, and its rows by kind."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from tests.web.conftest import with_token
from tests.web.corpus import KINDS_LEFT, KINDS_RIGHT


async def make_reviewable(client: httpx.AsyncClient, **extra: Any) -> dict[str, Any]:
    """A comparison with a row of every kind, as the API created it (its owner token too)."""
    body = {"title": "Kinds", "left": {"text": KINDS_LEFT}, "right": {"text": KINDS_RIGHT}}
    created = await client.post("/api/comparisons", json={**body, **extra})
    assert created.status_code == 201, created.text
    made: dict[str, Any] = created.json()
    return made


async def expire_soon(client: httpx.AsyncClient, made: dict[str, Any], seconds: float) -> None:
    """Make the comparison expire `seconds` from now (set after its creation,
    whose time on a loaded machine is not what such a test is about)."""
    soon = (datetime.now(UTC) + timedelta(seconds=seconds)).isoformat()
    owner = {"X-Owner-Token": made["owner_token"]}
    expiring = await client.patch(made["api_url"], json={"expires_at": soon}, headers=owner)
    assert expiring.status_code == 204, expiring.text


async def rows_of(client: httpx.AsyncClient, made: dict[str, Any]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = (await client.get(made["json_url"])).json()["rows"]
    return rows


async def first_row(client: httpx.AsyncClient, made: dict[str, Any], op: str) -> int:
    """The number (from 1) of the first row of kind `op`."""
    rows = await rows_of(client, made)
    return next(number for number, row in enumerate(rows, start=1) if row["op"] == op)


async def post_form(
    client: httpx.AsyncClient, path: str, fields: dict[str, Any], **headers: str
) -> httpx.Response:
    """A form post as the page's forms send it: with the token."""
    return await client.post(path, data=with_token(fields), headers=headers)
