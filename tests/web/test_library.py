"""/: the library of comparisons, its search and paging, and its JSON twin."""

from __future__ import annotations

import re

import httpx
import pytest

from tests.web.conftest import SEED_TITLE, Serve, create, seed_id
from tests.web.corpus import BANK, MARKETS, OIL, SENATE
from tests.web.html import Element, squash
from tests.web.pages import get_html

pytestmark = pytest.mark.anyio


def entries(page: Element) -> list[Element]:
    return page.find_all("li", "entry")


def titles(page: Element) -> list[str]:
    return [entry.find("h2").text for entry in entries(page)]


async def add_two(client: httpx.AsyncClient) -> tuple[str, str]:
    """Two comparisons besides the seed, stored in this order."""
    budget = await create(client, SENATE, SENATE + " " + OIL, title="Budget bill passes")
    markets = await create(client, MARKETS, MARKETS + " " + BANK, title="Markets rally")
    return budget, markets


async def test_fresh_start_lists_the_seed(client: httpx.AsyncClient) -> None:
    page = await get_html(client, "/")
    (entry,) = entries(page)
    link = entry.find("h2").find("a")
    assert link.text == SEED_TITLE
    assert link.get("href") == f"/c/{await seed_id(client)}"
    assert squash(entry.find("p", "entry-labels").text) == (
        "Original — The Hill → compared with Copy — Telegraph"
    )
    meta = squash(entry.find("p", "entry-meta").text)
    assert re.search(r"\d{1,2} \w{3} \d{4}, \d\d:\d\d UTC · \d+% similar · \+\d+ −\d+ words", meta)
    counts = [squash(item.text) for item in entry.find("ul", "counts").find_all("li")]
    assert any(re.fullmatch(r"\d+ modified", count) for count in counts)
    assert entry.find("time").get("datetime").endswith("Z")


async def test_newest_first(client: httpx.AsyncClient) -> None:
    await add_two(client)
    assert titles(await get_html(client, "/")) == [
        "Markets rally",
        "Budget bill passes",
        SEED_TITLE,
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("budget", ["Budget bill passes"]),
        ("RALLY", ["Markets rally"]),
        ("  russia-ukraine ", [SEED_TITLE]),
        ("nothing like this", []),
        ("", ["Markets rally", "Budget bill passes", SEED_TITLE]),
    ],
)
async def test_search_filters_titles(
    client: httpx.AsyncClient, query: str, expected: list[str]
) -> None:
    await add_two(client)
    page = await get_html(client, f"/?q={query}")
    assert titles(page) == expected
    assert page.by_id("q").get("value") == query.strip()
    if not expected:
        assert "No comparison has" in page.find("p", "empty-state").text
    twin = (await client.get("/api/comparisons", params={"q": query})).json()
    assert [item["title"] for item in twin["comparisons"]] == expected


async def test_paging(client: httpx.AsyncClient) -> None:
    await add_two(client)
    first = await get_html(client, "/?limit=2")
    assert titles(first) == ["Markets rally", "Budget bill passes"]
    assert "1–2 of 3 comparisons" in squash(first.find("p", "result-count").text)
    older = first.find("nav", "pager").find("a")
    assert (older.get("rel"), older.get("href")) == ("next", "/?offset=2&limit=2")
    second = await get_html(client, older.get("href"))
    assert titles(second) == [SEED_TITLE]
    newer = second.find("nav", "pager").find("a")
    assert (newer.get("rel"), newer.get("href")) == ("prev", "/?limit=2")
    past_the_end = await get_html(client, "/?offset=30")
    assert "Back to the first page" in past_the_end.find("p", "empty-state").text


@pytest.mark.parametrize("query", ["limit=0", "limit=101", "offset=-1", "limit=many"])
async def test_bad_paging_is_a_422_page(client: httpx.AsyncClient, query: str) -> None:
    page = await get_html(client, f"/?{query}", status=422)
    assert page.find("h1").text == "Unprocessable Entity"
    assert query.split("=")[0] in page.find("p", "notice-message").text


async def test_library_json_twin(client: httpx.AsyncClient) -> None:
    await add_two(client)
    page = await get_html(client, "/?q=rally&limit=5")
    alternate = next(link for link in page.find_all("link") if link.attrs.get("rel") == "alternate")
    assert alternate.get("type") == "application/json"
    assert alternate.get("href") == "/api/comparisons?q=rally&limit=5"
    twin = (await client.get(alternate.get("href"))).json()
    assert [item["title"] for item in twin["comparisons"]] == ["Markets rally"]


async def test_empty_library(serve: Serve) -> None:
    async with serve(seeds_dir="") as client:
        page = await get_html(client, "/")
        assert entries(page) == []
        assert "No comparisons yet" in page.find("p", "empty-state").text
