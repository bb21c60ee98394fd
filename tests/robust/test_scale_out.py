"""Scale-out over PostgreSQL: two `diptych serve` processes (as on two machines)
sharing one DIPTYCH_DATABASE_URL see each other's comparisons and deletions,
and one `diptych serve --workers 2` answers pages.

The throwaway PostgreSQL server comes from the store tests' fixtures (see
tests/store/conftest.py: it skips without PostgreSQL, unless CI is set).
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from tests.robust.corpus import LEFT, article
from tests.support.live_server import SEEDS_DIR, Server
from tests.web.html import parse

TIMEOUT = 10.0
STARTED = "Application startup complete."  # uvicorn's line, once per worker
SEED_TITLE = "Five things to know about the Russia-Ukraine peace talks"


def environment(database_url: str) -> dict[str, str]:
    return {"DIPTYCH_DATABASE_URL": database_url, "DIPTYCH_SEEDS_DIR": str(SEEDS_DIR)}


def start_together(*servers: Server) -> None:
    """Start the servers at once: their migrations and seed loading race."""
    with ThreadPoolExecutor(len(servers)) as pool:
        for started in [pool.submit(server.start) for server in servers]:
            started.result(timeout=60)


def assert_clean_log(server: Server) -> None:
    log = server.log()
    assert "Traceback" not in log and "ERROR" not in log, log[-3000:]


def test_two_servers_share_one_database(postgres_url: str, tmp_path: Path) -> None:
    first = Server(tmp_path, environment=environment(postgres_url))
    second = Server(tmp_path, environment=environment(postgres_url))
    try:
        start_together(first, second)
        with (
            httpx.Client(base_url=first.base_url, timeout=TIMEOUT) as one,
            httpx.Client(base_url=second.base_url, timeout=TIMEOUT) as other,
        ):
            body = {"title": "Shared", "left": {"text": LEFT}, "right": {"text": article("New.")}}
            created = one.post("/api/comparisons", json=body)
            assert created.status_code == 201, created.text
            url, json_url = created.json()["url"], created.json()["json_url"]
            assert one.get(url).status_code == 200  # now in the first one's page cache
            page = other.get(url)
            assert page.status_code == 200 and parse(page.text).find("h1").text == "Shared"
            assert other.get(json_url).content == one.get(json_url).content
            again = one.post("/api/comparisons", json=body)  # another desk: its own comparison
            assert again.status_code == 201 and again.json()["id"] != created.json()["id"]
            # A comment through one server is on the other's (already kept) page at once.
            api_comments = f"/api/comparisons/{created.json()['id']}/comments"
            comment = {"row": 2, "body": "Who wrote “New.”?", "author": "Desk B"}
            assert one.post(api_comments, json=comment).status_code == 201
            assert "Who wrote “New.”?" in other.get(url).text
            assert other.get(json_url).json()["comments"][0]["author"] == "Desk B"
            token = {"X-Delete-Token": created.json()["delete_token"]}
            assert other.delete(f"/api/comparisons/{created.json()['id']}").status_code == 403
            deleted = other.delete(f"/api/comparisons/{created.json()['id']}", headers=token)
            assert deleted.status_code == 204
            assert [one.get(json_url).status_code, one.get(url).status_code] == [404, 404]
            library = one.get("/api/comparisons").json()
            assert [item["title"] for item in library["comparisons"]] == [SEED_TITLE]
    finally:
        first.stop()
        second.stop()
    assert_clean_log(first)
    assert_clean_log(second)


def worker_processes(supervisor: int) -> list[int]:
    """The pids of the worker processes `supervisor` spawned (from /proc), not
    multiprocessing's resource tracker."""
    children = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(
                line.split(":\t", 1) for line in status.read_text().splitlines() if ":\t" in line
            )
        except OSError:  # gone since the listing
            continue
        if fields.get("PPid", "").strip() == str(supervisor) and _is_worker(status.parent):
            children.append(int(status.parent.name))
    return children


def _is_worker(process: Path) -> bool:
    try:
        command = (process / "cmdline").read_bytes().replace(b"\0", b" ")
    except OSError:
        return False
    return b"spawn_main" in command and b"resource_tracker" not in command


def wait_for_startups(server: Server, count: int, seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while server.log().count(STARTED) < count:
        assert time.monotonic() < deadline, f"fewer than {count} workers started:\n{server.log()}"
        time.sleep(0.1)


def test_two_workers_answer_pages(postgres_url: str, tmp_path: Path) -> None:
    server = Server(tmp_path, ["--workers", "2"], environment(postgres_url))
    with server.running():
        wait_for_startups(server, 2)  # both migrated and loaded the seeds, racing
        assert len(worker_processes(server.pid)) == 2
        library = httpx.get(server.base_url + "/api/comparisons", timeout=TIMEOUT).json()
        assert [item["title"] for item in library["comparisons"]] == [SEED_TITLE]
        seed_url = library["comparisons"][0]["url"]
        for _ in range(5):  # a new connection each time, for either worker to take
            for path in ("/", seed_url, seed_url + "?view=inline", "/new"):
                response = httpx.get(server.base_url + path, timeout=TIMEOUT)
                assert response.status_code == 200, (path, response.text[:300])
        assert len(worker_processes(server.pid)) == 2
    assert_clean_log(server)
