"""Hostile texts through every way in (the API, a pasted form, uploaded files), in
process: each is stored and shown exactly as text, or refused with a clear 4xx,
and none gives a 500. Every kind of response carries the security headers."""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator, Mapping
from typing import Any

import anyio
import httpx
import pytest
from fastapi import FastAPI

from app.settings import Settings
from app.web.app import create_app
from app.web.serving.limits import request_body_limit
from tests.robust.checks import assert_inert, assert_security_headers, assert_segments_shown
from tests.robust.corpus import HOSTILE, LEFT, Hostile, Refused, paragraphs_text
from tests.web.conftest import FORM_TOKEN, TEST_HOST, serving, with_token
from tests.web.html import parse

pytestmark = pytest.mark.anyio

CHANNELS = ("api", "paste", "upload")
BOUNDARY = "diptych-robust-boundary"
PARAGRAPHS_SECONDS = 60.0  # the 50,000-paragraph case must answer within this, each step


async def send_api(client: httpx.AsyncClient, case: Hostile) -> httpx.Response:
    body: dict[str, Any] = {"left": {"text": LEFT}, "right": {"text": case.right}}
    if case.markup:
        body["title"] = case.payload
        body["left"]["label"] = body["right"]["label"] = case.payload[:80]
    # ensure_ascii: a lone surrogate travels as the JSON escape "\ud800".
    content = json.dumps(body).encode("ascii")
    headers = {"content-type": "application/json"}
    return await client.post("/api/comparisons", content=content, headers=headers)


def multipart(fields: list[tuple[str, bytes, str | None]]) -> tuple[bytes, dict[str, str]]:
    """A multipart/form-data body of exactly these bytes (httpx would refuse a surrogate)."""
    parts = []
    for name, value, filename in fields:
        disposition = f'form-data; name="{name}"' + (f'; filename="{filename}"' if filename else "")
        kind = "Content-Type: text/plain\r\n" if filename else ""
        head = f"--{BOUNDARY}\r\nContent-Disposition: {disposition}\r\n{kind}\r\n"
        parts.append(head.encode() + value + b"\r\n")
    body = b"".join(parts) + f"--{BOUNDARY}--\r\n".encode()
    return body, {"content-type": f"multipart/form-data; boundary={BOUNDARY}"}


def utf8(text: str) -> bytes:
    # surrogatepass: what a careless client would put on the wire for a lone surrogate.
    return text.encode("utf-8", "surrogatepass")


async def send_form(client: httpx.AsyncClient, case: Hostile, channel: str) -> httpx.Response:
    lines = case.payload.encode() if case.markup else b""
    fields: list[tuple[str, bytes, str | None]] = [
        ("title", lines, None),
        ("left_label", lines[:80], None),
        ("right_label", lines[:80], None),
        ("granularity", b"word", None),
        ("csrf_token", FORM_TOKEN.encode(), None),
    ]
    if channel == "paste":
        fields += [("left_text", utf8(LEFT), None), ("right_text", utf8(case.right), None)]
    else:
        fields += [("left_file", utf8(LEFT), "left.txt"), ("right_file", utf8(case.right), "r.md")]
    content, headers = multipart(fields)
    return await client.post("/new", content=content, headers=headers)


def created_id(response: httpx.Response, channel: str) -> str:
    if channel == "api":
        assert response.status_code == 201, response.text[:500]
        comparison_id: str = response.json()["id"]
        return comparison_id
    assert response.status_code == 303, response.text[:2000]
    location = response.headers["location"]
    assert location.startswith("/c/"), location
    return location.removeprefix("/c/")


async def check_stored(client: httpx.AsyncClient, comparison_id: str, case: Hostile) -> None:
    twin = await client.get(f"/c/{comparison_id}.json")
    assert twin.status_code == 200
    assert_security_headers(twin.headers)
    document = twin.json()
    assert document["left"]["text"] == LEFT
    assert document["right"]["text"] == case.right
    api = await client.get(f"/api/comparisons/{comparison_id}")
    assert api.status_code == 200 and api.content == twin.content
    response = await client.get(f"/c/{comparison_id}")
    assert response.status_code == 200
    assert_security_headers(response.headers)
    page = parse(response.text)
    assert_inert(page)
    assert_segments_shown(page, document)
    if case.markup:
        assert page.find("h1").text == case.payload == document["title"]
        assert [label.text for label in page.find_all("span", "side-label")] == [case.payload] * 2


