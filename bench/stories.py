"""Stories benchmark: 50 versions of the seed article.

    python -m bench.stories [--seconds 15] [--connections 20]

The versions: the seed's original, then 49 updates, each changing one to three
sentences of the one before (a number, a quotation, a name, a cut, an added
sentence), as a live story is rewritten. Measured in one run:
- creating the timeline story (every one of its 49 steps computed by the
  engine and stored), in process over a fresh SQLite file: median of 3;
- creating it as one source and its copies (each of the 49 others against
  version 0): median of 3;
- served by `diptych serve` (1 worker): the story page's size, and wrk at 20
  connections on the timeline page, the copies page and the JSON twin.
Targets (issue 13): steps <= 1 s, copies <= 1 s, page <= 150 KB and
>= 500 requests/s.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from app.service import ComparisonService
from app.settings import Settings
from app.store import open_store
from app.story import StoryService, VersionInput
from bench.web import RESULTS, page_size, run_wrk, running_server

ROOT = Path(__file__).resolve().parents[1]
STORY_RESULTS = RESULTS.with_name("stories.json")
VERSIONS = 50
RUNS = 3


def story_versions() -> list[str]:
    """The seed's original and 49 updates, each a few sentences off the one before."""
    text = (ROOT / "seeds" / "peace-talks" / "original.txt").read_text(encoding="utf-8")
    versions = [text]
    for number in range(1, VERSIONS):
        paragraphs = text.split("\n")
        spot = (number * 7) % len(paragraphs)
        paragraphs[spot] = _edited(paragraphs[spot], number)
        text = "\n".join(paragraphs)
        versions.append(text)
    return versions


def _edited(paragraph: str, number: int) -> str:
    """One edit of a paragraph, a different kind each update."""
    kind = number % 5
    if kind == 0:
        return paragraph + f" Officials said {number} more talks were planned."
    if kind == 1:
        return (
            paragraph.replace(" said", " claimed", 1) if " said" in paragraph else paragraph + "."
        )
    if kind == 2:
        return paragraph.replace("Putin", "Vladimir Putin", 1) + f" (Update {number}.)"
    if kind == 3:
        sentences = paragraph.split(". ")
        return ". ".join(sentences[:-1]) + "." if len(sentences) > 1 else f"Update {number}."
    return (
        paragraph.replace("”", f" today{number}”", 1)
        if "”" in paragraph
        else f"{paragraph} {number}"
    )


def create_seconds(versions: list[str], base: int | None) -> tuple[float, float]:
    """Median seconds to create the story in a fresh store (every pair computed):
    wall clock, and this process's CPU time (what it costs on a machine shared
    with other work, where the wall clock also counts the waits for a core)."""
    walls, cpus = [], []
    for _ in range(RUNS):
        with tempfile.TemporaryDirectory() as folder:
            store = open_store(f"sqlite:///{folder}/bench.db")
            stories = StoryService(ComparisonService(store, Settings()))
            started, cpu = time.perf_counter(), time.process_time()
            stories.create("Bench story", [VersionInput(text) for text in versions], base)
            walls.append(time.perf_counter() - started)
            cpus.append(time.process_time() - cpu)
            store.close()
    return statistics.median(walls), statistics.median(cpus)


def served(versions: list[str], seconds: int, connections: int) -> dict[str, Any]:
    body = {"title": "Bench story", "versions": [{"text": text} for text in versions]}
    results: dict[str, Any] = {}
    with running_server(1) as base:
        made = httpx.post(f"{base}/api/stories", json=body, timeout=60).json()
        pages = {
            "timeline_page": base + made["url"],
            "copies_page": f"{base}{made['url']}?base=0",
            "json_twin": base + made["json_url"],
        }
        for name, url in pages.items():
            results[f"{name}_bytes"] = page_size(url)
            run_wrk(url, 2, connections)  # warm-up
            results[name] = run_wrk(url, seconds, connections)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--connections", type=int, default=20)
    args = parser.parse_args()
    versions = story_versions()
    results: dict[str, Any] = {
        "versions": len(versions),
        "version_bytes": len(versions[-1].encode("utf-8")),
        "steps_seconds": create_seconds(versions, None),
        "copies_seconds": create_seconds(versions, 0),
        "load_average": os.getloadavg()[0],
        **served(versions, args.seconds, args.connections),
    }
    report(results, args)
    STORY_RESULTS.parent.mkdir(parents=True, exist_ok=True)
    STORY_RESULTS.write_text(json.dumps(results, indent=2) + "\n")


def report(results: dict[str, Any], args: argparse.Namespace) -> None:
    print(
        f"{results['versions']} versions of {results['version_bytes'] / 1024:.1f} KB; "
        f"wrk {args.connections} connections, {args.seconds} s, 1 worker"
    )
    print(f"  load average at the start: {results['load_average']:.1f} (2 cores)")
    for name in ("steps", "copies"):
        wall, cpu = results[f"{name}_seconds"]
        print(f"  49 {name:6s} computed and stored: {wall:.2f} s wall, {cpu:.2f} s CPU  (<= 1 s)")
    for name in ("timeline_page", "copies_page", "json_twin"):
        load = results[name]
        print(
            f"  {name:14s} {results[name + '_bytes'] / 1024:6.1f} KB"
            f"  {load['requests_per_second']:7.0f} req/s  p50 {load['p50_ms']:5.1f} ms"
            f"  p99 {load['p99_ms']:5.1f} ms  errors {load['non_2xx'] + load['socket_errors']:.0f}"
            "  (<= 150 KB, >= 500 req/s)"
        )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
