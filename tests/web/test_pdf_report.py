"""GET /c/{id}.pdf: the comparison as a PDF report, checked with pdftotext."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import httpx
import pytest

from app.web import urls
from tests.web.conftest import SEED_TITLE, seed_id
from tests.web.review_helpers import make_reviewable

pytestmark = pytest.mark.anyio


def pdf_tool(tool: str, pdf: bytes, tmp_path: Path, *after: str) -> str:
    """What a poppler-utils tool prints about `pdf`."""
    path = tmp_path / f"{tool}.pdf"
    path.write_bytes(pdf)
    done = subprocess.run([tool, str(path), *after], capture_output=True, check=True)
    return done.stdout.decode("utf-8")


def info(pdf: bytes, tmp_path: Path) -> dict[str, str]:
    lines = pdf_tool("pdfinfo", pdf, tmp_path).splitlines()
    return {name: value.strip() for name, value in (line.split(":", 1) for line in lines)}


async def test_the_seed_report_has_its_text(client: httpx.AsyncClient, tmp_path: Path) -> None:
    comparison_id = await seed_id(client)
    response = await client.get(urls.comparison_pdf(comparison_id))
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"].startswith('attachment; filename="Five-')
    text = " ".join(pdf_tool("pdftotext", response.content, tmp_path, "-").split())
    assert SEED_TITLE in text
    assert f"http://testserver{urls.comparison(comparison_id, view=urls.View.INLINE)}" in text
    # Row 4: "to get the ball rolling on" became "to lead".
    assert "get the ball rolling on" in text and "lead broader peace talks" in text
    assert "What changed" in text and "47 quotations altered (in 20 rows)" in text
    pages = int(info(response.content, tmp_path)["Pages"])
    assert 3 <= pages <= 20
    assert re.search(rf"\b1 ?/ ?{pages}\b", text) and re.search(rf"\b{pages} ?/ ?{pages}\b", text)
    fonts = pdf_tool("pdffonts", response.content, tmp_path)
    assert all(line.split()[-5] == "yes" for line in fonts.splitlines()[2:])  # embedded


async def test_a_kept_report_is_made_again_after_a_comment(client: httpx.AsyncClient) -> None:
    made = await make_reviewable(client)
    first = await client.get(urls.comparison_pdf(made["id"]))
    again = await client.get(urls.comparison_pdf(made["id"]))
    assert first.headers["etag"] == again.headers["etag"]
    body = {"row": 1, "body": "Source?", "author": "Ann"}
    assert (await client.post(f"{made['api_url']}/comments", json=body)).status_code == 201
    after = await client.get(urls.comparison_pdf(made["id"]))
    assert after.headers["etag"] != first.headers["etag"]


async def test_a4_and_letter_differ(client: httpx.AsyncClient, tmp_path: Path) -> None:
    comparison_id = await seed_id(client)
    a4 = await client.get(urls.comparison_pdf(comparison_id, urls.View.SIDE, "a4"))
    letter = await client.get(urls.comparison_pdf(comparison_id, urls.View.SIDE, "letter"))
    assert "(A4)" in info(a4.content, tmp_path)["Page size"]
    assert "612 x 792 pts (letter)" in info(letter.content, tmp_path)["Page size"]


async def test_bad_requests(client: httpx.AsyncClient) -> None:
    assert (await client.get(urls.comparison_pdf("no-such-comparison"))).status_code == 404
    comparison_id = await seed_id(client)
    assert (await client.get(urls.comparison_pdf(comparison_id, paper="a3"))).status_code == 422


async def test_ignored_differences_are_left_out(client: httpx.AsyncClient, tmp_path: Path) -> None:
    left, right = "The Talks resume on Monday.", "the talks resume on Tuesday."
    made = (
        await client.post(
            "/api/comparisons", json={"left": {"text": left}, "right": {"text": right}}
        )
    ).json()
    plain = await client.get(urls.comparison_pdf(made["id"]))
    ignoring = await client.get(urls.comparison_pdf(made["id"], ignore={urls.Ignore.CASE}))
    assert ignoring.status_code == 200
    assert ignoring.headers["etag"] != plain.headers["etag"]
    plain_text = " ".join(pdf_tool("pdftotext", plain.content, tmp_path, "-").split())
    text = " ".join(pdf_tool("pdftotext", ignoring.content, tmp_path, "-").split())
    # Inline, a deletion is printed right before its insertion.
    assert "The Talksthe talks resume" in plain_text and "spelling" in plain_text
    assert "The Talks" not in text and "spelling" not in text
    assert "Differences of case are ignored" in text and "?view=inline&ignore=case" in text
