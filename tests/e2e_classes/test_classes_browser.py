"""The change classes in a real browser: the filters and the ignore switches work
by mouse and keyboard, the class cues keep their contrast, nothing overflows."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.e2e.test_browser import contrast
from tests.support.chromium import NewContext

# For each class, the colours of its first marked change, and the page's overflow.
MARK_COLOURS_JS = """() => {
  const found = {};
  for (const mark of document.querySelectorAll("table.diff :is(del, ins)[data-class]")) {
    const key = mark.tagName.toLowerCase() + ":" + mark.dataset.class;
    if (key in found || mark.closest(".row--inserted, .row--deleted")) continue;
    const style = getComputedStyle(mark);
    found[key] = [style.color, style.backgroundColor];
  }
  return {marks: found, overflow: document.documentElement.scrollWidth - innerWidth};
}"""


def rows_with(document: dict[str, Any], kind: str) -> list[str]:
    return [
        f"r{number}"
        for number, row in enumerate(document["rows"], start=1)
        if any(kind in c["classes"] and not c["ignored"] for c in row["changes"])
    ]


def test_a_filter_shows_its_rows_and_leads_back(
    page: Page, seed_path: str, api: httpx.Client
) -> None:
    document = api.get(seed_path + ".json").json()
    page.goto(seed_path)
    page.locator("a.class-filter[data-class='quote']").click()
    expect(page).to_have_url(re.compile(r"\?class=quote$"))
    expected = rows_with(document, "quote")
    expect(page.locator(".filter-bar")).to_have_text(
        f"Showing {len(expected)} rows with altered quotations — show all"
    )
    shown = page.eval_on_selector_all(
        "tr.row:not(.row--move-origin)", "rows => rows.filter(r => r.offsetHeight).map(r => r.id)"
    )
    assert shown == expected
    expect(page.locator("#share-url")).to_have_value(re.compile(r"\?class=quote$"))
    page.get_by_role("link", name="show all").click()
    expect(page).to_have_url(re.compile(r"/c/[0-9a-f]+$"))


def test_ignore_switches_work_by_keyboard(page: Page, seed_path: str) -> None:
    page.goto(seed_path)
    typography = page.get_by_role("checkbox", name="typography")
    expect(typography).to_have_attribute("aria-checked", "false")
    assert page.locator("table.diff [data-class='typography']").count() > 0
    typography.focus()
    page.keyboard.press(" ")
    expect(page).to_have_url(re.compile(r"\?ignore=typography$"))
    expect(page.get_by_role("checkbox", name="typography")).to_have_attribute(
        "aria-checked", "true"
    )
    assert page.locator("table.diff [data-class='typography']").count() == 0
    expect(page.locator("#share-url")).to_have_value(re.compile(r"\?ignore=typography$"))


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 400])
def test_class_cues_keep_their_contrast(
    new_context: NewContext, seed_path: str, scheme: str, width: int
) -> None:
    page = new_context(color_scheme=scheme, viewport={"width": width, "height": 900}).new_page()
    page.goto(seed_path)
    found: dict[str, Any] = page.evaluate(MARK_COLOURS_JS)
    assert found["overflow"] <= 0, found
    assert {"del:typography", "ins:spelling", "del:quote", "ins:wording"} <= set(found["marks"])
    for key, (colour, background) in found["marks"].items():
        assert contrast(colour, background) >= 4.5, (key, colour, background)
