"""/c/{id}: what kind of change each change is, the summary panel, its filters."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from app.core import ChangeClass, compare
from app.core.serialize import comparison_to_json
from app.settings import Settings
from app.store import JsonText, build_record, hash_token, open_store
from app.web.comparison.classes import counted as worded
from app.web.comparison.classes import rows_phrase
from tests.web.changes import (
    CLASSES,
    ONE_OF_EACH,
    PANEL_ORDER,
    article_rows,
    counted,
    filters,
    in_rows,
    marks,
    rows_with,
    shown_changes,
)
from tests.web.conftest import create, seed_id
from tests.web.corpus import KINDS_LEFT, KINDS_RIGHT
from tests.web.html import squash
from tests.web.pages import cell_text, get_html, pieces, span_text

pytestmark = pytest.mark.anyio


async def seed(client: httpx.AsyncClient) -> tuple[str, dict[str, Any]]:
    comparison_id = await seed_id(client)
    return comparison_id, (await client.get(f"/c/{comparison_id}.json")).json()


async def test_panel_counts_each_class_as_the_engine_does(client: httpx.AsyncClient) -> None:
    comparison_id, document = await seed(client)
    counts = document["stats"]["classes"]
    assert set(counts) == set(CLASSES)
    page = await get_html(client, f"/c/{comparison_id}")
    shown = filters(page)
    assert list(shown) == [kind for kind in PANEL_ORDER if counts[kind]]
    for kind, link in shown.items():
        rows = rows_with(document, kind)
        assert squash(link.text) == f"{counted(kind, counts[kind])} {in_rows(len(rows))}"
        assert link.get("href") == f"/c/{comparison_id}?class={kind}"
        assert "aria-current" not in link.attrs
    heading = page.find("section", "classes").find("h2")
    assert heading.text == "What changed"


@pytest.mark.parametrize("kind", list(ONE_OF_EACH))
async def test_each_class_is_worded_for_an_editor(client: httpx.AsyncClient, kind: str) -> None:
    comparison_id = await create(client, *ONE_OF_EACH[kind])
    page = await get_html(client, f"/c/{comparison_id}")
    assert {name: squash(link.text) for name, link in filters(page).items()} == {
        kind: f"{counted(kind, 1)} in 1 row"
    }
    (row,) = article_rows(page)
    assert row.element.get("data-classes") == kind
    for mark in marks(row.element):
        assert mark.get("data-class") == kind
        assert mark.get("title") == counted(kind, 1).removeprefix("1 ").capitalize()


@pytest.mark.parametrize("count", [1, 2, 5])
def test_counts_are_singular_or_plural(count: int) -> None:
    for kind in ChangeClass:
        assert worded(kind, count) == counted(kind.value, count)
    noun = "row" if count == 1 else "rows"
    assert rows_phrase(ChangeClass.NUMBER, count) == f"{count} {noun} with changed numbers"


@pytest.mark.parametrize("kind", PANEL_ORDER)
async def test_a_filter_shows_exactly_the_rows_of_its_class(
    client: httpx.AsyncClient, kind: str
) -> None:
    comparison_id, document = await seed(client)
    expected = rows_with(document, kind)
    page = await get_html(client, f"/c/{comparison_id}?class={kind}")
    shown = article_rows(page)
    assert [row.id for row in shown] == expected
    assert page.find_all("tbody", "fold") == []  # nothing folded away
    for row in shown:
        assert kind in row.element.get("data-classes").split()
        assert "data-change" in row.element.attrs
    bar = page.find("p", "filter-bar")
    noun = "row" if len(expected) == 1 else "rows"
    assert squash(bar.text).startswith(f"Showing {len(expected)} {noun} with ")
    assert squash(bar.text).endswith("— show all")
    assert bar.find("a").get("href") == f"/c/{comparison_id}"
    if expected:
        current = filters(page)[kind]
        assert current.get("aria-current") == "page"
    all_rows = page.find("section", "classes").find("a", "class-filter--all")
    assert all_rows.get("href") == f"/c/{comparison_id}"
    share = page.by_id("share-url").get("value")
    assert share.endswith(f"/c/{comparison_id}?class={kind}")


async def test_filtered_rows_keep_their_text_and_marks(client: httpx.AsyncClient) -> None:
    comparison_id, document = await seed(client)
    page = await get_html(client, f"/c/{comparison_id}?class=quote&view=inline")
    rows = {row.id: row for row in article_rows(page)}
    assert list(rows) == rows_with(document, "quote")
    for anchor, row in rows.items():
        expected = document["rows"][int(anchor.removeprefix("r")) - 1]
        assert squash(row.marked("inline", "del")) == squash(pieces(expected, "delete"))
    side = await get_html(client, f"/c/{comparison_id}?class=quote")
    for row in article_rows(side):
        expected = document["rows"][int(row.id.removeprefix("r")) - 1]
        assert cell_text(row.cell("right")) == squash(
            span_text(document["right"], expected["right"])
        )


async def test_unfiltered_page_has_no_filter_bar(client: httpx.AsyncClient) -> None:
    page = await get_html(client, f"/c/{await seed_id(client)}")
    assert page.find_all("p", "filter-bar") == []
    assert page.find("section", "classes").find_all("a", "class-filter--all") == []


async def test_unknown_class_is_refused(client: httpx.AsyncClient) -> None:
    page = await get_html(client, f"/c/{await seed_id(client)}?class=tone", status=422)
    assert "class" in page.find("p", "notice-message").text


def mark_with(row_marks: list[Any], text: str) -> Any:
    (found,) = [mark for mark in row_marks if mark.text == text]
    return found


@pytest.mark.parametrize(
    ("left", "right", "kind"),
    [
        # The side view shows the space before "percent" unmarked (app.web.comparison.marks).
        pytest.param("percent", "%", "spelling", id="10-percent-is-spelling"),
        pytest.param("’", "'", "typography", id="curly-apostrophe-is-typography"),
        pytest.param("U.S.", "US", "spelling", id="U.S.-is-spelling"),
        pytest.param("talked about", "reportedly discussed", "negation", id="negation"),
    ],
)
async def test_marks_carry_their_class(
    client: httpx.AsyncClient, left: str, right: str, kind: str
) -> None:
    page = await get_html(client, f"/c/{await seed_id(client)}")
    found = 0
    for row in article_rows(page):
        left_marks, right_marks = marks(row.cell("left")), marks(row.cell("right"))
        if any(m.text == left for m in left_marks) and any(m.text == right for m in right_marks):
            for mark in (mark_with(left_marks, left), mark_with(right_marks, right)):
                assert mark.get("data-class") == kind
                assert mark.get("title").lower().startswith(counted(kind, 1)[2:].split()[0])
            found += 1
    assert found >= 1


async def test_the_schmidt_row_has_a_name_change(client: httpx.AsyncClient) -> None:
    comparison_id, document = await seed(client)
    (number,) = [
        number
        for number, row in enumerate(document["rows"], start=1)
        if "Schmidt" in pieces(row, "insert")
    ]
    page = await get_html(client, f"/c/{comparison_id}")
    (row,) = [row for row in article_rows(page) if row.id == f"r{number}"]
    assert "name" in row.element.get("data-classes").split()
    (schmidt,) = [mark for mark in marks(row.cell("right")) if "Schmidt" in mark.text]
    assert "name changed" in schmidt.get("title")
    assert schmidt.get("data-class") == shown_changes(document["rows"][number - 1])[-1]["class"]


async def test_whole_rows_name_their_class_in_the_gutter(client: httpx.AsyncClient) -> None:
    comparison_id, document = await seed(client)
    page = await get_html(client, f"/c/{comparison_id}")
    rows = {row.id: row for row in article_rows(page)}
    checked = 0
    for number, expected in enumerate(document["rows"], start=1):
        gutter = rows[f"r{number}"].element.find("th", "gutter")
        tags = [tag.get("data-class") for tag in gutter.find_all("span", "row-class")]
        if expected["op"] in ("inserted", "deleted"):
            (change,) = expected["changes"]
            assert tags == [kind for kind in PANEL_ORDER if kind in change["classes"]]
            checked += 1
        else:  # every class but wording, which has no colour to tell it by
            classes = {kind for change in expected["changes"] for kind in change["classes"]}
            assert tags == [kind for kind in PANEL_ORDER if kind in classes - {"wording"}]
    assert checked >= 10


async def test_page_stays_small_with_classes(client: httpx.AsyncClient) -> None:
    response = await client.get(f"/c/{await seed_id(client)}")
    # The text with its class marks, without the review's cells.
    text_only = re.sub(rb'<td class="cell cell--review".*?</td>', b"", response.content, flags=re.S)
    assert len(text_only) < 100 * 1024 < len(response.content)


async def test_a_comparison_by_engine_1_0_renders_without_classes(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    """Stored before classes existed: no changes, no stats.classes, engine 1.0."""
    comparison = compare(KINDS_LEFT, KINDS_RIGHT)
    old = comparison_to_json(comparison)
    for row in old["rows"]:
        del row["changes"]
    del old["stats"]["classes"]
    record = build_record(
        id="00000000000000000010",
        title="Old",
        left_label="Wire",
        right_label="Copy",
        comparison=comparison,
        engine_version="1.0",
        created_at=datetime.now(UTC),
        owner_token_hash=hash_token("x"),
    )
    store = open_store(settings.database_url)
    try:
        store.put(replace(record, comparison_json=JsonText.of(old)))
    finally:
        store.close()
    page = await get_html(client, "/c/00000000000000000010")
    panel = page.find("section", "classes")
    assert squash(panel.find("p", "classes-note").text) == (
        "Change classes need engine 1.1; this comparison was computed by engine 1.0."
    )
    assert filters(page) == {}
    rows = article_rows(page)
    assert len(rows) == len(old["rows"])
    for row in rows:
        assert "data-classes" not in row.element.attrs
        for mark in marks(row.element):
            assert "data-class" not in mark.attrs and "title" not in mark.attrs
    deleted = "".join(d.text for row in rows for d in row.cell("left").find_all("del"))
    # The spaces at a mark's edges are shown unmarked (app.web.comparison.marks).
    assert "".join(deleted.split()) == "".join(
        "".join(text for row in old["rows"] for op, text in row["diff"] if op == "delete").split()
    )
    inline = await get_html(client, "/c/00000000000000000010?view=inline")
    assert len(article_rows(inline)) == len(rows)
    filtered = await get_html(client, "/c/00000000000000000010?class=quote")
    assert article_rows(filtered) == []
    twin = (await client.get("/c/00000000000000000010.json")).json()
    assert twin["engine_version"] == "1.0" and "classes" not in twin["stats"]
    # Ignoring something computes the comparison anew, with classes.
    ignoring = await get_html(client, "/c/00000000000000000010?ignore=typography")
    assert filters(ignoring)
