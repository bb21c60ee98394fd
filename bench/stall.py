"""Stall benchmark: the seed page's latency while the costliest comparisons are created.

    python -m bench.stall [--case NAME ...] [--connections 20] [--idle-seconds 10]

Starts `diptych serve` (a fresh SQLite file, the seed pair, one server
process) and measures GET of the seed page with wrk at `--connections`:
idle for `--idle-seconds`, then once per case, from 1 s before one
POST /api/comparisons of the case's pair (`bench.hostile_inputs`, full
size: 2 MB a side) until 1 s after it was answered. So each run covers the
whole creation: the request read, the engine's computation in its process,
and the result's landing in the server and the database (the part that
runs in the server's own process, and so the one that can stall it). Then
the same around the first GET of the new comparison's page (rendered in an
engine process: 47 MB of HTML for the 2 MB sentence), as a browser asks
for it (brotli), and around its first GET ignoring case (another
comparison of the texts, computed, then rendered, in engine processes).

The default cases are the costliest of the corpus and the two whose
results are largest: one-word paragraphs (the longest computation), one
2 MB sentence with every second word changed (the largest JSON, 18 MB) and
1 MB of numbers (the case the goal was first measured with).
Goal: p99 <= 100 ms while creating (the issue's) and while opening. Writes bench/results/stall.json.
"""

from __future__ import annotations

import argparse
import json
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from app.settings import Settings
from app.web import urls
from bench.hostile_inputs import CASES, Case
from bench.web import parse_wrk, run_wrk, running_server, seed_page_url, wrk_command

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "stall.json"
GOAL_P99_MS = 100.0
MARGIN_S = 1.0  # measured before the creation is sent and after it is answered
LONGEST_RUN_S = 600  # wrk's own end, should a creation never be answered
DEFAULT_CASES = ("one-word-paragraphs", "long-sentence", "numbers")
MEGABYTE = 1_000_000
MAX_TEXT_BYTES = Settings().max_text_bytes


class Request(threading.Thread):
    """One request sent from a thread; remembers how long it took to be
    answered, with what status, and the JSON answered (if it was)."""

    def __init__(self, request: urllib.request.Request) -> None:
        super().__init__(daemon=True)
        self.request = request
        self.seconds: float | None = None
        self.status: int | str | None = None
        self.answer: dict[str, Any] = {}

    def run(self) -> None:
        started = time.monotonic()
        try:
            with urllib.request.urlopen(self.request, timeout=LONGEST_RUN_S) as response:
                self.status = response.status
                body = response.read()
                if response.headers.get_content_type() == "application/json":
                    self.answer = json.loads(body)
        except urllib.error.HTTPError as error:
            self.status = error.code
        except OSError as error:
            self.status = type(error).__name__
        self.seconds = time.monotonic() - started


def creation(base: str, left: str, right: str) -> Request:
    body = json.dumps({"left": {"text": left}, "right": {"text": right}}).encode()
    headers = {"Content-Type": "application/json"}
    return Request(urllib.request.Request(base + "/api/comparisons", body, headers))


def opening(page_url: str) -> Request:
    """The first GET of a comparison's page, compressed as a browser asks."""
    return Request(urllib.request.Request(page_url, headers={"Accept-Encoding": "br, gzip"}))


def wrk_around(url: str, connections: int, job: Request) -> dict[str, Any]:
    """wrk's numbers from `MARGIN_S` before `job` is sent until `MARGIN_S`
    after it was answered (wrk reports on SIGINT as at its own end), and the
    job's status and seconds."""
    wrk = subprocess.Popen(
        wrk_command(url, LONGEST_RUN_S, connections), stdout=subprocess.PIPE, text=True
    )
    time.sleep(MARGIN_S)
    job.start()
    job.join(LONGEST_RUN_S)
    time.sleep(MARGIN_S)
    wrk.send_signal(signal.SIGINT)
    output, _ = wrk.communicate(timeout=30)
    seconds = None if job.seconds is None else round(job.seconds, 1)
    return {**parse_wrk(output), "status": job.status, "seconds": seconds}


def measure_case(base: str, url: str, case: Case, connections: int) -> dict[str, Any]:
    left, right = (_within_limit(text) for text in case.pair(case.full_size))
    created = creation(base, left, right)
    while_creating = wrk_around(url, connections, created)
    comparison_id = str(created.answer.get("id", ""))
    page_url = base + urls.comparison(comparison_id)
    ignoring_case = base + urls.comparison(comparison_id, ignore={urls.Ignore.CASE})
    return {
        "case": case.name,
        "what": case.what,
        "bytes_per_side": len(left.encode()),
        "while_creating": while_creating,
        "while_opening": wrk_around(url, connections, opening(page_url)),
        "while_opening_ignoring_case": wrk_around(url, connections, opening(ignoring_case)),
    }


def _within_limit(text: str) -> str:
    # The corpus fills a size up to the end of a word, a few bytes past it.
    return text.encode()[:MAX_TEXT_BYTES].decode(errors="ignore")


def measure(args: argparse.Namespace) -> dict[str, Any]:
    cases = [next(case for case in CASES if case.name == name) for name in args.case]
    with running_server(1) as base:
        url = seed_page_url(base)
        run_wrk(url, 2, args.connections)  # warm-up: caches, connections
        idle = run_wrk(url, args.idle_seconds, args.connections)
        runs = [measure_case(base, url, case, args.connections) for case in cases]
    return {"connections": args.connections, "idle": idle, "cases": runs}


def _line(name: str, run: dict[str, Any]) -> str:
    return (
        f"  {name:22s} p50 {run['p50_ms']:7.1f} ms  p99 {run['p99_ms']:7.1f} ms  "
        f"{run['requests_per_second']:7.0f} req/s  non-2xx {run['non_2xx']:.0f}"
    )


def report(results: dict[str, Any]) -> None:
    connections = results["connections"]
    print(f"seed page, wrk at {connections} connections; goal p99 <= {GOAL_P99_MS:.0f} ms")
    print(_line("idle", results["idle"]))
    for run in results["cases"]:
        print(f"  {run['case']} ({run['bytes_per_side'] / MEGABYTE:.1f} MB a side):")
        for name in ("while_creating", "while_opening", "while_opening_ignoring_case"):
            measured = run[name]
            print(_line(f"  {name.replace('_', ' ')}", measured), end="")
            print(f"  ({measured['status']} after {measured['seconds']} s)")
    sys.stdout.flush()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--idle-seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument(
        "--case",
        nargs="+",
        choices=[case.name for case in CASES],
        default=list(DEFAULT_CASES),
    )
    args = parser.parse_args()
    results = measure(args)
    report(results)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
