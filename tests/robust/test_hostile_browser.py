"""Hostile text in a real browser: Chromium opens pages of a real `diptych serve`
holding script and attribute injections, and no dialog opens, no script or
policy error is reported, and the text reads as text.

Each page is opened twice: as served, and with the Content-Security-Policy
bypassed, so that escaping alone is tested too (the policy would otherwise
stop an injected script before it could open a dialog).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import httpx
import pytest
from playwright.sync_api import (
    Browser,
    ConsoleMessage,
    Dialog,
    Locator,
    Page,
)

from tests.robust.corpus import ATTRIBUTE_BREAKOUT, HOSTILE, LEFT, SCRIPT, Hostile, article
from tests.support.chromium import chromium
from tests.support.live_server import Server
from tests.web.html import squash

TIMEOUT_MS = 5_000  # every Playwright wait: fail fast, never hang
MARKUP = [case for case in HOSTILE if case.markup]
LABEL_PARTS = (".side-label--left", ".versus", ".side-label--right")  # in reading order


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    directory = tmp_path_factory.mktemp("browser-server")
    flags = ["--database-url", f"sqlite:///{directory / 'b.db'}", "--seeds-dir", ""]
    with Server(directory, flags).running() as started:
        yield started


@pytest.fixture(scope="module")
def created(server: Server) -> dict[str, str]:
    """The page path of each markup case, created through the API; by case name."""
    paths = {}
    with httpx.Client(base_url=server.base_url, timeout=10.0) as api:
        for case in MARKUP:
            label = case.payload[:80]
            body = {
                "title": case.payload,
                "left": {"text": LEFT, "label": label},
                "right": {"text": case.right, "label": label},
            }
            response = api.post("/api/comparisons", json=body)
            assert response.status_code == 201, response.text
            paths[case.name] = response.json()["url"]
    return paths


# Module scope: while Playwright's sync API runs, its event loop counts as
# running in this thread, and the async tests of other modules could not run.
@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as launched:
        yield launched


@dataclass
class Watched:
    """A page, and what it reported: dialogs, script errors, policy violations."""

    page: Page
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def assert_quiet(self) -> None:
        assert self.dialogs == [], f"dialogs opened: {self.dialogs}"
        assert self.errors == [], f"errors reported: {self.errors}"


# One context per mode for the module (tests are grouped by it); each test
# starts with empty records.
@pytest.fixture(scope="module", params=[False, True], ids=["with-csp", "csp-bypassed"])
def browsing(browser: Browser, server: Server, request: pytest.FixtureRequest) -> Iterator[Watched]:
    context = browser.new_context(base_url=server.base_url, bypass_csp=request.param)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    found = Watched(page)

    def on_dialog(dialog: Dialog) -> None:
        found.dialogs.append(dialog.message)
        dialog.dismiss()

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":  # among them, Content-Security-Policy violations
            found.errors.append(message.text)

    page.on("dialog", on_dialog)
    page.on("console", on_console)
    page.on("pageerror", lambda error: found.errors.append(str(error)))
    try:
        yield found
    finally:
        context.close()


@pytest.fixture
def watched(browsing: Watched) -> Watched:
    browsing.dialogs.clear()
    browsing.errors.clear()
    return browsing


@pytest.mark.parametrize("case", MARKUP, ids=[case.name for case in MARKUP])
def test_injections_stay_text_in_the_browser(
    watched: Watched, created: dict[str, str], case: Hostile
) -> None:
    name, payload = case.name, case.payload
    page = watched.page
    for path in (created[name], created[name] + "?view=inline"):
        page.goto(path, wait_until="load")
        page.keyboard.press("n")  # the page's own script walks the changes
        page.keyboard.press("n")
        assert page.locator("h1").inner_text() == payload
        assert squash(payload) in squash(page.locator("table.diff").inner_text())
        assert page.locator("img, svg, iframe, [onerror], [onmouseover], [onload]").count() == 0
        assert page.locator("[href^='javascript:' i]").count() == 0
    page.goto("/?q=" + payload[:20], wait_until="load")
    watched.assert_quiet()


def test_pasted_injection_through_the_form(watched: Watched) -> None:
    page = watched.page
    page.goto("/new", wait_until="load")
    page.fill("#title", f"Form {SCRIPT}")
    page.fill("#left_label", ATTRIBUTE_BREAKOUT)
    page.fill("#left_text", LEFT)
    page.fill("#right_text", f"{LEFT}\n\nThey said {SCRIPT} and {ATTRIBUTE_BREAKOUT} at noon.")
    with page.expect_navigation(wait_until="load"):
        page.click("button[type=submit]")
    assert "/c/" in page.url
    assert page.locator("h1").inner_text() == f"Form {SCRIPT}"
    assert page.locator(".side-label--left").inner_text() == ATTRIBUTE_BREAKOUT
    assert SCRIPT in page.locator("table.diff").inner_text()
    watched.assert_quiet()


def test_an_override_in_one_label_stays_in_it(watched: Watched, server: Server) -> None:
    """U+202E in the left label must not reverse the arrow and the right label after it."""
    body = {
        "left": {"text": LEFT, "label": "Wire \u202eAP"},
        "right": {"text": article("Overridden."), "label": "Copy"},
    }
    response = httpx.post(server.base_url + "/api/comparisons", json=body, timeout=10.0)
    assert response.status_code in (200, 201), response.text  # 200: the other mode made it
    page = watched.page
    page.goto(response.json()["url"], wait_until="load")
    assert_in_order([page.locator(f".summary-labels {part}") for part in LABEL_PARTS])
    page.goto(response.json()["url"] + "?view=inline", wait_until="load")
    labels = page.locator("thead th bdi")  # "left → right" in one cell
    assert labels.count() == 2, "the inline view's labels are not isolated"
    assert_in_order([labels.nth(0), labels.nth(1)])
    watched.assert_quiet()


def assert_in_order(parts: list[Locator]) -> None:
    """The parts are laid out left to right, in this order."""
    boxes = [part.bounding_box() for part in parts]
    lefts = [box["x"] for box in boxes if box]
    assert len(lefts) == len(parts) and lefts == sorted(lefts), f"out of order: {lefts}"
