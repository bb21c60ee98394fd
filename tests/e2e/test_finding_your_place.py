"""Finding one's place on the comparison page (issue 11): the toolbar fits,
n/p go from where the reader is, folded text is findable, the change list,
moves as stops only when asked for, copying one side."""

from __future__ import annotations

import re

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.e2e.corpus import FOLD_LEFT, FOLDED_COUNT
from tests.e2e.test_browser import assert_in_view, change_ids
from tests.support.chromium import NewContext

ROW_KINDS = ("modified", "split", "merged", "moved", "inserted", "deleted", "equal")

# Every control of the toolbar that is shown, with its box and whether the
# point at its centre is the control itself (not clipped, not covered).
TOOLBAR_CONTROLS_JS = """() => {
  const bar = document.querySelector(".toolbar").getBoundingClientRect();
  const selector = ".toolbar :is(a, button, summary, label, .change-position, .count, "
    + ".toolbar-summary)";
  return [...document.querySelectorAll(selector)]
    .filter((element) => element.offsetParent !== null && !element.closest("ol"))
    .map((element) => {
      const box = element.getBoundingClientRect();
      const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
      return {
        text: element.textContent.trim().slice(0, 30),
        inside: box.left >= bar.left - 0.5 && box.right <= Math.min(bar.right, innerWidth) + 0.5
          && box.top >= bar.top - 0.5 && box.bottom <= bar.bottom + 0.5,
        onTop: hit !== null && (element.contains(hit) || hit.contains(element)),
      };
    });
}"""


def step_ids(page: Page, selector: str = "tr[data-change]") -> list[str]:
    ids: list[str] = page.eval_on_selector_all(selector, "rows => rows.map(r => r.id)")
    return ids


def row_number(row_id: str) -> int:
    return int(re.sub(r"\D", "", row_id))


# 1. The toolbar fits at common laptop widths, with every row kind present.


@pytest.mark.parametrize("width", [1280, 1366, 1440])
def test_the_toolbar_fits_with_every_row_kind(
    new_context: NewContext, every_kind_path: str, width: int
) -> None:
    page = new_context(viewport={"width": width, "height": 900}).new_page()
    page.goto(every_kind_path)
    for kind in ROW_KINDS:
        expect(page.locator(f".toolbar .count--{kind}")).to_have_count(1)
    changes = change_ids(page)
    page.goto(f"{every_kind_path}#{changes[-2]}")
    expect(page.locator("tr.is-current")).to_have_id(changes[-2])
    page.keyboard.press("n")  # the longest position: "Changed row 98 of 98"
    expect(page.locator(".change-position")).to_have_text(
        f"Changed row {len(changes)} of {len(changes)}"
    )
    page.evaluate("scrollTo(0, 0)")
    controls = page.evaluate(TOOLBAR_CONTROLS_JS)
    assert len(controls) >= len(ROW_KINDS) + 6
    clipped = [control for control in controls if not (control["inside"] and control["onTop"])]
    assert clipped == [], clipped
    assert page.evaluate("document.documentElement.scrollWidth - innerWidth") <= 0


# 2. n and p go from where the reader is; focus follows; the end is said.


def test_n_after_a_row_link_goes_to_the_next_change_after_that_row(
    page: Page, seed_path: str
) -> None:
    page.goto(seed_path)
    changes = change_ids(page)
    page.goto(f"{seed_path}#r40")
    current = page.locator("tr.is-current")
    expect(current).to_have_id("r40")  # the linked row is where the reader is
    page.keyboard.press("n")
    following = next(row for row in changes if row_number(row) > 40)
    expect(current).to_have_id(following)
    expect(page.locator(".change-position")).to_have_text(
        f"Changed row {changes.index(following) + 1} of {len(changes)}"
    )
    assert_in_view(page, following)
    # The keyboard focus is in the current row: Tab goes on from there.
    assert page.evaluate("document.activeElement.id") == following
    page.keyboard.press("Tab")
    assert page.evaluate(
        """(id) => {
          const row = document.getElementById(id), active = document.activeElement;
          return row.contains(active)
            || Boolean(row.compareDocumentPosition(active) & Node.DOCUMENT_POSITION_FOLLOWING);
        }""",
        following,
    )
    page.keyboard.press("p")
    expect(current).to_have_id(changes[changes.index(following) - 1])


