"""A long page renders its off-screen groups of rows lazily (content-visibility)
without losing what a reader relies on: a row's link lands on the row, the
columns stay aligned with the header, find sees every row (folded ones too),
n/p step across the groups, print shows all."""

from __future__ import annotations

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.e2e.test_browser import assert_in_view
from tests.support.live_server import create_comparison

ROWS = 240
SENTENCES = [
    f"Paragraph {n} of the annual report lists the figures for region {n}." for n in range(ROWS)
]
EDITED = [s.replace("figures", "numbers") if n % 2 else s for n, s in enumerate(SENTENCES)]
# One change in every CHANGE_EVERY sentences: the runs between are folds.
CHANGE_EVERY = 15
SPARSE = [
    s.replace("figures", "numbers") if n % CHANGE_EVERY == 0 else s for n, s in enumerate(SENTENCES)
]

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


@pytest.fixture(scope="module")
def folded_path(api: httpx.Client) -> str:
    created = create_comparison(api, "\n".join(SENTENCES), "\n".join(SPARSE), title="Folded")
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


def test_a_phrase_in_a_far_fold_is_found_and_opens_it(page: Page, folded_path: str) -> None:
    page.goto(f"{folded_path}#:~:text=figures%20for%20region%20203.")
    assert "diff--lazy" in (page.locator("table.diff").get_attribute("class") or "")
    row = page.locator("tbody.fold tr.row", has_text="for region 203.")
    expect(row).to_be_visible()
    fold_id = row.evaluate("(row) => row.closest('tbody').id")
    toggle = page.locator(f"button.fold-button[aria-controls='{fold_id}']")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    row_id = row.get_attribute("id")
    header, cells = page.evaluate(COLUMNS, row_id)
    assert header == cells
    # The other folds stay closed.
    expect(page.locator("button.fold-button[aria-expanded='false']")).not_to_have_count(0)


def test_n_and_p_step_across_the_groups(page: Page, folded_path: str) -> None:
    first = 180 // CHANGE_EVERY * CHANGE_EVERY + 1  # row r181, a change
    page.goto(f"{folded_path}#r{first}")
    current = page.locator("tr.is-current")
    expect(current).to_have_id(f"r{first}")
    page.keyboard.press("n")
    expect(current).to_have_id(f"r{first + CHANGE_EVERY}")
    assert_in_view(page, f"r{first + CHANGE_EVERY}")
    for back in (first, first - CHANGE_EVERY):
        page.keyboard.press("p")
        expect(current).to_have_id(f"r{back}")
        assert_in_view(page, f"r{back}")


def test_a_closed_fold_takes_no_room_before_it_is_drawn(page: Page, folded_path: str) -> None:
    page.goto(folded_path)
    folds = page.locator("tbody.fold")
    assert folds.count() > 10
    # The last fold is far below the viewport, its rendering skipped.
    assert folds.last.evaluate("(fold) => fold.getBoundingClientRect().top") > 2000
    assert folds.last.evaluate("(fold) => fold.getBoundingClientRect().height") == 0
