"""/c/{id}, issue 11: the change list, the row-kind filters, "Expand all" in
the share link, the navigation's counts and a move alone as no stop."""

from __future__ import annotations

import re

import httpx
import pytest

from app.core import RowOp
from app.web import urls
from tests.web.conftest import seed_id
from tests.web.html import squash
from tests.web.pages import get_html, shown_rows

pytestmark = pytest.mark.anyio


async def test_the_change_list_links_every_changed_row_in_order(
    client: httpx.AsyncClient,
) -> None:
    comparison_id = await seed_id(client)
    page = await get_html(client, f"/c/{comparison_id}")
    changed = [row.element for row in shown_rows(page) if "data-change" in row.element.attrs]
    (nav,) = [nav for nav in page.find_all("nav") if nav.attrs.get("aria-label") == "Change list"]
    links = nav.find_all("a")
    assert [link.get("href") for link in links] == [f"#{row.get('id')}" for row in changed]
    for link, row in zip(links, changed, strict=True):
        words = squash(link.text).split()
        assert words[0] == row.get("id").removeprefix("r")  # the row number first
        classes = row.attrs.get("data-classes") or ""
        assert classes.split()[0] in words  # then its first class
    # A few words of each side, not the sentence.
    assert max(len(squash(link.text)) for link in links) < 90
    document = (await client.get(f"/c/{comparison_id}.json")).json()
    changes = sum(not c["ignored"] for row in document["rows"] for c in row["changes"])
    tally = page.find("span", "change-position")
    assert tally.text == f"{len(changed)} changed rows · {changes} changes"


async def test_a_sentence_that_only_moved_is_no_stop_unless_asked(
    client: httpx.AsyncClient, kinds_id: str
) -> None:
    page = await get_html(client, f"/c/{kinds_id}")
    (moved,) = [row for row in shown_rows(page) if row.kind == "moved"]
    assert "data-change" not in moved.element.attrs
    assert "data-moved" in moved.element.attrs
    assert page.find("label", "moves-too").text.strip() == "Stop at moves"
    only_moves = await get_html(client, f"/c/{kinds_id}?kind=moved")
    (moved,) = [row for row in shown_rows(only_moves) if row.kind == "moved"]
    assert "data-change" in moved.element.attrs


@pytest.mark.parametrize("kind", ["split", "merged", "moved", "inserted", "deleted", "modified"])
async def test_row_kind_chips_filter_the_rows(
    client: httpx.AsyncClient, kinds_id: str, kind: str
) -> None:
    page = await get_html(client, f"/c/{kinds_id}")
    chip = page.find("li", f"count--{kind}").find("a")
    assert chip.get("href") == urls.comparison(kinds_id, row_kind=RowOp(kind))
    filtered = await get_html(client, chip.get("href"))
    kinds = {row.kind for row in shown_rows(filtered)} - {"move-origin"}
    assert kinds == {kind}
    current = filtered.find("li", f"count--{kind}").find("a")
    assert current.get("aria-current") == "page"
    assert current.get("href") == urls.comparison(kinds_id)
    assert re.match(rf"Showing \d+ {kind} rows?", squash(filtered.find("p", "filter-bar").text))


async def test_expand_all_is_in_the_share_link(client: httpx.AsyncClient, kinds_id: str) -> None:
    page = await get_html(client, f"/c/{kinds_id}")
    switch = page.find("a", "fold-switch")
    assert switch.text == "Expand all"
    assert switch.get("href") == urls.comparison(kinds_id, folds=urls.Folds.OPEN)
    opened = await get_html(client, switch.get("href"))
    assert opened.find_all("tbody", "fold") == []
    assert len(shown_rows(opened)) == len(shown_rows(page))
    assert opened.find("input", "share-url").get("value").endswith("?folds=open")
    back = opened.find("a", "fold-switch")
    assert (back.text, back.get("href")) == ("Fold unchanged", urls.comparison(kinds_id))


async def test_unknown_filters_are_refused(client: httpx.AsyncClient, kinds_id: str) -> None:
    for query in ("kind=sideways", "folds=half"):
        response = await client.get(f"/c/{kinds_id}?{query}")
        assert response.status_code == 422, query
