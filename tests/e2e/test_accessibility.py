"""axe-core on every kind of page, light and dark, wide and on a phone: no
violation of impact serious or critical.

axe-core is the copy that the pinned PyPI package axe-playwright-python ships
(axe.min.js, axe-core 4.12.1, MPL-2.0); only that file is used, injected by the
test. The pages' policy allows scripts from 'self' only, so the contexts here
bypass it to inject axe (the page's own markup and styles are what is checked).
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

import pytest
from playwright.sync_api import Page, expect

from tests.support.chromium import NewContext

SERIOUS = ("serious", "critical")
WIDTHS = {"wide": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 800}}

RUN_AXE_JS = """async () => {
  const results = await axe.run(document, {resultTypes: ["violations"]});
  return results.violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact,
    help: violation.help,
    nodes: violation.nodes.slice(0, 3).map((node) => node.target.join(" ")),
  }));
}"""


@cache
def axe_source() -> str:
    return (files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")


def serious_violations(page: Page) -> list[dict[str, object]]:
    page.add_script_tag(content=axe_source())
    found: list[dict[str, object]] = page.evaluate(RUN_AXE_JS)
    return [violation for violation in found if violation["impact"] in SERIOUS]


def open_page(new_context: NewContext, width: str, scheme: str) -> Page:
    context = new_context(viewport=WIDTHS[width], color_scheme=scheme, bypass_csp=True)
    return context.new_page()


def test_the_axe_copy_is_the_pinned_one() -> None:
    assert axe_source().startswith("/*! axe v4.12.1")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize(
    "where",
    ["library", "form", "side", "inline", "filtered", "current-row", "not-found"],
)
def test_no_serious_violations(
    new_context: NewContext, seed_path: str, where: str, width: str, scheme: str
) -> None:
    page = open_page(new_context, width, scheme)
    address = {
        "library": "/",
        "form": "/new",
        "side": seed_path,
        "inline": f"{seed_path}?view=inline",
        "filtered": f"{seed_path}?class=quote",
        "current-row": seed_path,
        "not-found": "/c/no-such-comparison",
    }[where]
    page.goto(address)
    if where == "current-row":
        for _ in range(3):
            page.keyboard.press("n")
        expect(page.locator("tr.is-current")).to_have_count(1)
    assert serious_violations(page) == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", list(WIDTHS))
def test_the_api_page_has_no_serious_violations(
    new_context: NewContext, width: str, scheme: str
) -> None:
    page = open_page(new_context, width, scheme)
    page.goto("/docs")
    # Swagger UI (served by the app, static/docs.css on its colours) has drawn the operations.
    expect(page.locator("#swagger-ui .opblock-summary-method").first).to_be_visible()
    assert serious_violations(page) == []
