"""Hostile text stays text, and no page needs 'unsafe-inline' in its CSP."""

from __future__ import annotations

import httpx
import pytest

from tests.web.conftest import create, with_token
from tests.web.corpus import ATTRIBUTE_BREAKOUT, HOSTILE, SCRIPT
from tests.web.html import Element, parse

pytestmark = pytest.mark.anyio


@pytest.fixture
async def hostile_id(client: httpx.AsyncClient) -> str:
    return await create(
        client,
        "Officials said nothing today. The envoy wrote a memo.",
        HOSTILE,
        title=f"Title {SCRIPT}",
        labels=(f"Left {ATTRIBUTE_BREAKOUT}", f"Right {SCRIPT}"),
    )


def assert_inert(page: Element) -> None:
    """No element the hostile text could have made: only our own script tag,
    no <img>, no event handler attributes."""
    scripts = page.find_all("script")
    assert [script.attrs.get("src") for script in scripts] == ["/static/diptych.js"]
    assert all(script.text == "" for script in scripts)
    assert page.find_all("img") == []
    for element in page.iter():
        assert not [name for name in element.attrs if name.startswith("on")], element.tag
        assert "style" not in element.attrs, element.tag


@pytest.mark.parametrize(
    "path", ["/c/{id}", "/c/{id}?view=inline", "/", "/?q=%3Cscript%3E", "/?q=Title+%3Cscript"]
)
async def test_hostile_text_is_escaped(
    client: httpx.AsyncClient, hostile_id: str, path: str
) -> None:
    response = await client.get(path.format(id=hostile_id))
    assert response.status_code == 200
    assert SCRIPT not in response.text
    assert ATTRIBUTE_BREAKOUT not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text
    page = parse(response.text)
    assert_inert(page)


async def test_hostile_text_reads_back_as_text(client: httpx.AsyncClient, hostile_id: str) -> None:
    page = parse((await client.get(f"/c/{hostile_id}")).text)
    assert page.find("h1").text == f"Title {SCRIPT}"
    assert [th.text for th in page.find("thead").find_all("th")][1:-1] == [
        f"Left {ATTRIBUTE_BREAKOUT}",
        f"Right {SCRIPT}",
    ]
    inserted = "".join(ins.text for ins in page.find_all("ins"))
    assert SCRIPT in inserted and ATTRIBUTE_BREAKOUT in inserted


async def test_hostile_form_input_is_escaped_when_shown_again(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/new",
        data=with_token(
            {"title": ATTRIBUTE_BREAKOUT, "left_text": f"</textarea>{SCRIPT}", "right_text": ""}
        ),
        files={"left_file": ("", b"", "application/octet-stream")},
    )
    assert response.status_code == 400
    page = parse(response.text)
    assert_inert(page)
    assert page.by_id("title").get("value") == ATTRIBUTE_BREAKOUT
    assert page.by_id("left_text").text == f"\n</textarea>{SCRIPT}"


@pytest.mark.parametrize(
    "path", ["/", "/new", "/c/{id}", "/c/{id}?view=inline", "/c/0123456789abcdef0123", "/nope"]
)
async def test_pages_carry_a_strict_content_security_policy(
    client: httpx.AsyncClient, hostile_id: str, path: str
) -> None:
    response = await client.get(path.format(id=hostile_id))
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert response.headers["x-content-type-options"] == "nosniff"
    assert_inert(parse(response.text))