def test_n_goes_from_the_first_row_in_view(page: Page, seed_path: str) -> None:
    page.goto(seed_path)
    changes = change_ids(page)
    page.locator("#r30").scroll_into_view_if_needed()
    page.evaluate("document.getElementById('r30').scrollIntoView({block: 'start'})")
    page.keyboard.press("n")
    current = page.locator("tr.is-current")
    expect(current).not_to_have_id(changes[0])
    assert row_number(current.get_attribute("id") or "") >= 28
    assert_in_view(page, current.get_attribute("id") or "")


def test_n_at_the_last_change_says_so(page: Page, seed_path: str) -> None:
    page.goto(seed_path)
    last = change_ids(page)[-1]
    page.goto(f"{seed_path}#{last}")
    expect(page.locator("tr.is-current")).to_have_id(last)
    page.keyboard.press("n")
    expect(page.locator(".status")).to_have_text(re.compile(r"No more changes"))
    expect(page.locator("tr.is-current")).to_have_id(last)


def test_an_ignore_switch_keeps_the_focus(page: Page, seed_path: str) -> None:
    page.goto(seed_path)
    page.get_by_role("checkbox", name="typography").focus()
    page.keyboard.press("Space")
    expect(page).to_have_url(re.compile(r"ignore=typography"))
    expect(page.get_by_role("checkbox", name="typography")).to_be_focused()
    expect(page.get_by_role("checkbox", name="typography")).to_have_attribute(
        "aria-checked", "true"
    )


# 3. Folded text is found by the browser's find, and Expand all.


def test_a_phrase_in_a_fold_is_found_and_opens_it(page: Page, fold_path: str) -> None:
    phrase = ["Paragraph", "six", "of", "the"]
    assert " ".join(phrase) in FOLD_LEFT
    # A link to a phrase runs the browser's own find-in-page.
    page.goto(f"{fold_path}#:~:text={'%20'.join(phrase)}")
    toggle = page.get_by_role("button", name=f"{FOLDED_COUNT} unchanged sentences")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(toggle).to_have_text(f"Hide {FOLDED_COUNT} unchanged sentences")
    expect(page.locator("tbody.fold tr.row", has_text=" ".join(phrase))).to_be_visible()
    toggle.click()
    expect(toggle).to_have_text(f"Show {FOLDED_COUNT} unchanged sentences")
    expect(page.locator("tbody.fold tr.row").first).to_be_hidden()


def test_expand_all_is_part_of_the_share_link(page: Page, fold_path: str) -> None:
    page.goto(fold_path)
    page.get_by_role("link", name="Expand all").click()
    expect(page).to_have_url(re.compile(r"folds=open"))
    expect(page.locator("#share-url")).to_have_value(re.compile(r"folds=open$"))
    expect(page.locator("tbody.fold")).to_have_count(0)
    rows = page.locator("tr.row--equal")
    for index in range(rows.count()):
        expect(rows.nth(index)).to_be_visible()
    page.get_by_role("link", name="Fold unchanged").click()
    expect(page.locator("tbody.fold")).not_to_have_count(0)


# 4. The change list.


def test_the_change_list_links_every_change_and_follows_n(page: Page, seed_path: str) -> None:
    page.goto(seed_path)
    changes = change_ids(page)
    nav = page.get_by_role("navigation", name="Change list")
    expect(nav).to_have_count(1)
    nav.get_by_text("Change list").click()
    links = nav.get_by_role("link")
    hrefs = [links.nth(index).get_attribute("href") for index in range(links.count())]
    assert hrefs == [f"#{row}" for row in changes]
    links.nth(9).click()
    expect(page).to_have_url(re.compile(f"#{changes[9]}$"))
    assert_in_view(page, changes[9])
    expect(links.nth(9)).to_have_attribute("aria-current", "location")
    page.locator("body").press("n")
    expect(page.locator("tr.is-current")).to_have_id(changes[10])
    expect(links.nth(10)).to_have_attribute("aria-current", "location")
    expect(nav.locator("a[aria-current]")).to_have_count(1)


