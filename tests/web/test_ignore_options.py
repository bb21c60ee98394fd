"""?ignore=typography,case,punctuation: ignored differences are neither marked nor
counted, on the page and its JSON twin, and the options are part of the share link."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from app.core import compare
from app.core.serialize import comparison_to_json
from tests.web.changes import article_rows, filters, marks
from tests.web.conftest import BASE_URL, create, seed_id
from tests.web.html import Element, squash
from tests.web.pages import cell_text, get_html

pytestmark = pytest.mark.anyio

METADATA = (
    *("id", "url", "title", "labels", "sources", "created", "engine_version", "warnings"),
    *("visibility", "expires_at", "comments", "marks", "review"),
)
CURLY = "Officials said it’s a good deal."
STRAIGHT = "Officials said it's a good deal."


def engine_part(document: dict[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in document.items() if name not in METADATA}


def toggles(page: Element) -> dict[str, Element]:
    group = page.find("div", "ignore-options")
    return {link.get("data-option"): link for link in group.find_all("a", "ignore-toggle")}


async def seed(client: httpx.AsyncClient, query: str = "") -> tuple[str, dict[str, Any]]:
    comparison_id = await seed_id(client)
    return comparison_id, (await client.get(f"/c/{comparison_id}.json{query}")).json()


@pytest.mark.parametrize(
    ("query", "options"),
    [
        ("?ignore=typography", {"ignore_typography": True}),
        ("?ignore=case", {"ignore_case": True}),
        ("?ignore=punctuation", {"ignore_punctuation": True}),
        (
            "?ignore=punctuation,typography,case",
            {"ignore_typography": True, "ignore_case": True, "ignore_punctuation": True},
        ),
        ("?ignore=typography&ignore=case", {"ignore_typography": True, "ignore_case": True}),
        ("?ignore=none", {}),
        ("", {}),
    ],
)
async def test_json_twin_is_the_engines_comparison_with_those_options(
    client: httpx.AsyncClient, query: str, options: dict[str, Any]
) -> None:
    comparison_id, document = await seed(client, query)
    expected = comparison_to_json(
        compare(document["left"]["text"], document["right"]["text"], **options)
    )
    assert engine_part(document) == expected
    assert document["id"] == comparison_id
    assert document["options"] == {"granularity": "word", "language": "en", **options}
    api = (await client.get(f"/api/comparisons/{comparison_id}{query}")).json()
    assert api == document


async def test_ignoring_typography_unmarks_and_uncounts_it(client: httpx.AsyncClient) -> None:
    comparison_id, plain = await seed(client)
    _, ignoring = await seed(client, "?ignore=typography")
    assert plain["stats"]["classes"]["typography"] > 0
    assert ignoring["stats"]["classes"]["typography"] == 0
    assert ignoring["stats"]["rows"]["equal"] > plain["stats"]["rows"]["equal"]
    page = await get_html(client, f"/c/{comparison_id}?ignore=typography")
    rows = article_rows(page)
    assert [row.kind for row in rows] == [row["op"] for row in ignoring["rows"]]
    assert all(mark.attrs.get("data-class") != "typography" for mark in marks(page))
    assert "typography" not in filters(page)
    # No row is marked for quote marks alone: each modified row has a change shown.
    for row in rows:
        if row.kind == "modified":
            assert marks(row.element), row.id
    # The rows that differed only in typography are equal now, unmarked.
    typographic = [
        row for row in plain["rows"] if {c["class"] for c in row["changes"]} == {"typography"}
    ]
    assert typographic
    right_texts = {cell_text(row.cell("right")): row for row in rows}
    for row in typographic:
        text = plain["right"]["text"]
        segment = plain["right"]["segments"][row["right"][0]]
        shown = right_texts[squash(text[segment["start"] : segment["end"]])]
        assert shown.kind == "equal" and marks(shown.element) == []


async def test_ignored_changes_show_as_plain_text_of_their_side(
    client: httpx.AsyncClient,
) -> None:
    comparison_id = await create(client, CURLY, STRAIGHT.replace("good", "great"))
    page = await get_html(client, f"/c/{comparison_id}?ignore=typography")
    (row,) = article_rows(page)
    assert row.kind == "modified"
    assert cell_text(row.cell("left")) == CURLY
    assert cell_text(row.cell("right")) == "Officials said it's a great deal."
    assert [(m.tag, m.text, m.get("data-class")) for m in marks(row.element)] == [
        ("del", "good", "wording"),
        ("ins", "great", "wording"),
    ]
    inline = await get_html(client, f"/c/{comparison_id}?ignore=typography&view=inline")
    (row,) = article_rows(inline)
    assert cell_text(row.cell("inline")) == "Officials said it's a goodgreat deal."
    assert [m.text for m in marks(row.element)] == ["good", "great"]
    plain = await get_html(client, f"/c/{comparison_id}")
    assert {m.get("data-class") for m in marks(plain)} == {"typography", "wording"}


@pytest.mark.parametrize(
    ("query", "share"),
    [
        ("", ""),
        ("?ignore=typography", "?ignore=typography"),
        ("?ignore=case,typography", "?ignore=typography,case"),
        ("?ignore=punctuation&ignore=typography", "?ignore=typography,punctuation"),
        ("?ignore=none", ""),
        ("?ignore=none&ignore=case", "?ignore=case"),
        (
            "?class=quote&ignore=typography&view=inline",
            "?view=inline&ignore=typography&class=quote",
        ),
    ],
)
async def test_share_link_and_json_link_carry_the_options(
    client: httpx.AsyncClient, query: str, share: str
) -> None:
    comparison_id = await seed_id(client)
    page = await get_html(client, f"/c/{comparison_id}{query}")
    assert page.by_id("share-url").get("value") == f"{BASE_URL}/c/{comparison_id}{share}"
    ignore = "".join(part for part in share.split("&") if "ignore=" in part).lstrip("?")
    json_url = f"/c/{comparison_id}.json" + (f"?{ignore}" if ignore else "")
    (alternate,) = [link for link in page.find_all("link") if link.attrs.get("rel") == "alternate"]
    assert alternate.get("href") == json_url
    assert page.find("p", "summary-meta").find("a").get("href") == json_url
    document = (await client.get(json_url)).json()
    assert document["url"] == f"/c/{comparison_id}" + (f"?{ignore}" if ignore else "")


async def test_the_toggles_switch_one_option_each(client: httpx.AsyncClient) -> None:
    comparison_id = await seed_id(client)
    page = await get_html(client, f"/c/{comparison_id}?ignore=case&class=quote")
    links = toggles(page)
    assert list(links) == ["typography", "case", "punctuation"]
    assert {name: link.get("aria-checked") for name, link in links.items()} == {
        "typography": "false",
        "case": "true",
        "punctuation": "false",
    }
    assert {name: link.get("href") for name, link in links.items()} == {
        "typography": f"/c/{comparison_id}?ignore=typography,case&class=quote",
        "case": f"/c/{comparison_id}?class=quote",
        "punctuation": f"/c/{comparison_id}?ignore=case,punctuation&class=quote",
    }
    assert all(link.get("role") == "checkbox" for link in links.values())
    views = {a.text: a.get("href") for a in page.find("nav", "view-switch").find_all("a")}
    assert views == {
        "Side by side": f"/c/{comparison_id}?ignore=case&class=quote",
        "Inline redline": f"/c/{comparison_id}?view=inline&ignore=case&class=quote",
    }
    assert filters(page)["quote"].get("href") == f"/c/{comparison_id}?ignore=case&class=quote"


async def test_stored_ignore_options_are_the_default_and_can_be_turned_off(
    client: httpx.AsyncClient,
) -> None:
    body: dict[str, Any] = {"left": {"text": CURLY}, "right": {"text": STRAIGHT}}
    plain = (await client.post("/api/comparisons", json=body)).json()["id"]
    body["options"] = {"ignore_typography": True}
    created = await client.post("/api/comparisons", json=body)
    assert created.status_code == 201
    ignoring = created.json()["id"]
    assert ignoring != plain
    page = await get_html(client, f"/c/{ignoring}")
    assert toggles(page)["typography"].get("aria-checked") == "true"
    assert toggles(page)["typography"].get("href") == f"/c/{ignoring}?ignore=none"
    assert [row.kind for row in article_rows(page)] == ["equal"]
    assert squash(page.find("section", "classes").find("p", "classes-note").text) == (
        "No differences but those ignored."
    )
    shown = await get_html(client, f"/c/{ignoring}?ignore=none")
    assert [row.kind for row in article_rows(shown)] == ["modified"]
    assert shown.by_id("share-url").get("value") == f"{BASE_URL}/c/{ignoring}?ignore=none"
    twin = (await client.get(f"/c/{ignoring}.json?ignore=none")).json()
    plain_twin = (await client.get(f"/c/{plain}.json")).json()
    assert engine_part(twin) == engine_part(plain_twin)
    # And the plain comparison, asked to ignore typography, is the stored one.
    variant = (await client.get(f"/c/{plain}.json?ignore=typography")).json()
    assert engine_part(variant) == engine_part((await client.get(f"/c/{ignoring}.json")).json())


async def test_a_variant_is_not_added_to_the_library(client: httpx.AsyncClient) -> None:
    before = (await client.get("/api/comparisons")).json()["total"]
    comparison_id = await seed_id(client)
    for query in ("?ignore=typography", "?ignore=case,punctuation"):
        assert (await client.get(f"/c/{comparison_id}{query}")).status_code == 200
        assert (await client.get(f"/c/{comparison_id}.json{query}")).status_code == 200
    assert (await client.get("/api/comparisons")).json()["total"] == before


async def test_each_variant_is_its_own_cached_page(client: httpx.AsyncClient) -> None:
    comparison_id = await seed_id(client)
    etags = set()
    for query in ("", "?ignore=typography", "?class=quote", "?ignore=typography&class=quote"):
        first = await client.get(f"/c/{comparison_id}{query}")
        again = await client.get(f"/c/{comparison_id}{query}")
        assert first.content == again.content
        etags.add(first.headers["etag"])
        cached = await client.get(
            f"/c/{comparison_id}{query}", headers={"If-None-Match": first.headers["etag"]}
        )
        assert cached.status_code == 304
    assert len(etags) == 4


@pytest.mark.parametrize("path", ["/c/{id}", "/c/{id}.json", "/api/comparisons/{id}"])
@pytest.mark.parametrize("value", ["spaces", "typography,tone", "Typography"])
async def test_unknown_ignore_option_is_refused(
    client: httpx.AsyncClient, path: str, value: str
) -> None:
    url = path.format(id=await seed_id(client))
    response = await client.get(url, params={"ignore": value})
    assert response.status_code == 422
    if path == "/c/{id}":
        assert "ignore: unknown" in response.text
    else:
        message = response.json()["error"]["message"]
        assert message.startswith("ignore: unknown") and "typography, case, punctuation" in message
