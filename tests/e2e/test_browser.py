"""The comparison page in a real browser (Chromium through Playwright), against
the real server: layout, keys, links, folds, the inline view, no-JS, dark mode."""

from __future__ import annotations

import re
import struct
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.corpus import FOLDED_COUNT
from tests.support.chromium import NewContext
from tests.support.live_server import REPO, SEED_TITLE

SCREENSHOTS = REPO / "screenshots"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

# Where each row's two cells stand, and how many rows wrap to several lines.
CELL_BOXES_JS = """() => {
  const found = {checked: 0, wrapped: 0, mismatches: []};
  for (const row of document.querySelectorAll("table.diff tr.row")) {
    const left = row.querySelector("td.cell--left");
    const right = row.querySelector("td.cell--right");
    if (!left || !right) continue;
    const l = left.getBoundingClientRect();
    const r = right.getBoundingClientRect();
    if (l.height === 0 && r.height === 0) continue;  // folded away
    found.checked += 1;
    const line = parseFloat(getComputedStyle(right).lineHeight);
    if (Math.max(l.height, r.height) > 3 * line) found.wrapped += 1;
    if (Math.abs(l.top - r.top) > 1 || Math.abs(l.height - r.height) > 1) {
      found.mismatches.push({row: row.id, left: [l.top, l.height], right: [r.top, r.height]});
    }
  }
  found.overflow = document.documentElement.scrollWidth - innerWidth;
  return found;
}"""

# Where a row stands in the viewport, and where the sticky toolbar and table
# header (which cover the rows scrolling under them) end.
ROW_PLACE_JS = """(id) => {
  const row = document.getElementById(id).getBoundingClientRect();
  const bottom = (selector) => document.querySelector(selector).getBoundingClientRect().bottom;
  const covered = Math.max(bottom(".toolbar"), bottom("table.diff thead th"));
  return {top: row.top, bottom: row.bottom, covered: covered, height: innerHeight,
          pageTop: row.top + scrollY, scrollY: scrollY};
}"""

# The colour actually painted behind the page, and a few text colours.
COLOURS_JS = """() => {
  let element = document.body, background = "rgba(0, 0, 0, 0)";
  while (element) {
    const colour = getComputedStyle(element).backgroundColor;
    if (!/^rgba\\(.*, 0\\)$/.test(colour) && colour !== "transparent") {
      background = colour;
      break;
    }
    element = element.parentElement;
  }
  const style = (selector) => getComputedStyle(document.querySelector(selector));
  return {
    background: background,
    text: style("h1").color,
    tableBackground: style("table.diff").backgroundColor,
    cellText: style("tr.row--modified td.cell--right").color,
    del: [style("del").color, style("del").backgroundColor],
    ins: [style("ins").color, style("ins").backgroundColor],
  };
}"""


def row_place(page: Page, row_id: str) -> dict[str, float]:
    place: dict[str, float] = page.evaluate(ROW_PLACE_JS, row_id)
    return place


def assert_in_view(page: Page, row_id: str) -> None:
    """The row is wholly in the viewport, not under the sticky toolbar or table header."""
    place = row_place(page, row_id)
    assert place["top"] >= place["covered"] - 1, (row_id, place)
    assert place["bottom"] <= place["height"] + 1, (row_id, place)


def change_ids(page: Page) -> list[str]:
    ids: list[str] = page.eval_on_selector_all("tr[data-change]", "rows => rows.map(r => r.id)")
    return ids


def parse_rgb(colour: str) -> tuple[float, float, float]:
    match = re.fullmatch(r"rgba?\((\d+), (\d+), (\d+)(?:, [\d.]+)?\)", colour)
    assert match, f"not an rgb() colour: {colour}"
    red, green, blue = (int(part) for part in match.groups())
    return red, green, blue


