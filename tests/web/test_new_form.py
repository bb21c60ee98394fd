"""/new: pasting or uploading two texts, and what the form says when it can't."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import httpx
import pytest

from app.web.serving.limits import request_body_limit
from tests.web.conftest import Serve, with_token
from tests.web.corpus import OIL, SENATE
from tests.web.html import Element
from tests.web.pages import cell_text, get_html, shown_rows

pytestmark = pytest.mark.anyio

LEFT = f"{SENATE} Officials were upbeat about a deal.\n\n{OIL}"
RIGHT = f"{SENATE} Officials were optimistic about a deal.\n\n{OIL}"

Files = dict[str, tuple[str, bytes, str]]


def textarea(page: Element, name: str) -> str:
    """The textarea's value, as a browser reads it: without the newline after the tag."""
    return page.by_id(f"{name}_text").text.removeprefix("\n")


async def submit(
    client: httpx.AsyncClient, files: Files | None = None, **fields: str
) -> httpx.Response:
    data = {"title": "", "left_label": "", "right_label": "", "granularity": "word"}
    data.update(fields)
    # Always multipart, as a browser sends this form (it has file inputs).
    upload: Any = files or {"left_file": ("", b"", "application/octet-stream")}
    return await client.post("/new", data=with_token(data), files=upload)


async def test_the_form_asks_for_everything(client: httpx.AsyncClient) -> None:
    page = await get_html(client, "/new")
    form = page.find("form", "new-form")
    assert (form.get("method"), form.get("action")) == ("post", "/new")
    assert form.get("enctype") == "multipart/form-data"
    names = {field.get("name") for field in form.iter() if "name" in field.attrs}
    assert names == {
        "title",
        "left_label",
        "right_label",
        "left_text",
        "right_text",
        "left_url",
        "right_url",
        "left_file",
        "right_file",
        "granularity",
        "language",
        "ignore_typography",
        "ignore_case",
        "ignore_punctuation",
        "visibility",
        "expires",
        "csrf_token",
        "idempotency_key",
    }
    assert page.by_id("left_file").get("accept").startswith(".txt,.md")
    radios = [field for field in form.find_all("input") if field.attrs.get("type") == "radio"]
    assert [(radio.get("value"), "checked" in radio.attrs) for radio in radios] == [
        ("word", True),
        ("char", False),
        ("unlisted", True),  # private by default
        ("listed", False),
    ]


async def test_pasted_texts_make_a_comparison(client: httpx.AsyncClient) -> None:
    response = await submit(
        client,
        left_text=LEFT.replace("\n", "\r\n"),  # as browsers send textareas
        right_text=RIGHT,
        title="Budget day",
        left_label="Original — The Hill",
        right_label="Copy — Telegraph",
    )
    assert response.status_code == 303
    location = response.headers["location"]
    assert location.startswith("/c/")
    page = await get_html(client, location)
    assert page.find("h1").text == "Budget day"
    header = [th.text for th in page.find("thead").find_all("th")][1:-1]  # not Review
    assert header == ["Original — The Hill", "Copy — Telegraph"]
    assert [row.kind for row in shown_rows(page)] == ["equal", "modified", "equal"]
    # The creator owns it: a secret of this comparison's own, in a cookie only
    # its pages get; the page shows them the owner's controls.
    cookie = response.headers["set-cookie"]
    assert cookie.startswith("diptych_owner=") and f"Path={location};" in cookie
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Secure" not in cookie
    assert len(page.find_all("section", "owner")) == 1
    # Another desk, the same pair: a comparison of its own, with its own title.
    again = await submit(client, left_text=LEFT, right_text=RIGHT, title="Another title")
    assert again.headers["location"] != location
    other = await get_html(client, again.headers["location"])
    assert other.find("h1").text == "Another title"
    client.cookies.clear()
    stranger = await get_html(client, location)
    assert stranger.find_all("section", "owner") == []


