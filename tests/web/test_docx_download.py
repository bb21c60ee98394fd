"""GET /c/{id}.docx: the comparison as a Word document with tracked changes,
with the review's comments and must-correct marks as Word comments."""

from __future__ import annotations

import io
from xml.etree import ElementTree

import docx as python_docx
import httpx
import pytest

from app.core import compare
from app.exports import MEDIA_TYPE
from app.web import urls
from app.web.exports.downloads import attachment
from tests.exports.reader import W, part, resolved
from tests.web.conftest import SEED_TITLE, seed_id
from tests.web.review_helpers import first_row, make_reviewable

pytestmark = pytest.mark.anyio


async def test_the_seed_comparison_downloads_as_a_word_document(
    client: httpx.AsyncClient,
) -> None:
    comparison_id = await seed_id(client)
    response = await client.get(urls.comparison_docx(comparison_id))
    assert response.status_code == 200
    assert response.headers["content-type"] == MEDIA_TYPE
    disposition = response.headers["content-disposition"]
    assert disposition.startswith('attachment; filename="Five-things-to-know-about-the-')
    assert "filename*=UTF-8''Five%20things" in disposition
    document = python_docx.Document(io.BytesIO(response.content))
    assert document.core_properties.title == SEED_TITLE
    revisions = ElementTree.fromstring(part(response.content, "word/document.xml"))
    authors = {e.get(f"{W}author") for e in revisions.iter(f"{W}ins")}
    assert authors == {"Copy — Telegraph"}
    page = await client.get(urls.comparison(comparison_id))
    assert f'href="{urls.comparison_docx(comparison_id)}"' in page.text
    assert "Word (tracked changes)" in page.text


async def test_a_missing_comparison_is_a_404(client: httpx.AsyncClient) -> None:
    response = await client.get(urls.comparison_docx("no-such-comparison"))
    assert response.status_code == 404


async def test_an_unknown_ignore_option_is_a_422(client: httpx.AsyncClient) -> None:
    comparison_id = await seed_id(client)
    response = await client.get(f"{urls.comparison_docx(comparison_id)}?ignore=nonsense")
    assert response.status_code == 422


async def test_ignored_differences_are_shown_in_their_right_form(
    client: httpx.AsyncClient,
) -> None:
    left, right = "The Talks resume on Monday.", "the talks resume on Tuesday."
    body = {"left": {"text": left}, "right": {"text": right}}
    made = (await client.post("/api/comparisons", json=body)).json()
    plain = (await client.get(urls.comparison_docx(made["id"]))).content
    assert resolved(plain, accept=False) == [left]
    ignoring = await client.get(urls.comparison_docx(made["id"], {urls.Ignore.CASE}))
    assert ignoring.status_code == 200
    assert resolved(ignoring.content, accept=False) == ["the talks resume on Monday."]
    assert resolved(ignoring.content, accept=True) == [right]


async def test_comments_replies_and_must_correct_marks_are_word_comments(
    client: httpx.AsyncClient,
) -> None:
    made = await make_reviewable(client)
    comments = f"{made['api_url']}/comments"
    thread = await client.post(comments, json={"row": 1, "body": "Source?", "author": "Ann"})
    assert thread.status_code == 201, thread.text
    reply = {"body": "The wire.", "author": "Bo", "reply_to": thread.json()["id"]}
    assert (await client.post(comments, json=reply)).status_code == 201
    inserted = await first_row(client, made, "inserted")
    mark = {"row": inserted, "state": "correct", "reviewer": "Cy Checker"}
    assert (await client.post(f"{made['api_url']}/marks", json=mark)).status_code in (200, 201)
    response = await client.get(urls.comparison_docx(made["id"]))
    root = ElementTree.fromstring(part(response.content, "word/comments.xml"))
    found = [
        (c.get(f"{W}author"), "".join(t.text or "" for t in c.iter(f"{W}t")))
        for c in root.iter(f"{W}comment")
    ]
    assert found[:2] == [("Ann", "Source?"), ("Bo", "The wire.")]
    assert found[2][0] == "Cy Checker"
    assert found[2][1].startswith("Must be corrected (")
    document = part(response.content, "word/document.xml").decode()
    assert document.count("<w:commentReference ") == 3


def test_the_file_name_is_made_from_the_title() -> None:
    assert attachment("Łódź: “talks” / résumé") == (
        'attachment; filename="d-talks-rsum.docx"; '
        "filename*=UTF-8''%C5%81%C3%B3d%C5%BA%3A%20%E2%80%9Ctalks%E2%80%9D%20/%20r%C3%A9sum%C3%A9.docx"
    )
    assert attachment("???").startswith('attachment; filename="comparison.docx"')
    assert compare("a", "b").rows  # the engine is importable beside the web layer
