"""The sticky toolbar on narrow screens: scrolled down the table, Prev and Next
and the change position stay in view, uncovered, and move to a change."""

from __future__ import annotations

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.e2e.test_browser import assert_in_view, change_ids
from tests.support.chromium import NewContext

# Whether the element's centre is the element itself (or inside it) on screen,
# not something drawn over it or beyond the viewport.
ON_TOP_JS = """(element) => {
  const box = element.getBoundingClientRect();
  const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  return hit !== null && element.contains(hit);
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

    following.click()
    following.click()
    expect(page.locator("tr.is-current")).to_have_id(changes[1])
    expect(position).to_have_text(f"Change 2 of {len(changes)}")
    assert_in_view(page, changes[1])

    scroll_down_the_table(page)
    assert_usable(previous)
    previous.click()
    expect(page.locator("tr.is-current")).to_have_id(changes[0])
    assert_in_view(page, changes[0])
    assert_usable(following)
