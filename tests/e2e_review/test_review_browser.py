"""Editorial review in a real browser (Chromium through Playwright) against the
real server: two colleagues, each a browser context of their own, review an
unlisted comparison; the same review without JavaScript; "Unchecked only"
stepping past what a colleague marked; and the review's layout on a wide
screen and a phone, light and dark, with screenshots in screenshots/."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from playwright.sync_api import Dialog, Locator, Page, expect

from tests.e2e_review.conftest import (
    SEED_LEFT,
    SEED_RIGHT,
    contrast,
    create_in_form,
    quote_change,
    screenshot_path,
    watch_errors,
)
from tests.support.chromium import NewContext
from tests.support.live_server import SEED_TITLE, create_comparison

TITLE = "Peace talks: the Telegraph's copy against The Hill"


def review_cell(page: Page, row: int) -> Locator:
    return page.locator(f"#r{row}-review")


def change_item(page: Page, row: int, change: int) -> Locator:
    """The row's line for one change: its words, state and mark buttons."""
    return review_cell(page, row).locator(
        "li[data-state]", has=page.locator(f"button[value='{change}:accepted']")
    )


def other_change(page: Page, row: int, change: int) -> int:
    """Another change of the row than `change`, to mark."""
    values: list[str] = review_cell(page, row).evaluate(
        "cell => [...cell.querySelectorAll('button[name=mark]')].map(b => b.value)"
    )
    changes = {int(value.split(":")[0]) for value in values if value[0].isdigit()}
    return min(changes - {change})


# a. Two colleagues: one makes and shares the comparison, the other comments
# and marks, the first sees it come in, answers and resolves, and deletes it.


