"""Who may see and change what: visibility, ownership, expiry, deletion, the
sign-on proxy, the comment API's tokens, and hostile text in comments."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from app.settings import Settings
from app.web.app import create_app
from tests.robust.checks import assert_inert
from tests.robust.corpus import ATTRIBUTE_BREAKOUT, JAVASCRIPT_LINK, SCRIPT, SVG_ONLOAD
from tests.web.conftest import Serve
from tests.web.html import parse, squash
from tests.web.pages import get_html
from tests.web.review_helpers import expire_soon, make_reviewable, post_form

pytestmark = pytest.mark.anyio


async def library_titles(client: httpx.AsyncClient, q: str = "") -> list[str]:
    listing = (await client.get("/api/comparisons", params={"q": q})).json()
    page = await get_html(client, f"/?q={q}")
    shown = [entry.find("h2").text for entry in page.find_all("li", "entry")]
    assert shown == [item["title"] for item in listing["comparisons"]]
    return shown


async def test_unlisted_by_default_and_listed_by_the_owner(client: httpx.AsyncClient) -> None:
    made = await make_reviewable(client)
    assert "Kinds" not in await library_titles(client)
    assert await library_titles(client, "kinds") == []
    assert (await client.get(made["url"])).status_code == 200  # its link still works
    owner = {"X-Owner-Token": made["owner_token"]}
    changed = await client.patch(made["api_url"], json={"visibility": "listed"}, headers=owner)
    assert changed.status_code == 204
    assert await library_titles(client, "kinds") == ["Kinds"]
    stranger = await client.patch(made["api_url"], json={"visibility": "unlisted"})
    assert stranger.status_code == 403


async def test_the_owner_controls_are_the_owners_alone(client: httpx.AsyncClient) -> None:
    made = await make_reviewable(client)
    url = made["url"]
    assert (await get_html(client, url)).find_all("section", "owner") == []
    forged = await post_form(client, f"{url}/settings", {"visibility": "listed"})
    assert forged.status_code == 403
    gone = await post_form(client, f"{url}/delete", {})
    assert gone.status_code == 403
    client.cookies.set("diptych_owner", made["owner_token"], path=url)
    page = await get_html(client, url)
    assert len(page.find_all("section", "owner")) == 1
    kept = await post_form(client, f"{url}/settings", {"visibility": "listed", "expires": "7"})
    assert kept.status_code == 303
    document = (await client.get(made["json_url"])).json()
    expires = datetime.fromisoformat(document["expires_at"])
    assert document["visibility"] == "listed"
    assert timedelta(days=6) < expires - datetime.now(UTC) <= timedelta(days=7)
    never = await post_form(client, f"{url}/settings", {"expires": "never"})
    assert never.status_code == 303
    assert (await client.get(made["json_url"])).json()["expires_at"] is None
    deleted = await post_form(client, f"{url}/delete", {})
    assert (deleted.status_code, deleted.headers["location"]) == (303, "/")
    assert "diptych_owner=" in deleted.headers["set-cookie"]  # the secret is forgotten
    for path in (url, made["json_url"], made["api_url"], f"{url}/corrections"):
        assert (await client.get(path)).status_code == 404


async def test_an_expired_comparison_is_gone_and_swept(serve: Serve) -> None:
    async with serve(sweep_interval=3600.0) as client:
        made = await make_reviewable(client, visibility="listed")
        # Set after the creation, whose first engine run starts a worker process.
        soon = (datetime.now(UTC) + timedelta(seconds=1)).isoformat()
        expiring = await client.patch(
            made["api_url"],
            json={"expires_at": soon},
            headers={"X-Owner-Token": made["owner_token"]},
        )
        assert expiring.status_code == 204
        await client.post(
            f"{made['api_url']}/comments", json={"row": 1, "body": "Kept?", "author": "A"}
        )
        assert await library_titles(client, "kinds") == ["Kinds"]
        await asyncio.sleep(1.2)
        assert await library_titles(client, "kinds") == []
        page = await client.get(made["url"])
        assert page.status_code == 410
        assert "expired on" in parse(page.text).find("p", "notice-message").text
        twin = await client.get(made["json_url"])
        assert twin.status_code == 410 and "deleted" in twin.json()["error"]["message"]
        service = client._transport.app.state.service  # type: ignore[attr-defined]
        assert service.sweep() == 1
        assert service.store.get(made["id"]) is None
        assert service.store.comments(made["id"]) == []
        assert (await client.get(made["url"])).status_code == 410  # still said, after the sweep


@pytest.mark.parametrize(
    ("expires_at", "status"),
    [
        ("2001-01-01T00:00:00Z", 400),  # in the past
        ("2099-01-01T00:00:00", 422),  # no offset: which instant?
        ("tomorrow", 422),
        ("2099-01-01T12:00:00+02:00", 201),
    ],
)
async def test_expiry_through_the_api(
    client: httpx.AsyncClient, expires_at: str, status: int
) -> None:
    body = {"left": {"text": "A b."}, "right": {"text": "A c."}, "expires_at": expires_at}
    response = await client.post("/api/comparisons", json=body)
    assert response.status_code == status, response.text
    if status == 201:
        assert response.json()["expires_at"] == "2099-01-01T10:00:00Z"


async def test_behind_a_sign_on_proxy_the_header_names_the_person(serve: Serve) -> None:
    async with serve(user_header="X-Forwarded-User") as client:
        refused = await client.get("/")
        assert refused.status_code == 401 and "Sign in" in refused.text
        api = await client.get("/api/comparisons")
        assert api.status_code == 401 and api.json()["error"]["status"] == 401
        assert (await client.get("/static/diptych.css")).status_code == 200
        ann, bo = {"X-Forwarded-User": "ann"}, {"X-Forwarded-User": "bo"}
        created = await client.post(
            "/api/comparisons",
            json={"left": {"text": "A b. C d."}, "right": {"text": "A b. C e."}},
            headers=ann,
        )
        made = created.json()
        page = await client.get(made["url"], headers=ann)
        assert len(parse(page.text).find_all("section", "owner")) == 1  # owned by name
        assert 'name="name"' not in page.text  # nobody types a name
        fields = {"row": "1", "body": "Checked with the desk.", "name": "Mallory"}
        comment = await post_form(client, f"{made['url']}/comments", fields, **bo)
        assert comment.status_code == 303
        (shown,) = (await client.get(made["json_url"], headers=bo)).json()["comments"]
        assert shown["author"] == "bo"  # the header, not the typed name
        assert (await client.delete(made["api_url"], headers=bo)).status_code == 403
        assert (await client.delete(made["api_url"], headers=ann)).status_code == 204


async def test_cookies_are_secure_over_https(settings: Settings) -> None:
    app = create_app(settings)
    transport = httpx.ASGITransport(app=app)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=transport, base_url="https://testserver") as client,
    ):
        cookie = (await client.get("/new")).headers["set-cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie


async def test_the_comment_api_and_its_tokens(client: httpx.AsyncClient) -> None:
    made = await make_reviewable(client)
    comments = f"{made['api_url']}/comments"
    created = await client.post(comments, json={"row": 2, "body": "One.", "author": "Ann"})
    assert created.status_code == 201
    comment = created.json()
    assert created.headers["location"] == f"{comments}/{comment['id']}"
    assert (comment["author"], comment["row"], comment["replies"]) == ("Ann", 2, [])
    one = f"{comments}/{comment['id']}"
    assert (await client.patch(one, json={"body": "Two."})).status_code == 403
    token = {"X-Comment-Token": comment["token"]}
    edited = await client.patch(one, json={"body": "Two."}, headers=token)
    assert (edited.status_code, edited.json()["body"]) == (200, "Two.")
    resolved = await client.patch(one, json={"resolved": True, "by": "Bo"})
    assert (resolved.json()["resolved"], resolved.json()["resolved_by"]) == (True, "Bo")
    assert (await client.patch(one, json={})).status_code == 422
    assert (await client.get(f"{comments}/nope")).status_code == 404
    assert (await client.delete(one)).status_code == 403
    assert (await client.delete(one, headers=token)).status_code == 204
    assert (await client.get(comments)).json() == []


async def test_a_colleagues_comment_is_on_the_kept_page_at_once(client: httpx.AsyncClient) -> None:
    made = await make_reviewable(client)
    first = await client.get(made["url"])
    assert (await client.get(made["url"])).content == first.content  # kept
    await client.post(
        f"{made['api_url']}/comments", json={"row": 2, "body": "Fresh.", "author": "Bo"}
    )
    again = await client.get(made["url"], headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 200 and "Fresh." in again.text


@pytest.mark.parametrize("hostile", [SCRIPT, ATTRIBUTE_BREAKOUT, JAVASCRIPT_LINK, SVG_ONLOAD])
async def test_hostile_comments_and_names_are_shown_as_text(
    client: httpx.AsyncClient, hostile: str
) -> None:
    made = await make_reviewable(client)
    body = f"{hostile}\nSee https://example.com/a?b=1&c=<x> and {hostile}"
    fields = {"row": "2", "body": body, "name": hostile[:100]}
    assert (await post_form(client, f"{made['url']}/comments", fields)).status_code == 303
    page = await get_html(client, made["url"])
    assert_inert(page)
    (comment,) = page.find_all("article", "comment")
    assert comment.find("strong", "comment-author").text == hostile[:100]
    lines = [squash(p.text) for p in comment.find("div", "comment-body").find_all("p")]
    assert lines == [squash(line) for line in body.split("\n")]
    links = [a.get("href") for a in comment.find("div", "comment-body").find_all("a")]
    assert links == ["https://example.com/a?b=1&c="]  # only http(s), and only links


async def test_every_server_sweeps_expired_comparisons_by_itself(serve: Serve) -> None:
    async with serve(sweep_interval=1.0) as client:
        made = await make_reviewable(client)
        await expire_soon(client, made, 0.5)
        store = client._transport.app.state.service.store  # type: ignore[attr-defined]
        assert store.get(made["id"]) is not None
        for _ in range(40):  # the sweep comes within about a second
            await asyncio.sleep(0.1)
            if store.get(made["id"]) is None:
                break
        assert store.get(made["id"]) is None
        assert store.expired_at(made["id"]) is not None


async def test_the_revision_an_open_page_polls(client: httpx.AsyncClient) -> None:
    made = await make_reviewable(client)
    polled = f"{made['url']}/revision.json"
    before = (await client.get(polled)).json()["revision"]
    await client.post(
        f"{made['api_url']}/comments", json={"row": 1, "body": "New.", "author": "Bo"}
    )
    assert (await client.get(polled)).json()["revision"] == before + 1
    assert (await client.get("/c/0123456789abcdef0123/revision.json")).status_code == 404
    owner = {"X-Owner-Token": made["owner_token"]}
    assert (await client.delete(made["api_url"], headers=owner)).status_code == 204
    assert (await client.get(polled)).status_code == 404