def test_the_change_list_works_without_javascript(new_context: NewContext, seed_path: str) -> None:
    page = new_context(java_script_enabled=False).new_page()
    page.goto(seed_path)
    nav = page.get_by_role("navigation", name="Change list")
    nav.get_by_text("Change list").click()
    link = nav.get_by_role("link").nth(4)
    target = link.get_attribute("href")
    link.click()
    expect(page).to_have_url(re.compile(f"{target}$"))
    assert_in_view(page, (target or "#")[1:])


def test_the_change_list_is_a_sheet_on_a_phone(new_context: NewContext, seed_path: str) -> None:
    page = new_context(viewport={"width": 390, "height": 800}).new_page()
    page.goto(seed_path)
    page.mouse.wheel(0, 3000)
    page.wait_for_function("() => scrollY > 2500")
    nav = page.get_by_role("navigation", name="Change list")
    nav.get_by_text("Change list").click()
    sheet = nav.locator("ol")
    expect(sheet).to_be_in_viewport()
    box = sheet.bounding_box()
    assert box and box["width"] >= 380, box
    nav.get_by_role("link").nth(2).click()
    expect(sheet).to_be_hidden()
    assert_in_view(page, change_ids(page)[2])


# 5. A sentence that only moved is a stop only when moves are asked for.


def test_a_move_alone_is_a_stop_only_when_asked_for(
    page: Page, every_kind_path: str, api: httpx.Client
) -> None:
    page.goto(every_kind_path)
    (moved,) = step_ids(page, "tr[data-moved]")
    assert moved not in change_ids(page)
    last = change_ids(page)[-1]
    page.goto(f"{every_kind_path}#{last}")
    expect(page.locator("tr.is-current")).to_have_id(last)
    page.keyboard.press("n")
    expect(page.locator(".status")).to_have_text(re.compile(r"No more changes"))
    page.get_by_label("Stop at moves").check()
    page.keyboard.press("n")
    expect(page.locator("tr.is-current")).to_have_id(moved)
    # The "moved" chip shows the moved rows only, and there they are stops.
    page.locator(".toolbar .count--moved a").click()
    expect(page).to_have_url(re.compile(r"kind=moved"))
    expect(page.locator("tr.row--moved")).to_have_count(1)
    page.keyboard.press("n")
    expect(page.locator("tr.is-current")).to_have_id(moved)


# 8. Copying one side.


def test_a_selection_started_in_one_column_stays_in_it(page: Page, seed_path: str) -> None:
    page.goto(seed_path)
    start = page.locator("#r5 td.cell--left")
    end = page.locator("#r7 td.cell--left")
    start.scroll_into_view_if_needed()
    first, last = start.bounding_box(), end.bounding_box()
    assert first and last
    page.mouse.move(first["x"] + 10, first["y"] + 12)
    page.mouse.down()
    page.mouse.move(last["x"] + last["width"] - 20, last["y"] + last["height"] - 12, steps=8)
    page.mouse.up()
    selected: str = page.evaluate("getSelection().toString()")
    middle_right = page.locator("#r6 td.cell--right ins").first.inner_text()
    middle_left = page.locator("#r6 td.cell--left del").first.inner_text()
    assert middle_left in selected
    assert middle_right not in selected
    for noise in ("modified", "¶", "Accept"):
        assert noise not in selected, (noise, selected)


def test_copy_left_text_copies_the_whole_left_text(
    new_context: NewContext, seed_path: str, api: httpx.Client
) -> None:
    context = new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(seed_path)
    page.get_by_role("button", name="Copy left text").click()
    expect(page.locator(".status")).to_have_text("The left text is copied.")
    left = api.get(f"{seed_path}.json").json()["left"]["text"]
    assert page.evaluate("navigator.clipboard.readText()") == left
