"""/new with hostile or oversized files: a clear 4xx by the file's field, nothing echoed."""

from __future__ import annotations

import time

import httpx
import pytest

from app.ingest import wordtext
from tests.ingest import bombs
from tests.web.conftest import Serve, with_token
from tests.web.html import Element, parse

pytestmark = pytest.mark.anyio

PASTED = "What the editor pasted stays."
OTHER = "The other side's text."
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MAX_TEXT = 10_000


async def upload(client: httpx.AsyncClient, name: str, data: bytes, kind: str) -> httpx.Response:
    fields = {"left_text": PASTED, "right_text": OTHER, "left_url": ""}
    files = {"left_file": (name, data, kind)}
    return await client.post("/new", data=with_token(fields), files=files)


def textarea(page: Element, side: str) -> str:
    return page.by_id(f"{side}_text").text.removeprefix("\n")


# (file name, its bytes, media type, status, words of the message)
REFUSED = [
    pytest.param("big.txt", b"word " * 3_000, "text/plain", 413, "too large", id="long-text"),
    pytest.param(
        "big.docx",
        bombs.long_document(200),
        DOCX,
        413,
        "its text is too large: more",
        id="long-docx",
    ),
    pytest.param(
        "bomb.docx", bombs.zip_bomb(20_000_000), DOCX, 413, "would inflate", id="zip-bomb"
    ),
    pytest.param("lol.docx", bombs.billion_laughs(), DOCX, 400, "holds a DTD", id="laughs"),
    pytest.param(
        "xxe.docx", bombs.external_entity("/etc/hostname"), DOCX, 400, "holds a DTD", id="xxe"
    ),
]


@pytest.mark.parametrize(("name", "data", "kind", "status", "message"), REFUSED)
async def test_a_refused_upload_is_named_by_its_field_and_not_echoed(
    serve: Serve, name: str, data: bytes, kind: str, status: int, message: str
) -> None:
    async with serve(max_text_bytes=MAX_TEXT, seeds_dir="") as client:
        started = time.process_time()
        response = await upload(client, name, data, kind)
        assert time.process_time() - started < 2.0
    assert response.status_code == status
    page = parse(response.text)
    assert message in page.by_id("left_file-error").text
    assert f"{name}: " in page.find("div", "error-summary").text
    assert page.by_id("left_file").attrs.get("aria-invalid") == "true"
    # The link and the text were not what failed: not outlined, and the
    # pasted text comes back as it was, not the file's.
    assert "aria-invalid" not in page.by_id("left_url").attrs
    assert "aria-invalid" not in page.by_id("left_text").attrs
    assert textarea(page, "left") == PASTED
    assert textarea(page, "right") == OTHER
    assert len(response.content) < 20_000


async def test_running_out_of_memory_is_a_503_not_a_format_error(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    def exhausted(*_: object) -> None:
        raise MemoryError

    monkeypatch.setattr(wordtext.BodyText, "data", exhausted)
    response = await upload(client, "story.docx", bombs.long_document(3), DOCX)
    assert response.status_code == 503
    assert response.headers["retry-after"].isdigit()
    assert "ran out of memory" in response.text
    assert "not a Word document" not in response.text
