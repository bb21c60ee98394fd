"""The browser tests of the change classes reuse the end-to-end fixtures: one real
`diptych serve` for the session and one Chromium for this package."""

from tests.e2e.conftest import api, browser, new_context, page, seed_path, server_url

__all__ = ["api", "browser", "new_context", "page", "seed_path", "server_url"]
