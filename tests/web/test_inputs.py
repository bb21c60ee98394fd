"""Inputs beyond pasted text: uploaded web pages, Word documents and PDFs, and
links fetched by the server, through the /new form and the API."""

from __future__ import annotations

import io
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from typing import Any

import docx
import httpx
import pytest

from tests.ingest import pdfs
from tests.ingest.local_site import LocalSite, Route, page, serving
from tests.web.conftest import Serve, with_token
from tests.web.pages import get_html

pytestmark = pytest.mark.anyio

HEADLINE = "Geneva talks end without a deal"
PARAGRAPHS = (
    "Putin has toned down his demands, officials said on Monday, but the talks in Geneva "
    "ended without agreement after three days of meetings between the two delegations.",
    "The Russian president had insisted on a full withdrawal before any ceasefire, according "
    "to diplomats who attended the meetings and spoke on condition of anonymity.",
    "Analysts said the gap between the two sides remained wide, with disagreements over "
    "security guarantees, sanctions relief and the fate of occupied territory.",
)
CLUTTER = ("Subscribe now", "Advertisement", "Buy the new Phone 12", "Related stories")
RIGHT = (
    "Putin has softened his demands, officials said on Monday, but the talks in Geneva "
    "ended without agreement after three days of meetings between the two delegations."
)


def news_page(paragraphs: tuple[str, ...] = PARAGRAPHS) -> bytes:
    """An article page with a menu, adverts and related links around the story."""
    body = "\n".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{HEADLINE} | The Courier</title>
