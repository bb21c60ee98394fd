"""Moved text stays readable: where a moved block stood, the page shows its text
quietly with one link to where it went; paragraph numbers name their side."""

from __future__ import annotations

import httpx
import pytest

from tests.web.changes import marks
from tests.web.conftest import create
from tests.web.corpus import (
    ANALYSTS,
    BANK,
    FARMERS,
    MARKETS,
    MAYOR,
    OIL,
    SENATE,
    SPOKESMAN,
    paragraphs,
)
from tests.web.html import Element, parse, squash
from tests.web.pages import ShownRow, cell_text, get_html, shown_rows

pytestmark = pytest.mark.anyio

# MARKETS, OIL and BANK (left paragraphs 2-4) moved together to the end.
BLOCK_LEFT = paragraphs(SENATE, MARKETS, OIL, BANK, ANALYSTS, FARMERS, MAYOR, SPOKESMAN)
BLOCK_RIGHT = paragraphs(SENATE, ANALYSTS, FARMERS, MAYOR, SPOKESMAN, MARKETS, OIL, BANK)
# Two single sentences moved apart: two blocks.
APART_RIGHT = paragraphs(SENATE, OIL, ANALYSTS, FARMERS, MAYOR, MARKETS, SPOKESMAN, BANK)


def notes(row: ShownRow) -> list[str]:
    return [squash(note.text) for note in row.element.find_all("span", "note")]


def sentences(cell: Element) -> list[str]:
    return [squash(block.text) for block in cell.find_all("span", "sentence")]


async def test_the_origin_shows_the_moved_sentence_quietly(
    client: httpx.AsyncClient, kinds_id: str
) -> None:
    rows = shown_rows(await get_html(client, f"/c/{kinds_id}"))
    (origin,) = [row for row in rows if row.kind == "move-origin"]
    (moved,) = [row for row in rows if row.kind == "moved"]
    assert cell_text(origin.cell("left")) == MAYOR
    assert "cell--empty" not in origin.cell("left").classes
    assert "cell--empty" in origin.cell("right").classes
    assert marks(origin.element) == []  # quiet: no deletion, no insertion
    assert "data-change" not in origin.element.attrs
    assert notes(origin) == ["moved to right ¶ 5"]
    assert origin.note().find("a").get("href") == f"#{moved.id}"
    assert notes(moved) == ["moved from left ¶ 2"]


async def test_a_moved_block_reads_as_one_block_with_one_label(
    client: httpx.AsyncClient,
) -> None:
    comparison_id = await create(client, BLOCK_LEFT, BLOCK_RIGHT)
    rows = shown_rows(await get_html(client, f"/c/{comparison_id}"))
    (origin,) = [row for row in rows if row.kind == "move-origin"]
    moved = [row for row in rows if row.kind == "moved"]
    assert [cell_text(row.cell("right")) for row in moved] == [MARKETS, OIL, BANK]
    assert sentences(origin.cell("left")) == [MARKETS, OIL, BANK]
    assert notes(origin) == ["3 sentences moved to right ¶ 6"]
    assert origin.note().find("a").get("href") == f"#{moved[0].id}"
    assert [notes(row) for row in moved] == [["3 sentences moved from left ¶ 2"], [], []]
    assert moved[0].note().find("a").get("href") == f"#{origin.id}"
    # The placeholder stands where the block stood: after the first sentence.
    assert [row.id for row in rows].index(origin.id) == 1


async def test_sentences_moved_apart_are_blocks_of_their_own(
    client: httpx.AsyncClient,
) -> None:
    comparison_id = await create(client, BLOCK_LEFT, APART_RIGHT)
    rows = shown_rows(await get_html(client, f"/c/{comparison_id}"))
    origins = [row for row in rows if row.kind == "move-origin"]
    moved = [row for row in rows if row.kind == "moved"]
    assert len(origins) == len(moved) >= 2
    assert all(notes(row)[0].startswith("moved to right ¶ ") for row in origins)
    assert all(notes(row)[0].startswith("moved from left ¶ ") for row in moved)
    assert {cell_text(row.cell("left")) for row in origins} == {
        cell_text(row.cell("right")) for row in moved
    }


async def test_the_inline_view_and_the_report_show_the_moved_text(
    client: httpx.AsyncClient,
) -> None:
    comparison_id = await create(client, BLOCK_LEFT, BLOCK_RIGHT)
    inline = shown_rows(await get_html(client, f"/c/{comparison_id}?view=inline"))
    (origin,) = [row for row in inline if row.kind == "move-origin"]
    assert cell_text(origin.cell("inline")) == f"{MARKETS} {OIL} {BANK}"
    assert notes(origin) == ["3 sentences moved to right ¶ 6"]
    report = await client.get(f"/c/{comparison_id}.html")
    assert report.status_code == 200
    (row,) = parse(report.text).find_all("tr", "row--move-origin")
    assert [squash(note.text) for note in row.find_all("span", "note")] == [
        "3 sentences moved to right ¶ 6"
    ]
    assert all(sentence in squash(row.text) for sentence in (MARKETS, OIL, BANK))


async def test_paragraph_numbers_name_their_side(client: httpx.AsyncClient, kinds_id: str) -> None:
    rows = shown_rows(await get_html(client, f"/c/{kinds_id}"))
    for row in rows:
        for side in ("left", "right"):
            for marker in row.cell(side).find_all("span", "para"):
                assert squash(marker.text).startswith(f"{side} ¶ ")
                assert marker.get("title").endswith(f"of the {side} text")
