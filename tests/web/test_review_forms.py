"""The review on the page, without JavaScript: comments, threads and marks by
plain form posts that come back to their row, and what each refuses."""

from __future__ import annotations

import re

import httpx
import pytest

from tests.web.conftest import Serve, with_token
from tests.web.html import squash
from tests.web.pages import get_html, shown_rows
from tests.web.review_helpers import first_row, make_reviewable, post_form

pytestmark = pytest.mark.anyio


async def test_a_comment_goes_on_its_row_and_back_to_it(client: httpx.AsyncClient) -> None:
    made = await make_reviewable(client)
    row = await first_row(client, made, "modified")
    page = await get_html(client, made["url"])
    link = page.by_id(f"r{row}-review").find("a", "comment-open")
    assert link.get("href") == f"{made['url']}?comment={row}#r{row}-review"
    opened = await get_html(client, link.get("href").split("#")[0])
    form = opened.by_id(f"r{row}-review").find("form", "comment-form")
    assert form.get("action") == f"{made['url']}/comments"
    fields = {"row": str(row), "change": "0", "body": "Who says “optimistic”?", "name": "Ann"}
    posted = await post_form(client, form.get("action"), fields)
    assert posted.status_code == 303
    location = posted.headers["location"]
    assert location.startswith(f"{made['url']}#comment-")
    assert "diptych_name=Ann" in posted.headers["set-cookie"]  # typed once, kept
    page = await get_html(client, made["url"])
    cell = page.by_id(f"r{row}-review")
    (comment,) = cell.find_all("article", "comment")
    assert comment.get("id") == location.split("#")[1]
    assert comment.find("strong", "comment-author").text == "Ann"
    assert squash(comment.find("div", "comment-body").text) == "Who says “optimistic”?"
    assert "upbeat" in comment.find("p", "comment-on").text  # on the change it names
    gutter = next(r for r in shown_rows(page) if r.id == f"r{row}").element.find("th")
    assert squash(gutter.find("a", "comment-marker").text).endswith("1 comment")
    assert "Comments (1 open)" in page.by_id("review").text
    again = await get_html(client, f"{made['url']}?comment={row}")
    assert again.by_id(f"name-{row}").get("value") == "Ann"  # the name, typed once


@pytest.mark.parametrize(
    ("fields", "says"),
    [
        ({"row": "{row}", "body": "  \n ", "name": "Ann"}, "empty"),
        ({"row": "{row}", "body": "x" * 10_001, "name": "Ann"}, "too long"),
        ({"row": "{row}", "body": "Fine.", "name": ""}, "Give a name"),
        ({"row": "{row}", "body": "Fine.", "name": "A" * 101}, "too long"),
        ({"row": "0", "body": "Fine.", "name": "Ann"}, "no row 0"),
        ({"row": "999", "body": "Fine.", "name": "Ann"}, "no row 999"),
        ({"row": "{row}", "change": "99", "body": "Fine.", "name": "Ann"}, "has no change 99"),
        ({"row": "-1", "body": "Fine.", "name": "Ann"}, "not a row"),
        ({"body": "Fine.", "name": "Ann"}, "which row"),
        ({"thread": "no-such-thread", "body": "Fine.", "name": "Ann"}, "no such thread"),
        ({"row": "{row}", "body": "a\x00b", "name": "Ann"}, "NUL"),
    ],
)
async def test_a_comment_that_cannot_be_taken_is_a_422_that_says_why(
    client: httpx.AsyncClient, fields: dict[str, str], says: str
) -> None:
    made = await make_reviewable(client)
    row = await first_row(client, made, "modified")
    filled = {name: value.format(row=row) for name, value in fields.items()}
    response = await post_form(client, f"{made['url']}/comments", filled)
    assert response.status_code == 422, response.text[:300]
    assert says in response.text
    assert (await client.get(made["json_url"])).json()["comments"] == []


async def test_a_reply_to_another_comparisons_thread_is_refused(
    client: httpx.AsyncClient,
) -> None:
    first, second = await make_reviewable(client), await make_reviewable(client)
    thread = await client.post(
        f"{first['api_url']}/comments", json={"row": 1, "body": "Here.", "author": "Ann"}
    )
    fields = {"thread": thread.json()["id"], "body": "There?", "name": "Bo"}
    response = await post_form(client, f"{second['url']}/comments", fields)
    assert response.status_code == 422 and "no such thread" in response.text


