"""Web benchmark: the seed comparison page served by `diptych serve` on loopback.

    python -m bench.web [--seconds 15] [--connections 20]

Starts the real server (a fresh SQLite file, the seed pair loaded) on a free
port, then measures, in one run:
- throughput and latency of GET /c/{seed id} with wrk (Debian's package) at
  20 concurrent connections: requests/s, p50 and p99;
- the size of the page's HTML;
- the first render in Chromium (Debian's, driven by Playwright): the
  first-contentful-paint of the page, median of several fresh loads.
Targets: >= 300 requests/s, p99 <= 50 ms, HTML <= 150 KB, first render <= 300 ms.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "web.json"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def running_server(workers: int, flags: tuple[str, ...] = ()) -> Iterator[str]:
    """`diptych serve` on a free port with a fresh database; yields its base URL.
    `flags` are more flags of `diptych serve`."""
    port = free_port()
    with tempfile.TemporaryDirectory() as folder:
        command = [
            str(ROOT / ".venv" / "bin" / "diptych"),
            "serve",
            "--port",
            str(port),
            "--database-url",
            f"sqlite:///{folder}/bench.db",
            "--seeds-dir",
            str(ROOT / "seeds"),
            "--workers",
            str(workers),
            *flags,
        ]
        server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            wait_until_up(base)
            yield base
        finally:
            server.terminate()
            server.wait(timeout=20)


def wait_until_up(base: str, seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(base + "/api/comparisons", timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"the server at {base} did not come up in {seconds:.0f} s")


def seed_page_url(base: str) -> str:
    with urllib.request.urlopen(base + "/api/comparisons", timeout=5) as response:
        listing: dict[str, Any] = json.load(response)
    first = listing["comparisons"][0]
    return base + str(first["url"])


def page_size(url: str) -> int:
    with urllib.request.urlopen(url, timeout=5) as response:
        return len(response.read())


def run_wrk(
    url: str, seconds: int, connections: int, extra: list[str] | None = None
) -> dict[str, float]:
    """wrk's numbers for `url`; `extra` are more flags (-H "Cookie: ...")."""
    output = subprocess.run(
        wrk_command(url, seconds, connections, extra), capture_output=True, text=True, check=True
    ).stdout
    return parse_wrk(output)


def wrk_command(
    url: str, seconds: int, connections: int, extra: list[str] | None = None
) -> list[str]:
    """wrk's command line for `seconds` at `connections` (two threads), latencies on."""
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: apt-get install wrk")
    return ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", *(extra or []), url]


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def parse_wrk(output: str) -> dict[str, float]:
    """Requests/s, p50 and p99 latency (ms), and error counts from wrk's report."""

    def latency(percent: str) -> float:
        match = re.search(rf"^\s*{percent}%\s+([\d.]+)(us|ms|s)\s*$", output, re.M)
        if not match:
            raise ValueError(f"no {percent}% latency in wrk's output")
        return float(match.group(1)) * _UNITS[match.group(2)]

    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)", output)
    return {
        "requests_per_second": float(rate.group(1)) if rate else 0.0,
        "p50_ms": latency("50"),
        "p99_ms": latency("99"),
        "non_2xx": float(errors.group(1)) if errors else 0.0,
        "socket_errors": float(sum(int(n) for n in re.findall(r"\d+", socket_errors.group(1))))
        if socket_errors
        else 0.0,
    }


# The paint entry is recorded a moment after "load" in a headless browser:
# wait for it with a buffered observer rather than reading it at once.
FIRST_CONTENTFUL_PAINT = """() => new Promise((resolve) => {
  new PerformanceObserver((list) => {
    const paint = list.getEntriesByName("first-contentful-paint")[0];
    if (paint) resolve(paint.startTime);
  }).observe({type: "paint", buffered: true});
  setTimeout(() => resolve(-1), 5000);
})"""


def first_render_ms(url: str, loads: int = 7) -> float:
    """Median first-contentful-paint over fresh page loads (new context each)."""
    from playwright.sync_api import sync_playwright

    from tests.support.chromium import CHROMIUM, CHROMIUM_ARGS

    paints: list[float] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for _ in range(loads):
            context = browser.new_context()
            page = context.new_page()
            page.goto(url, wait_until="load")
            paint = page.evaluate(FIRST_CONTENTFUL_PAINT)
            paints.append(float(paint))
            context.close()
        browser.close()
    return statistics.median(paints)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    with running_server(args.workers) as base:
        url = seed_page_url(base)
        size = page_size(url)
        run_wrk(url, 2, args.connections)  # warm-up: caches, connections
        load = run_wrk(url, args.seconds, args.connections)
        render = first_render_ms(url)
    results = {"url_path": url.removeprefix(base), "html_bytes": size, **load}
    results["first_render_ms"] = render
    report(results, args)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")


def report(results: dict[str, Any], args: argparse.Namespace) -> None:
    rows = [
        ("requests/s", f"{results['requests_per_second']:.0f}", ">= 300"),
        ("p50 latency", f"{results['p50_ms']:.1f} ms", ""),
        ("p99 latency", f"{results['p99_ms']:.1f} ms", "<= 50 ms"),
        (
            "non-2xx / socket errors",
            f"{results['non_2xx']:.0f} / {results['socket_errors']:.0f}",
            "0",
        ),
        ("seed page HTML", f"{results['html_bytes'] / 1024:.1f} KB", "<= 150 KB"),
        ("first render (FCP)", f"{results['first_render_ms']:.0f} ms", "<= 300 ms"),
    ]
    print(
        f"GET {results['url_path']}: wrk, {args.connections} connections, {args.seconds} s, "
        f"{args.workers} worker(s)"
    )
    for name, value, goal in rows:
        print(f"  {name:26s} {value:>12s}  {goal}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
