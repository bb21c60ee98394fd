"""Long-page benchmark: the comparison page of a 20,000-word pair in Chromium.

    python -m bench.page [--loads 5] [--scrolls 3]

Starts the real server (`bench.web.running_server`: a fresh SQLite file),
stores the smallest scaled pair (`bench.corpus`) of at least 20,000 words on
each side through the API, then measures its page, in one run:
- the HTML's bytes, as sent and gzip-compressed (level 6, what a reverse
  proxy would send);
- the DOM's elements once loaded;
- first contentful paint in Chromium (Debian's, driven by Playwright),
  median of fresh loads;
- the scroll frames: the time between animation frames while the page is
  scrolled by script, 100 px a frame, from the top for up to 600 frames;
  the 95th percentile of a run, median of fresh loads.
Targets (issue 11): first contentful paint <= 500 ms, scroll-frame p95 <= 20 ms.
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import urllib.request
from pathlib import Path
from typing import Any

from bench.exports import large_pair
from bench.web import FIRST_CONTENTFUL_PAINT, running_server

RESULTS = Path(__file__).resolve().parent / "results" / "page.json"
SCROLL_STEP_PX = 100
SCROLL_FRAMES = 600
TARGETS = {"first_contentful_paint_ms": 500.0, "scroll_frame_p95_ms": 20.0}

# Frame-to-frame times while the page scrolls by SCROLL_STEP_PX each frame;
# the first frame (the one that starts it) is left out.
SCROLL_FRAME_TIMES = """async ([step, frames]) => {
  await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  return await new Promise((resolve) => {
    const deltas = [];
    let last = null;
    const bottom = () => scrollY + innerHeight >= document.documentElement.scrollHeight - 1;
    const tick = (now) => {
      if (last !== null) deltas.push(now - last);
      last = now;
      scrollBy(0, step);
      if (deltas.length >= frames || bottom()) resolve(deltas);
      else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}"""
ELEMENTS = "() => document.getElementsByTagName('*').length"


def store_pair(base: str) -> str:
    """The page address of the 20,000-word pair, stored through the API."""
    pair = large_pair(per_side=True)
    body = {"title": "20,000 words", "left": {"text": pair.left}, "right": {"text": pair.right}}
    request = urllib.request.Request(
        base + "/api/comparisons",
        data=json.dumps(body).encode("utf-8"),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=120) as response:
        created: dict[str, Any] = json.load(response)
    return base + str(created["url"])


def html_bytes(url: str) -> tuple[int, int]:
    """The page's HTML: bytes as sent (uncompressed), and gzip-compressed."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "identity"})
    with urllib.request.urlopen(request, timeout=60) as response:
        body = response.read()
    return len(body), len(gzip.compress(body, compresslevel=6))


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[18]


def browser_measures(url: str, loads: int, scrolls: int) -> dict[str, float]:
    """Median first contentful paint over `loads` fresh loads; elements; median
    scroll-frame p95 over `scrolls` fresh loads."""
    from playwright.sync_api import sync_playwright

    from tests.support.chromium import CHROMIUM, CHROMIUM_ARGS

    paints: list[float] = []
    frame_p95s: list[float] = []
    elements = 0
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for load in range(max(loads, scrolls)):
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            page.goto(url, wait_until="load", timeout=60_000)
            if load < loads:
                paints.append(float(page.evaluate(FIRST_CONTENTFUL_PAINT)))
            elements = int(page.evaluate(ELEMENTS))
            if load < scrolls:
                page.wait_for_timeout(500)  # let the load's own work finish
                frames = page.evaluate(SCROLL_FRAME_TIMES, [SCROLL_STEP_PX, SCROLL_FRAMES])
                frame_p95s.append(p95([float(frame) for frame in frames]))
            context.close()
        browser.close()
    return {
        "dom_elements": float(elements),
        "first_contentful_paint_ms": statistics.median(paints),
        "scroll_frame_p95_ms": statistics.median(frame_p95s),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--loads", type=int, default=5)
    parser.add_argument("--scrolls", type=int, default=3)
    args = parser.parse_args()
    with running_server(workers=1) as base:
        url = store_pair(base)
        plain, compressed = html_bytes(url)
        results: dict[str, float] = {"html_bytes": plain, "html_gzip_bytes": compressed}
        results.update(browser_measures(url, args.loads, args.scrolls))
    report(results)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")


def report(results: dict[str, float]) -> None:
    rows = [
        ("HTML", f"{results['html_bytes'] / 1024:.0f} KB", ""),
        ("HTML, gzip", f"{results['html_gzip_bytes'] / 1024:.0f} KB", ""),
        ("DOM elements", f"{results['dom_elements']:.0f}", ""),
        ("first contentful paint", f"{results['first_contentful_paint_ms']:.0f} ms", "<= 500 ms"),
        ("scroll frame p95", f"{results['scroll_frame_p95_ms']:.1f} ms", "<= 20 ms"),
    ]
    print("The comparison page of a 20,000-word pair (words per side), Chromium at 1280x900")
    for name, value, goal in rows:
        print(f"  {name:26s} {value:>10s}  {goal}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
