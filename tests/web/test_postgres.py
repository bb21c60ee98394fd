"""The web app over PostgreSQL: the same round trip as over SQLite, end to end.

The throwaway server comes from the store tests' fixtures (see
tests/store/conftest.py: it skips without PostgreSQL, unless CI is set).
"""

from __future__ import annotations

import pytest

from app.settings import Settings
from app.web.app import create_app
from tests.store.conftest import postgres_server_url, postgres_url  # noqa: F401 (fixtures)
from tests.web.conftest import SEED_TITLE, SEEDS_DIR, TEST_HOST, served_settings, serving
from tests.web.corpus import KINDS_LEFT, KINDS_RIGHT
from tests.web.html import parse
from tests.web.story_corpus import create_story

pytestmark = pytest.mark.anyio


async def test_round_trip_over_postgresql(postgres_url: str) -> None:  # noqa: F811
    settings = Settings(
        database_url=postgres_url, seeds_dir=str(SEEDS_DIR), allowed_hosts=TEST_HOST
    )
    async with serving(create_app(settings)) as client:
        body = {
            "title": "Kinds",
            "left": {"text": KINDS_LEFT},
            "right": {"text": KINDS_RIGHT},
            "visibility": "listed",
        }
        created = (await client.post("/api/comparisons", json=body)).json()
        library = parse((await client.get("/?q=kinds")).text)
        assert [entry.find("h2").text for entry in library.find_all("li", "entry")] == ["Kinds"]
        page = parse((await client.get(created["url"])).text)
        assert page.find("h1").text == "Kinds"
        search = (await client.get("/api/comparisons", params={"q": "a\x00b"})).json()
        assert search["error"]["status"] == 400
        token = {"X-Delete-Token": created["delete_token"]}
        assert (
            await client.delete(f"/api/comparisons/{created['id']}", headers=token)
        ).status_code == 204
    async with serving(create_app(settings)) as client:
        titles = [c["title"] for c in (await client.get("/api/comparisons")).json()["comparisons"]]
        assert titles == [SEED_TITLE]


async def test_a_story_over_postgresql(postgres_url: str) -> None:  # noqa: F811
    settings = served_settings(postgres_url, seeds_dir="")
    async with serving(create_app(settings)) as client:
        made = await create_story(client, visibility="listed")
        copies = (await client.get(made["json_url"], params={"base": 0})).json()
        assert [copy["version"] for copy in copies["copies"]] == [1, 2, 3]
        page = parse((await client.get(made["url"])).text)
        assert len(page.find("ol", "strip").find_all("li")) == 4
        assert [s["id"] for s in (await client.get("/api/stories")).json()["stories"]] == [
            made["id"]
        ]
        token = {"X-Owner-Token": made["owner_token"]}
        assert (await client.delete(made["api_url"], headers=token)).status_code == 204
        for copy in copies["copies"]:
            assert (await client.get(copy["url"])).status_code == 404
