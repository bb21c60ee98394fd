"""The ignore options through the API and the /new form: validated, stored, part of the id."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from app.web.schemas import ComparisonDocument
from tests.web.conftest import Serve, with_token
from tests.web.corpus import OIL, SENATE

pytestmark = pytest.mark.anyio

LEFT = f"{SENATE} Officials said it’s a good deal."
RIGHT = f"{SENATE} Officials said it's a great deal."


NOT_BOOLEAN = "Input should be a valid boolean"


def body(**options: Any) -> dict[str, Any]:
    return {"left": {"text": LEFT}, "right": {"text": RIGHT}, "options": options}


@pytest.fixture
async def empty(serve: Serve) -> AsyncIterator[httpx.AsyncClient]:
    async with serve(seeds_dir="") as client:
        yield client


@pytest.mark.parametrize(
    ("options", "words"),
    [
        (
            {"ignore_typography": "yes"},
            "options.ignore_typography: Input should be a valid boolean",
        ),
        ({"ignore_case": 1}, "options.ignore_case: Input should be a valid boolean"),
        ({"ignore_punctuation": None}, "options.ignore_punctuation"),
        ({"ignore_spaces": True}, "options.ignore_spaces: Extra inputs are not permitted"),
        ({"granularity": "sentence"}, "options.granularity"),
    ],
)
async def test_bad_options_are_a_422(
    empty: httpx.AsyncClient, options: dict[str, Any], words: str
) -> None:
    response = await empty.post("/api/comparisons", json=body(**options))
    assert response.status_code == 422, response.text
    assert words in response.json()["error"]["message"]
    assert (await empty.get("/api/comparisons")).json()["total"] == 0


@pytest.mark.parametrize(
    "options",
    [
        {"ignore_typography": True},
        {"ignore_case": True},
        {"ignore_punctuation": True},
        {"ignore_typography": True, "ignore_case": True, "ignore_punctuation": True},
        {"granularity": "char", "ignore_typography": True},
    ],
)
async def test_ignore_options_are_stored_and_addressed(
    empty: httpx.AsyncClient, options: dict[str, Any]
) -> None:
    plain = (await empty.post("/api/comparisons", json=body())).json()
    created = await empty.post("/api/comparisons", json=body(**options))
    assert created.status_code == 201
    data = created.json()
    assert data["id"] != plain["id"]
    document = (await empty.get(data["json_url"])).json()
    ignores = {name: True for name, on in options.items() if name.startswith("ignore_") and on}
    assert document["options"] == {
        "granularity": options.get("granularity", "word"),
        "language": "en",
        "language_detected": True,
        **ignores,
    }
    ComparisonDocument.model_validate(document)
    again = await empty.post("/api/comparisons", json=body(**options))
    assert again.status_code == 201 and again.json()["id"] != data["id"]
    repeated = (await empty.get(again.json()["json_url"])).json()
    assert (repeated["options"], repeated["rows"]) == (document["options"], document["rows"])


async def test_options_off_are_the_default_options(empty: httpx.AsyncClient) -> None:
    plain = (await empty.post("/api/comparisons", json=body())).json()
    off = body(ignore_typography=False, ignore_case=False, ignore_punctuation=False)
    again = (await empty.post("/api/comparisons", json=off)).json()
    documents = [(await empty.get(made["json_url"])).json() for made in (plain, again)]
    assert (
        documents[0]["options"]
        == documents[1]["options"]
        == {
            "granularity": "word",
            "language": "en",
            "language_detected": True,
        }
    )


async def test_typography_ignored_at_creation_is_not_marked(empty: httpx.AsyncClient) -> None:
    created = (await empty.post("/api/comparisons", json=body(ignore_typography=True))).json()
    document = (await empty.get(created["json_url"])).json()
    (_, row) = document["rows"]
    assert [(c["class"], c["ignored"]) for c in row["changes"]] == [
        ("typography", True),
        ("wording", False),
    ]
    assert document["stats"]["classes"]["typography"] == 0
    ComparisonDocument.model_validate(document)


@pytest.mark.parametrize(
    ("checked", "options"),
    [
        ([], {}),
        (["ignore_typography"], {"ignore_typography": True}),
        (["ignore_case", "ignore_punctuation"], {"ignore_case": True, "ignore_punctuation": True}),
    ],
)
async def test_the_new_form_has_the_ignore_options(
    empty: httpx.AsyncClient, checked: list[str], options: dict[str, Any]
) -> None:
    fields = {"left_text": SENATE, "right_text": OIL, **{name: "on" for name in checked}}
    response = await empty.post("/new", data=with_token(fields), files={"none": ("", b"")})
    assert response.status_code == 303, response.text
    document = (await empty.get(response.headers["location"] + ".json")).json()
    assert document["options"] == {
        "granularity": "word",
        "language": "en",
        "language_detected": True,
        **options,
    }


async def test_the_form_shows_the_ignore_options_again_on_errors(
    empty: httpx.AsyncClient,
) -> None:
    from tests.web.html import parse

    response = await empty.post(
        "/new",
        data=with_token({"left_text": "", "right_text": OIL, "ignore_case": "on"}),
        files={"none": ("", b"")},
    )
    assert response.status_code == 400
    page = parse(response.text)
    checked = {
        box.get("name"): "checked" in box.attrs
        for box in page.find("fieldset", "ignore-choices").find_all("input")
    }
    assert checked == {"ignore_typography": False, "ignore_case": True, "ignore_punctuation": False}
