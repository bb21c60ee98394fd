"""A story's watched links over HTTP: only its owner adds or removes one, and
its page and JSON twin show each link, its latest checks, failures with their
reason, and a paused link with why."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from app.settings import Settings
from app.watch.run import build_watcher
from app.web.app import create_app
from tests.watch.page_server import Pages, serving
from tests.web.conftest import serving as serving_app
from tests.web.html import parse
from tests.web.story_corpus import create_story

pytestmark = pytest.mark.anyio


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return replace(settings, seeds_dir="", fetch_allow_private=True, watch_max_failures=2)


@pytest.fixture
def pages() -> Iterator[Pages]:
    with serving() as served:
        yield served


def _owner(made: dict[str, Any]) -> dict[str, str]:
    return {"X-Owner-Token": made["owner_token"]}


async def test_only_the_owner_adds_and_removes_a_watched_link(client: httpx.AsyncClient) -> None:
    made = await create_story(client)
    watched = f"{made['api_url']}/watched"
    body = {"url": "https://news.example/story", "interval_seconds": 600}
    assert (await client.post(watched, json=body)).status_code == 403
    refused = await client.post(watched, json=body, headers={"X-Owner-Token": "not-it"})
    assert refused.status_code == 403
    added = await client.post(watched, json=body, headers=_owner(made))
    assert added.status_code == 201, added.text
    link = added.json()
    assert (link["url"], link["interval_seconds"], link["paused"]) == (body["url"], 600, False)
    assert added.headers["Location"] == link["api_url"]
    listed = (await client.get(watched)).json()["watched"]
    assert [item["id"] for item in listed] == [link["id"]]
    assert (await client.delete(link["api_url"])).status_code == 403
    removed = await client.delete(link["api_url"], params={"token": made["owner_token"]})
    assert removed.status_code == 204
    assert (await client.get(watched)).json()["watched"] == []
    again = await client.delete(link["api_url"], headers=_owner(made))
    assert again.status_code == 404
    assert (await client.get("/api/stories/nosuchstory00000000000/watched")).status_code == 404


@pytest.mark.parametrize(
    ("body", "said"),
    [
        ({"url": "ftp://news.example/story"}, "only http and https"),
        ({"url": "news.example/story"}, "should start with http"),
        ({"url": "https://user:pw@news.example/"}, "user name or password"),
        ({"url": "https://news.example/" + "a" * 2100}, "longer than 2048"),
        ({"url": "https://news.example/", "interval_seconds": 5}, "interval_seconds"),
        ({"url": "https://news.example/", "every": 600}, "every"),
    ],
)
async def test_a_bad_link_or_interval_is_a_422_saying_why(
    client: httpx.AsyncClient, body: dict[str, Any], said: str
) -> None:
    made = await create_story(client)
    response = await client.post(f"{made['api_url']}/watched", json=body, headers=_owner(made))
    assert response.status_code == 422
    assert said in response.text


async def test_the_story_shows_its_links_checks_failures_and_a_pause(
    settings: Settings, pages: Pages
) -> None:
    app = create_app(settings)
    async with serving_app(app) as client:
        made = await create_story(client)
        url = pages.url("/gone")  # not set: a 404
        added = await client.post(
            f"{made['api_url']}/watched", json={"url": url}, headers=_owner(made)
        )
        assert added.json()["interval_seconds"] == settings.watch_interval
        store = app.state.stories.comparisons.store
        watcher = build_watcher(store, settings)
        assert watcher.run_once() == 1
        twin = (await client.get(made["json_url"])).json()
        (link,) = twin["watched"]
        (check,) = link["latest_checks"]
        assert check["outcome"] == "failed" and "404" in check["reason"]
        assert link["failures_in_row"] == 1 and not link["paused"]
        page = parse((await client.get(made["url"])).text)
        section = page.by_id("watched")
        assert url in section.text and "Failed:" in section.text and "404" in section.text
        # The second failure in a row (watch_max_failures), an interval later, pauses it.
        later = build_watcher(store, settings, lambda: datetime.now(UTC) + timedelta(minutes=20))
        assert later.run_once() == 1
        (link,) = (await client.get(made["json_url"])).json()["watched"]
        assert link["paused"] and link["next_check"] is None
        assert link["paused_reason"].startswith("Paused after 2 failed checks in a row")
        page = parse((await client.get(made["url"])).text)
        section = page.by_id("watched")
        assert "Not checked any more." in section.text and "Paused after 2" in section.text