@pytest.mark.parametrize(
    ("token", "headers", "cookie", "status"),
    [
        ("right", {}, True, 303),
        ("right", {"Origin": "http://testserver"}, True, 303),
        ("", {}, True, 403),
        ("wrong", {}, True, 403),
        ("right", {"Origin": "https://evil.example"}, True, 403),
        ("right", {"Origin": "null"}, True, 403),
        ("right", {"Referer": "https://evil.example/page"}, True, 403),
        ("right", {}, False, 403),
    ],
)
async def test_every_form_post_needs_its_token_and_our_origin(
    client: httpx.AsyncClient, token: str, headers: dict[str, str], cookie: bool, status: int
) -> None:
    made = await make_reviewable(client)
    fields = {"row": "1", "body": "Forged?", "name": "Ann"}
    data = with_token(fields) if token == "right" else {**fields, "csrf_token": token}
    if not cookie:
        client.cookies.clear()
    response = await client.post(f"{made['url']}/comments", data=data, headers=headers)
    assert response.status_code == status
    if status == 403:
        assert "another site" in response.text
        assert (await client.get(made["json_url"])).json()["comments"] == []


async def test_threads_are_answered_resolved_reopened_edited_and_deleted(
    client: httpx.AsyncClient,
) -> None:
    made = await make_reviewable(client)
    url = made["url"]
    thread = await post_form(client, f"{url}/comments", {"row": "1", "body": "Why?", "name": "A"})
    thread_id = thread.headers["location"].split("#comment-")[1]
    reply = await post_form(client, f"{url}/comments", {"thread": thread_id, "body": "Because."})
    assert reply.status_code == 303
    action = f"{url}/comments/{thread_id}"
    assert (await post_form(client, f"{action}/resolve", {})).status_code == 303
    (shown,) = (await client.get(made["json_url"])).json()["comments"]
    assert (shown["resolved"], shown["resolved_by"], len(shown["replies"])) == (True, "A", 1)
    page = await get_html(client, url)
    assert "Comments (0 open)" in page.by_id("review").text
    assert page.find("section", "thread--resolved") is not None
    assert (await post_form(client, f"{action}/reopen", {})).status_code == 303
    assert (await post_form(client, f"{action}/edit", {"body": "Why, really?"})).status_code == 303
    (shown,) = (await client.get(made["json_url"])).json()["comments"]
    assert (shown["resolved"], shown["body"], shown["edited"] is not None) == (
        False,
        "Why, really?",
        True,
    )
    assert (await post_form(client, f"{action}/delete", {})).status_code == 303
    assert (await client.get(made["json_url"])).json()["comments"] == []


async def test_only_the_author_edits_and_the_author_or_owner_deletes(serve: Serve) -> None:
    async with serve() as client:
        made = await make_reviewable(client)
        url = made["url"]
        mine = await post_form(
            client, f"{url}/comments", {"row": "1", "body": "Mine.", "name": "A"}
        )
        comment_id = mine.headers["location"].split("#comment-")[1]
        client.cookies.set("diptych_session", "another-browser-000000")
        theirs = {"csrf_token": _token_of("another-browser-000000"), "body": "Not mine."}
        edit = await client.post(f"{url}/comments/{comment_id}/edit", data=theirs)
        assert edit.status_code == 403 and "author" in edit.text
        delete = await client.post(f"{url}/comments/{comment_id}/delete", data=theirs)
        assert delete.status_code == 403
        # The comparison's owner may delete any comment on it.
        owner = {"X-Owner-Token": made["owner_token"]}
        deleted = await client.post(
            f"{url}/comments/{comment_id}/delete", data=theirs, headers=owner
        )
        assert deleted.status_code == 303


def _token_of(session: str) -> str:
    from app.web.serving.identity import csrf_token_for

    return csrf_token_for(session)


async def test_the_comment_cap_is_a_429(serve: Serve) -> None:
    async with serve(max_comments=2) as client:
        made = await make_reviewable(client)
        fields = {"row": "1", "body": "Again.", "name": "A"}
        statuses = [
            (await post_form(client, f"{made['url']}/comments", fields)).status_code
            for _ in range(3)
        ]
        assert statuses == [303, 303, 429]