def test_two_colleagues_review_an_unlisted_comparison(
    new_context: NewContext, api: httpx.Client
) -> None:
    ana = new_context().new_page()
    ana_errors = watch_errors(ana)
    path = create_in_form(ana, TITLE)
    expect(ana.get_by_label("Only people with the link")).to_be_checked()
    link = ana.get_by_label("Share link").input_value()
    assert link.endswith(path)
    row, change = quote_change(api, path)
    ana.evaluate("window.neverReloaded = true")

    ben_context = new_context()
    ben = ben_context.new_page()
    ben_errors = watch_errors(ben)
    ben.goto("/")
    expect(ben.get_by_role("link", name=SEED_TITLE, exact=True)).to_be_visible()
    expect(ben.get_by_role("link", name=TITLE)).to_have_count(0)

    # A mark needs a name: refused, said in the status line, the name field focused.
    ben.goto(link)
    cell = review_cell(ben, row)
    quoted = change_item(ben, row, change)
    quoted.get_by_role("button", name="Query").click()
    expect(ben.locator(".status")).to_have_text(re.compile(r"^Give your name first"))
    expect(ben.get_by_label("Your name", exact=True)).to_be_focused()
    expect(quoted).to_have_attribute("data-state", "unchecked")

    # Ben comments on the quotation, typing his name once, and marks it queried.
    cell.get_by_role("link", name=f"Comment on row {row}").click()
    form = cell.locator("form.comment-form")
    expect(form.get_by_label(f"Comment on row {row}")).to_be_focused()
    form.get_by_label("Your name").fill("Ben")
    form.get_by_label("On", exact=True).select_option(str(change))
    form.get_by_label(f"Comment on row {row}").fill("Is “a huge advantage” what he said?")
    form.get_by_role("button", name="Comment").click()
    expect(cell.locator("section.thread .comment-author")).to_have_text("Ben")
    expect(ben.locator(".status")).to_have_text("Comment added.")
    quoted.get_by_role("button", name="Query").click()
    expect(quoted).to_have_attribute("data-state", "queried")
    expect(quoted.get_by_role("button", name="Query")).to_have_attribute("aria-pressed", "true")
    expect(quoted.get_by_role("button", name="Query")).to_be_focused()

    # Ana, without reloading, sees both come in.
    ana_cell = review_cell(ana, row)
    ana_thread = ana_cell.locator("section.thread")
    expect(ana_thread).to_contain_text("Is “a huge advantage” what he said?")
    expect(change_item(ana, row, change)).to_have_attribute("data-state", "queried")
    expect(change_item(ana, row, change)).to_contain_text("Ben")
    expect(ana.locator(f"#r{row} .comment-marker")).to_contain_text("1")
    expect(ana.locator("#review .open-threads > summary")).to_have_text("Comments (1 open)")

    # She starts a reply; meanwhile Ben accepts another change of the row. The
    # row she is typing in waits; the review panel above takes the mark in.
    ana_thread.get_by_role("link", name="Reply").click()
    reply = ana_thread.locator("form.comment-form")
    expect(reply.get_by_label("Reply", exact=True)).to_be_focused()
    reply.get_by_label("Your name").fill("Ana")
    reply.get_by_label("Reply", exact=True).fill("Checking the transcript with the desk.")
    other = other_change(ben, row, change)
    change_item(ben, row, other).get_by_role("button", name="Accept").click()
    expect(change_item(ben, row, other)).to_have_attribute("data-state", "accepted")
    expect(ana.locator("#review .progress")).to_contain_text("1 accepted")
    expect(reply.get_by_label("Reply", exact=True)).to_have_value(
        "Checking the transcript with the desk."
    )
    reply.get_by_role("button", name="Reply").click()
    expect(ana_thread.locator("article.comment")).to_have_count(2)
    expect(change_item(ana, row, other)).to_have_attribute("data-state", "accepted")
    expect(ana.locator(".status")).to_have_text("Reply added.")

    ana_thread.get_by_role("button", name="Resolve").click()
    expect(ana_thread).to_contain_class("thread--resolved")
    expect(ana_thread.locator(".thread-folded > summary")).to_contain_text("Resolved by Ana")
    expect(ana.locator("#review .open-threads > summary")).to_have_text("Comments (0 open)")
    expect(cell.locator("section.thread")).to_contain_class("thread--resolved")
    assert ana.evaluate("window.neverReloaded") is True

    # Ben has no delete control, and his post to the delete address is refused.
    expect(ben.locator("section.owner")).to_have_count(0)
    expect(ben.get_by_role("button", name="Delete comparison")).to_have_count(0)
    token = ben.locator("input[name='csrf_token']").first.input_value()
    refused = ben_context.request.post(f"{path}/delete", form={"csrf_token": token})
    assert refused.status == 403
    assert api.get(f"{path}.json").status_code == 200

    # Ana deletes it (after confirming); Ben's next load finds nothing.
    questions: list[str] = []

    def confirm(dialog: Dialog) -> None:
        questions.append(dialog.message)
        dialog.accept()

    ana.on("dialog", confirm)
    ana.get_by_role("button", name="Delete comparison").click()
    expect(ana).to_have_url(re.compile(r"/$"))
    assert questions and questions[0].startswith("Delete this comparison")
    gone = ben.goto(link)
    assert gone is not None and gone.status == 404
    assert ana_errors == [] and ben_errors == []


# b. Without JavaScript: the comment link opens a form in the row, and both
# the comment and a mark are plain posts that come back to the row.


def test_without_javascript_a_comment_and_a_mark_land(
    new_context: NewContext, api: httpx.Client
) -> None:
    path = create_comparison(api, SEED_LEFT, SEED_RIGHT, title="Peace talks, no script")["url"]
    row, change = quote_change(api, path)
    page = new_context(java_script_enabled=False).new_page()
    page.goto(path)
    cell = review_cell(page, row)

    cell.get_by_role("link", name=f"Comment on row {row}").click()
    expect(page).to_have_url(re.compile(rf"\?comment={row}#r{row}-review$"))
    form = cell.locator("form.comment-form")
    form.get_by_label("Your name").fill("Chloe")
    form.get_by_label("On", exact=True).select_option(str(change))
    form.get_by_label(f"Comment on row {row}").fill("The quote was altered: ask the reporter.")
    form.get_by_role("button", name="Comment").click()
    expect(page).to_have_url(re.compile(r"/c/[^?]+#comment-"))
    expect(cell.locator("article.comment")).to_contain_text("ask the reporter")
    expect(cell.locator(".comment-author")).to_have_text("Chloe")

    change_item(page, row, change).get_by_role("button", name="Must correct").click()
    expect(page).to_have_url(re.compile(rf"#r{row}-review$"))
    expect(change_item(page, row, change)).to_have_attribute("data-state", "correct")
    expect(change_item(page, row, change)).to_contain_text("Chloe")

    twin: dict[str, Any] = api.get(f"{path}.json").json()
    assert [comment["author"] for comment in twin["comments"]] == ["Chloe"]


