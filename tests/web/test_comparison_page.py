"""/c/{id}: the aligned table an editor reads, in both views, and its JSON twin."""

from __future__ import annotations

import httpx
import pytest

from tests.web.conftest import BASE_URL, SEED_TITLE, seed_id
from tests.web.corpus import AGREED, BOATS, CREWS, MAYOR, MET
from tests.web.html import squash
from tests.web.pages import ShownRow, cell_text, get_html, pieces, shown_rows, span_text

pytestmark = pytest.mark.anyio

# With the review: the seed pair's ~200 markable changes, three buttons each.
MAX_SEED_PAGE_BYTES = 180 * 1024


async def test_seed_page_header_names_the_pair(client: httpx.AsyncClient) -> None:
    page = await get_html(client, f"/c/{await seed_id(client)}")
    assert page.find("h1").text == SEED_TITLE
    labels = page.find("p", "summary-labels")
    assert labels.find("span", "side-label--left").text == "Original — The Hill"
    assert labels.find("span", "side-label--right").text == "Copy — Telegraph"
    toolbar = squash(page.find("div", "toolbar").text)
    assert "% similar" in toolbar
    assert "modified" in toolbar and "inserted" in toolbar and "deleted" in toolbar
    assert page.find("span", "words-added").text.startswith("+")
    assert page.find("span", "words-removed").text.startswith("−")


async def test_seed_page_is_small(client: httpx.AsyncClient) -> None:
    response = await client.get(f"/c/{await seed_id(client)}")
    assert len(response.content) < MAX_SEED_PAGE_BYTES


@pytest.mark.parametrize("which", ["seed", "kinds"])
async def test_every_row_shows_its_sentences_and_marks(
    client: httpx.AsyncClient, kinds_id: str, which: str
) -> None:
    """Row n of the table is rows[n-1] of the JSON twin: same text, same marks, one
    row id each, in order."""
    comparison_id = await seed_id(client) if which == "seed" else kinds_id
    document = (await client.get(f"/c/{comparison_id}.json")).json()
    page = await get_html(client, f"/c/{comparison_id}")
    rows = {row.id: row for row in shown_rows(page) if row.kind != "move-origin"}
    assert list(rows) == [f"r{n}" for n in range(1, len(document["rows"]) + 1)]
    for number, expected in enumerate(document["rows"], start=1):
        row = rows[f"r{number}"]
        assert row.kind == expected["op"]
        assert len(row.cells) == 2
        for side, marks, changed in (("left", "del", "delete"), ("right", "ins", "insert")):
            assert cell_text(row.cell(side)) == squash(span_text(document[side], expected[side]))
            if expected["op"] != "equal":
                # The spaces at a mark's edges are shown unmarked (app.web.comparison.marks).
                marked, changes = row.marked(side, marks), pieces(expected, changed)
                assert "".join(marked.split()) == "".join(changes.split())
            assert row.cell(side).find_all("del" if side == "right" else "ins") == []


async def test_inserted_and_deleted_rows_have_a_hatched_empty_cell(
    client: httpx.AsyncClient, kinds_id: str
) -> None:
    rows = shown_rows(await get_html(client, f"/c/{kinds_id}"))
    cases = {"inserted": ("left", "right", "ins"), "deleted": ("right", "left", "del")}
    for kind, (empty_side, full_side, mark) in cases.items():
        (row,) = [row for row in rows if row.kind == kind]
        empty = row.cell(empty_side)
        assert "cell--empty" in empty.classes
        assert cell_text(empty) == ""
        assert squash(empty.text) == "not in this version"  # for screen readers only
        assert row.cell(full_side).find(mark).text == cell_text(row.cell(full_side))


async def test_modified_row_marks_the_changed_words(
    client: httpx.AsyncClient, kinds_id: str
) -> None:
    (row,) = [
        row
        for row in shown_rows(await get_html(client, f"/c/{kinds_id}"))
        if row.kind == "modified"
    ]
    assert [d.text for d in row.cell("left").find_all("del")] == ["upbeat"]
    assert [i.text for i in row.cell("right").find_all("ins")] == ["optimistic"]