def luminance(colour: str) -> float:
    """WCAG relative luminance: 0 for black, 1 for white."""

    def linear(channel: float) -> float:
        channel /= 255
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(channel) for channel in parse_rgb(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(foreground: str, background: str) -> float:
    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


# a. The seed, reached from the library.


def test_the_seed_opens_from_the_library(page: Page) -> None:
    page.goto("/")
    page.get_by_role("link", name=SEED_TITLE, exact=True).click()
    expect(page).to_have_url(re.compile(r"/c/[^/?#]+$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(SEED_TITLE)
    assert page.locator("table.diff tr.row").count() > 20
    expect(page.locator("table.diff del").first).to_be_visible()
    expect(page.locator("table.diff ins").first).to_be_visible()
    banner = page.locator("tr.row", has_text="LATEST NEWS:")
    expect(banner).to_have_count(1)
    expect(banner).to_contain_class("row--inserted")
    expect(banner.locator("td.cell--left")).to_contain_class("cell--empty")
    expect(banner.locator("td.cell--right ins")).to_have_text("LATEST NEWS:")


# b. The two cells of a row stand side by side, however the text wraps.


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (700, 900), (400, 800)])
def test_both_cells_of_a_row_share_their_top_and_height(
    new_context: NewContext, seed_path: str, width: int, height: int
) -> None:
    page = new_context(viewport={"width": width, "height": height}).new_page()
    page.goto(seed_path)
    found: dict[str, Any] = page.evaluate(CELL_BOXES_JS)
    assert found["checked"] > 20
    assert found["mismatches"] == []
    if width < 1000:  # the narrow layouts are where the text wraps a lot
        assert found["wrapped"] > found["checked"] // 2, found
    assert found["overflow"] <= 0, "the page scrolls sideways"


# c. Keys move the current-change marker.


def test_keys_move_the_current_change(page: Page, seed_path: str) -> None:
    page.goto(seed_path)
    expect(page.locator(".change-nav")).to_be_visible()
    changes = change_ids(page)
    assert len(changes) > 30
    current = page.locator("tr.is-current")
    position = page.locator(".change-position")
    expect(current).to_have_count(0)

    def press(key: str, expected: int) -> None:
        page.keyboard.press(key)
        expect(current).to_have_count(1)
        expect(current).to_have_id(changes[expected])
        expect(position).to_have_text(f"Changed row {expected + 1} of {len(changes)}")
        assert_in_view(page, changes[expected])

    press("n", 0)
    press("n", 1)
    assert row_place(page, changes[1])["pageTop"] > row_place(page, changes[0])["pageTop"]
    press("p", 0)
    press("j", 1)
    press("k", 0)
    for expected in range(1, 31):  # far down the page: it scrolls to follow
        press("j", expected)
    assert row_place(page, changes[30])["scrollY"] > 0
    press("k", 29)

    share = page.locator("#share-url")  # keys typed into a field are the field's
    share.focus()
    for key in ("n", "j", "p", "k"):
        page.keyboard.press(key)
        expect(current).to_have_id(changes[29])
        expect(position).to_have_text(f"Changed row 30 of {len(changes)}")


# d. The inline redline and back.


def test_the_inline_view_and_back(page: Page, seed_path: str) -> None:
    page.goto(seed_path)
    cells_per_row = "rows => rows.map(r => r.querySelectorAll('td:not(.cell--review)').length)"
    page.get_by_role("link", name="Inline redline").click()
    expect(page).to_have_url(re.compile(r"\?view=inline$"))
    expect(page.locator("table.diff--inline")).to_be_visible()
    counts: list[int] = page.eval_on_selector_all("table.diff tr.row", cells_per_row)
    assert counts and set(counts) == {1}
    expect(page.locator("td.cell--inline:has(del):has(ins)").first).to_be_visible()
    expect(page.get_by_role("link", name="Inline redline")).to_have_attribute(
        "aria-current", "page"
    )

    page.get_by_role("link", name="Side by side").click()
    expect(page).to_have_url(re.compile(r"/c/[^/?#]+$"))
    expect(page.locator("table.diff--side")).to_be_visible()
    counts = page.eval_on_selector_all("table.diff tr.row", cells_per_row)
    assert counts and set(counts) == {2}


# e. A moved sentence and the place it came from link to each other.


def test_a_moved_row_and_its_origin_link_to_each_other(
    new_context: NewContext, moved_path: str
) -> None:
    page = new_context(viewport={"width": 1000, "height": 500}).new_page()
    page.goto(moved_path)
    moved = page.locator("tr.row--moved")
    expect(moved).to_have_count(1)
    moved_id = moved.get_attribute("id")
    assert moved_id
    origin_id = f"{moved_id}-origin"

    moved.get_by_role("link", name=re.compile(r"^moved from left ¶ \d+$")).click()
    expect(page).to_have_url(re.compile(f"#{origin_id}$"))
    expect(page.locator(f"#{origin_id}")).to_contain_class("row--move-origin")
    assert_in_view(page, origin_id)
    away = row_place(page, moved_id)
    assert away["top"] > away["height"], "the moved row should be out of sight by now"

    page.locator(f"#{origin_id}").get_by_role(
        "link", name=re.compile(r"^moved to right ¶ \d+$")
    ).click()
    expect(page).to_have_url(re.compile(f"#{moved_id}$"))
    assert_in_view(page, moved_id)


# f. Folds of unchanged rows.


def test_a_fold_opens_and_closes(page: Page, fold_path: str) -> None:
    page.goto(fold_path)
    folded = page.locator("tbody.fold tr.row")
    expect(folded).to_have_count(FOLDED_COUNT)
    toggle = page.get_by_role("button", name=f"{FOLDED_COUNT} unchanged sentences")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(folded.first).to_be_hidden()
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    for index in range(FOLDED_COUNT):
        expect(folded.nth(index)).to_be_visible()
    toggle.click()
    expect(folded.first).to_be_hidden()


# g. Without JavaScript.


def test_without_javascript_the_page_still_works(new_context: NewContext, seed_path: str) -> None:
    page = new_context(java_script_enabled=False).new_page()
    page.goto(seed_path)
    assert page.locator("table.diff tr.row").count() > 20
    expect(page.locator("table.diff del").first).to_be_visible()
    expect(page.locator("table.diff ins").first).to_be_visible()
    expect(page.locator(".change-nav")).to_be_hidden()
    expect(page.locator(".keys-hint")).to_be_hidden()


def test_without_javascript_a_fold_opens_by_its_link(
    new_context: NewContext, fold_path: str
) -> None:
    page = new_context(java_script_enabled=False).new_page()
    page.goto(fold_path)
    folded = page.locator("tbody.fold tr.row")
    expect(folded.first).to_be_hidden()
    page.get_by_role("link", name=f"{FOLDED_COUNT} unchanged sentences").click()
    expect(page).to_have_url(re.compile(r"#fold-1$"))
    for index in range(FOLDED_COUNT):
        expect(folded.nth(index)).to_be_visible()
    # A link to a row inside a fold opens the fold too.
    page.goto(f"{fold_path}#r3")
    expect(page.locator("#r3")).to_be_visible()


# h. Screenshots in light and dark.


def test_the_gitignore_keeps_screenshots_out() -> None:
    assert "/screenshots/" in (REPO / ".gitignore").read_text().splitlines()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshot_and_colours(new_context: NewContext, seed_path: str, scheme: str) -> None:
    page = new_context(color_scheme=scheme).new_page()
    page.goto(seed_path)
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"seed-{scheme}.png"
    path.unlink(missing_ok=True)
    page.screenshot(path=path, full_page=True)
    data = path.read_bytes()
    assert data.startswith(PNG_SIGNATURE)
    width, height = struct.unpack(">II", data[16:24])
    assert width == 1280 and height > 2000, (width, height)

    colours: dict[str, Any] = page.evaluate(COLOURS_JS)
    background = luminance(colours["background"])
    assert background < 0.05 if scheme == "dark" else background > 0.85, colours
    assert contrast(colours["text"], colours["background"]) >= 7, colours
    assert contrast(colours["cellText"], colours["tableBackground"]) >= 7, colours
    for mark in ("del", "ins"):
        assert contrast(*colours[mark]) >= 4.5, (mark, colours)