def check_refused(response: httpx.Response, channel: str, refused: Refused) -> None:
    assert response.status_code == refused.status, response.text[:500]
    assert_security_headers(response.headers)
    if channel == "api":
        error = response.json()["error"]
        assert error["status"] == refused.status
        assert refused.says.lower() in error["message"].lower(), error
        return
    assert response.headers["content-type"].startswith("text/html")
    page = parse(response.text)
    assert_inert(page, form=True)
    messages = [item.text for item in page.find("div", "error-summary").find_all("li")]
    assert any(refused.says.lower() in message.lower() for message in messages), messages


@pytest.mark.parametrize("channel", CHANNELS)
@pytest.mark.parametrize("case", HOSTILE, ids=[case.name for case in HOSTILE])
async def test_hostile_text_is_kept_as_text_or_refused(
    client: httpx.AsyncClient, case: Hostile, channel: str
) -> None:
    if channel == "api":
        response = await send_api(client, case)
    else:
        response = await send_form(client, case, channel)
    assert response.status_code < 500, response.text[:500]
    outcome = case.outcome(channel)
    if isinstance(outcome, Refused):
        check_refused(response, channel, outcome)
        return
    await check_stored(client, created_id(response, channel), case)


async def timed(step: str, call: Any, timings: dict[str, float]) -> httpx.Response:
    started = time.monotonic()
    with anyio.fail_after(PARAGRAPHS_SECONDS):
        response: httpx.Response = await call
    timings[step] = round(time.monotonic() - started, 2)
    return response


async def test_fifty_thousand_paragraphs_still_answer(
    client: httpx.AsyncClient, record_property: Any
) -> None:
    right = paragraphs_text()
    body = {"left": {"text": LEFT}, "right": {"text": right}}
    timings: dict[str, float] = {}
    created = await timed("create", client.post("/api/comparisons", json=body), timings)
    assert created.status_code == 201, created.text[:500]
    twin = await timed("json", client.get(created.json()["json_url"]), timings)
    assert twin.status_code == 200 and twin.json()["right"]["text"] == right
    page = await timed("page", client.get(created.json()["url"]), timings)
    assert page.status_code == 200
    # Not parsed (20 MB of HTML would take longer than the rest): the words as text.
    words = right.split("\n\n")
    assert all(f">{word}<" in page.text for word in [*words[:100], *words[-100:]])
    timings["page_megabytes"] = round(len(page.content) / 1e6, 1)
    record_property("timings", timings)
    print(f"50,000 paragraphs: {timings}")


# -- the headers of every kind of response ---------------------------------------

SMALL_LIMIT = 10_000  # max_text_bytes for the header checks: 413s are cheap to provoke