async def test_marks_by_form_count_in_the_progress_and_filters(client: httpx.AsyncClient) -> None:
    made = await make_reviewable(client)
    modified = await first_row(client, made, "modified")
    inserted = await first_row(client, made, "inserted")
    marks = f"{made['url']}/marks"
    name = {"name": "Ann"}
    assert (
        await post_form(client, marks, {"row": modified, "mark": "0:queried", **name})
    ).status_code == 303
    assert (
        await post_form(client, marks, {"row": modified, "mark": "0:correct"})
    ).status_code == 303
    assert (
        await post_form(client, marks, {"row": inserted, "mark": "row:accepted"})
    ).status_code == 303
    document = (await client.get(made["json_url"])).json()
    current = {(m["row"], m["change"]): m["state"] for m in document["marks"]}
    assert current == {(modified, 0): "correct", (inserted, None): "accepted"}
    history = (await client.get(f"{made['api_url']}/marks")).json()["history"]
    assert [m["state"] for m in history] == ["queried", "correct", "accepted"]
    page = await get_html(client, made["url"])
    item = page.by_id(f"r{modified}-review").find("li")
    assert item.get("data-state") == "correct"
    assert "to correct · Ann (1 earlier)" in squash(item.find("b").text)
    progress = squash(page.find("ul", "progress").text)
    assert "Wording changes:" in progress and "1 to correct" in progress
    only = await get_html(client, f"{made['url']}?review=correct")
    assert [row.id for row in shown_rows(only)] == [f"r{modified}"]
    unchecked = await get_html(client, f"{made['url']}?review=unchecked")
    assert f"r{modified}" not in {row.id for row in shown_rows(unchecked)}
    corrections = await get_html(client, f"{made['url']}/corrections")
    (entry,) = corrections.find_all("li", "correction")
    assert "upbeat" in entry.text and "optimistic" in entry.text
    listed = (await client.get(f"{made['url']}/corrections.json")).json()["corrections"]
    assert [(c["row"], c["before"], c["after"]) for c in listed] == [
        (modified, "upbeat", "optimistic")
    ]


@pytest.mark.parametrize(
    ("fields", "says"),
    [
        ({"row": "1", "mark": "0:queried"}, "no change 0 of row 1"),  # an equal row
        ({"row": "{modified}", "mark": "0:shrug"}, "choose accepted"),
        ({"row": "{modified}", "mark": "x:queried"}, "choose accepted"),
        ({"row": "{modified}", "mark": "row:queried"}, "no row"),  # a modified row as a whole
        ({"mark": "0:queried"}, "which row"),
    ],
)
async def test_a_mark_that_cannot_be_taken_is_a_422(
    client: httpx.AsyncClient, fields: dict[str, str], says: str
) -> None:
    made = await make_reviewable(client)
    modified = await first_row(client, made, "modified")
    rows = (await client.get(made["json_url"])).json()["rows"]
    assert rows[0]["op"] == "equal"
    filled = {k: v.format(modified=modified) for k, v in fields.items()} | {"name": "Ann"}
    response = await post_form(client, f"{made['url']}/marks", filled)
    assert response.status_code == 422 and says in response.text


async def test_marking_needs_a_name(client: httpx.AsyncClient) -> None:
    made = await make_reviewable(client)
    modified = await first_row(client, made, "modified")
    response = await post_form(
        client, f"{made['url']}/marks", {"row": modified, "mark": "0:queried"}
    )
    assert response.status_code == 422 and "Give your name first" in response.text
    page = await get_html(client, made["url"])
    assert page.find("form", "name-form").get("action") == "/name"
    kept = await post_form(client, "/name", {"name": "Bo", "next": made["url"]})
    assert (kept.status_code, kept.headers["location"]) == (303, made["url"])
    assert "diptych_name=Bo" in kept.headers["set-cookie"]
    away = await post_form(client, "/name", {"name": "Bo", "next": "//evil.example/x"})
    assert away.headers["location"] == "/"  # never a redirect to another site


async def test_each_visitor_gets_forms_with_their_own_token(client: httpx.AsyncClient) -> None:
    """The page is kept once for every new visitor; only their tokens differ."""
    made = await make_reviewable(client)
    pages, tokens = [], []
    for _ in range(2):
        client.cookies.clear()
        response = await client.get(made["url"])
        session = response.cookies["diptych_session"]
        (token,) = set(re.findall(r'name="csrf_token" value="([0-9a-f]+)"', response.text))
        assert token == _token_of(session)  # the token of the session it was given
        pages.append(response.text)
        tokens.append(token)
    assert tokens[0] != tokens[1]
    assert pages[0].replace(tokens[0], tokens[1]) == pages[1]
    posted = await post_form(client, f"{made['url']}/comments", {"row": "1", "body": "x"})
    assert posted.status_code == 403  # the test session's token is not this browser's
