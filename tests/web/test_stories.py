"""Stories through the API and the JSON twin: created, read, shared pairs, copies,
bad input named by version, deletion and listing (in process, over a SQLite file)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from tests.web.conftest import Serve
from tests.web.story_corpus import (
    KEPT_LABELS,
    KEPT_TEXTS,
    ORIGINAL,
    STEP_CLASSES,
    VERSIONS,
    create_story,
)

pytestmark = pytest.mark.anyio


async def test_a_story_is_created_with_its_steps_and_the_resent_version_kept_once(
    client: httpx.AsyncClient,
) -> None:
    response = await client.post("/api/stories", json={"versions": []})
    assert response.status_code == 422
    made = await create_story(client)
    assert made["url"] == f"/s/{made['id']}" and made["json_url"] == f"/s/{made['id']}.json"
    assert made["versions"] == 4 and made["duplicates"] == [{"version": 3, "same_as": 2}]
    twin = (await client.get(made["json_url"])).json()
    assert twin == (await client.get(made["api_url"])).json()
    assert [version["label"] for version in twin["versions"]] == KEPT_LABELS
    assert [v["published"] for v in twin["versions"][:3]] == [
        "2026-03-21",
        "2026-03-21T10:15:00+00:00",
        None,
    ]
    assert [(step["from"], step["to"]) for step in twin["steps"]] == [(0, 1), (1, 2), (2, 3)]
    for step in twin["steps"]:
        comparison = (await client.get(step["json_url"])).json()
        assert comparison["left"]["text"] == KEPT_TEXTS[step["from"]]
        assert comparison["right"]["text"] == KEPT_TEXTS[step["to"]]
        assert comparison["url"] == step["url"]
        assert step["stats"]["similarity"] == comparison["stats"]["similarity"]
        assert step["classes"] == {k: v for k, v in comparison["stats"]["classes"].items() if v}
    for step_to, kind in STEP_CLASSES.items():
        assert twin["steps"][step_to - 1]["classes"].get(kind), twin["steps"][step_to - 1]
    last = twin["steps"][-1]["stats"]
    assert last["cut"] > 0 and last["kept"] + last["reworded"] + last["cut"] == pytest.approx(1)


async def test_what_changed_that_matters_names_the_version_and_links_the_row(
    client: httpx.AsyncClient,
) -> None:
    twin = (await client.get((await create_story(client))["json_url"])).json()
    found = [
        (item["version"], item["classes"], item["before"], item["after"])
        for item in twin["matters"]
    ]
    assert found == [(1, ["number"], "30", "60"), (2, ["quote"], "dividing up", "sharing out")]
    item = twin["matters"][0]
    page, anchor = item["url"].split("#")
    html = (await client.get(page)).text
    assert f'id="{anchor}"' in html


async def test_copies_against_a_base_are_computed_once_and_shared(
    client: httpx.AsyncClient,
) -> None:
    made = await create_story(client)
    twin = (await client.get(made["json_url"], params={"base": 0})).json()
    assert twin["base"] == 0 and [copy["version"] for copy in twin["copies"]] == [1, 2, 3]
    steps = {(step["from"], step["to"]): step["url"] for step in twin["steps"]}
    assert twin["copies"][0]["url"] == steps[(0, 1)]  # the step 0 -> 1 is the copy 0 -> 1
    for copy in twin["copies"]:
        assert copy["kept"] + copy["reworded"] + copy["cut"] == pytest.approx(1)
    assert twin["copies"][2]["cut"] > 0 and twin["copies"][2]["classes"].get("quote")
    again = (await client.get(made["json_url"], params={"base": 0})).json()
    assert again["copies"] == twin["copies"]
    assert len(twin["heat"]) > 20 and {"kept", "reworded", "cut"} <= twin["heat"][0].keys()
    assert all(row["kept"] + row["reworded"] + row["cut"] == 3 for row in twin["heat"])
    assert (await client.get(made["json_url"], params={"base": 9})).status_code == 422


async def test_a_story_of_copies_compares_each_with_its_base(client: httpx.AsyncClient) -> None:
    made = await create_story(client, base=2)
    twin = (await client.get(made["json_url"])).json()
    assert twin["mode"] == "copies" and twin["base"] == 2 and "steps" not in twin
    assert [copy["version"] for copy in twin["copies"]] == [0, 1, 3]


async def test_the_picker_opens_the_comparison_of_any_two_versions(
    client: httpx.AsyncClient,
) -> None:
    made = await create_story(client)
    picked = await client.get(f"{made['url']}/compare", params={"from": 0, "to": 3})
    assert picked.status_code == 303
    comparison = (await client.get(picked.headers["location"] + ".json")).json()
    assert comparison["left"]["text"] == ORIGINAL and comparison["right"]["text"] == VERSIONS[-1][1]
    again = await client.get(f"{made['url']}/compare", params={"from": 0, "to": 3})
    assert again.headers["location"] == picked.headers["location"]
    for bad in ({"from": 1, "to": 1}, {"from": 0, "to": 4}):
        assert (await client.get(f"{made['url']}/compare", params=bad)).status_code == 422


def _versions(count: int, size: int = 40) -> list[dict[str, str]]:
    return [{"text": f"Version {n}. " + "word " * size, "label": f"v{n}"} for n in range(count)]


@pytest.mark.parametrize(
    ("versions", "status", "named"),
    [
        (_versions(1), 422, "at least 2 versions"),
        (_versions(51), 413, "Version 51 “v50” (versions[50]) is one too many"),
        (
            [*_versions(2), {"text": " \n", "label": "blank"}],
            422,
            "Version 3 “blank” (versions[2]) is empty",
        ),
        (
            [*_versions(2), {"text": "x" * 3_001, "label": "huge"}],
            413,
            "Version 3 “huge” (versions[2]) is too large",
        ),
        (_versions(2) * 20, 413, "The story is too large: the versions up to Version"),
        ([{"text": "Same."}, {"text": "Same."}], 422, "Every version is the same text"),
        ([{"text": "NUL\x00"}, {"text": "ok"}], 422, "Version 1 (versions[0]) contains a NUL"),
    ],
    ids=["one", "fifty-one", "empty", "too-large", "story-too-large", "all-same", "nul"],
)
async def test_bad_input_is_refused_naming_the_version(
    serve: Serve, versions: list[dict[str, str]], status: int, named: str
) -> None:
    async with serve(max_text_bytes=3_000, story_max_bytes=8_000) as client:
        response = await client.post("/api/stories", json={"versions": versions})
        assert response.status_code == status, response.text
        assert named in response.json()["error"]["message"]


async def test_a_story_body_may_be_larger_than_a_comparison_but_not_than_its_limit(
    serve: Serve,
) -> None:
    async with serve(max_text_bytes=100_000, story_max_bytes=600_000) as client:
        versions = [{"text": f"Version {n}. " + "word " * 19_000} for n in range(5)]
        made = await client.post("/api/stories", json={"versions": versions})
        assert made.status_code == 201, made.text  # ~475 kB: over two texts' limit
        huge = [{"text": "word " * 19_000} for _ in range(10)]
        assert (await client.post("/api/stories", json={"versions": huge})).status_code == 413


async def test_only_the_owner_deletes_a_story_and_it_takes_its_comparisons(
    client: httpx.AsyncClient,
) -> None:
    made = await create_story(client)
    twin = (await client.get(made["json_url"])).json()
    assert (await client.delete(made["api_url"])).status_code == 403
    refused = await client.delete(made["api_url"], headers={"X-Owner-Token": "not-it"})
    assert refused.status_code == 403
    deleted = await client.delete(made["api_url"], headers={"X-Owner-Token": made["owner_token"]})
    assert deleted.status_code == 204
    assert (await client.get(made["json_url"])).status_code == 404
    assert (await client.get(made["url"])).status_code == 404
    for step in twin["steps"]:
        assert (await client.get(step["url"])).status_code == 404
    assert (
        await client.delete(made["api_url"], params={"token": made["owner_token"]})
    ).status_code == 404


async def test_stories_are_unlisted_unless_asked(client: httpx.AsyncClient) -> None:
    hidden = await create_story(client)
    listed = await create_story(client, visibility="listed")
    found = (await client.get("/api/stories")).json()
    assert [item["id"] for item in found["stories"]] == [listed["id"]]
    assert found["total"] == 1 and found["stories"][0]["versions"] == 4
    assert hidden["id"] not in str(found)


async def test_an_expired_story_is_gone(client: httpx.AsyncClient) -> None:
    soon = (datetime.now(UTC) + timedelta(seconds=1)).isoformat()
    made = await create_story(client, expires_at=soon, visibility="listed")
    await asyncio.sleep(1.2)
    assert (await client.get("/api/stories")).json()["stories"] == []
    page = await client.get(made["url"])
    assert page.status_code == 410 and "expired on" in page.text
    twin = await client.get(made["json_url"])
    assert twin.status_code == 410 and "deleted" in twin.json()["error"]["message"]
    stories = client._transport.app.state.stories  # type: ignore[attr-defined]
    assert stories.sweep() == 1
    assert (await client.get(made["url"])).status_code == 410  # still said, after the sweep
    past = await client.post(
        "/api/stories", json={"versions": [{"text": "a"}, {"text": "b"}], "expires_at": soon}
    )
    assert past.status_code == 422 and "future" in past.json()["error"]["message"]


@pytest.mark.parametrize(
    ("body", "status", "says"),
    [
        ('{"versions": [{"text": "a\\ud800"}, {"text": "b"}]}', 422, "lone surrogate"),
        ('{"versions": [{"text": "a", "label": "\\ud800"}, {"text": "b"}]}', 422, "Label"),
        ('{"title": "\\u0000", "versions": [{"text": "a"}, {"text": "b"}]}', 422, "NUL"),
        ('{"versions": [{"text": "a", "colour": 1}, {"text": "b"}]}', 422, "colour"),
        (
            '{"versions": [{"text": "a", "url": "https://x.example"}, {"text": "b"}]}',
            422,
            "exactly one",
        ),
        ('{"versions": [{"url": "ftp://x.example/a"}, {"text": "b"}]}', 422, "Version 1"),
        ('{"versions": [{"text": "a"}, {"text": "b"}], "base": -1}', 422, "base"),
        ('{"versions": [{"text": "a", "published": "21 March"}, {"text": "b"}]}', 422, "published"),
        ('{"versions": "two"}', 422, "versions"),
        ('{"versions": [{"text": "a"}, {"text": "b"}', 422, "JSON"),
    ],
)
async def test_hostile_bodies_are_refused_with_a_message(
    client: httpx.AsyncClient, body: str, status: int, says: str
) -> None:
    headers = {"Content-Type": "application/json"}
    response = await client.post("/api/stories", content=body.encode(), headers=headers)
    assert response.status_code == status, response.text
    assert says in response.json()["error"]["message"]


async def test_a_story_of_copies_opens_on_its_table(client: httpx.AsyncClient) -> None:
    made = await create_story(client, base=0)
    html = (await client.get(made["url"])).text
    assert 'class="copies"' in html and 'class="strip"' not in html
    assert 'id="matters"' not in html  # no steps in a story of copies
