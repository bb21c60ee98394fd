"""/api/comparisons: create, list, get, delete, and every error as JSON."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from typing import Any

import httpx
import pytest

from app.core import ENGINE_VERSION, PieceOp
from app.core.serialize import comparison_from_json
from tests.web.conftest import SEED_TITLE, Serve, create, seed_id
from tests.web.corpus import KINDS_LEFT, KINDS_RIGHT, OIL, SENATE
from tests.web.pages import get_html

pytestmark = pytest.mark.anyio

LEFT = f"{SENATE} Officials were upbeat about a deal."
RIGHT = f"{SENATE} Officials were optimistic about a deal."


def body(left: str = LEFT, right: str = RIGHT, **extra: Any) -> dict[str, Any]:
    return {"left": {"text": left}, "right": {"text": right}, **extra}


def assert_error(response: httpx.Response, status: int, words: str) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    error = response.json()["error"]
    assert error["status"] == status
    assert words in error["message"]


async def test_create_then_same_pair_again(client: httpx.AsyncClient) -> None:
    created = await client.post("/api/comparisons", json=body(title="Deal talk"))
    assert created.status_code == 201
    data = created.json()
    assert set(data) == {
        "id",
        "url",
        "json_url",
        "api_url",
        "owner_token",
        "delete_token",
        "visibility",
        "expires_at",
    }
    assert data["url"] == f"/c/{data['id']}" == created.headers["location"]
    assert data["json_url"] == f"/c/{data['id']}.json"
    assert data["api_url"] == f"/api/comparisons/{data['id']}"
    assert (data["visibility"], data["expires_at"]) == ("unlisted", None)
    twin, resource = [(await client.get(data[name])).content for name in ("json_url", "api_url")]
    assert twin == resource
    assert isinstance(data["owner_token"], str) and len(data["owner_token"]) >= 40
    assert data["delete_token"] == data["owner_token"]  # the old name still works
    # Another desk, same texts: a comparison of its own, with its own title.
    again = await client.post("/api/comparisons", json=body(title="Other title"))
    assert again.status_code == 201
    other = again.json()
    assert other["id"] != data["id"] and other["owner_token"] != data["owner_token"]
    assert (await client.get(other["json_url"])).json()["title"] == "Other title"
    assert (await client.get(data["json_url"])).json()["title"] == "Deal talk"


@pytest.mark.parametrize(
    "options",
    [{"granularity": "char"}, {"language": "de"}],
)
async def test_other_options_are_another_comparison(
    client: httpx.AsyncClient, options: dict[str, str]
) -> None:
    word = (await client.post("/api/comparisons", json=body())).json()
    other = await client.post("/api/comparisons", json=body(options=options))
    assert other.status_code == 201
    assert other.json()["id"] != word["id"]
    stored = (await client.get(other.json()["json_url"])).json()["options"]
    assert stored == {**stored, **options}


async def test_document_is_the_engine_json_plus_what_the_library_knows(
    client: httpx.AsyncClient,
) -> None:
    comparison_id = await create(
        client, KINDS_LEFT, KINDS_RIGHT, title="Kinds", labels=("Wire", "Copy")
    )
    document = (await client.get(f"/api/comparisons/{comparison_id}")).json()
    twin = await client.get(f"/c/{comparison_id}.json")
    assert twin.headers["content-type"] == "application/json"
    assert twin.json() == document
    assert document["id"] == comparison_id
    assert document["url"] == f"/c/{comparison_id}"
    assert (document["title"], document["labels"]) == ("Kinds", {"left": "Wire", "right": "Copy"})
    assert document["engine_version"] == ENGINE_VERSION
    assert datetime.fromisoformat(document["created"]).utcoffset() == timedelta(0)
    assert document["created"].endswith("Z")
    # Schema 1, lossless: the engine can read it back, and each row's pieces
    # spell its two sides exactly.
    comparison = comparison_from_json(document)
    assert (comparison.left.text, comparison.right.text) == (KINDS_LEFT, KINDS_RIGHT)
    for row in comparison.rows:
        kept = {PieceOp.EQUAL, PieceOp.DELETE}
        assert "".join(p.text for p in row.diff if p.op in kept) == comparison.left.span_text(
            row.left
        )
        added = {PieceOp.EQUAL, PieceOp.INSERT}
        assert "".join(p.text for p in row.diff if p.op in added) == comparison.right.span_text(
            row.right
        )
    assert sorted(i for row in comparison.rows for i in row.left) == list(
        range(len(comparison.left.segments))
    )


async def test_list(client: httpx.AsyncClient) -> None:
    newer = await create(client, LEFT, RIGHT, title="Deal talk")
    listed = (await client.get("/api/comparisons")).json()
    assert (listed["total"], listed["limit"], listed["offset"], listed["q"]) == (2, 20, 0, "")
    assert [item["title"] for item in listed["comparisons"]] == ["Deal talk", SEED_TITLE]
    item = listed["comparisons"][0]
    assert item["id"] == newer
    assert item["labels"] == {"left": "Original", "right": "Copy"}
    assert item["url"] == f"/c/{newer}"
    assert item["api_url"] == f"/api/comparisons/{newer}"
    assert item["row_counts"]["modified"] == 1
    assert (item["words_added"], item["words_removed"]) == (1, 1)
    assert listed["next"] is listed["previous"] is None
    page = (await client.get("/api/comparisons", params={"limit": 1})).json()
    assert page["next"] == "/api/comparisons?offset=1&limit=1"
    last = (await client.get(page["next"])).json()
    assert [i["title"] for i in last["comparisons"]] == [SEED_TITLE]
    assert last["previous"] == "/api/comparisons?limit=1"


async def test_delete(client: httpx.AsyncClient) -> None:
    created = (await client.post("/api/comparisons", json=body())).json()
    url = f"/api/comparisons/{created['id']}"
    assert_error(await client.delete(url), 403, "owner token")
    assert_error(await client.delete(url, headers={"X-Delete-Token": "guess"}), 403, "token")
    assert_error(await client.delete(url, params={"token": "é"}), 403, "token")
    # Now in the cache, the page and both JSON twins:
    for kept in (f"/c/{created['id']}", f"/c/{created['id']}.json", url):
        assert (await client.get(kept)).status_code == 200
    deleted = await client.delete(url, headers={"X-Delete-Token": created["delete_token"]})
    assert (deleted.status_code, deleted.content) == (204, b"")
    assert_error(await client.get(url), 404, "does not exist")
    assert_error(await client.get(f"/c/{created['id']}.json"), 404, "does not exist")
    page = await get_html(client, f"/c/{created['id']}", status=404)
    assert "does not exist" in page.find("p", "notice-message").text
    assert_error(await client.delete(url, headers={"X-Delete-Token": "x"}), 404, "does not exist")


async def test_delete_with_token_parameter(client: httpx.AsyncClient) -> None:
    created = (await client.post("/api/comparisons", json=body())).json()
    url = f"/api/comparisons/{created['id']}"
    assert (await client.delete(url, params={"token": created["delete_token"]})).status_code == 204


async def test_seed_cannot_be_deleted_without_its_token(client: httpx.AsyncClient) -> None:
    url = f"/api/comparisons/{await seed_id(client)}"
    assert_error(await client.delete(url, headers={"X-Delete-Token": ""}), 403, "token")


@pytest.fixture
async def small(serve: Serve) -> AsyncIterator[httpx.AsyncClient]:
    """An app taking texts of at most 100 bytes, so requests over 64 KB + 600 B are refused."""
    async with serve(max_text_bytes=100, seeds_dir="") as client:
        yield client


BAD_BODIES: list[tuple[Any, int, str]] = [
    (body(left=""), 400, "left text is empty"),
    (body(right=" \n\t "), 400, "right text is empty"),
    (body(left="a\x00b"), 400, "NUL"),
    (body(left="x" * 101), 413, "left text is too large: 101 bytes"),
    (body(right="é" * 51), 413, "right text is too large: 102 bytes"),
    (body(title="T" * 201), 400, "Title is too long"),
    ({"left": {"text": LEFT, "label": "L" * 81}, "right": {"text": RIGHT}}, 400, "Left label"),
    ({"left": {"text": LEFT}}, 422, "right: Field required"),
    (body(options={"granularity": "sentence"}), 422, "options.granularity"),
    (body(options={"language": "english"}), 422, "options.language"),
    (body(colour="red"), 422, "colour: Extra inputs are not permitted"),
    ({"left": {"text": 12}, "right": {"text": RIGHT}}, 422, "left.text"),
    ([LEFT, RIGHT], 422, "valid dictionary"),
]


@pytest.mark.parametrize(("payload", "status", "words"), BAD_BODIES)
async def test_bad_bodies(small: httpx.AsyncClient, payload: Any, status: int, words: str) -> None:
    assert_error(await small.post("/api/comparisons", json=payload), status, words)
    assert (await small.get("/api/comparisons")).json()["total"] == 0


RAW_BODIES: list[tuple[bytes, int, str]] = [
    (b'{"left": {"text": "a"', 422, "JSON decode error"),
    (b"", 422, "body: Field required"),
    (b'{"left": {"text": "\\ud800 x"}, "right": {"text": "b"}}', 400, "lone surrogate"),
]


@pytest.mark.parametrize(("raw", "status", "words"), RAW_BODIES)
async def test_malformed_json(
    small: httpx.AsyncClient, raw: bytes, status: int, words: str
) -> None:
    response = await small.post(
        "/api/comparisons", content=raw, headers={"Content-Type": "application/json"}
    )
    assert_error(response, status, words)


# Texts at the limit (100,000 bytes) that grow as JSON: ASCII-only JSON
# writes é as \u00e9 (3x), a flood of blank lines as \n\n (2x).
ESCAPED_TEXTS = [
    pytest.param("é" * 50_000, id="letters-escaped-3x"),
    pytest.param("Word\n\n" * 16_666, id="one-word-paragraphs-1.3x"),
    pytest.param("\n" * 99_999 + "x", id="newlines-2x"),
]


@pytest.mark.parametrize("text", ESCAPED_TEXTS)
async def test_a_text_within_the_limit_is_not_refused_for_its_json_escapes(
    serve: Serve, text: str
) -> None:
    payload = json.dumps(body(left=text, right=text[::-1]), ensure_ascii=True).encode()
    assert len(payload) > 2 * len(text.encode()) + 64 * 1024
    async with serve(max_text_bytes=100_000, seeds_dir="") as client:
        response = await client.post(
            "/api/comparisons", content=payload, headers={"Content-Type": "application/json"}
        )
    assert response.status_code == 201, response.text


async def test_body_over_the_limit_is_refused(small: httpx.AsyncClient) -> None:
    payload = body(left="x" * 70_000)
    assert_error(await small.post("/api/comparisons", json=payload), 413, "request is too large")

    async def chunks() -> AsyncIterator[bytes]:
        # No Content-Length: the body is counted as it streams in.
        yield b'{"left": {"text": "'
        for _ in range(10):
            yield b"x" * 10_000
        yield b'"}, "right": {"text": "y"}}'

    streamed = await small.post(
        "/api/comparisons", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert "content-length" not in streamed.request.headers
    assert_error(streamed, 413, "request is too large")


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/api/comparisons/0123456789abcdef0123", 404),
        ("GET", "/api/comparisons/nonsense", 404),
        ("GET", "/c/0123456789abcdef0123.json", 404),
        ("DELETE", "/api/comparisons/0123456789abcdef0123", 404),
        ("GET", "/api/nothing-here", 404),
        ("PUT", "/api/comparisons", 405),
        ("GET", "/api/comparisons?limit=0", 422),
        ("GET", "/api/comparisons?offset=-1", 422),
    ],
)
async def test_errors_are_json(
    client: httpx.AsyncClient, method: str, path: str, status: int
) -> None:
    response = await client.request(method, path)
    assert response.status_code == status
    assert response.json()["error"]["status"] == status


async def test_docs(client: httpx.AsyncClient) -> None:
    docs = await client.get("/docs")
    assert docs.status_code == 200 and "swagger" in docs.text.lower()
    schema = (await client.get("/openapi.json")).json()
    assert set(schema["paths"]) == {
        "/api/comparisons",
        "/api/comparisons/{comparison_id}",
        "/api/comparisons/{comparison_id}/comments",
        "/api/comparisons/{comparison_id}/comments/{comment_id}",
        "/api/comparisons/{comparison_id}/marks",
        "/api/stories",
        "/api/stories/{story_id}",
        "/api/stories/{story_id}/watched",
        "/api/stories/{story_id}/watched/{link_id}",
    }
    create_responses = schema["paths"]["/api/comparisons"]["post"]["responses"]
    assert {"201", "400", "413", "422"} <= set(create_responses)
    comment = schema["paths"]["/api/comparisons/{comparison_id}/comments/{comment_id}"]
    assert {"get", "patch", "delete"} <= set(comment)
    for method in ("patch", "delete"):
        owned = schema["paths"]["/api/comparisons/{comparison_id}"][method]
        assert {"403", "404"} <= set(owned["responses"])
        (token,) = (p for p in owned["parameters"] if p["name"] == "token")
        assert token["in"] == "query" and token["deprecated"] is True


async def test_texts_keep_their_exact_form(client: httpx.AsyncClient) -> None:
    """Only CRLF becomes LF; the CRLF and LF versions are one engine result."""
    left = f"  {SENATE}\r\n\r\n{OIL}  "
    first = (await client.post("/api/comparisons", json=body(left=left))).json()
    second = await client.post("/api/comparisons", json=body(left=left.replace("\r\n", "\n")))
    documents = [(await client.get(made["json_url"])).json() for made in (first, second.json())]
    assert documents[0]["left"]["text"] == left.replace("\r\n", "\n")
    assert documents[0]["rows"] == documents[1]["rows"]


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        pytest.param(b'{"title": "x", "left": {"text": "a"', "JSON decode error", id="truncated"),
        pytest.param(b"\xff\xfe{", "not valid JSON", id="not-utf-8"),
        pytest.param(b"[" * 5000, "not valid JSON", id="nested-too-deep"),
    ],
)
async def test_a_body_that_is_not_json_is_a_422(
    client: httpx.AsyncClient, raw: bytes, words: str
) -> None:
    response = await client.post(
        "/api/comparisons", content=raw, headers={"Content-Type": "application/json"}
    )
    assert_error(response, 422, words)


async def test_a_text_side_can_say_where_it_came_from(client: httpx.AsyncClient) -> None:
    source = {
        "url": "https://www.courier.test/talks",
        "title": "Senate passes the budget",
        "author": "Jane  Doe",
        "published": "2025-03-21",
    }
    sent = {"left": {"text": LEFT, "source": source}, "right": {"text": RIGHT}}
    created = await client.post("/api/comparisons", json=sent)
    assert created.status_code == 201, created.text
    document = (await client.get(created.json()["json_url"])).json()
    assert document["sources"] == {"left": {**source, "author": "Jane Doe"}, "right": {}}
    assert document["labels"]["left"] == document["title"] == "Senate passes the budget"
    page = await get_html(client, created.json()["url"])
    [line] = page.find("ul", "sources").find_all("li")
    assert line.find("a").get("href") == source["url"]
    assert line.text.endswith("courier.test · By Jane Doe · 21 March 2025")


@pytest.mark.parametrize(
    ("side", "words"),
    [
        ({"text": LEFT, "source": {"url": "javascript:alert(1)"}}, "pattern"),
        ({"url": "https://courier.test/", "source": {"title": "T"}}, "give source only with text"),
        ({"text": LEFT, "source": {"published": "21 March"}}, "date"),
        ({"text": LEFT, "source": {"byline": "Jane"}}, "byline"),
        ({"text": LEFT, "source": {"author": "Jane\u0000Doe"}}, "contains a NUL character"),
    ],
    ids=["script-link", "with-a-link", "bad-date", "unknown-field", "nul"],
)
async def test_a_bad_source_is_a_422(
    client: httpx.AsyncClient, side: dict[str, Any], words: str
) -> None:
    response = await client.post("/api/comparisons", json={"left": side, "right": {"text": RIGHT}})
    assert_error(response, 422, words)


async def test_a_hostile_source_is_shown_as_text(client: httpx.AsyncClient) -> None:
    source = {
        "url": 'https://x.test/"><script>alert(1)</script>',
        "title": "<img src=x onerror=alert(1)>",
        "author": "\u202eeoD enaJ",
    }
    sent = {"left": {"text": LEFT, "source": source, "label": "Wire"}, "right": {"text": RIGHT}}
    created = await client.post("/api/comparisons", json=sent)
    assert created.status_code == 201, created.text
    response = await client.get(created.json()["url"])
    assert "<script>alert(1)" not in response.text and "<img src=x" not in response.text
    page = await get_html(client, created.json()["url"])
    [line] = page.find("ul", "sources").find_all("li")
    assert line.find("a").get("href") == source["url"]
    assert line.find("span", "source-headline").text == source["title"]
    assert line.find("span", "source-byline").text == f"By {source['author']}"


@pytest.mark.parametrize(
    ("granularity", "status"), [("word", 201), ("char", 413)], ids=["by-word", "by-char"]
)
async def test_a_text_over_the_character_limit_is_refused_by_character_only(
    serve: Serve, granularity: str, status: int
) -> None:
    text = "The talks resume. " * 10  # 180 bytes
    async with serve(max_char_text_bytes=100, seeds_dir="") as client:
        payload = body(left=text, options={"granularity": granularity})
        response = await client.post("/api/comparisons", json=payload)
    if status == 201:
        assert response.status_code == 201, response.text
    else:
        assert_error(response, 413, "too large to compare by character: 180 bytes")
