"""The owner's forms for watched links on a story's page: watch a link, stop
watching it, watch a paused one again; nobody else sees or may post them."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import httpx
import pytest

from app.settings import Settings
from tests.web.conftest import with_token
from tests.web.html import Element, parse
from tests.web.story_corpus import create_story

pytestmark = pytest.mark.anyio
LINK = "https://news.example/live"


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return replace(settings, seeds_dir="")


def _owner(made: dict[str, Any]) -> dict[str, str]:
    return {"X-Owner-Token": made["owner_token"]}


async def _section(client: httpx.AsyncClient, made: dict[str, Any], **headers: str) -> Element:
    page = await client.get(made["url"], headers=headers)
    return parse(page.text).by_id("watched")


async def _links(client: httpx.AsyncClient, made: dict[str, Any]) -> list[dict[str, Any]]:
    listed: list[dict[str, Any]] = (await client.get(f"{made['api_url']}/watched")).json()[
        "watched"
    ]
    return listed


async def test_the_owner_watches_a_link_from_the_page(client: httpx.AsyncClient) -> None:
    made = await create_story(client)
    assert "watched" not in parse((await client.get(made["url"])).text).ids()  # a reader's page
    form = (await _section(client, made, **_owner(made))).find("form", "watch-form")
    choices = [option.get("value") for option in form.find_all("option")]
    assert "900" in choices  # the default interval, 15 minutes
    fields = with_token({"url": LINK, "interval_seconds": "3600"})
    added = await client.post(form.get("action"), data=fields, headers=_owner(made))
    assert added.status_code == 303 and added.headers["location"] == f"{made['url']}#watched"
    [link] = await _links(client, made)
    assert (link["url"], link["interval_seconds"]) == (LINK, 3600)
    shown = await _section(client, made)
    assert LINK in shown.text and "every 1 hour" in shown.text


@pytest.mark.parametrize(
    ("fields", "headers", "status"),
    [
        ({"url": LINK}, {}, 403),  # not the owner
        ({"url": LINK, "csrf_token": "forged"}, None, 403),  # another site's post
        ({"url": "ftp://news.example/live"}, None, 422),
        ({"url": LINK, "interval_seconds": "5"}, None, 422),
    ],
)
async def test_a_post_that_cannot_watch_is_refused(
    client: httpx.AsyncClient, fields: dict[str, str], headers: dict[str, str] | None, status: int
) -> None:
    made = await create_story(client)
    sent = with_token(fields) if "csrf_token" not in fields else fields
    refused = await client.post(
        f"{made['url']}/watch", data=sent, headers=_owner(made) if headers is None else headers
    )
    assert refused.status_code == status
    assert await _links(client, made) == []


async def test_the_owner_stops_watching_from_the_page(client: httpx.AsyncClient) -> None:
    made = await create_story(client)
    await client.post(f"{made['url']}/watch", data=with_token({"url": LINK}), headers=_owner(made))
    [link] = await _links(client, made)
    section = await _section(client, made, **_owner(made))
    actions = [form.get("action") for form in section.find_all("form")]
    remove = f"{made['url']}/watch/{link['id']}/remove"
    assert remove in actions
    assert (await client.post(remove, data=with_token({}))).status_code == 403  # a stranger
    removed = await client.post(remove, data=with_token({}), headers=_owner(made))
    assert removed.status_code == 303
    assert await _links(client, made) == []
