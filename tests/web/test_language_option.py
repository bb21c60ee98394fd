"""The language option through the API and the /new form: detected by default,
chosen otherwise, and stored with the comparison either way."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from app.core.segmentation.languages import LANGUAGES
from app.web.schemas import ComparisonDocument
from tests.web.conftest import Serve, with_token
from tests.web.html import parse

pytestmark = pytest.mark.anyio

LEFT = (
    "Die Regierung hat am Montag beschlossen, dass die Steuern steigen. Viele Menschen "
    "nehmen zu wenig Wasser zu sich. 40 Prozent trinken weniger als einen Liter am Tag."
)
RIGHT = LEFT.replace("Montag", "Dienstag")


@pytest.fixture
async def empty(serve: Serve) -> AsyncIterator[httpx.AsyncClient]:
    async with serve(seeds_dir="") as client:
        yield client


def body(**options: Any) -> dict[str, Any]:
    return {"left": {"text": LEFT}, "right": {"text": RIGHT}, "options": options}


async def stored_document(client: httpx.AsyncClient, url: str) -> dict[str, Any]:
    document: dict[str, Any] = (await client.get(url)).json()
    ComparisonDocument.model_validate(document)
    return document


# (options sent, options stored)
API_CASES = [
    ({}, {"language": "de", "language_detected": True}),
    ({"language": "detect"}, {"language": "de", "language_detected": True}),
    ({"language": "de"}, {"language": "de"}),
    ({"language": "en"}, {"language": "en"}),
]


@pytest.mark.parametrize(("options", "stored"), API_CASES)
async def test_api_language_is_detected_or_chosen(
    empty: httpx.AsyncClient, options: dict[str, str], stored: dict[str, Any]
) -> None:
    created = await empty.post("/api/comparisons", json=body(**options))
    assert created.status_code == 201, created.text
    document = await stored_document(empty, created.json()["json_url"])
    assert document["options"] == {"granularity": "word", **stored}


async def test_detected_german_segments_as_german(empty: httpx.AsyncClient) -> None:
    detected = (await empty.post("/api/comparisons", json=body())).json()
    document = await stored_document(empty, detected["json_url"])
    texts = [LEFT[s["start"] : s["end"]] for s in document["left"]["segments"]]
    assert texts[-1] == "40 Prozent trinken weniger als einen Liter am Tag."
    classes = [c["class"] for row in document["rows"] for c in row.get("changes", [])]
    assert classes == ["number"]


@pytest.mark.parametrize("language", ["english", "DE", "de-DE", ""])
async def test_api_bad_language_is_a_422(empty: httpx.AsyncClient, language: str) -> None:
    response = await empty.post("/api/comparisons", json=body(language=language))
    assert response.status_code == 422, response.text
    assert "options.language" in response.json()["error"]["message"]


async def test_new_form_offers_detect_and_each_language(empty: httpx.AsyncClient) -> None:
    select = parse((await empty.get("/new")).text).by_id("language")
    assert (select.tag, select.get("name")) == ("select", "language")
    options = select.find_all("option")
    assert [option.get("value") for option in options] == ["detect", *LANGUAGES]
    assert [option.get("value") for option in options if "selected" in option.attrs] == ["detect"]


@pytest.mark.parametrize(
    ("sent", "stored"),
    [
        ({}, {"language": "de", "language_detected": True}),
        ({"language": "detect"}, {"language": "de", "language_detected": True}),
        ({"language": "fr"}, {"language": "fr"}),
    ],
)
async def test_new_form_language(
    empty: httpx.AsyncClient, sent: dict[str, str], stored: dict[str, Any]
) -> None:
    fields = {"left_text": LEFT, "right_text": RIGHT, **sent}
    response = await empty.post("/new", data=with_token(fields), files={"none": ("", b"")})
    assert response.status_code == 303, response.text
    document = await stored_document(empty, response.headers["location"] + ".json")
    assert document["options"] == {"granularity": "word", **stored}


async def test_new_form_refuses_an_unknown_language(empty: httpx.AsyncClient) -> None:
    fields = {"left_text": LEFT, "right_text": RIGHT, "language": "xx"}
    response = await empty.post("/new", data=with_token(fields), files={"none": ("", b"")})
    assert response.status_code == 400
    assert "Choose a language" in response.text
    assert (await empty.get("/api/comparisons")).json()["total"] == 0