# c. "Unchecked only": n steps through the rows with an unchecked change,
# and a row a colleague marks (brought in by the page's polling) leaves them.


def test_unchecked_only_steps_past_what_a_colleague_marked(
    new_context: NewContext, api: httpx.Client
) -> None:
    created = create_comparison(api, SEED_LEFT, SEED_RIGHT, title="Peace talks, unchecked")
    path = created["url"]
    page = new_context().new_page()
    errors = watch_errors(page)
    page.goto(path)
    position = page.locator(".change-position")
    current = page.locator("tr.is-current")
    unchecked: list[str] = page.eval_on_selector_all(
        "tr[data-unchecked]", "rows => rows.map(r => r.id)"
    )
    assert len(unchecked) > 10

    page.get_by_label("Unchecked only").check()
    page.keyboard.press("n")
    expect(current).to_have_id(unchecked[0])
    expect(position).to_have_text(f"Unchecked change 1 of {len(unchecked)}")

    # A colleague accepts every change of that row, through the API.
    values: list[str] = page.locator(f"#{unchecked[0]}-review").evaluate(
        "cell => [...cell.querySelectorAll('button[name=mark]')].map(b => b.value)"
        ".filter(value => value.endsWith(':accepted'))"
    )
    number = int(unchecked[0].removeprefix("r"))
    marks = f"/api/comparisons/{path.rsplit('/', 1)[1]}/marks"
    for value in values:
        change = None if value.startswith("row:") else int(value.split(":")[0])
        mark = {"row": number, "change": change, "state": "accepted", "reviewer": "Ben"}
        assert api.post(marks, json=mark).status_code == 201
    expect(page.locator(f"#{unchecked[0]}[data-unchecked]")).to_have_count(0)
    expect(current).to_have_id(unchecked[0])
    expect(position).to_have_text(f"{len(unchecked) - 1} unchecked changes")

    page.keyboard.press("n")
    expect(current).to_have_id(unchecked[1])
    expect(position).to_have_text(f"Unchecked change 1 of {len(unchecked) - 1}")
    page.get_by_label("Unchecked only").uncheck()
    changes: list[str] = page.eval_on_selector_all("tr[data-change]", "rows => rows.map(r => r.id)")
    page.keyboard.press("n")
    following = changes[changes.index(unchecked[1]) + 1]
    expect(current).to_have_id(following)
    expect(position).to_have_text(f"Changed row {changes.index(following) + 1} of {len(changes)}")
    assert errors == []


# d. The layout: the review beside its row on a wide screen, under it on a
# phone; light and dark; screenshots to look at.

# Where the row's cells stand, and how far the page scrolls sideways.
PLACES_JS = """(row) => {
  const box = (selector) => {
    const r = row.querySelector(selector).getBoundingClientRect();
    return {top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width};
  };
  const state = getComputedStyle(row.querySelector("li[data-state='queried'] > b"));
  const ground = getComputedStyle(row.querySelector("li[data-state='queried']"));
  return {left: box(".cell--left"), right: box(".cell--right"), review: box(".cell--review"),
          overflow: document.documentElement.scrollWidth - innerWidth,
          state: [state.color, ground.backgroundColor]};
}"""


# The right edge of the furthest field of the comment form opened in a cell.
FORM_RIGHT_JS = """(cell) => Math.max(...[...cell.querySelectorAll(
  "form.comment-form select, form.comment-form input, form.comment-form textarea"
)].filter(field => field.type !== "hidden").map(field => field.getBoundingClientRect().right))"""

