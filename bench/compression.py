"""Compression benchmark: what brotli and gzip (app/web/serving/compression.py) save
and what they cost, on `diptych serve` over loopback.

    python -m bench.compression [--seconds 10] [--connections 20]

Starts the real server (bench.web), makes the scaled pair of 20,000+ words in
all (bench.exports.large_pair) through the API, then in one run:
- the bytes sent for that comparison's page and its JSON twin, and for the
  seed page, with no compression, gzip and brotli;
- the seed page's throughput and latency with wrk at `--connections`, asked
  with no Accept-Encoding (as before compression), with gzip and with br,
  and the server's CPU time per request (user + system, from /proc): on a
  shared machine throughput swings with the neighbours' load, the CPU a
  request costs much less.
The report goes to stdout and, as JSON, to bench/results/compression.json.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

from app.web import urls
from bench.exports import large_pair
from bench.web import run_wrk, running_server, seed_page_url

RESULTS = Path(__file__).resolve().parent / "results" / "compression.json"
CODINGS = ("identity", "gzip", "br")


def sent_bytes(url: str, coding: str) -> int:
    """The body's length as sent (urllib does not decode it)."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": coding})
    with urllib.request.urlopen(request, timeout=30) as response:
        assert (response.headers.get("Content-Encoding") or "identity") == coding, url
        return len(response.read())


def large_comparison(base: str) -> dict[str, Any]:
    pair = large_pair()
    body = {"title": "large", "left": {"text": pair.left}, "right": {"text": pair.right}}
    request = urllib.request.Request(
        base + urls.api_comparisons(),
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=120) as response:
        made: dict[str, Any] = json.load(response)
    return {**made, "words": pair.words}


def measured_load(url: str, coding: str, args: argparse.Namespace) -> dict[str, float]:
    """wrk's numbers for `url` asked with `coding`, and the server's CPU ms per request."""
    port = urllib.parse.urlsplit(url).port
    before = server_cpu_seconds(port)
    load = run_wrk(url, args.seconds, args.connections, ["-H", f"Accept-Encoding: {coding}"])
    spent = server_cpu_seconds(port) - before
    requests = load["requests_per_second"] * args.seconds
    return {**load, "cpu_ms_per_request": 1000 * spent / requests if requests else 0.0}


def server_cpu_seconds(port: int | None) -> float:
    """User + system CPU seconds of the `diptych serve` processes on `port`."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for process in Path("/proc").iterdir():
        try:
            command = (process / "cmdline").read_bytes().split(b"\0")
            if b"serve" in command and str(port).encode() in command:
                fields = (process / "stat").read_text().rsplit(")", 1)[1].split()
                total += (int(fields[11]) + int(fields[12])) / tick
        except OSError:
            continue  # not ours, or gone
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=20)
    args = parser.parse_args(argv)
    with running_server(1) as base:
        seed = seed_page_url(base)
        large = large_comparison(base)
        documents = {
            f"page, {large['words']:,} words": base + large["url"],
            f"JSON, {large['words']:,} words": base + large["json_url"],
            "seed page": seed,
        }
        sizes = {
            name: {coding: sent_bytes(url, coding) for coding in CODINGS}
            for name, url in documents.items()
        }
        run_wrk(seed, 2, args.connections)  # warm-up: caches, connections
        loads = {coding: measured_load(seed, coding, args) for coding in CODINGS}
    report(sizes, loads, args)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({"bytes": sizes, "seed_page": loads}, indent=2) + "\n")
    return 0


def report(
    sizes: dict[str, dict[str, int]], loads: dict[str, dict[str, float]], args: argparse.Namespace
) -> None:
    print("| document | plain | gzip | br |")
    print("| --- | --- | --- | --- |")
    for name, by_coding in sizes.items():
        cells = " | ".join(f"{by_coding[c] / 1024:,.0f} KB" for c in CODINGS)
        print(f"| {name} | {cells} |")
    print(f"\nseed page, wrk, {args.connections} connections, {args.seconds} s, 1 worker:")
    print("| Accept-Encoding | requests/s | p50 | p99 | server CPU per request |")
    print("| --- | --- | --- | --- | --- |")
    for coding, load in loads.items():
        print(
            f"| {coding if coding != 'identity' else '(none)'} "
            f"| {load['requests_per_second']:.0f} | {load['p50_ms']:.1f} ms "
            f"| {load['p99_ms']:.1f} ms | {load['cpu_ms_per_request']:.2f} ms |"
        )
    sys.stdout.flush()


if __name__ == "__main__":
    sys.exit(main())
