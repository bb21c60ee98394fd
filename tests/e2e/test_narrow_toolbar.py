"""The sticky toolbar on narrow screens: scrolled down the table, Prev and Next
and the change position stay in view, uncovered, and move to a change."""

from __future__ import annotations

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.e2e.test_browser import change_ids, row_place
from tests.support.chromium import NewContext

# Whether the element's centre is the element itself (or inside it) on screen,
# not something drawn over it or beyond the viewport.
ON_TOP_JS = """(element) => {
  const box = element.getBoundingClientRect();
  const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  return hit !== null && element.contains(hit);
}"""


# The first table row below the sticky header (the reader's place).
FIRST_ROW_IN_VIEW_JS = """() => {
  const top = document.querySelector("table.diff thead").getBoundingClientRect().bottom;
  return [...document.querySelectorAll("table.diff tr.row")]
    .find((row) => row.getBoundingClientRect().bottom > top + 1).id;
}"""


def assert_usable(control: Locator) -> None:
    expect(control).to_be_in_viewport(ratio=1)
    assert control.evaluate(ON_TOP_JS), "covered by something else"


def scroll_down_the_table(page: Page) -> None:
    page.mouse.wheel(0, 3000)
    page.wait_for_function("() => scrollY > 2500")


@pytest.mark.parametrize("width", [400, 700])
def test_prev_and_next_stay_in_view_down_the_table(
    new_context: NewContext, seed_path: str, width: int
) -> None:
    page = new_context(viewport={"width": width, "height": 800}).new_page()
    page.goto(seed_path)
    previous = page.get_by_role("button", name="↑ Prev")
    following = page.get_by_role("button", name="Next ↓")
    position = page.locator(".change-position")
    changes = change_ids(page)

    scroll_down_the_table(page)
    for control in (previous, following, position):
        assert_usable(control)

    # Next goes from where the reader is: the first change in view.
    following.click()
    first = page.locator("tr.is-current").get_attribute("id")
    assert first in changes
    index = changes.index(first)
    assert index > 2, "scrolled down the table, Next must not start at the top"
    place = row_place(page, first)  # a row taller than the screen shows from its top
    assert place["covered"] - 1 <= place["top"] < place["height"], place
    following.click()
    expect(page.locator("tr.is-current")).to_have_id(changes[index + 1])
    expect(position).to_have_text(f"Changed row {index + 2} of {len(changes)}")
    place = row_place(page, changes[index + 1])
    assert place["covered"] - 1 <= place["top"] < place["height"], place

    # Scrolled on past it, Prev goes to the change before the first row in view.
    scroll_down_the_table(page)
    assert_usable(previous)
    first_in_view = page.evaluate(FIRST_ROW_IN_VIEW_JS)
    before = [row for row in changes if int(row[1:]) < int(first_in_view[1:])]
    previous.click()
    expect(page.locator("tr.is-current")).to_have_id(before[-1])
    assert changes.index(before[-1]) > index + 1
    place = row_place(page, before[-1])
    assert place["covered"] - 1 <= place["top"] < place["height"], place
    assert_usable(following)