SCROLL_TO_JS = """(id) => {
  const top = document.getElementById(id).getBoundingClientRect().top + scrollY;
  scrollTo(0, top - 140);
}"""


@pytest.fixture(scope="module")
def reviewed(api: httpx.Client) -> Iterator[tuple[str, str, int]]:
    """A comparison under review: marks of each state, an open thread with a
    reply, a resolved thread. Its path, owner token and quotation row."""
    created = create_comparison(api, SEED_LEFT, SEED_RIGHT, title=TITLE)
    path, token = created["url"], created["owner_token"]
    row, change = quote_change(api, path)
    comments = f"/api/comparisons/{path.rsplit('/', 1)[1]}/comments"
    marks = f"/api/comparisons/{path.rsplit('/', 1)[1]}/marks"
    first = api.post(
        comments,
        json={"row": row, "change": change, "body": "Is this what he said?", "author": "Ben"},
    )
    assert first.status_code == 201, first.text
    reply = {"reply_to": first.json()["id"], "body": "Asking the desk.", "author": "Ana"}
    assert api.post(comments, json=reply).status_code == 201
    done = api.post(comments, json={"row": row + 1, "body": "Fine as is.", "author": "Ben"})
    patch = api.patch(f"{comments}/{done.json()['id']}", json={"resolved": True, "by": "Ana"})
    assert patch.status_code == 200, patch.text
    for number, index, state in ((row, change, "queried"), (row, 0, "accepted")):
        mark = {"row": number, "change": index, "state": state, "reviewer": "Ben"}
        assert api.post(marks, json=mark).status_code == 201
    item = {"row": row + 1, "change": 0, "state": "correct", "reviewer": "Ana"}
    assert api.post(marks, json=item).status_code == 201
    yield path, token, row


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390])
def test_the_review_beside_or_under_its_row(
    new_context: NewContext,
    server_url: str,
    reviewed: tuple[str, str, int],
    width: int,
    scheme: str,
) -> None:
    path, token, row = reviewed
    context = new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    host = server_url.split("//", 1)[1].split(":")[0]
    context.add_cookies(
        [
            {"name": "diptych_owner", "value": token, "domain": host, "path": path},
            {"name": "diptych_name", "value": "Ana", "domain": host, "path": "/"},
        ]
    )
    page = context.new_page()
    errors = watch_errors(page)
    page.goto(path)
    expect(page.locator("section.owner")).to_be_visible()
    page.screenshot(path=screenshot_path(f"review-top-{width}-{scheme}.png"))

    table_row = page.locator(f"#r{row}")
    # The row a little below the sticky toolbar and table header.
    page.evaluate(SCROLL_TO_JS, f"r{row}")
    page.screenshot(path=screenshot_path(f"review-row-{width}-{scheme}.png"))

    places: dict[str, Any] = table_row.evaluate(PLACES_JS)
    left, right, review = places["left"], places["right"], places["review"]
    assert places["overflow"] <= 0, "the page scrolls sideways"
    assert abs(left["top"] - right["top"]) <= 1, places
    if width >= 1000:  # beside the row: same top, to the right of the texts
        assert abs(review["top"] - left["top"]) <= 1, places
        assert review["left"] >= right["right"] - 1, places
        assert 250 <= review["width"] <= 400, places
    else:  # under the row, as wide as both texts
        assert review["top"] >= max(left["bottom"], right["bottom"]) - 1, places
        assert review["width"] >= (right["right"] - left["left"]) - 1, places
    assert contrast(*places["state"]) >= 4.5, places

    # The comment form opened in the row keeps within the review cell, its
    # choice of changes (long words in it) included.
    review_cell(page, row).get_by_role("link", name=f"Comment on row {row}").click()
    expect(review_cell(page, row).get_by_label("On", exact=True)).to_be_visible()
    widest: float = review_cell(page, row).evaluate(FORM_RIGHT_JS)
    assert widest <= review["right"] + 0.5, (widest, review)
    page.screenshot(path=screenshot_path(f"review-form-{width}-{scheme}.png"))
    assert errors == []
