"""Fixtures for the end-to-end tests: one real `diptych serve` for the session,
the comparisons the tests open, and one Chromium (driven by Playwright) with a
fresh context per test.

The browser is Debian's Chromium at /usr/bin/chromium (package `chromium`).
Without it the browser tests skip, unless CI is set: CI must run them, so
there they fail.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from playwright.sync_api import Browser, Page

from tests.e2e.corpus import FOLD_LEFT, FOLD_RIGHT, MOVED_LEFT, MOVED_RIGHT
from tests.support.chromium import (
    NewContext,
    chromium,
    contexts_on,
)
from tests.support.live_server import (
    SEED_TITLE,
    SEEDS_DIR,
    Server,
    create_comparison,
    find_by_title,
    sqlite_flags,
)
from tests.web.corpus import KINDS_LEFT, KINDS_RIGHT


@pytest.fixture(scope="session")
def server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL of `diptych serve` over a fresh SQLite file, for the session."""
    directory = tmp_path_factory.mktemp("e2e-server")
    server = Server(directory, sqlite_flags(directory / "e2e.db"))
    with server.running():
        yield server.base_url


@pytest.fixture(scope="session")
def api(server_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server_url, timeout=10.0) as client:
        yield client


@pytest.fixture(scope="session")
def seed_path(api: httpx.Client) -> str:
    (seed,) = find_by_title(api, SEED_TITLE)
    return str(seed["url"])


@pytest.fixture(scope="session")
def moved_path(api: httpx.Client) -> str:
    created = create_comparison(api, MOVED_LEFT, MOVED_RIGHT, title="A moved sentence")
    return created["url"]


@pytest.fixture(scope="session")
def fold_path(api: httpx.Client) -> str:
    created = create_comparison(api, FOLD_LEFT, FOLD_RIGHT, title="Mostly unchanged")
    return created["url"]


@pytest.fixture(scope="session")
def every_kind_path(api: httpx.Client) -> str:
    """The seed pair followed by a row of every kind (a fold, a sentence that only
    moved): the fullest toolbar the page has, with many changes."""
    seed = SEEDS_DIR / "peace-talks"
    left = (seed / "original.txt").read_text() + "\n\n" + KINDS_LEFT
    right = (seed / "copy.txt").read_text() + "\n\n" + KINDS_RIGHT
    created = create_comparison(api, left, right, title="Every kind of row, and the seed")
    return created["url"]


# Package scope, not session: while Playwright's sync API is started, its event
# loop counts as running in this thread, and the async tests that follow (tests/web)
# could not run theirs. The browser tests all live in this package, so this is
# still one browser for all of them.
@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    with chromium() as launched:
        yield launched


@pytest.fixture
def new_context(browser: Browser, server_url: str) -> Iterator[NewContext]:
    """new_context(**options): a fresh context on the server (closed after the test)."""
    with contexts_on(browser, server_url) as make:
        yield make


@pytest.fixture
def page(new_context: NewContext) -> Page:
    """A page in a fresh context with the default options."""
    return new_context().new_page()
