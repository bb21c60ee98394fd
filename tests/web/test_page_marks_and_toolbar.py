"""What the comparison page's HTML carries for its marks and toolbar: side-view
marks without spaces at their edges, short marks flagged, the view switch's
labels whole for screen readers."""

from __future__ import annotations

import httpx
import pytest

from tests.web.conftest import create, seed_id
from tests.web.html import Element, squash
from tests.web.pages import get_html, shown_rows

pytestmark = pytest.mark.anyio

LEFT = "It was a big deal today, officials said. Officials said it’s a good deal."
RIGHT = "It was a deal today officials said. Officials said it's a really great deal."


def exact_text(cell: Element) -> str:
    """The cell's text as written, without its "¶ n" marker."""
    marker = "".join(para.text for para in cell.find_all("span", "para"))
    return cell.text.removeprefix(marker)


def marks_of(cell: Element) -> list[tuple[str, str, set[str]]]:
    return [
        (mark.tag, mark.text, mark.classes) for mark in cell.iter() if mark.tag in ("del", "ins")
    ]


async def test_side_marks_leave_spaces_out_and_flag_short_marks(
    client: httpx.AsyncClient,
) -> None:
    comparison_id = await create(client, LEFT, RIGHT)
    first, second = shown_rows(await get_html(client, f"/c/{comparison_id}"))
    assert exact_text(first.cell("left")) == "It was a big deal today, officials said."
    assert marks_of(first.cell("left")) == [("del", "big", set()), ("del", ",", {"short"})]
    assert exact_text(second.cell("right")) == "Officials said it's a really great deal."
    assert marks_of(second.cell("right")) == [
        ("ins", "'", {"short"}),
        ("ins", "really great", set()),
    ]
    short = second.cell("left").find("del", "short")
    assert (short.text, short.get("data-class")) == ("’", "typography")


async def test_the_inline_view_keeps_the_spaces_marked(client: httpx.AsyncClient) -> None:
    comparison_id = await create(client, LEFT, RIGHT)
    first, _ = shown_rows(await get_html(client, f"/c/{comparison_id}?view=inline"))
    assert marks_of(first.cell("inline")) == [("del", "big ", set()), ("del", ",", {"short"})]


async def test_the_view_switch_has_short_labels_inside_whole_ones(
    client: httpx.AsyncClient,
) -> None:
    page = await get_html(client, f"/c/{await seed_id(client)}")
    links = page.find("nav", "view-switch").find_all("a")
    assert [squash(link.text) for link in links] == ["Side by side", "Inline redline"]
    assert [link.find("span", "label-rest").text for link in links] == [" by side", " redline"]
    toolbar = page.find("div", "toolbar")
    assert [child.get("class") for child in toolbar.iter() if child.tag == "div"] == ["change-nav"]
