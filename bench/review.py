"""Review benchmark: the seed page under review, served by `diptych serve`.

    python -m bench.review [--seconds 15] [--connections 20]

Starts the real server (a fresh SQLite file, the seed pair loaded) on a free
port, then measures, in one run:
- comment creation through the API, 8 clients at once: comments/s;
- 200 comments (threads and replies) and 200 marks on the seed comparison;
- GET of its page with wrk at 20 connections, as a returning browser (with
  its session cookie) and as new visitors (no cookie): requests/s, p50, p99;
- the same for its JSON twin;
- the page's size with the review.
Targets (issue 9): page >= 500 requests/s with p99 <= 50 ms on one worker;
comment creation >= 200/s.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx

from app.core.serialize import comparison_from_json
from app.review import review_items
from bench.web import RESULTS, page_size, run_wrk, running_server, seed_page_url

REVIEW_RESULTS = RESULTS.with_name("review.json")
COMMENTS = 200
MARKS = 200
CLIENTS = 8
STATES = ("accepted", "queried", "correct")


def comment_bodies(rows: int) -> list[dict[str, Any]]:
    """Thread openers spread over the rows, each with a reply posted later."""
    return [
        {"row": 1 + (n * 7) % rows, "body": f"Check this, desk note {n}.", "author": f"R{n % 5}"}
        for n in range(COMMENTS // 2)
    ]


def post_comments(api_url: str, base: str, rows: int) -> float:
    """Post COMMENTS comments (half of them replies) from CLIENTS clients, each
    keeping its connection as a browser does; comments/s."""
    openers = comment_bodies(rows)
    clients = [httpx.Client(base_url=base, timeout=10) for _ in range(CLIENTS)]

    def post(numbered: tuple[int, dict[str, Any]]) -> None:
        client = clients[numbered[0] % CLIENTS]
        response = client.post(f"{api_url}/comments", json=numbered[1])
        response.raise_for_status()
        reply = {"reply_to": response.json()["id"], "body": "Agreed.", "author": "Desk"}
        client.post(f"{api_url}/comments", json=reply).raise_for_status()

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        list(pool.map(post, enumerate(openers)))
    elapsed = time.perf_counter() - started
    for client in clients:
        client.close()
    return COMMENTS / elapsed


def post_marks(base: str, api_url: str, document: dict[str, Any]) -> int:
    """MARKS marks, on every markable change and whole row in turn (app.review)."""
    comparison = comparison_from_json(document)
    targets = [item.target for item in review_items(comparison)]
    targets = (targets * (1 + MARKS // len(targets)))[:MARKS]
    with httpx.Client(base_url=base, timeout=10) as client:
        for n, (row, change) in enumerate(targets):
            body = {"row": row, "change": change, "state": STATES[n % 3], "reviewer": "Ann"}
            client.post(f"{api_url}/marks", json=body).raise_for_status()
    return len(targets)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--connections", type=int, default=20)
    args = parser.parse_args()
    with running_server(1) as base:
        url = seed_page_url(base)
        path = url.removeprefix(base)
        api_url = path.replace("/c/", "/api/comparisons/")
        document = httpx.get(f"{url}.json", timeout=10).json()
        rate = post_comments(api_url, base, len(document["rows"]))
        marked = post_marks(base, api_url, document)
        review = httpx.get(f"{url}.json", timeout=10).json()
        assert len(review["comments"]) == COMMENTS // 2 and marked == MARKS
        results: dict[str, Any] = {
            "comments_per_second": rate,
            "comments": COMMENTS,
            "marks": marked,
            "html_bytes": page_size(url),
        }
        cookie = ["-H", "Cookie: diptych_session=bench-browser-session"]
        for name, target, extra in (
            ("page_returning_browser", url, cookie),
            ("page_new_visitors", url, []),
            ("json_twin", f"{url}.json", []),
        ):
            run_wrk(target, 2, args.connections, extra)  # warm-up
            results[name] = run_wrk(target, args.seconds, args.connections, extra)
    report(results, args)
    REVIEW_RESULTS.parent.mkdir(parents=True, exist_ok=True)
    REVIEW_RESULTS.write_text(json.dumps(results, indent=2) + "\n")


def report(results: dict[str, Any], args: argparse.Namespace) -> None:
    print(
        f"seed page with {results['comments']} comments and {results['marks']} marks "
        f"({results['html_bytes'] / 1024:.1f} KB); wrk {args.connections} connections, "
        f"{args.seconds} s, 1 worker"
    )
    print(f"  comment creation ({CLIENTS} clients): {results['comments_per_second']:.0f}/s  >= 200")
    for name in ("page_returning_browser", "page_new_visitors", "json_twin"):
        load = results[name]
        print(
            f"  {name:24s} {load['requests_per_second']:7.0f} req/s  p50 {load['p50_ms']:5.1f} ms"
            f"  p99 {load['p99_ms']:5.1f} ms  errors {load['non_2xx'] + load['socket_errors']:.0f}"
            "  (>= 500 req/s, p99 <= 50 ms)"
        )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
