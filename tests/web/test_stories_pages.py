"""The story page as an editor reads it: the versions strip with its class cues,
the picker, each step, what changed that matters, the copies table sorted on
the server and the heat strip; the owner's delete."""

from __future__ import annotations

import httpx
import pytest

from app.web import urls
from tests.web.conftest import with_token
from tests.web.html import Element, parse
from tests.web.story_corpus import KEPT_LABELS, create_story

pytestmark = pytest.mark.anyio


def cue_classes(element: Element) -> set[str]:
    return {cue.get("data-class") for cue in element.find_all("span", "cue")}


async def test_the_timeline_shows_each_version_sized_and_marked_by_its_changes(
    client: httpx.AsyncClient,
) -> None:
    made = await create_story(client)
    page = await client.get(made["url"])
    assert page.status_code == 200
    html = parse(page.text)
    strip = html.find("ol", "strip").find_all("li", "strip-version")
    assert [item.find("a").text.split(" ", 1)[1] for item in strip] == KEPT_LABELS
    assert [cue_classes(item) for item in strip] == [set(), {"number"}, {"quote"}, set()]
    sizes = [next(c for c in item.classes if c.startswith("size-")) for item in strip]
    assert sizes[0] == "size-0" and all(size != "size-0" for size in sizes[1:])
    assert strip[1].find("time").get("datetime") == "2026-03-21T10:15:00+00:00"
    twin = (await client.get(made["json_url"])).json()
    steps = html.find("ol", "steps").find_all("li")
    assert [step.find("a").get("href") for step in steps] == [s["url"] for s in twin["steps"]]
    assert [item.get("id") for item in steps] == ["step-1", "step-2", "step-3"]
    matters = html.find("ol", "matters").find_all("a")
    assert [item.get("href") for item in matters] == [m["url"] for m in twin["matters"]]
    assert "30" in matters[0].find("del").text and "60" in matters[0].find("ins").text


async def test_the_picker_works_without_script_and_defaults_to_the_last_two(
    client: httpx.AsyncClient,
) -> None:
    made = await create_story(client)
    picker = parse((await client.get(made["url"])).text).find("form", "picker")
    assert picker.get("method") == "get" and picker.get("action") == f"{made['url']}/compare"
    chosen = {
        select.get("name"): [
            o.get("value") for o in select.find_all("option") if "selected" in o.attrs
        ]
        for select in picker.find_all("select")
    }
    assert chosen == {"from": ["2"], "to": ["3"]}


@pytest.mark.parametrize(
    ("sort", "first_version"),
    [("version", "2."), ("-version", "4."), ("-cut", "4."), ("cut", "2."), ("-quote", "3.")],
)
async def test_the_copies_table_sorts_on_the_server(
    client: httpx.AsyncClient, sort: str, first_version: str
) -> None:
    made = await create_story(client)
    page = await client.get(made["url"], params={"base": 0, "sort": sort})
    table = parse(page.text).find("table", "copies")
    rows = table.find("tbody").find_all("tr")
    assert len(rows) == 3 and rows[0].find("th").text.startswith(first_version)
    for row in rows:
        comparison = row.find("th").find("a").get("href")
        links = [cell.find("a").get("href") for cell in row.find_all("td")]
        assert all(link.startswith(comparison) for link in links)
    headings = {a.text: a.get("href") for a in table.find("thead").find_all("a")}
    toggled = "-cut" if sort == "cut" else "cut"  # the current column turns round
    assert headings["Cut"] == f"{made['url']}?base=0&sort={toggled}"


async def test_the_heat_strip_counts_what_the_copies_did_to_each_base_sentence(
    client: httpx.AsyncClient,
) -> None:
    made = await create_story(client)
    html = parse((await client.get(made["url"], params={"base": 0})).text)
    twin = (await client.get(made["json_url"], params={"base": 0})).json()
    strip = html.find("ol", "heat").find_all("li")
    assert len(strip) == len(twin["heat"])
    cut = [item for item in strip if "heat-cut" in item.classes]
    assert len(cut) == 0  # one copy of three cut the paragraph: most kept it
    counted = [(row["kept"], row["reworded"], row["cut"]) for row in twin["heat"]]
    assert (2, 0, 1) in counted and (1, 2, 0) in counted


