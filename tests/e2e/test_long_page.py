"""A long page renders its off-screen groups of rows lazily (content-visibility)
without losing what a reader relies on: a row's link lands on the row, the
columns stay aligned with the header, find sees every row, print shows all."""

from __future__ import annotations

import httpx
import pytest
from playwright.sync_api import Page

from tests.support.live_server import create_comparison

ROWS = 240
SENTENCES = [
    f"Paragraph {n} of the annual report lists the figures for region {n}." for n in range(ROWS)
]
EDITED = [s.replace("figures", "numbers") if n % 2 else s for n, s in enumerate(SENTENCES)]

PLACE = """(id) => {
  const box = document.getElementById(id).getBoundingClientRect();
  const head = document.querySelector(".diff thead").getBoundingClientRect();
  return {top: box.top, bottom: box.bottom, headBottom: head.bottom, height: innerHeight};
}"""
COLUMNS = """(id) => [document.querySelector(".diff thead tr"), document.getElementById(id)]
  .map((row) => [...row.children].slice(0, 3).map((cell) => {
    const box = cell.getBoundingClientRect();
    return [Math.round(box.left), Math.round(box.width)];
  }))"""


@pytest.fixture(scope="module")
def long_path(api: httpx.Client) -> str:
    created = create_comparison(api, "\n".join(SENTENCES), "\n".join(EDITED), title="Long")
    return created["url"]


def test_a_far_row_link_lands_on_the_row_below_the_header(page: Page, long_path: str) -> None:
    page.goto(f"{long_path}#r200")
    page.wait_for_function(
        "document.getElementById('r200').getBoundingClientRect().top < innerHeight"
    )
    place = page.evaluate(PLACE, "r200")
    assert place["headBottom"] <= place["top"] + 1 and place["bottom"] <= place["height"]
    header, row = page.evaluate(COLUMNS, "r200")
    assert header == row


def test_lazy_groups_are_found_and_printed(page: Page, long_path: str) -> None:
    page.goto(long_path)
    assert "diff--lazy" in (page.locator("table.diff").get_attribute("class") or "")
    groups = page.locator(".diff > tbody:not(.fold-toggle)")
    assert groups.count() > 10
    assert groups.last.evaluate("(group) => getComputedStyle(group).contentVisibility") == "auto"
    # The browser's find, from the top: it reaches a group not rendered yet.
    page.wait_for_function("() => window.find('for region 230.')")
    page.emulate_media(media="print")
    assert groups.last.evaluate("(group) => getComputedStyle(group).contentVisibility") == "visible"
    assert page.locator("tr.row").count() == ROWS
