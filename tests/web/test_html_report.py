"""GET /c/{id}.html: the comparison as one self-contained HTML file."""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Callable

import httpx
import pytest

from app.web import urls
from tests.web.conftest import SEED_TITLE, seed_id
from tests.web.html import marked
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


CASE_LEFT, CASE_RIGHT = "The Talks resume on Monday.", "the talks resume on Tuesday."


async def test_ignored_differences_are_not_shown(client: httpx.AsyncClient) -> None:
    body = {"left": {"text": CASE_LEFT}, "right": {"text": CASE_RIGHT}}
    made = (await client.post("/api/comparisons", json=body)).json()
    plain = (await client.get(urls.comparison_html(made["id"]))).text
    assert "Talks" in " ".join(marked(plain, "del")) and "ignored" not in plain
    response = await client.get(urls.comparison_html(made["id"], ignore={urls.Ignore.CASE}))
    assert response.status_code == 200
    html = response.text
    assert marked(html, "del") == ["Monday"] and marked(html, "ins") == ["Tuesday"]
    assert "Differences of case are ignored" in html
    # Its share link is the page that shows the same.
    share = urls.comparison(made["id"], view=urls.View.INLINE, ignore={urls.Ignore.CASE})
    assert f"http://testserver{share}".replace("&", "&amp;") in html


async def test_with_other_ignore_options_the_review_is_left_out(
    client: httpx.AsyncClient,
) -> None:
    made = await make_reviewable(client)
    body = {"row": 1, "body": "Check the source", "author": "Ann"}
    assert (await client.post(f"{made['api_url']}/comments", json=body)).status_code == 201
    assert "Check the source" in (await client.get(urls.comparison_html(made["id"]))).text
    other = await client.get(urls.comparison_html(made["id"], ignore={urls.Ignore.PUNCTUATION}))
    assert other.status_code == 200
    assert "Check the source" not in other.text


async def test_the_page_links_the_reports_of_what_it_shows(client: httpx.AsyncClient) -> None:
    comparison_id = await seed_id(client)
    ignore = {urls.Ignore.TYPOGRAPHY}
    page = (await client.get(urls.comparison(comparison_id, ignore=ignore))).text
    for link in (
        urls.comparison_html(comparison_id, download=True, ignore=ignore),
        urls.comparison_pdf(comparison_id, ignore=ignore),
        urls.comparison_docx(comparison_id, ignore),
    ):
        assert f'href="{link.replace("&", "&amp;")}"' in page


@pytest.mark.parametrize("make_url", [urls.comparison_html, urls.comparison_pdf])
async def test_an_unknown_ignore_option_is_a_422(
    client: httpx.AsyncClient, make_url: Callable[[str], str]
) -> None:
    comparison_id = await seed_id(client)
    response = await client.get(f"{make_url(comparison_id)}?ignore=nonsense")
    assert response.status_code == 422
    assert "nonsense" in response.text
