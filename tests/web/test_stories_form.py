"""The /stories/new form without JavaScript: versions added, moved and removed
by post-backs, uploads kept, the story created unlisted and owned, duplicates
said, and bad input named by version."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from app.web import urls
from tests.web.conftest import with_token
from tests.web.html import Element, parse
from tests.web.story_corpus import VERSIONS

pytestmark = pytest.mark.anyio


def versions_of(fields: list[tuple[str, str]], **extra: str) -> dict[str, Any]:
    data: dict[str, Any] = {"title": "", "base": "", "visibility": "unlisted", "expires": "never"}
    for index, (label, text) in enumerate(fields):
        data |= {f"label_{index}": label, f"text_{index}": text, f"url_{index}": ""}
        data[f"published_{index}"] = ""
    return with_token(data | extra)


def shown_versions(page: Element) -> list[tuple[str, str]]:
    return [
        (
            fieldset.find("input").get("value"),
            fieldset.find("textarea").text.removeprefix("\n"),
        )
        for fieldset in page.find_all("fieldset", "story-version")
    ]


async def test_the_form_starts_with_blank_versions_private_by_default(
    client: httpx.AsyncClient,
) -> None:
    page = parse((await client.get(urls.new_story())).text)
    assert len(page.find_all("fieldset", "story-version")) == 3
    unlisted = [i for i in page.find_all("input") if i.attrs.get("value") == "unlisted"]
    assert "checked" in unlisted[0].attrs
    buttons = {b.get("value") for b in page.find_all("button") if "name" in b.attrs}
    assert {"add", "create", "down:0", "up:2", "remove:1"} <= buttons


@pytest.mark.parametrize(
    ("action", "expected"),
    [
        ("add", [("a", "A."), ("b", "B."), ("c", "C."), ("", "")]),
        ("up:2", [("a", "A."), ("c", "C."), ("b", "B.")]),
        ("down:0", [("b", "B."), ("a", "A."), ("c", "C.")]),
        ("remove:1", [("a", "A."), ("c", "C.")]),
        ("up:0", [("a", "A."), ("b", "B."), ("c", "C.")]),
    ],
)
async def test_post_backs_add_move_and_remove_versions(
    client: httpx.AsyncClient, action: str, expected: list[tuple[str, str]]
) -> None:
    fields = versions_of([("a", "A."), ("b", "B."), ("c", "C.")], action=action)
    response = await client.post(urls.new_story(), data=fields)
    assert response.status_code == 200
    assert shown_versions(parse(response.text)) == expected


async def test_an_uploaded_version_is_kept_through_a_post_back(client: httpx.AsyncClient) -> None:
    fields = versions_of([("", ""), ("b", "B.")], action="add")
    files = {"file_0": ("wire.txt", b"The uploaded text.", "text/plain")}
    response = await client.post(urls.new_story(), data=fields, files=files)
    assert shown_versions(parse(response.text))[0][1] == "The uploaded text."


async def test_a_story_is_created_owned_and_its_duplicates_said(client: httpx.AsyncClient) -> None:
    texts = [(label, text) for label, text in VERSIONS]
    fields = versions_of([*texts, ("", "")], title="Talks")
    response = await client.post(urls.new_story(), data=fields)
    assert response.status_code == 200
    page = parse(response.text)
    assert "Version 4 was the same text as version 3" in page.find("div", "notice").text
    story_url = page.find("a", "button--primary").get("href")
    owner = response.cookies.get("diptych_owner")
    assert owner and story_url.startswith("/s/")
    twin = (await client.get(story_url + ".json")).json()
    assert twin["visibility"] == "unlisted" and len(twin["versions"]) == 4
    assert twin["title"] == "Talks"
    deleted = await client.delete(f"/api/stories/{twin['id']}", headers={"X-Owner-Token": owner})
    assert deleted.status_code == 204


async def test_a_story_without_duplicates_opens_at_once(client: httpx.AsyncClient) -> None:
    fields = versions_of([("a", "One."), ("b", "Two.")], base="1", visibility="listed")
    response = await client.post(urls.new_story(), data=fields)
    assert response.status_code == 303
    twin = (await client.get(response.headers["location"] + ".json")).json()
    assert twin["mode"] == "copies" and twin["base"] == 0 and twin["visibility"] == "listed"


@pytest.mark.parametrize(
    ("fields", "status", "message"),
    [
        ([("a", "Only one.")], 422, "at least 2 versions"),
        ([("a", "One."), ("b", "x" * 3_001)], 413, "Version 2 “b” (versions[1]) is too large"),
    ],
)
async def test_bad_input_is_shown_by_its_version(
    serve: Any, fields: list[tuple[str, str]], status: int, message: str
) -> None:
    async with serve(max_text_bytes=3_000) as client:
        response = await client.post(urls.new_story(), data=versions_of(fields))
        assert response.status_code == status
        summary = parse(response.text).find("div", "error-summary")
        assert message in summary.text


async def test_another_sites_post_is_refused(client: httpx.AsyncClient) -> None:
    fields = versions_of([("a", "One."), ("b", "Two.")])
    forged = await client.post(urls.new_story(), data=fields | {"csrf_token": "x"})
    assert forged.status_code == 403
    cross = await client.post(
        urls.new_story(), data=fields, headers={"Origin": "https://elsewhere.example"}
    )
    assert cross.status_code == 403
