"""`diptych serve` for real: a comparison survives a stop (SIGTERM) and a restart
on the same port and SQLite file, and the seed pair is not loaded twice."""

from __future__ import annotations

import re
import signal
from collections import Counter
from pathlib import Path

import httpx

from tests.support.live_server import SEED_TITLE, Server, create_comparison, sqlite_flags

LEFT = "Talks resume in Geneva on Monday. Putin has toned down his demands.\n\nNo date was set."
RIGHT = (
    "Talks resume in Geneva on Monday. Putin has softened his demands.\n\nA date was set for May."
)
TABLE = re.compile(r"<table\b.*?</table>", re.DOTALL)


CSRF_TOKEN = re.compile(r'name="csrf_token" value="[0-9a-f]+"')


def table_markup(html: str) -> str:
    """The page's comparison table: the rows and marks, and nothing per request."""
    tables: list[str] = TABLE.findall(html)
    assert len(tables) == 1, f"{len(tables)} tables"
    # The review's forms carry the browser's own token: per request, left out.
    return CSRF_TOKEN.sub('name="csrf_token"', tables[0])


def get_ok(client: httpx.Client, url: str) -> httpx.Response:
    response = client.get(url)
    assert response.status_code == 200, f"{url}: {response.status_code} {response.text[:500]}"
    return response


def listed_titles(client: httpx.Client) -> Counter[str]:
    listing = get_ok(client, "/api/comparisons").json()
    assert listing["total"] == len(listing["comparisons"])  # all on one page
    return Counter(str(item["title"]) for item in listing["comparisons"])


def assert_stopped_cleanly(server: Server) -> None:
    # uvicorn re-raises the SIGTERM it handled once it has shut down.
    assert server.returncode in (0, -signal.SIGTERM), server.log()
    assert "Application shutdown complete." in server.log()


def test_a_comparison_survives_a_restart(tmp_path: Path) -> None:
    database = tmp_path / "restart.db"
    server = Server(tmp_path, sqlite_flags(database))

    with server.running(), httpx.Client(base_url=server.base_url, timeout=10.0) as client:
        created = create_comparison(client, LEFT, RIGHT, title="Geneva talks")
        share_link = server.base_url + created["url"]
        html = get_ok(client, share_link).text
        assert share_link in html  # the share link the page offers is the one we fetch
        table = table_markup(html)
        assert "<del" in table and "<ins" in table
        twin = get_ok(client, created["json_url"]).json()
        assert listed_titles(client) == {SEED_TITLE: 1, "Geneva talks": 1}
    assert_stopped_cleanly(server)
    assert database.is_file() and database.stat().st_size > 0

    with server.running(), httpx.Client(base_url=server.base_url, timeout=10.0) as client:
        assert table_markup(get_ok(client, share_link).text) == table
        assert get_ok(client, created["json_url"]).json() == twin
        assert listed_titles(client) == {SEED_TITLE: 1, "Geneva talks": 1}
    assert_stopped_cleanly(server)
    assert server.starts == 2
