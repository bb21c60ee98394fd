"""A story in a real browser, without JavaScript (the story page needs none):
the picker opens the pair in the story's frame, the copies table sorts on the
server, and the form adds a version by a post-back and creates the story."""

from __future__ import annotations

import httpx
from playwright.sync_api import expect

from tests.support.chromium import NewContext
from tests.web.story_corpus import KEPT_LABELS, story_body


def test_the_picker_and_the_copies_table(new_context: NewContext, api: httpx.Client) -> None:
    made = api.post("/api/stories", json=story_body()).json()
    page = new_context(java_script_enabled=False).new_page()
    page.goto(made["url"])
    expect(page.locator("ol.strip > li")).to_have_count(len(KEPT_LABELS))
    page.select_option("#from", "0")
    page.get_by_role("button", name="Compare").click()
    frame = page.locator(".story-frame a").first
    expect(frame).to_have_attribute("href", made["url"])
    frame.click()
    page.select_option("#base", "0")
    page.get_by_role("button", name="Show copies").click()
    page.get_by_role("link", name="Cut", exact=True).click()
    page.get_by_role("link", name="Cut", exact=True).click()  # the second click turns it round
    assert page.url.endswith("?base=0&sort=-cut")
    expect(page.locator("table.copies tbody tr").first.locator("th")).to_contain_text("4.")


def test_the_form_adds_a_version_and_creates_the_story(new_context: NewContext) -> None:
    page = new_context(java_script_enabled=False).new_page()
    page.goto("/stories/new")
    for index, text in enumerate(["One. Two.", "One. Two, three.", "One. Three."]):
        page.fill(f"#text_{index}", text)
    page.get_by_role("button", name="Add a version").click()
    expect(page.locator("fieldset.story-version")).to_have_count(4)
    expect(page.locator("#text_1")).to_have_value("One. Two, three.")
    page.fill("#text_3", "One. Three. Four.")
    page.fill("#title", "Browser story")
    page.get_by_role("button", name="Create the story").click()
    expect(page.locator("h1")).to_have_text("Browser story")
    expect(page.locator("ol.strip > li")).to_have_count(4)
    expect(page.locator("form.owner-delete")).to_have_count(1)  # the creator owns it