<meta property="og:site_name" content="The Courier"></head><body>
<header><nav class="main-menu"><ul><li><a href="/">Home</a></li><li><a href="/world">World</a>
</li><li><a href="/subscribe">Subscribe now</a></li></ul></nav></header>
<div class="ad-slot"><span>Advertisement</span>
<a href="https://ads.invalid/x">Buy the new Phone 12 today! Limited offer.</a></div>
<main><article class="story"><h1 class="headline">{HEADLINE}</h1>
<div class="meta"><span class="byline">By <a rel="author" href="/a/jd">Jane Doe</a></span>
<time datetime="2025-03-21T09:30:00Z" class="published">21 March 2025</time></div>
<div class="story-body">{body}</div>
<aside class="related-stories"><h3>Related stories</h3><ul>
<li><a href="/a">Ceasefire collapses in the east</a></li></ul></aside>
</article></main>
<footer><p>All rights reserved.</p></footer></body></html>
""".encode()


def word_document(paragraphs: tuple[str, ...]) -> bytes:
    document = docx.Document()
    document.add_heading(HEADLINE, level=1)
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


async def submit(client: httpx.AsyncClient, files: Any, **fields: str) -> httpx.Response:
    data = {"title": "", "left_label": "", "right_label": "", "granularity": "word"}
    data.update(fields)
    # Always multipart, as a browser sends this form (it has file inputs).
    upload = files or {"left_file": ("", b"", "application/octet-stream")}
    return await client.post("/new", data=with_token(data), files=upload)


async def comparison_json(client: httpx.AsyncClient, location: str) -> dict[str, Any]:
    response = await client.get(f"{location}.json")
    assert response.status_code == 200
    document: dict[str, Any] = response.json()
    return document


async def test_an_uploaded_web_page_is_compared_as_its_article(
    client: httpx.AsyncClient,
) -> None:
    files = {"left_file": ("story.html", news_page(), "text/html")}
    response = await submit(client, files, right_text=RIGHT)
    assert response.status_code == 303, response.text
    document = await comparison_json(client, response.headers["location"])
    left = document["left"]["text"]
    assert all(paragraph in left for paragraph in PARAGRAPHS)
    assert not [words for words in CLUTTER if words in left]
    assert document["labels"]["left"].startswith(HEADLINE)
    assert document["labels"]["right"] == "Copy"
    assert document["title"] == document["labels"]["left"]  # the right text has no title
    assert document["sources"]["left"]["file_name"] == "story.html"
    assert document["sources"]["left"]["author"] == "Jane Doe"
    assert document["sources"]["right"] == {}
    page = await get_html(client, response.headers["location"])
    assert "Subscribe now" not in page.find("table").text
    [line] = page.find("ul", "sources").find_all("li")
    assert line.text.endswith(": By Jane Doe · 21 March 2025 · story.html")


async def test_an_uploaded_word_document_is_compared(client: httpx.AsyncClient) -> None:
    media_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    files = {
        "left_file": ("left.docx", word_document(PARAGRAPHS), media_type),
        "right_file": ("right.docx", word_document((RIGHT, *PARAGRAPHS[1:])), media_type),
    }
    response = await submit(client, files, title="Word versions")
    assert response.status_code == 303, response.text
    document = await comparison_json(client, response.headers["location"])
    assert document["title"] == "Word versions"
    assert all(paragraph in document["left"]["text"] for paragraph in PARAGRAPHS)
    assert "softened" in document["right"]["text"]


async def test_an_unsupported_upload_is_refused_by_its_field(client: httpx.AsyncClient) -> None:
    files = {"right_file": ("notes.odt", b"PK\x03\x04 not a text", "application/octet-stream")}
    response = await submit(client, files, left_text=RIGHT)
    assert response.status_code == 400
    assert "notes.odt: is not plain text (.txt, .md), a web page" in response.text
    assert "a PDF (.pdf)" in response.text
    assert 'id="right_file-error"' in response.text


async def test_uploaded_pdfs_are_compared_with_their_metadata(client: httpx.AsyncClient) -> None:
    files = {
        "left_file": ("left.pdf", pdfs.two_columns(), "application/pdf"),
        "right_file": ("right.pdf", pdfs.hyphenated(), "application/pdf"),
    }
    response = await submit(client, files)
    assert response.status_code == 303, response.text
    document = await comparison_json(client, response.headers["location"])
    assert (document["left"]["text"], document["right"]["text"]) == (
        pdfs.TWO_COLUMNS_TEXT,
        pdfs.HYPHENATED_TEXT,
    )
    assert document["sources"]["left"] == {
        "file_name": "left.pdf",
        "title": pdfs.TITLE,
        "author": pdfs.AUTHOR,
    }
    assert document["labels"]["left"] == pdfs.TITLE


@pytest.mark.parametrize(("data", "problem"), pdfs.UNREADABLE)
@pytest.mark.parametrize("side", ["left", "right"])
async def test_a_pdf_that_cannot_be_read_is_a_400_by_its_field(
    serve: Serve, data: bytes, problem: str, side: str
) -> None:
    other = "right" if side == "left" else "left"
    async with serve(pdf_max_pages=pdfs.PAGE_LIMIT) as client:
        files = {f"{side}_file": ("report.pdf", data, "application/pdf")}
        response = await submit(client, files, **{f"{other}_text": RIGHT})
    assert response.status_code == 400
    assert f"report.pdf: {problem}" in response.text
    assert f'id="{side}_file-error"' in response.text


async def test_the_file_inputs_accept_pdfs(client: httpx.AsyncClient) -> None:
    form = await get_html(client, "/new")
    for side in ("left", "right"):
        accept = form.by_id(f"{side}_file").get("accept")
        assert ".pdf" in accept and "application/pdf" in accept


async def test_a_too_large_extracted_text_is_413(serve: Serve) -> None:
    async with serve(max_text_bytes=300) as client:
        files = {"left_file": ("story.html", news_page(), "text/html")}
        response = await submit(client, files, right_text=RIGHT)
    assert response.status_code == 413
    assert "story.html: its text is too large" in response.text


@pytest.fixture
def site() -> Iterator[LocalSite]:
    with serving() as started:
        started.routes["/story"] = page(news_page(), "text/html; charset=utf-8")
        started.routes["/copy"] = page(news_page((RIGHT, *PARAGRAPHS[1:])), "text/html")
        yield started


def link_body(site: LocalSite, **extra: Any) -> dict[str, Any]:
    return {"left": {"url": site.url("/story")}, "right": {"url": site.url("/copy")}, **extra}


async def test_api_compares_two_links(serve: Serve, site: LocalSite) -> None:
    async with serve(fetch_allow_private=True, fetch_timeout=5.0) as client:
        created = await client.post("/api/comparisons", json=link_body(site))
        assert created.status_code == 201, created.text
        document = await comparison_json(client, created.json()["url"])
    assert all(paragraph in document["left"]["text"] for paragraph in PARAGRAPHS)
    assert "softened" in document["right"]["text"]
    assert not [words for words in CLUTTER if words in document["right"]["text"]]
    assert document["title"] == HEADLINE or document["title"].startswith(HEADLINE)
    assert document["labels"]["left"] == document["title"]
    source = document["sources"]["left"]
    assert source["url"] == site.url("/story")
    assert source["title"].startswith(HEADLINE)
    assert (source["author"], source["published"]) == ("Jane Doe", "2025-03-21")
    assert "file_name" not in source


async def test_the_page_header_names_each_sides_source(serve: Serve, site: LocalSite) -> None:
    async with serve(fetch_allow_private=True, fetch_timeout=5.0) as client:
        created = await client.post("/api/comparisons", json=link_body(site, title="Mine"))
        page = await get_html(client, created.json()["url"])
    lines = page.find("ul", "sources").find_all("li")
    assert [line.classes for line in lines] == [
        {"source", "source--left"},
        {"source", "source--right"},
    ]
    link = lines[0].find("a")
    assert link.get("href") == site.url("/story")
    assert link.text == "127.0.0.1"
    assert set(link.get("rel").split()) >= {"noopener", "noreferrer", "nofollow"}
    assert "By Jane Doe" in lines[0].text
    assert lines[0].find("time").get("datetime") == "2025-03-21"


async def test_a_link_and_a_text_mix(serve: Serve, site: LocalSite) -> None:
    body = {"left": {"url": site.url("/story"), "label": "Wire"}, "right": {"text": RIGHT}}
    async with serve(fetch_allow_private=True) as client:
        created = await client.post("/api/comparisons", json=body)
        assert created.status_code == 201, created.text
        document = await comparison_json(client, created.json()["url"])
    assert document["labels"] == {"left": "Wire", "right": "Copy"}
    assert document["title"].startswith(HEADLINE)  # the left article's: the right has none


async def test_private_addresses_are_not_fetched_by_default(
    client: httpx.AsyncClient, site: LocalSite
) -> None:
    response = await client.post("/api/comparisons", json=link_body(site))
    assert response.status_code == 400
    message = response.json()["error"]["message"]
    assert "loopback addresses are not fetched" in message
    assert site.url("/story") in message and site.url("/copy") in message
    assert site.requests == []


async def test_the_form_fetches_links_and_names_a_refused_one(
    serve: Serve, client: httpx.AsyncClient, site: LocalSite
) -> None:
    refused = await submit(client, None, left_url=site.url("/story"), right_text=RIGHT)
    assert refused.status_code == 400
    assert "loopback addresses are not fetched" in refused.text
    assert 'id="left_url-error"' in refused.text
    async with serve(fetch_allow_private=True) as allowed:
        response = await submit(
            allowed, None, left_url=site.url("/story"), right_url=site.url("/copy")
        )
        assert response.status_code == 303, response.text
        document = await comparison_json(allowed, response.headers["location"])
    assert document["title"].startswith(HEADLINE)
    assert "softened" in document["right"]["text"]


@pytest.mark.parametrize(
    "side",
    [{"text": RIGHT, "url": "https://example.com/"}, {"label": "No text"}, {"url": None}],
    ids=["both", "neither", "null-url"],
)
async def test_a_side_needs_exactly_one_of_text_and_url(
    client: httpx.AsyncClient, side: dict[str, Any]
) -> None:
    body = {"left": side, "right": {"text": RIGHT}}
    response = await client.post("/api/comparisons", json=body)
    assert response.status_code == 422
    assert "exactly one of text and url" in response.json()["error"]["message"]


def meeting(body: bytes, site: LocalSite, met: list[bool]) -> Route:
    """A page that waits (1 s at most) for the other side's request to arrive
    too, and notes whether it did: whether both were fetched at once."""

    def route(handler: BaseHTTPRequestHandler) -> None:
        deadline = time.monotonic() + 1.0
        while len(site.requests) < 2 and time.monotonic() < deadline:
            time.sleep(0.01)
        met.append(len(site.requests) >= 2)
        page(body, "text/html")(handler)

    return route


@pytest.mark.parametrize(("concurrency", "at_once"), [(2, [True, True]), (1, [False, True])])
async def test_both_sides_are_fetched_at_once_within_the_bound(
    serve: Serve, site: LocalSite, concurrency: int, at_once: list[bool]
) -> None:
    met: list[bool] = []
    site.routes["/story"] = meeting(news_page(), site, met)
    site.routes["/copy"] = meeting(news_page((RIGHT, *PARAGRAPHS[1:])), site, met)
    changes = {"fetch_concurrency": concurrency, "fetch_allow_private": True}
    async with serve(**changes) as client:
        created = await client.post("/api/comparisons", json=link_body(site))
    assert created.status_code == 201, created.text
    assert met == at_once
