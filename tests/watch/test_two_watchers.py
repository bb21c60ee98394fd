"""The bar: two `diptych watch` processes over one PostgreSQL database and a
local web server whose pages change. Each change becomes exactly one version,
no link is fetched twice at once, and a watcher killed mid-fetch (SIGKILL)
loses nothing: its lease ends and the other watcher checks the link."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.store import ComparisonStore, StoredStory, open_store
from app.store.watch_records import CheckOutcome
from tests.watch.conftest import PARAGRAPHS, Clock, new_story, page, page_text, watch_settings
from tests.watch.page_server import Pages

LINKS = 4
LEASE = 4.0  # seconds: the wait for a killed watcher's link
INTERVAL = timedelta(seconds=1)
DIPTYCH = str(Path(sys.executable).parent / "diptych")


def _environment(database_url: str) -> dict[str, str]:
    return {
        **os.environ,
        "DIPTYCH_DATABASE_URL": database_url,
        "DIPTYCH_FETCH_ALLOW_PRIVATE": "true",
        "DIPTYCH_FETCH_TIMEOUT": "3",
        "DIPTYCH_WATCH_POLL_INTERVAL": "0.2",
        "DIPTYCH_WATCH_HOST_GAP": "0",
        "DIPTYCH_WATCH_LEASE": str(LEASE),
    }


@pytest.fixture
def store(postgres_url: str) -> Iterator[ComparisonStore]:
    with open_store(postgres_url) as opened:
        yield opened


def _until(done: Callable[[], bool], what: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not done():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.05)


def _holder(client_port: int, pids: list[int]) -> int:
    """Which of `pids` has the TCP connection from local port `client_port`."""
    inode = ""
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if int(fields[1].rsplit(":", 1)[1], 16) == client_port:
                inode = fields[9]
    for pid in pids:
        for fd in Path(f"/proc/{pid}/fd").iterdir():
            try:
                if os.readlink(fd) == f"socket:[{inode}]":
                    return pid
            except OSError:
                continue
    raise AssertionError(f"no watcher holds the connection from port {client_port}")


def _round(paragraphs: list[str], number: int) -> list[str]:
    return [*paragraphs, f"Update {number}: the council will meet again on day {number}."]


def test_two_watchers_store_each_change_once_and_a_killed_one_loses_nothing(
    store: ComparisonStore, postgres_url: str, pages: Pages, tmp_path: Path
) -> None:
    settings = watch_settings(postgres_url)
    stories: list[StoredStory] = []
    for index in range(LINKS):
        pages.set(f"/p{index}", page(PARAGRAPHS))
        story = new_story(store, settings, Clock(datetime.now(UTC)))
        store.watch_link(story.id, pages.url(f"/p{index}"), INTERVAL, datetime.now(UTC))
        stories.append(story)
    expected = [[*store.story_texts(story.id)] for story in stories]
    logs = [(tmp_path / f"watcher{n}.log").open("w") for n in range(3)]
    environment = _environment(postgres_url)
    watchers = [
        subprocess.Popen([DIPTYCH, "watch"], env=environment, stdout=log, stderr=log)
        for log in logs[:2]
    ]

    def change(number: int, paths: range) -> None:
        for index in paths:
            text = _round(PARAGRAPHS, number)
            pages.set(f"/p{index}", page(text))
            expected[index].append(page_text(text))

    def settled() -> None:
        _until(
            lambda: all(store.story_texts(s.id) == expected[i] for i, s in enumerate(stories)),
            "every change stored",
        )
        time.sleep(2 * INTERVAL.total_seconds())  # checked again: still nothing new
        assert [store.story_texts(s.id) for s in stories] == expected

    try:
        change(1, range(LINKS))
        settled()
        # A slow site: the watcher fetching /p0 is killed mid-fetch.
        release = pages.hold("/p0")
        change(2, range(LINKS))
        _until(lambda: bool(pages.in_flight.get("/p0")), "a fetch of /p0")
        killed = _holder(pages.in_flight["/p0"][0], [w.pid for w in watchers])
        os.kill(killed, signal.SIGKILL)
        killed_at = time.monotonic()
        release.set()
        _until(lambda: len(store.story_texts(stories[0].id)) == 4, "the killed one's change")
        # Claimed just before the fetch began, the link waited for its lease.
        waited = time.monotonic() - killed_at
        settled()
        # A new watcher joins the survivor; the changes go on being stored once.
        survivor = next(w for w in watchers if w.pid != killed)
        watchers = [
            survivor,
            subprocess.Popen([DIPTYCH, "watch"], env=environment, stdout=logs[2], stderr=logs[2]),
        ]
        change(3, range(LINKS))
        settled()
    finally:
        for watcher in watchers:
            if watcher.poll() is None:
                watcher.send_signal(signal.SIGTERM)
        codes = [watcher.wait(10) for watcher in watchers]
        for log in logs:
            log.close()
    assert codes == [0, 0], [path.read_text() for path in tmp_path.glob("*.log")]
    assert LEASE - 1 <= waited <= LEASE + 5
    assert max(pages.most_at_once.values()) == 1
    for index, story in enumerate(stories):
        (link,) = store.watched_links(story.id)
        checks = store.watch_checks(link.id, limit=1000)
        stored = [c.version for c in checks if c.outcome is CheckOutcome.NEW_VERSION]
        assert stored == [4, 3, 2], index  # newest first
        assert not any(c.outcome is CheckOutcome.FAILED for c in checks)