async def test_uploaded_files_make_a_comparison(client: httpx.AsyncClient) -> None:
    files: Files = {
        "left_file": ("wire.txt", ("\ufeff" + LEFT).encode(), "text/plain"),
        "right_file": ("copy.md", RIGHT.encode(), "text/markdown"),
    }
    response = await submit(client, files, left_text="ignored: the file wins")
    assert response.status_code == 303
    document = (await client.get(response.headers["location"] + ".json")).json()
    assert (document["left"]["text"], document["right"]["text"]) == (LEFT, RIGHT)
    assert document["labels"] == {"left": "Original", "right": "Copy"}
    assert document["title"] == SENATE[:79].rsplit(" ", 1)[0] or document["title"]


async def test_character_granularity(client: httpx.AsyncClient) -> None:
    response = await submit(
        client, left_text="Schmitt said so.", right_text="Schmidt said so.", granularity="char"
    )
    page = await get_html(client, response.headers["location"])
    (row,) = shown_rows(page)
    left = row.cell("left")
    assert [d.text for d in left.find_all("del")] == ["t"]
    assert [i.text for i in row.cell("right").find_all("ins")] == ["d"]
    # No space creeps in between the pieces of one word.
    assert cell_text(left) == "Schmitt said so."


BIG = "x" * 1001

# (fields, files, status, field with the message, words of the message)
ERROR_CASES: list[tuple[dict[str, str], Files | None, int, str, str]] = [
    ({"left_text": "", "right_text": RIGHT}, None, 400, "left", "left text is empty"),
    ({"left_text": LEFT, "right_text": " \r\n\t"}, None, 400, "right", "right text is empty"),
    ({"left_text": BIG, "right_text": RIGHT}, None, 413, "left", "too large: 1,001 bytes"),
    ({"left_text": LEFT, "right_text": RIGHT, "title": "T" * 201}, None, 400, "title", "too long"),
    (
        {"left_text": LEFT, "right_text": RIGHT, "left_label": "L" * 81},
        None,
        400,
        "left_label",
        "at most 80 characters",
    ),
    (
        {"left_text": LEFT, "right_text": ""},
        {"right_file": ("copy.txt", b"GIF89a\x00\x00\x01binary", "text/plain")},
        400,
        "right_file",
        "copy.txt: is a binary file",
    ),
    (
        {"left_text": LEFT, "right_text": ""},
        {"right_file": ("scan.pdf", b"%PDF-1.7", "application/pdf")},
        400,
        "right_file",
        "scan.pdf: is not a PDF we can read (it is damaged or incomplete)",
    ),
    (
        {"left_text": LEFT, "right_text": ""},
        {"right_file": ("empty.txt", b"", "text/plain")},
        400,
        "right_file",
        "empty.txt: is empty",
    ),
    (
        {"left_text": LEFT, "right_text": RIGHT, "granularity": "sentence"},
        None,
        400,
        "granularity",
        "by word or by character",
    ),
]


@pytest.mark.parametrize(("fields", "files", "status", "field", "message"), ERROR_CASES)
async def test_errors_show_next_to_the_field_and_keep_the_text(
    serve: Serve,
    fields: dict[str, str],
    files: Files | None,
    status: int,
    field: str,
    message: str,
) -> None:
    async with serve(max_text_bytes=1000, seeds_dir="") as client:
        response = await submit(client, files, **fields)
        assert response.status_code == status
        page = await get_html_from(response)
        assert message in page.by_id(f"{field}-error").text
        assert message in page.find("div", "error-summary").text
        if field != "granularity":  # a fieldset of radio buttons
            invalid = page.by_id({"left": "left_text", "right": "right_text"}.get(field, field))
            assert invalid.attrs.get("aria-invalid") == "true"
        for side in ("left", "right"):
            if not files or f"{side}_file" not in files:
                assert textarea(page, side) == fields[f"{side}_text"]
        assert (await client.get("/api/comparisons")).json()["total"] == 0


