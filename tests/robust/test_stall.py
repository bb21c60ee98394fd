"""No request stalls the others, on a real `diptych serve`: while long
comparisons are computed (one engine process, one more waiting, the rest
refused with a 503 at once), pages keep answering.

Timing is asserted relatively: each page must take a small fraction of the
time the comparisons they overlapped took, whatever the machine's speed.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import httpx

from tests.support.live_server import Server, find_by_title, sqlite_flags
from tests.web.conftest import SEED_TITLE, SEEDS_DIR

SEED = SEEDS_DIR / "peace-talks"
LONG_COPIES = 40  # the seed pair repeated: about 330 KB a side, seconds of engine
CREATIONS = 4  # one computed, one waiting, two refused
TIMEOUT = 300.0
PAGE_SHARE = 0.2  # the slowest page takes at most this share of the comparisons' time


def long_pair(tag: int) -> dict[str, object]:
    original = (SEED / "original.txt").read_text(encoding="utf-8")
    copy = (SEED / "copy.txt").read_text(encoding="utf-8")
    left = f"Version {tag}.\n\n" + "\n\n".join([original] * LONG_COPIES)
    right = f"Edition {tag}.\n\n" + "\n\n".join([copy] * LONG_COPIES)
    return {"left": {"text": left}, "right": {"text": right}}


class Creation(threading.Thread):
    def __init__(self, base_url: str, tag: int) -> None:
        super().__init__()
        self.base_url = base_url
        self.body = long_pair(tag)
        self.response: httpx.Response | None = None
        self.seconds = 0.0

    def run(self) -> None:
        started = time.monotonic()
        with httpx.Client(base_url=self.base_url, timeout=TIMEOUT) as client:
            self.response = client.post("/api/comparisons", json=self.body)
        self.seconds = time.monotonic() - started


def test_pages_answer_while_long_comparisons_are_computed(tmp_path: Path) -> None:
    flags = [*sqlite_flags(tmp_path / "stall.db"), "--engine-workers", "1", "--engine-queue", "1"]
    with (
        Server(tmp_path, flags).running() as server,
        httpx.Client(base_url=server.base_url, timeout=TIMEOUT) as client,
    ):
        (seed,) = find_by_title(client, SEED_TITLE)
        page = str(seed["url"])
        client.get(page)  # rendered once and kept
        creations = [Creation(server.base_url, tag) for tag in range(CREATIONS)]
        for creation in creations:
            creation.start()
        latencies = []
        while any(creation.is_alive() for creation in creations):
            for path in (page, "/"):
                started = time.monotonic()
                assert client.get(path).status_code == 200
                latencies.append(time.monotonic() - started)
        for creation in creations:
            creation.join(TIMEOUT)
    statuses = sorted(creation.response.status_code for creation in creations if creation.response)
    assert statuses == [201, 201, 503, 503]
    refused = [c.response for c in creations if c.response and c.response.status_code == 503]
    assert all(response.headers["retry-after"] for response in refused)
    computed = max(creation.seconds for creation in creations)
    assert len(latencies) >= 10, f"only {len(latencies)} pages while computing for {computed} s"
    assert max(latencies) <= PAGE_SHARE * computed, (max(latencies), computed)
