"""GET /c/{id}.html: the comparison as one self-contained HTML file."""

from __future__ import annotations

import base64
import hashlib
import re

import httpx
import pytest

from app.web import urls
from tests.web.conftest import SEED_TITLE, seed_id
from tests.web.review_helpers import first_row, make_reviewable

pytestmark = pytest.mark.anyio


async def test_the_seed_downloads_as_one_file_with_no_script(client: httpx.AsyncClient) -> None:
    comparison_id = await seed_id(client)
    response = await client.get(urls.comparison_html(comparison_id, download=True))
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["content-disposition"].startswith(
        'attachment; filename="Five-things-to-know-about-the-'
    )
    policy = response.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "script-src" not in policy
    html = response.text
    assert SEED_TITLE in html
    assert "<script" not in html and "<link" not in html and "<form" not in html
    assert "What changed" in html
    share = f"http://testserver{urls.comparison(comparison_id, view=urls.View.INLINE)}"
    assert share in html
    assert "<del" in html and "<ins" in html
    assert re.search(r"#r4\">4</a>", html)
    # The policy allows exactly the one inline style, by the hash of its text.
    assert html.count("<style>") == 1
    style = html.split("<style>")[1].split("</style>")[0]
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    assert f"style-src 'sha256-{digest}';" in policy
    page = await client.get(urls.comparison(comparison_id))
    assert urls.comparison_html(comparison_id, download=True).replace("&", "&amp;") in page.text


async def test_side_by_side_and_served_inline_without_download(client: httpx.AsyncClient) -> None:
    comparison_id = await seed_id(client)
    response = await client.get(urls.comparison_html(comparison_id, view=urls.View.SIDE))
    assert response.status_code == 200
    assert "content-disposition" not in response.headers
    assert 'class="diff diff--side"' in response.text


async def test_the_review_goes_into_the_file(client: httpx.AsyncClient) -> None:
    made = await make_reviewable(client)
    comments = f"{made['api_url']}/comments"
    body = {"row": 1, "body": "Source <b>?", "author": "Ann"}
    assert (await client.post(comments, json=body)).status_code == 201
    inserted = await first_row(client, made, "inserted")
    mark = {"row": inserted, "state": "correct", "reviewer": "Cy Checker"}
    assert (await client.post(f"{made['api_url']}/marks", json=mark)).status_code in (200, 201)
    html = (await client.get(urls.comparison_html(made["id"]))).text
    assert "Source &lt;b&gt;?" in html and "<b>?" not in html
    assert "Corrections" in html and "marked by Cy Checker" in html
    assert "Review" in html


async def test_a_missing_comparison_is_a_404(client: httpx.AsyncClient) -> None:
    assert (await client.get(urls.comparison_html("no-such-comparison"))).status_code == 404
