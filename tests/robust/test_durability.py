"""A real `diptych serve` over a SQLite file, SIGKILLed while threads keep
creating comparisons: after a restart on the same file, every comparison that
was answered 201 is there and unchanged, and the file passes
`PRAGMA integrity_check`."""

from __future__ import annotations

import signal
import sqlite3
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.support.live_server import SEEDS_DIR, Server

PAIR_DIR = SEEDS_DIR / "peace-talks"
THREADS = 3
# The kill comes once this many creations were answered (fewer would tell
# nothing), however long a loaded machine takes to get there, within reason.
MIN_CREATED = 10
LOAD_DEADLINE = 60.0
MAX_REQUESTS = 2_000  # per thread: a bound, never reached before the kill
THREAD_DEADLINE = LOAD_DEADLINE + 15.0  # a thread stops by then whatever happens
REQUEST_TIMEOUT = 10.0


@dataclass(frozen=True, slots=True)
class Sent:
    left: str
    right: str


@dataclass
class Ledger:
    """What the clients saw: creations answered 201 (with the document read
    back when there was time), and requests that got no answer."""

    created: dict[str, Sent] = field(default_factory=dict)
    documents: dict[str, Any] = field(default_factory=dict)
    unanswered: list[Sent] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)  # a thread's assertion, not lost
    lock: threading.Lock = field(default_factory=threading.Lock)


def seed_pair() -> tuple[str, str]:
    return (PAIR_DIR / "original.txt").read_text(), (PAIR_DIR / "copy.txt").read_text()


def mutated(thread: int, number: int) -> Sent:
    """The seed pair, both sides changed so that each (thread, number) differs."""
    original, copy = seed_pair()
    tag = f"{thread}x{number}"
    left = original.replace("Putin", f"Putin ({tag})", 1) + f"\n\nEditor's note {tag}."
    right = copy.replace("Trump", f"Trump [{tag}]", 2)
    return Sent(left, right)


def create_until_killed(base_url: str, thread: int, ledger: Ledger) -> None:
    """POST pairs until a request gets no answer (the server is gone)."""
    deadline = time.monotonic() + THREAD_DEADLINE
    with httpx.Client(base_url=base_url, timeout=REQUEST_TIMEOUT) as client:
        for number in range(MAX_REQUESTS):
            if time.monotonic() > deadline:
                return
            sent = mutated(thread, number)
            try:
                create_and_read_back(client, sent, ledger)
            except httpx.TransportError:
                with ledger.lock:
                    ledger.unanswered.append(sent)
                return
            except AssertionError as error:
                with ledger.lock:
                    ledger.failures.append(f"thread {thread}, request {number}: {error}")
                return


def create_and_read_back(client: httpx.Client, sent: Sent, ledger: Ledger) -> None:
    # Listed, so that the library's total counts them after the restart.
    body = {"left": {"text": sent.left}, "right": {"text": sent.right}, "visibility": "listed"}
    response = client.post("/api/comparisons", json=body)
    assert response.status_code == 201, response.text[:300]
    created_id = response.json()["id"]
    with ledger.lock:
        ledger.created[created_id] = sent
    document = client.get(f"/api/comparisons/{created_id}")
    assert document.status_code == 200, document.text[:300]
    with ledger.lock:
        ledger.documents[created_id] = document.json()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    flags = ["--database-url", f"sqlite:///{tmp_path / 'durable.db'}", "--seeds-dir", ""]
    flags += ["--rate-creations", "0"]  # one client creating as fast as it can, on purpose
    started = Server(tmp_path, flags)
    try:
        yield started
    finally:
        started.stop()


def load_then_kill(server: Server) -> Ledger:
    ledger = Ledger()
    threads = [
        threading.Thread(target=create_until_killed, args=(server.base_url, n, ledger))
        for n in range(THREADS)
    ]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + LOAD_DEADLINE
    while len(ledger.created) < MIN_CREATED and time.monotonic() < deadline:
        time.sleep(0.05)
    server.kill()  # SIGKILL while the threads are still sending
    for thread in threads:
        thread.join(THREAD_DEADLINE)
    assert not any(thread.is_alive() for thread in threads), "a client thread did not stop"
    return ledger


def integrity(database: Path) -> str:
    with sqlite3.connect(database) as connection:
        result: str = connection.execute("PRAGMA integrity_check").fetchone()[0]
    connection.close()
    return result


def test_answered_creations_survive_a_kill(server: Server, tmp_path: Path) -> None:
    server.start()
    ledger = load_then_kill(server)
    assert ledger.failures == []
    assert len(ledger.created) >= MIN_CREATED, f"only {len(ledger.created)} created"
    assert len(ledger.unanswered) == THREADS  # each thread ran until the server was gone
    assert integrity(tmp_path / "durable.db") == "ok"  # as the crash left it
    server.start()
    with httpx.Client(base_url=server.base_url, timeout=REQUEST_TIMEOUT) as client:
        for created_id, sent in ledger.created.items():
            response = client.get(f"/api/comparisons/{created_id}")
            assert response.status_code == 200, f"{created_id} lost after the kill"
            document = response.json()
            assert (document["left"]["text"], document["right"]["text"]) == (sent.left, sent.right)
            if created_id in ledger.documents:
                assert document == ledger.documents[created_id]
        # Those cut off by the kill (ids never answered) are all there, or not at all:
        # the total says no half-made comparison is listed.
        total = client.get("/api/comparisons").json()["total"]
    assert len(ledger.created) <= total <= len(ledger.created) + len(ledger.unanswered)
    # Uvicorn shuts down on SIGTERM and then exits by the same signal.
    assert server.stop() in (0, -signal.SIGTERM), "not stopped gracefully"
    assert integrity(tmp_path / "durable.db") == "ok"
    print(f"durability: {len(ledger.created)} created, {len(ledger.documents)} read back")