async def test_a_bad_sort_or_base_is_refused(client: httpx.AsyncClient) -> None:
    made = await create_story(client)
    for params in ({"sort": "bogus"}, {"base": -1}, {"base": 4}):
        assert (await client.get(made["url"], params=params)).status_code == 422


async def test_the_owner_deletes_from_the_page(client: httpx.AsyncClient) -> None:
    made = await create_story(client)
    assert parse((await client.get(made["url"])).text).find_all("form", "owner-delete") == []
    owner = {"X-Owner-Token": made["owner_token"]}
    form = parse((await client.get(made["url"], headers=owner)).text).find("form", "owner-delete")
    assert form.get("action") == f"{made['url']}/delete"
    forged = await client.post(form.get("action"), data={"csrf_token": "forged"}, headers=owner)
    assert forged.status_code == 403
    stranger = await client.post(form.get("action"), data=with_token({}))
    assert stranger.status_code == 403
    deleted = await client.post(form.get("action"), data=with_token({}), headers=owner)
    assert deleted.status_code == 303
    assert (await client.get(made["url"])).status_code == 404


async def test_user_text_is_escaped(client: httpx.AsyncClient) -> None:
    body = {
        "title": "<script>alert(1)</script>",
        "versions": [{"text": "One <b>bold</b>.", "label": "<i>a</i>"}, {"text": "Two."}],
    }
    made = (await client.post("/api/stories", json=body)).json()
    page = (await client.get(made["url"])).text
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<i>a</i>" not in page


async def _frame(client: httpx.AsyncClient, story_url: str, left: int, right: int) -> Element:
    picked = await client.get(f"{story_url}/compare", params={"from": left, "to": right})
    assert picked.status_code == 303
    return parse((await client.get(picked.headers["location"])).text).find("nav", "story-frame")


def _steps(frame: Element) -> dict[str, str]:
    """The frame's step links by their rel: prev, next."""
    return {a.get("rel"): a.get("href") for a in frame.find_all("a") if "rel" in a.attrs}


async def test_a_pair_opens_in_the_story_s_frame(client: httpx.AsyncClient) -> None:
    made = await create_story(client)
    frame = await _frame(client, made["url"], 1, 3)
    assert frame.find("a").get("href") == made["url"] and "Peace talks, live" in frame.text
    assert "version 2" in frame.text and "version 4" in frame.text
    assert _steps(frame) == {}  # a pair picked by hand is not a step


@pytest.mark.parametrize(
    ("left", "right", "steps"),
    [
        (0, 1, {"next": (1, 2)}),
        (1, 2, {"prev": (0, 1), "next": (2, 3)}),
        (2, 3, {"prev": (1, 2)}),
    ],
)
async def test_a_step_links_the_steps_either_side(
    client: httpx.AsyncClient, left: int, right: int, steps: dict[str, tuple[int, int]]
) -> None:
    made = await create_story(client)
    frame = await _frame(client, made["url"], left, right)
    expected = {rel: f"{made['url']}/compare?from={a}&to={b}" for rel, (a, b) in steps.items()}
    assert _steps(frame) == expected
    for href in expected.values():  # and each leads to a comparison
        assert (await client.get(href)).status_code == 303


async def test_a_copy_links_the_copies_either_side(client: httpx.AsyncClient) -> None:
    made = await create_story(client, base=0)
    frame = await _frame(client, made["url"], 0, 2)
    story = urls.story(made["id"])
    assert frame.find("a").get("href") == urls.story(made["id"], base=0)
    assert _steps(frame) == {
        "prev": f"{story}/compare?from=0&to=1",
        "next": f"{story}/compare?from=0&to=3",
    }


async def test_the_stories_page_lists_the_listed_ones(client: httpx.AsyncClient) -> None:
    await create_story(client)
    listed = await create_story(client, visibility="listed")
    html = parse((await client.get(urls.stories())).text)
    links = [entry.find("a").get("href") for entry in html.find_all("li", "entry")]
    assert links == [listed["url"]]
    assert html.find("a", "button--primary").get("href") == urls.new_story()
    library = parse((await client.get(urls.library())).text)
    assert library.find("p", "library-stories").find("a").get("href") == urls.stories()
