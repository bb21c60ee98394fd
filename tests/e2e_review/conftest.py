"""Fixtures for the browser tests of the editorial review: one real `diptych
serve` for the session (the seed pair loaded, pages polling every second so a
colleague's comment shows within the tests' short waits), one Chromium for
this package, and fresh browser contexts: each context is one colleague.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect

from tests.support.chromium import (
    NewContext,
    chromium,
    contexts_on,
)
from tests.support.live_server import REPO, SEEDS_DIR, Server, sqlite_flags

POLL_SECONDS = "1"  # how often an open page asks whether colleagues commented
# A realistic pair: the seed's two versions of a news article, whose row 12
# alters a quotation (“huge upside” became “a huge advantage”).
SEED_LEFT = (SEEDS_DIR / "peace-talks" / "original.txt").read_text()
SEED_RIGHT = (SEEDS_DIR / "peace-talks" / "copy.txt").read_text()


@pytest.fixture(scope="session")
def review_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    directory = tmp_path_factory.mktemp("e2e-review-server")
    flags = [*sqlite_flags(directory / "review.db"), "--review-poll-interval", POLL_SECONDS]
    server = Server(directory, flags)
    with server.running():
        yield server


@pytest.fixture(scope="session")
def server_url(review_server: Server) -> str:
    return review_server.base_url


@pytest.fixture(scope="session")
def api(server_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server_url, timeout=10.0) as client:
        yield client


# Package scope, as in tests/e2e: Playwright's sync API keeps an event loop
# running in this thread while it is started, which the async tests that
# follow could not share.
@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    with chromium() as launched:
        yield launched


@pytest.fixture
def new_context(browser: Browser, server_url: str) -> Iterator[NewContext]:
    """new_context(**options): a fresh context (one colleague), closed after the test."""
    with contexts_on(browser, server_url) as make:
        yield make


def watch_errors(page: Page) -> list[str]:
    """The page's script errors, collected as they happen (a test asserts none)."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def create_in_form(page: Page, title: str, left: str = SEED_LEFT, right: str = SEED_RIGHT) -> str:
    """Make a comparison in the /new form as a person would (its visibility left
    as it comes); the path of the comparison's page, where the form lands."""
    page.goto("/new")
    page.get_by_label("Title").fill(title)
    page.locator("#left_text").fill(left)
    page.locator("#right_text").fill(right)
    page.get_by_role("button", name="Compare").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    path = page.evaluate("location.pathname")
    assert isinstance(path, str) and path.startswith("/c/"), path
    return path


def quote_change(api: httpx.Client, path: str) -> tuple[int, int]:
    """The first row (from 12 on, else any) with an altered quotation, and the
    index of that change in the row: read from the JSON twin."""
    rows: list[dict[str, Any]] = api.get(f"{path}.json").json()["rows"]
    found = [
        (number, index)
        for number, row in enumerate(rows, start=1)
        for index, change in enumerate(row.get("changes", []))
        if change["class"] == "quote" and not change["ignored"]
    ]
    assert found, "the pair has no altered quotation"
    later = [place for place in found if place[0] >= 12]
    return (later or found)[0]


def screenshot_path(name: str) -> Path:
    """Where a screenshot goes: screenshots/ (git-ignored), made if missing."""
    directory = REPO / "screenshots"
    directory.mkdir(exist_ok=True)
    return directory / name


def parse_colour(colour: str) -> tuple[float, float, float]:
    """A computed colour's red, green and blue from 0 to 1: rgb()/rgba() or,
    as color-mix() computes, color(srgb ...)."""
    numbers = [float(part) for part in re.findall(r"[\d.]+", colour)]
    if colour.startswith("rgb"):
        return numbers[0] / 255, numbers[1] / 255, numbers[2] / 255
    assert colour.startswith("color(srgb "), f"not an sRGB colour: {colour}"
    return numbers[0], numbers[1], numbers[2]


def contrast(foreground: str, background: str) -> float:
    """The WCAG contrast ratio of two colours (1 to 21)."""

    def luminance(colour: str) -> float:
        def linear(channel: float) -> float:
            return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

        red, green, blue = (linear(channel) for channel in parse_colour(colour))
        return 0.2126 * red + 0.7152 * green + 0.0722 * blue

    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