async def test_split_and_merged_rows_show_each_sentence_as_a_block(
    client: httpx.AsyncClient, kinds_id: str
) -> None:
    rows = shown_rows(await get_html(client, f"/c/{kinds_id}"))
    (split,) = [row for row in rows if row.kind == "split"]
    assert split.note().text == "split into 2"
    blocks = [squash(block.text) for block in split.cell("right").find_all("span", "sentence")]
    assert blocks == [f"{MET}.", f"They {AGREED}."]
    assert split.cell("left").find_all("span", "sentence") == []
    (merged,) = [row for row in rows if row.kind == "merged"]
    assert merged.note().text == "2 merged into 1"
    blocks = [squash(block.text) for block in merged.cell("left").find_all("span", "sentence")]
    assert blocks == [f"{BOATS}.", f"Their {CREWS}"]


async def test_moved_row_and_its_origin_link_to_each_other(
    client: httpx.AsyncClient, kinds_id: str
) -> None:
    page = await get_html(client, f"/c/{kinds_id}")
    rows = shown_rows(page)
    order = [row.id for row in rows]
    (moved,) = [row for row in rows if row.kind == "moved"]
    (origin,) = [row for row in rows if row.kind == "move-origin"]
    assert cell_text(moved.cell("right")) == MAYOR
    assert moved.note().text == "moved from left ¶ 2"
    assert moved.note().find("a").get("href") == f"#{origin.id}"
    assert origin.note().text == "moved to right ¶ 5"
    assert origin.note().find("a").get("href") == f"#{moved.id}"
    # The moved row stands where the sentence is now (last), the placeholder
    # where it was: in paragraph 2 of the left text, before the split row.
    assert order[-1] == moved.id
    split_id = next(row.id for row in rows if row.kind == "split")
    assert order.index(origin.id) == order.index(split_id) - 1


async def test_long_unchanged_runs_fold_behind_a_link(
    client: httpx.AsyncClient, kinds_id: str
) -> None:
    page = await get_html(client, f"/c/{kinds_id}")
    (fold,) = page.find_all("tbody", "fold")
    link = page.find("tbody", "fold-toggle").find("a", "fold-link")
    assert link.text == "Show 5 unchanged sentences"
    assert link.get("href") == f"#{fold.get('id')}"
    assert [tr.get("id") for tr in fold.find_all("tr")] == ["r1", "r2", "r3", "r4", "r5"]
    # Folded, not removed: the browser's find still finds (and opens) the text.
    for tr in fold.find_all("tr"):
        cells = tr.find_all("th") + [
            td for td in tr.find_all("td") if "cell--review" not in td.classes
        ]
        for cell in cells:
            assert [div.get("hidden") for div in cell.find_all("div", "folded")] == ["until-found"]
    # The lone equal row later on is not folded.
    (lone,) = [row for row in shown_rows(page) if row.kind == "equal" and row.id == "r11"]
    assert lone.element not in fold.find_all("tr")


async def test_each_row_has_a_link_to_itself(client: httpx.AsyncClient, kinds_id: str) -> None:
    for row in shown_rows(await get_html(client, f"/c/{kinds_id}")):
        link = row.element.find("th", "gutter").find("a", "row-link")
        assert link.get("href") == f"#{row.id}"


async def test_paragraph_numbers_mark_where_paragraphs_begin(
    client: httpx.AsyncClient, kinds_id: str
) -> None:
    rows = {row.id: row for row in shown_rows(await get_html(client, f"/c/{kinds_id}"))}
    assert rows["r1"].cell("left").find("span", "para").text == "left ¶ 1"
    assert rows["r1"].cell("right").find("span", "para").text == "right ¶ 1"
    assert rows["r2"].cell("left").find_all("span", "para") == []
    assert rows["r6"].cell("right").find("span", "para").text == "right ¶ 2"


async def test_share_link_works_without_javascript(
    client: httpx.AsyncClient, kinds_id: str
) -> None:
    page = await get_html(client, f"/c/{kinds_id}")
    share = page.by_id("share-url")
    assert share.get("value") == f"{BASE_URL}/c/{kinds_id}"
    assert "readonly" in share.attrs
    assert "hidden" in page.find("button", "copy-share").attrs  # shown by the script


