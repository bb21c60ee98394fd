"""Reports benchmark: GET /c/{id}.html and /c/{id}.pdf (app/web/exports/report.py).

    python -m bench.reports [--runs 5]

For the seed pair and a scaled pair (`bench.exports.large_pair`) of at least
20,000 words in all, made through the API of an app in this process, measures
the median wall time of the whole request (`bench.peers.time_run`): the
record read, the HTML rendered, and for the PDF WeasyPrint's layout. The
app keeps no rendered page (page_cache_entries=0), so every PDF request is
laid out as the first one after a change is; a kept PDF costs a look-up.
Targets (issue 12): seed .pdf <= 1.5 s; the 20,000-word .pdf <= 10 s.
The report goes to stdout and, as JSON, to bench/results/reports.json.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from fastapi.testclient import TestClient

from app.settings import Settings
from app.web import urls
from app.web.app import create_app
from bench.corpus import Pair, seed_pair
from bench.exports import large_pair
from bench.peers import time_run

RESULTS = Path(__file__).resolve().parent / "results" / "reports.json"
TARGETS_S = {"seed": 1.5, "large": 10.0}


def measure(client: TestClient, name: str, pair: Pair, runs: int) -> dict[str, object]:
    body = {"title": name, "left": {"text": pair.left}, "right": {"text": pair.right}}
    made = client.post(urls.api_comparisons(), json=body)
    made.raise_for_status()
    comparison_id = made.json()["id"]
    html = urls.comparison_html(comparison_id)
    pdf = urls.comparison_pdf(comparison_id)
    html_s = time_run(f"{name}: .html", lambda: client.get(html).raise_for_status(), runs)
    pdf_s = time_run(f"{name}: .pdf", lambda: client.get(pdf).raise_for_status(), runs)
    size = len(client.get(pdf).content)
    return {
        "pair": name,
        "words": pair.words,
        "html_ms": round(html_s.median_s * 1000, 1),
        "pdf_ms": round(pdf_s.median_s * 1000, 1),
        "pdf_kb": round(size / 1024, 1),
        "target_ms": TARGETS_S[name] * 1000,
        "met": pdf_s.median_s <= TARGETS_S[name],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as directory:
        settings = Settings(database_url=f"sqlite:///{directory}/bench.db", page_cache_entries=0)
        with TestClient(create_app(settings)) as client:
            pairs = {"seed": seed_pair(), "large": large_pair()}
            results = [measure(client, name, pair, args.runs) for name, pair in pairs.items()]
    print("| pair | words | .html | .pdf | size | target |")
    print("| --- | --- | --- | --- | --- | --- |")
    for r in results:
        verdict = "met" if r["met"] else "MISSED"
        print(
            f"| {r['pair']} | {r['words']:,} | {r['html_ms']} ms | {r['pdf_ms']} ms "
            f"| {r['pdf_kb']} KB | ≤ {r['target_ms']:.0f} ms {verdict} |"
        )
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0 if all(r["met"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
