"""The hostile-input suite, for comments: every hostile text of the corpus as a
comment body and as a commenter's name, through the API and the page's form,
is stored exactly and shown as text, or refused with a 4xx that says why."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from app.settings import Settings
from app.web.app import create_app
from tests.robust.checks import assert_inert
from tests.robust.corpus import HOSTILE, LEFT, Hostile, article
from tests.web.conftest import TEST_HOST, serving, with_token
from tests.web.html import parse

pytestmark = pytest.mark.anyio
# A comment holds at most 10,000 characters: the megabyte line is refused for that.
TOO_LONG = "one-megabyte-line"


@pytest.fixture
async def client(tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'h.db'}", seeds_dir="", allowed_hosts=TEST_HOST
    )
    async with serving(create_app(settings)) as started:
        yield started


def expected_refusal(case: Hostile) -> tuple[int, str] | None:
    if case.name == TOO_LONG:
        return 422, "too long"
    if case.name in ("nul", "lone-surrogate"):
        return 422, "NUL" if case.name == "nul" else "lone surrogate"
    return None


# A form carries bytes: no browser sends a lone surrogate, so only the API does.
CASES = [
    pytest.param(channel, case, id=f"{channel}-{case.name}")
    for channel in ("api", "form")
    for case in HOSTILE
    if not (channel == "form" and "\ud800" in case.payload)
]


@pytest.mark.parametrize(("channel", "case"), CASES)
async def test_hostile_comments_are_kept_as_text_or_refused(
    client: httpx.AsyncClient, case: Hostile, channel: str
) -> None:
    body = {"left": {"text": LEFT}, "right": {"text": article("Kept.")}}
    made = (await client.post("/api/comparisons", json=body)).json()
    name = case.payload[:100]
    if channel == "api":
        comment = {"row": 2, "body": case.payload, "author": name}
        # json.dumps escapes a lone surrogate (\ud800), as a client's JSON would.
        response = await client.post(
            f"{made['api_url']}/comments",
            content=json.dumps(comment),
            headers={"Content-Type": "application/json"},
        )
    else:
        fields = with_token({"row": "2", "body": case.payload, "name": name})
        response = await client.post(f"{made['url']}/comments", data=fields)
    refusal = expected_refusal(case)
    if refusal is not None:
        assert response.status_code == refusal[0], response.text[:300]
        assert refusal[1] in response.text
        return
    assert response.status_code in (201, 303), response.text[:300]
    (stored,) = (await client.get(made["json_url"])).json()["comments"]
    assert stored["body"] == case.payload.strip()
    page = parse((await client.get(made["url"])).text)
    assert_inert(page)
    (shown,) = page.find_all("article", "comment")
    assert shown.find("strong", "comment-author").text == " ".join(name.split())
