"""Two texts that share almost no sentences: a plain warning atop the page and in
its JSON twin; and a default title that is no banner line."""

from __future__ import annotations

import httpx
import pytest

from app.naming import default_title, is_banner
from app.web.comparison.unrelated import UNRELATED_MESSAGE
from tests.web.conftest import create, seed_id
from tests.web.corpus import BANK, FARMERS, KINDS_LEFT, MARKETS, OIL, SENATE, paragraphs
from tests.web.html import parse
from tests.web.pages import get_html

pytestmark = pytest.mark.anyio

RECIPE = paragraphs(
    "Whisk two eggs with a pinch of salt until frothy.",
    "Melt butter in a pan over a low flame, then pour in the eggs.",
    "Stir gently and serve on warm toast with chives.",
)
WIRE = paragraphs(f"{SENATE} {MARKETS} {OIL}", f"{BANK} {FARMERS}")


def page_warnings(page_html: str) -> list[str]:
    return [p.text for p in parse(page_html).find_all("p", "pair-warning")]


@pytest.mark.parametrize(
    ("left", "right", "warned"),
    [
        (WIRE, RECIPE, True),  # nothing shared
        (RECIPE, WIRE + "\n\n" + RECIPE.split("\n\n")[0], False),  # one of three shared
        (WIRE, WIRE.replace("Tuesday", "Monday"), False),
        (f"{SENATE}", KINDS_LEFT, False),  # an excerpt and its whole article
        (KINDS_LEFT, RECIPE + "\n\n" + SENATE, False),  # 1 of 12, but 1 of 4: a quarter
    ],
)
async def test_a_pair_sharing_almost_no_sentences_is_warned_of(
    client: httpx.AsyncClient, left: str, right: str, warned: bool
) -> None:
    comparison_id = await create(client, left, right)
    page = await client.get(f"/c/{comparison_id}")
    expected = [UNRELATED_MESSAGE] if warned else []
    assert page_warnings(page.text) == expected
    twin = (await client.get(f"/c/{comparison_id}.json")).json()
    assert [warning["message"] for warning in twin["warnings"]] == expected
    assert all(warning["code"] == "unrelated_texts" for warning in twin["warnings"])
    api = (await client.get(f"/api/comparisons/{comparison_id}")).json()
    assert api["warnings"] == twin["warnings"]


async def test_the_warning_stands_before_the_comparison(client: httpx.AsyncClient) -> None:
    comparison_id = await create(client, WIRE, RECIPE)
    html = (await client.get(f"/c/{comparison_id}")).text
    assert html.index("pair-warning") < html.index('class="toolbar"') < html.index("<table")
    inline = await get_html(client, f"/c/{comparison_id}?view=inline")
    assert [p.text for p in inline.find_all("p", "pair-warning")] == [UNRELATED_MESSAGE]


async def test_the_seed_pair_has_no_warning_and_no_banner_title(
    client: httpx.AsyncClient,
) -> None:
    comparison_id = await seed_id(client)
    assert page_warnings((await client.get(f"/c/{comparison_id}")).text) == []
    assert (await client.get(f"/c/{comparison_id}.json")).json()["warnings"] == []


async def test_a_blank_title_skips_the_banner_line(client: httpx.AsyncClient) -> None:
    right = "LATEST NEWS:\n\nFive things to know about the talks\n\n" + SENATE
    comparison_id = await create(client, WIRE, right)
    twin = (await client.get(f"/c/{comparison_id}.json")).json()
    assert twin["title"] == "Five things to know about the talks"


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("LATEST NEWS:\n\nFive things to know\nBody.", "Five things to know"),
        ("BREAKING\nUpdated:\n# Talks resume in Geneva\nBody.", "Talks resume in Geneva"),
        ("ADVERTISEMENT\n* * *\nMarkets rally", "Markets rally"),
        ("NATO AND EU LEADERS MEET IN PARIS\nBody.", "NATO AND EU LEADERS MEET IN PARIS"),
        ("Budget passes\nThe Senate passed it.", "Budget passes"),
        ("LATEST NEWS:\n", "LATEST NEWS:"),  # nothing else to take
        ("A:\nB:\nC:\nD:\nE:\nA late headline", "A:"),  # a title is one of the first lines
    ],
)
def test_default_title_skips_banners(text: str, title: str) -> None:
    assert default_title(text) == title


@pytest.mark.parametrize(
    ("line", "banner"),
    [
        ("LATEST NEWS:", True),
        ("Updated:", True),
        ("EXCLUSIVE", True),
        ("* * *", True),
        ("G7", True),
        ("2024", False),
        ("Five things to know", False),
        ("NATO AND EU LEADERS MEET", False),
        ("Kyiv: the talks resume", False),
    ],
)
def test_is_banner(line: str, banner: bool) -> None:
    assert is_banner(line) is banner
