"""Stall benchmark: the seed page's latency while a worst-case comparison is created.

    python -m bench.stall [--seconds 10] [--connections 20] [--case numbers]

Starts `diptych serve` (a fresh SQLite file, the seed pair, one server
process) and measures GET of the seed page with wrk at `--connections`
for `--seconds`, twice: idle, then while one POST /api/comparisons of an
adversarial pair is being computed. The cases (both sides at the sizes the
hardening issue found slowest):

- numbers: 1 MB of numbers per side in one paragraph, unrelated sides;
- sentence: one 2 MB sentence without punctuation, every second word changed.

The creation is sent 1 s before the measured run, and must still be
computing when the run ends (else the run did not measure what it says).
Goal: p99 <= 100 ms while it computes. Writes bench/results/stall.json.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from bench.web import run_wrk, running_server, seed_page_url

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "stall.json"
GOAL_P99_MS = 100.0
HEAD_START = 1.0  # seconds between sending the creation and measuring
MEGABYTE = 1_000_000


def numbers_pair(size: int = MEGABYTE) -> tuple[str, str]:
    """`size` bytes of "686,579,303 119,540,831 ..." per side, the sides unrelated."""
    return _numbers(random.Random(1), size), _numbers(random.Random(2), size)


def _numbers(draw: random.Random, size: int) -> str:
    words: list[str] = []
    length = 0
    while length < size:
        word = f"{draw.randrange(1_000_000_000):,}"
        words.append(word)
        length += len(word) + 1
    return " ".join(words)[:size]


def sentence_pair(size: int = 2 * MEGABYTE) -> tuple[str, str]:
    """One sentence of `size` bytes without punctuation, every second word changed."""
    draw = random.Random(3)
    vocabulary = [f"word{n}" for n in range(5000)]
    left: list[str] = []
    right: list[str] = []
    length = 0
    while length < size:
        word = draw.choice(vocabulary)
        left.append(word)
        right.append(word if len(left) % 2 else draw.choice(vocabulary))
        length += len(word) + 1
    return " ".join(left)[:size], " ".join(right)[:size]


CASES = {"numbers": numbers_pair, "sentence": sentence_pair}


class Creation(threading.Thread):
    """POST the pair; remembers when it answered and with what."""

    def __init__(self, base: str, left: str, right: str) -> None:
        super().__init__(daemon=True)
        self.url = base + "/api/comparisons"
        self.body = json.dumps({"left": {"text": left}, "right": {"text": right}}).encode()
        self.started = time.monotonic()
        self.finished: float | None = None
        self.status: int | str | None = None

    def run(self) -> None:
        request = urllib.request.Request(
            self.url, self.body, {"Content-Type": "application/json"}, method="POST"
        )
        try:
            with urllib.request.urlopen(request, timeout=3600) as response:
                self.status = response.status
        except urllib.error.HTTPError as error:
            self.status = error.code
        except OSError as error:  # the server stopped under it, at the end
            self.status = type(error).__name__
        self.finished = time.monotonic()


def measure(args: argparse.Namespace) -> dict[str, Any]:
    left, right = CASES[args.case]()
    with running_server(1) as base:
        url = seed_page_url(base)
        run_wrk(url, 2, args.connections)  # warm-up: caches, connections
        idle = run_wrk(url, args.seconds, args.connections)
        creation = Creation(base, left, right)
        creation.start()
        time.sleep(HEAD_START)
        busy = run_wrk(url, args.seconds, args.connections)
        still_computing = creation.finished is None
        elapsed = time.monotonic() - creation.started
    creation.join(30)
    return {
        "case": args.case,
        "bytes_per_side": len(left.encode()),
        "seconds": args.seconds,
        "connections": args.connections,
        "idle": idle,
        "while_creating": busy,
        "creation_still_computing_at_end": still_computing,
        "creation_status": creation.status,
        "creation_seconds_observed": round(elapsed, 1),
    }


def report(results: dict[str, Any]) -> None:
    print(
        f"seed page while creating '{results['case']}' "
        f"({results['bytes_per_side'] / MEGABYTE:.1f} MB per side): wrk, "
        f"{results['connections']} connections, {results['seconds']} s"
    )
    for name in ("idle", "while_creating"):
        run = results[name]
        print(
            f"  {name:15s} p50 {run['p50_ms']:7.1f} ms  p99 {run['p99_ms']:7.1f} ms  "
            f"{run['requests_per_second']:7.0f} req/s  non-2xx {run['non_2xx']:.0f}"
        )
    state = "still computing" if results["creation_still_computing_at_end"] else "finished"
    print(
        f"  creation: {state} after {results['creation_seconds_observed']} s "
        f"(status {results['creation_status']}); goal p99 <= {GOAL_P99_MS:.0f} ms"
    )
    sys.stdout.flush()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--case", choices=sorted(CASES), default="numbers")
    args = parser.parse_args()
    results = measure(args)
    report(results)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