async def test_inline_view_is_one_column_redline(client: httpx.AsyncClient, kinds_id: str) -> None:
    side = await get_html(client, f"/c/{kinds_id}")
    switch = side.find("nav", "view-switch")
    inline_url = next(a.get("href") for a in switch.find_all("a") if "Inline" in a.text)
    assert inline_url == f"/c/{kinds_id}?view=inline"
    page = await get_html(client, inline_url)
    assert "diff--inline" in page.find("table").classes
    rows = shown_rows(page)
    assert all(len(row.cells) == 1 for row in rows)
    (modified,) = [row for row in rows if row.kind == "modified"]
    cell = modified.cell("inline")
    assert (cell.find("del").text, cell.find("ins").text) == ("upbeat", "optimistic")
    (moved,) = [row for row in rows if row.kind == "moved"]
    assert moved.note().find("a").get("href").removeprefix("#") in page.ids()
    current = next(
        a for a in page.find("nav", "view-switch").find_all("a") if a.attrs.get("aria-current")
    )
    assert current.text == "Inline redline"


async def test_unknown_view_is_refused(client: httpx.AsyncClient, kinds_id: str) -> None:
    page = await get_html(client, f"/c/{kinds_id}?view=columns", status=422)
    assert "view" in page.find("p", "notice-message").text


@pytest.mark.parametrize("path", ["/c/0123456789abcdef0123", "/c/not-an-id", "/c/%00"])
async def test_unknown_comparison_is_a_404_page(client: httpx.AsyncClient, path: str) -> None:
    page = await get_html(client, path, status=404)
    assert "That comparison does not exist" in page.find("p", "notice-message").text
    assert page.find("section", "notice").find("a").get("href") == "/"


async def test_page_has_a_json_twin(client: httpx.AsyncClient, kinds_id: str) -> None:
    page = await get_html(client, f"/c/{kinds_id}")
    (alternate,) = [link for link in page.find_all("link") if link.attrs.get("rel") == "alternate"]
    assert alternate.get("type") == "application/json"
    response = await client.get(alternate.get("href"))
    assert response.status_code == 200 and response.json()["id"] == kinds_id


@pytest.mark.parametrize("path", ["/", "/new", "/c/{id}", "/c/{id}?view=inline", "/c/{id}.json"])
async def test_pages_answer_head(client: httpx.AsyncClient, kinds_id: str, path: str) -> None:
    url = path.format(id=kinds_id)
    head, get = await client.head(url), await client.get(url)
    assert head.status_code == 200
    assert head.headers["content-type"] == get.headers["content-type"]


async def test_etag_and_not_modified(client: httpx.AsyncClient, kinds_id: str) -> None:
    for url in (f"/c/{kinds_id}", f"/c/{kinds_id}?view=inline", f"/c/{kinds_id}.json"):
        first = await client.get(url)
        etag = first.headers["etag"]
        again = await client.get(url)
        assert again.content == first.content and again.headers["etag"] == etag
        for header in (etag, f"W/{etag}", f'"other", {etag}', "*"):
            cached = await client.get(url, headers={"If-None-Match": header})
            assert (cached.status_code, cached.content) == (304, b"")
            assert cached.headers["etag"] == etag
        stale = await client.get(url, headers={"If-None-Match": '"other"'})
        assert stale.status_code == 200
    side, inline = (
        (await client.get(f"/c/{kinds_id}")),
        (await client.get(f"/c/{kinds_id}?view=inline")),
    )
    assert side.headers["etag"] != inline.headers["etag"]


async def test_folded_rows_open_without_javascript(
    client: httpx.AsyncClient, kinds_id: str
) -> None:
    """The fold link targets its <tbody>; the stylesheet shows a targeted fold
    (or one holding a targeted row) and every fold when printing."""
    css = (await client.get("/static/diptych.css")).text
    assert "html:not(.js) .fold:is(:target, :has(:target)) .folded," in css
    print_rules = css[css.index("@media print") :]
    assert ".folded {\n    content-visibility: visible;" in print_rules
    assert "prefers-color-scheme: dark" in css
    assert 'del::before {\n  content: " deleted: ";' in css


def test_shown_row_reads_kind_without_paragraph_flag() -> None:
    from tests.web.html import parse

    (tr,) = parse('<tr id="r1" class="row row--paragraph row--split"></tr>').find_all("tr")
    assert ShownRow(tr).kind == "split"
