"""The API against its own OpenAPI schema, with Schemathesis (in process, over
ASGI): generated requests to every operation, a bounded number per operation,
never a server error, and every response as the schema documents it.

Generated ids rarely name a stored comparison, so real 200 responses (a
comparison, a listing with items) are also validated against the schema.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.python.asgi import shutdown_lifespans
from schemathesis.specs.openapi.checks import response_schema_conformance

from app.settings import Settings
from app.web.app import create_app
from tests.robust.corpus import LEFT, article
from tests.web.conftest import SEEDS_DIR, TEST_HOST, serving

MAX_EXAMPLES = 25  # per operation: the whole module stays within seconds
MAX_TEXT_BYTES = 20_000  # so that a generated long text is a cheap 413


def robust_settings(directory: Path) -> Settings:
    return Settings(
        database_url=f"sqlite:///{directory / 'schemathesis.db'}",
        seeds_dir=str(SEEDS_DIR),
        max_text_bytes=MAX_TEXT_BYTES,
        allowed_hosts=TEST_HOST,
    )


# The schema is read at import, from an app that is built but never started
# (its store opens in the lifespan); each case is sent to `served_app`, which is.
# (schemathesis.pytest.from_fixture, the lazy way, fails on pytest 9: it sets
# the removed `Function._nodeid`.)
schema = schemathesis.openapi.from_dict(create_app(Settings()).openapi())


@pytest.fixture(scope="module")
def served_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FastAPI]:
    yield create_app(robust_settings(tmp_path_factory.mktemp("schemathesis")))
    shutdown_lifespans()  # Schemathesis started the app's lifespan: this closes its store


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_conforms_to_its_schema(case: schemathesis.Case[Any], served_app: FastAPI) -> None:
    case.call_and_validate(app=served_app, checks=[not_a_server_error, response_schema_conformance])


pytestmark = pytest.mark.anyio


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


async def test_real_documents_conform_to_the_schema(tmp_path: Path) -> None:
    app = create_app(robust_settings(tmp_path))
    loaded = schemathesis.openapi.from_asgi("/openapi.json", app)
    try:
        async with serving(app) as client:
            body = {
                "title": "Schema",
                "left": {"text": LEFT},
                "right": {"text": article("New.")},
                "visibility": "listed",
            }
            created = await client.post("/api/comparisons", json=body)
            again = await client.post("/api/comparisons", json=body)
            api_url = f"/api/comparisons/{created.json()['id']}"
            comment = await client.post(
                f"{api_url}/comments", json={"row": 2, "body": "Why?", "author": "Ann"}
            )
            reply = {"reply_to": comment.json()["id"], "body": "Because.", "author": "Bo"}
            replied = await client.post(f"{api_url}/comments", json=reply)
            mark = await client.post(
                f"{api_url}/marks", json={"row": 2, "state": "queried", "reviewer": "Ann"}
            )
            comments = await client.get(f"{api_url}/comments")
            marks = await client.get(f"{api_url}/marks")
            document = await client.get(api_url)
            listing = await client.get("/api/comparisons", params={"limit": 1})
    finally:
        shutdown_lifespans()
    assert [created.status_code, again.status_code] == [201, 201]
    assert [comment.status_code, replied.status_code, mark.status_code] == [201, 201, 201]
    assert document.json()["comments"][0]["replies"][0]["body"] == "Because."
    assert listing.json()["comparisons"] and listing.json()["next"]
    review = "/api/comparisons/{comparison_id}"
    responses: list[tuple[str, str, httpx.Response]] = [
        ("/api/comparisons", "POST", created),
        ("/api/comparisons", "POST", again),
        ("/api/comparisons/{comparison_id}", "GET", document),
        ("/api/comparisons", "GET", listing),
        (f"{review}/comments", "POST", comment),
        (f"{review}/comments", "POST", replied),
        (f"{review}/comments", "GET", comments),
        (f"{review}/marks", "POST", mark),
        (f"{review}/marks", "GET", marks),
    ]
    for path, method, response in responses:
        loaded[path][method].validate_response(response)