async def test_an_upload_error_comes_with_the_other_sides_problems(
    client: httpx.AsyncClient,
) -> None:
    files: Files = {"left_file": ("wire.txt", b"\x00\x01", "text/plain")}
    page = await get_html_from(await submit(client, files, left_text="", right_text=""))
    assert "wire.txt: is a binary file" in page.by_id("left_file-error").text
    assert "right text is empty" in page.by_id("right-error").text


async def test_text_starting_with_a_blank_line_survives_the_round_trip(
    serve: Serve,
) -> None:
    async with serve(max_text_bytes=1000) as client:
        response = await submit(client, left_text="\nOpening line.", right_text=BIG)
        # HTML drops one newline right after <textarea>: the template adds one.
        assert 'spellcheck="false">\n\nOpening line.</textarea>' in response.text


async def test_a_body_over_the_limit_is_refused_before_reading(serve: Serve) -> None:
    async with serve(max_text_bytes=1000) as client:
        over = request_body_limit(1000) + 1
        response = await submit(client, left_text="a" * over, right_text="b")
        assert response.status_code == 413
        page = await get_html_from(response)
        assert "The request is too large" in page.find("p", "notice-message").text


async def get_html_from(response: httpx.Response) -> Element:
    from tests.web.html import parse

    assert response.headers["content-type"].startswith("text/html")
    return parse(response.text)


NOT_UTF8_CASES = [
    pytest.param({"left_text": "caf\xe9 au lait".encode("latin-1")}, "left", id="latin-1-text"),
    pytest.param({"right_text": b"\x93quoted\x94"}, "right", id="cp1252-text"),
    pytest.param({"left_label": b"Wire \xff"}, "left_label", id="label"),
]


@pytest.mark.parametrize(("raw", "field"), NOT_UTF8_CASES)
@pytest.mark.parametrize("encoding", ["multipart", "urlencoded"])
async def test_a_field_not_sent_as_utf8_is_refused_by_name(
    client: httpx.AsyncClient, raw: dict[str, bytes], field: str, encoding: str
) -> None:
    fields = {"left_text": LEFT.encode(), "right_text": RIGHT.encode(), **raw}
    if encoding == "multipart":
        response = await client.post(
            "/new", data=with_token(fields), files={"x": ("", b"", "text/plain")}
        )
    else:
        body = urlencode(with_token(fields)).encode("ascii")
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        response = await client.post("/new", content=body, headers=headers)
    assert response.status_code == 400
    page = await get_html_from(response)
    assert "was not sent as UTF-8" in page.by_id(f"{field}-error").text
    assert (await client.get("/api/comparisons")).json()["total"] == 1  # the seed only


@pytest.mark.parametrize("encoding", ["multipart", "urlencoded"])
async def test_utf8_fields_are_read_exactly(client: httpx.AsyncClient, encoding: str) -> None:
    left, right = "Caf\xe9 \u201cau lait\u201d \U0001f375.", "Caf\xe9 au lait \U0001f375."
    fields = {"left_text": left, "right_text": right, "left_label": "Kyiv \u2014 \u0416"}
    if encoding == "multipart":
        response = await client.post(
            "/new", data=with_token(fields), files={"x": ("", b"", "text/plain")}
        )
    else:
        response = await client.post("/new", data=with_token(fields))
    assert response.status_code == 303, response.text
    document = (await client.get(f"{response.headers['location']}.json")).json()
    assert (document["left"]["text"], document["right"]["text"]) == (left, right)
    assert document["labels"]["left"] == "Kyiv \u2014 \u0416"


async def test_a_text_over_the_character_limit_is_refused_by_character(serve: Serve) -> None:
    async with serve(max_char_text_bytes=100) as client:
        response = await submit(
            client, left_text="The talks resume. " * 10, right_text="b", granularity="char"
        )
        assert response.status_code == 413
        page = await get_html_from(response)
        message = page.by_id("left-error").text
        assert "too large to compare by character: 180 bytes" in message
        assert "Compare by word instead" in message
