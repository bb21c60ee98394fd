"""A long page comes in groups of rows the browser can skip rendering while they
are off-screen: every plain group is short, folds stay whole, the order holds."""

from __future__ import annotations

import httpx
import pytest

from app.web.comparison.rows import FOLD_MIN_ROWS, GROUP_MAX_ROWS, LAZY_MIN_ROWS
from tests.web.conftest import create
from tests.web.pages import get_html, shown_rows

pytestmark = pytest.mark.anyio

SENTENCES = [f"Sentence number {n} of the long report says something new." for n in range(60)]
# Every third sentence reworded, except a run of unchanged ones in the middle.
EDITED = [
    sentence.replace("new", "fresh") if n % 3 == 0 and not 30 <= n < 40 else sentence
    for n, sentence in enumerate(SENTENCES)
]


@pytest.mark.parametrize("query", ["", "?view=inline", "?class=wording"])
async def test_rows_come_in_short_groups_in_order(client: httpx.AsyncClient, query: str) -> None:
    comparison_id = await create(client, " ".join(SENTENCES), " ".join(EDITED))
    page = await get_html(client, f"/c/{comparison_id}{query}")
    table = page.find("table", "diff")
    groups = [
        tbody for tbody in table.find_all("tbody") if not tbody.classes & {"fold", "fold-toggle"}
    ]
    sizes = [len([tr for tr in tbody.find_all("tr") if "row" in tr.classes]) for tbody in groups]
    assert len(groups) > 1
    assert all(0 < size <= GROUP_MAX_ROWS for size in sizes), sizes
    numbers = [int(row.id.removeprefix("r")) for row in shown_rows(page)]
    assert numbers == sorted(numbers)
    if not query:
        assert numbers == list(range(1, len(SENTENCES) + 1))
        (fold,) = table.find_all("tbody", "fold")
        assert len(fold.find_all("tr")) >= FOLD_MIN_ROWS


@pytest.mark.parametrize("sentences", [LAZY_MIN_ROWS - 1, LAZY_MIN_ROWS])
async def test_only_a_long_page_renders_lazily(client: httpx.AsyncClient, sentences: int) -> None:
    left = [f"Item {n} of the register is listed here." for n in range(sentences)]
    right = [text.replace("listed", "named") for text in left]
    comparison_id = await create(client, "\n".join(left), "\n".join(right))
    page = await get_html(client, f"/c/{comparison_id}")
    assert ("diff--lazy" in page.find("table", "diff").classes) is (sentences >= LAZY_MIN_ROWS)
