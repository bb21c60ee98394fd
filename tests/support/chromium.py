"""Debian's Chromium (package `chromium`), driven by Playwright, for the browser tests.

Playwright cannot download a browser of its own here, so it is given the
system's. Without it the browser tests skip, unless CI is set: CI must run
them, so there they fail.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
# Headless as root, with no calls home: the machine's network is closed, and
# Chromium's background connections would only fail, many at a time.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def require_chromium() -> None:
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} not found: apt-get install chromium"
        if in_ci():
            pytest.fail(f"{reason} (CI is set, so the browser tests must run)", pytrace=False)
        pytest.skip(reason)


@contextmanager
def chromium() -> Iterator[Browser]:
    """One headless Chromium, closed with its Playwright driver afterwards."""
    require_chromium()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


VIEWPORT = {"width": 1280, "height": 900}
BROWSER_TIMEOUT_MS = 5_000  # for every Playwright wait: fail fast, never hang
NewContext = Callable[..., BrowserContext]


@contextmanager
def contexts_on(browser: Browser, base_url: str) -> Iterator[NewContext]:
    """new_context(**options): fresh contexts on `base_url` (1280 px unless told
    otherwise, short waits), all closed at the end of the block."""
    contexts: list[BrowserContext] = []

    def make(**options: Any) -> BrowserContext:
        options.setdefault("viewport", VIEWPORT)
        context = browser.new_context(base_url=base_url, **options)
        context.set_default_timeout(BROWSER_TIMEOUT_MS)
        contexts.append(context)
        return context

    try:
        yield make
    finally:
        for context in contexts:
            context.close()