@pytest.fixture
async def small_client(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    settings = Settings(
        database_url=settings.database_url,
        seeds_dir=settings.seeds_dir,
        max_text_bytes=SMALL_LIMIT,
        allowed_hosts=TEST_HOST,
    )
    async with serving(create_app(settings)) as started:
        yield started


async def chunks(total: int) -> AsyncIterator[bytes]:
    for _ in range(total // 4096 + 1):
        yield b"x" * 4096


def pair(left: str, right: str) -> dict[str, Any]:
    return {"left": {"text": left}, "right": {"text": right}}


async def response_kinds(client: httpx.AsyncClient) -> dict[str, httpx.Response]:
    """One response of each kind the app gives, by name."""
    created = (await client.post("/api/comparisons", json=pair("One. Two.", "One. Three."))).json()
    page, twin = created["url"], created["json_url"]
    etag = (await client.get(page)).headers["etag"]
    big = b"x" * (request_body_limit(SMALL_LIMIT) + 1)
    json_type = {"content-type": "application/json"}
    requests: dict[str, Any] = {
        "library": client.get("/"),
        "new form": client.get("/new"),
        "comparison page": client.get(page),
        "inline view": client.get(page, params={"view": "inline"}),
        "page HEAD": client.head(page),
        "page 304": client.get(page, headers={"if-none-match": etag}),
        "JSON twin": client.get(twin),
        "API list": client.get("/api/comparisons"),
        "API created 201": client.post("/api/comparisons", json=pair("Red. Blue.", "Red. Tan.")),
        "API 404": client.get("/api/comparisons/0123456789abcdef0123"),
        "JSON twin 404": client.get("/c/0123456789abcdef0123.json"),
        "page 404": client.get("/c/0123456789abcdef0123"),
        "unknown path 404": client.get("/no/such/page"),
        "API 400": client.post("/api/comparisons", json=pair(" ", "text")),
        "API 403": client.delete(f"/api/comparisons/{created['id']}?token=wrong"),
        "API 405": client.put("/api/comparisons"),
        "API 422": client.post("/api/comparisons", content=b"{", headers=json_type),
        "API 413 text": client.post("/api/comparisons", json=pair("y" * SMALL_LIMIT * 2, "z")),
        "API 413 declared": client.post("/api/comparisons", content=big, headers=json_type),
        "API 413 streamed": client.post(
            "/api/comparisons", content=chunks(len(big)), headers=json_type
        ),
        "form 413 declared": client.post("/new", content=big, headers={"content-type": "x/y"}),
        "form 400": client.post("/new", data=with_token({"left_text": "", "right_text": ""})),
        "form 303": client.post(
            "/new", data=with_token({"left_text": "A b.", "right_text": "A c."})
        ),
        "static css": client.get("/static/diptych.css"),
        "static js": client.get("/static/diptych.js"),
        "static 404": client.get("/static/nothing.css"),
        "openapi.json": client.get("/openapi.json"),
    }
    return {name: await request for name, request in requests.items()}


EXPECTED_STATUS = {"page 304": 304, "API created 201": 201, "form 303": 303, "openapi.json": 200}


async def test_every_kind_of_response_carries_the_security_headers(
    small_client: httpx.AsyncClient,
) -> None:
    kinds = await response_kinds(small_client)
    for name, response in kinds.items():
        status = response.status_code
        assert status < 500, f"{name}: {status} {response.text[:300]}"
        expected = EXPECTED_STATUS.get(name) or int(
            next((word for word in name.split() if word.isdigit()), "200")
        )
        assert status == expected, f"{name}: {status}, expected {expected}"
        try:
            assert_security_headers(response.headers)
        except AssertionError as error:
            raise AssertionError(f"{name} ({status}): {error}") from error
        if status >= 400 and name.startswith(("API", "JSON")):
            assert response.json()["error"]["status"] == status, name


async def test_docs_gets_the_pages_policy(small_client: httpx.AsyncClient) -> None:
    """Swagger UI comes from the app's own files and is started by a static
    script: /docs needs no inline script and no other host."""
    docs = await small_client.get("/docs")
    assert docs.status_code == 200
    assert_security_headers(docs.headers)
    library = await small_client.get("/")
    assert library.headers["content-security-policy"] == docs.headers["content-security-policy"]


class BrokenService:
    """Stands in for the service: every use is a bug that reaches the 500 handler."""

    def __getattr__(self, name: str) -> Any:
        raise RuntimeError(f"broken service: {name}")


async def test_an_unexpected_error_is_a_500_with_the_headers(app: FastAPI) -> None:
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=transport, base_url="http://testserver") as client,
    ):
        app.state.service = BrokenService()
        responses: Mapping[str, httpx.Response] = {
            "json": await client.get("/api/comparisons"),
            "page": await client.get("/"),
        }
    for kind, response in responses.items():
        assert response.status_code == 500, kind
        assert_security_headers(response.headers)
    assert responses["json"].json()["error"]["status"] == 500
    assert "went wrong" in parse(responses["page"].text).find("p", "notice-message").text


@pytest.mark.parametrize("offset", [2**63, 10**30])
@pytest.mark.parametrize("path", ["/api/comparisons", "/"])
async def test_an_offset_past_any_library_is_refused(
    client: httpx.AsyncClient, path: str, offset: int
) -> None:
    """Not passed on to the database, which cannot hold it (SQLite: OverflowError, a 500)."""
    response = await client.get(path, params={"offset": offset})
    assert response.status_code == 422, response.text[:300]
    assert_security_headers(response.headers)
    assert "offset" in response.text
