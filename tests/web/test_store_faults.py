"""A database that is locked, full or read-only: writes answer 503 with a message and
Retry-After, kept pages are still served, and a read-only database starts read-only.

The full and read-only databases live on a small tmpfs mounted for the test
(root only: otherwise those tests skip, saying so).
"""

from __future__ import annotations

import sqlite3
import subprocess
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, closing, contextmanager
from pathlib import Path

import httpx
import pytest

from app.cli import EXIT_FAILED, main
from app.store.sqlite import SqliteStore
from app.web.app import create_app
from tests.web.conftest import seed_id, served_settings, serving, with_token
from tests.web.html import parse

pytestmark = pytest.mark.anyio

LEFT = "The minister said the plan was sound. Talks resume on Monday."
RIGHT = "The minister said the plan was flawed. Talks resume on Tuesday."


def body(left: str = LEFT, right: str = RIGHT) -> dict[str, object]:
    return {"left": {"text": left}, "right": {"text": right}}


def assert_unavailable(response: httpx.Response, words: str) -> None:
    assert response.status_code == 503, response.text
    assert int(response.headers["retry-after"]) > 0
    assert words in response.json()["error"]["message"]


@asynccontextmanager
async def app_over(database: Path, busy_timeout_ms: int = 5000) -> AsyncIterator[httpx.AsyncClient]:
    settings = served_settings(f"sqlite:///{database}")
    with SqliteStore(database, busy_timeout_ms=busy_timeout_ms) as store:
        store.migrate()
        async with serving(create_app(settings, store)) as client:
            yield client


async def test_a_database_locked_by_another_process(tmp_path: Path) -> None:
    database = tmp_path / "locked.db"
    async with app_over(database, busy_timeout_ms=200) as client:
        seed = await seed_id(client)
        assert (await client.get(f"/c/{seed}")).status_code == 200
        with closing(sqlite3.connect(database, isolation_level=None)) as other:
            other.execute("BEGIN EXCLUSIVE")
            assert_unavailable(await client.post("/api/comparisons", json=body()), "busy")
            form = await client.get("/new")
            assert form.status_code == 200  # reads go on (WAL)
            assert (await client.get(f"/c/{seed}")).status_code == 200
            assert (await client.get(f"/c/{seed}.json")).status_code == 200
            other.execute("ROLLBACK")
        assert (await client.post("/api/comparisons", json=body())).status_code == 201


def _can_mount() -> str | None:
    """Why a tmpfs cannot be mounted here, or None if it can."""
    probe = Path("/proc/self/status").read_text()
    if "CapEff:\t0000000000000000" in probe:
        return "mounting a tmpfs needs root (CAP_SYS_ADMIN)"
    return None


@contextmanager
def tmpfs(directory: Path, size: str) -> Iterator[Path]:
    """A tmpfs of `size` mounted on `directory` (skips the test if it cannot be)."""
    reason = _can_mount()
    directory.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(directory)],
        capture_output=True,
        text=True,
        check=False,
    )
    if reason or mounted.returncode != 0:
        pytest.skip(reason or f"cannot mount a tmpfs: {mounted.stderr.strip()}")
    try:
        yield directory
    finally:
        subprocess.run(["umount", "-l", str(directory)], check=False)


def _fill(directory: Path) -> Path:
    """Fill the file system of `directory` to the last byte; the filler's path."""
    filler = directory / "filler"
    with filler.open("wb") as file:
        try:
            while True:
                file.write(b"\0" * 65536)
                file.flush()
        except OSError:
            pass
    return filler


async def test_a_full_disk(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "small", "4m") as disk:
        async with app_over(disk / "full.db") as client:
            seed = await seed_id(client)
            assert (await client.get(f"/c/{seed}")).status_code == 200
            filler = _fill(disk)
            long_text = "A sentence about the budget, one of many. " * 3000
            response = await client.post("/api/comparisons", json=body(long_text, RIGHT))
            assert_unavailable(response, "disk is full")
            assert (await client.get(f"/c/{seed}")).status_code == 200
            filler.unlink()
            created = await client.post("/api/comparisons", json=body(long_text, RIGHT))
            assert created.status_code == 201


async def test_a_read_only_database_starts_read_only(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "ro", "8m") as disk:
        database = disk / "ro.db"
        settings = served_settings(f"sqlite:///{database}")
        async with serving(create_app(settings)) as client:
            made = (await client.post("/api/comparisons", json={**body(), "title": "Kept"})).json()
        remount = ["mount", "-o", "remount,ro", str(disk)]
        subprocess.run(remount, check=True, capture_output=True)
        async with serving(create_app(settings)) as client:
            assert (await client.get(made["url"])).status_code == 200
            assert (await client.get(made["json_url"])).json()["title"] == "Kept"
            assert_unavailable(await client.post("/api/comparisons", json=body()), "read-only")
            owner = {"X-Owner-Token": made["owner_token"]}
            assert_unavailable(await client.delete(made["api_url"], headers=owner), "read-only")


async def test_the_form_comes_back_as_sent_when_the_database_is_busy(tmp_path: Path) -> None:
    database = tmp_path / "locked.db"
    async with app_over(database, busy_timeout_ms=200) as client:
        with closing(sqlite3.connect(database, isolation_level=None)) as other:
            other.execute("BEGIN EXCLUSIVE")
            fields = {"title": "Kept title", "left_text": LEFT, "right_text": RIGHT}
            response = await client.post("/new", data=with_token(fields))
            other.execute("ROLLBACK")
    assert response.status_code == 503
    assert int(response.headers["retry-after"]) > 0
    page = parse(response.text)
    assert "busy" in page.by_id("compare-error").text
    assert page.by_id("compare").attrs.get("aria-invalid") == "true"
    assert page.by_id("left_text").text.removeprefix("\n") == LEFT
    assert page.by_id("right_text").text.removeprefix("\n") == RIGHT
    assert page.by_id("title").attrs["value"] == "Kept title"


def test_purge_on_a_read_only_database_says_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with tmpfs(tmp_path / "ro", "4m") as disk:
        database = f"sqlite:///{disk / 'ro.db'}"
        SqliteStore(disk / "ro.db").close()
        assert main(["purge", "--database-url", database]) == 0
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        assert main(["purge", "--database-url", database]) == EXIT_FAILED
    assert "The database is read-only" in capsys.readouterr().err
