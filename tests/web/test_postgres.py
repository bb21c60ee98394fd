"""The web app over PostgreSQL: the same round trip as over SQLite, end to end.

The throwaway server comes from the store tests' fixtures (see
tests/store/conftest.py: it skips without PostgreSQL, unless CI is set).
"""

from __future__ import annotations

import pytest

from app.settings import Settings
from app.web.app import create_app
from tests.store.conftest import postgres_server_url, postgres_url  # noqa: F401 (fixtures)
from tests.web.conftest import SEED_TITLE, SEEDS_DIR, TEST_HOST, serving
from tests.web.corpus import KINDS_LEFT, KINDS_RIGHT
from tests.web.html import parse

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
