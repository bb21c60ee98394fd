"""Exports benchmark: the Word document with tracked changes (`app.exports`).

    python -m bench.exports [--runs 21]

For the seed pair and scaled pairs (`bench.corpus`) of at least 20,000 words
in all and on each side,
with five comments on its rows, measures the median (`bench.peers.time_run`) of:
- the writer alone: `tracked_changes_docx` over a computed comparison;
- the server's work for GET /c/{id}.docx: the stored JSON read back
  (`comparison_from_json`), then the writer.
Targets (issue 12): seed pair <= 50 ms, 20,000-word pair <= 1 s (server's work).
The report goes to stdout and, as JSON, to bench/results/exports.json.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from pathlib import Path

from app.core import Comparison, compare
from app.core.serialize import comparison_from_json, comparison_to_json
from app.exports import DocumentInfo, Note, tracked_changes_docx
from bench.corpus import Pair, scaled_pair, seed_pair, word_count
from bench.peers import time_run

RESULTS = Path(__file__).resolve().parent / "results" / "exports.json"
LARGE_WORDS = 20_000
TARGETS_S = {"seed": 0.050, "large": 1.0, "large, each side": 1.0}
INFO = DocumentInfo("Benchmark", "Copy", datetime(2026, 1, 1, tzinfo=UTC))


def large_pair(per_side: bool = False) -> Pair:
    """The smallest scaled pair of LARGE_WORDS words in all (or on each side)."""
    seed = seed_pair()
    copies = 1
    while _words(scaled_pair(seed, copies), per_side) < LARGE_WORDS:
        copies += 1
    return scaled_pair(seed, copies)


def _words(pair: Pair, per_side: bool) -> int:
    return min(word_count(pair.left), word_count(pair.right)) if per_side else pair.words


def notes(comparison: Comparison) -> tuple[Note, ...]:
    moment = INFO.created
    rows = len(comparison.rows)
    return tuple(Note(1 + (n * 7) % rows, "Desk", moment, f"Check {n}.") for n in range(5))


def measure(name: str, pair: Pair, runs: int) -> dict[str, object]:
    comparison = compare(pair.left, pair.right)
    stored = json.loads(json.dumps(comparison_to_json(comparison)))
    comments = notes(comparison)
    writer = time_run(
        f"{name}: writer", lambda: tracked_changes_docx(comparison, INFO, comments), runs
    ).median_s
    served = time_run(
        f"{name}: JSON read back, then writer",
        lambda: tracked_changes_docx(comparison_from_json(stored), INFO, comments),
        runs,
    ).median_s
    size = len(tracked_changes_docx(comparison, INFO, comments))
    return {
        "pair": name,
        "words": pair.words,
        "writer_ms": round(writer * 1000, 1),
        "server_ms": round(served * 1000, 1),
        "docx_kb": round(size / 1024, 1),
        "target_ms": TARGETS_S[name] * 1000,
        "met": served <= TARGETS_S[name],
        "runs": runs,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=21, help="runs per measure (median)")
    args = parser.parse_args(argv)
    results = [
        measure("seed", seed_pair(), args.runs),
        measure("large", large_pair(), max(args.runs // 3, 3)),
        measure("large, each side", large_pair(per_side=True), max(args.runs // 3, 3)),
    ]
    print("| pair | words | writer | server's work | .docx | target |")
    print("| --- | --- | --- | --- | --- | --- |")
    for r in results:
        print(
            f"| {r['pair']} | {r['words']:,} | {r['writer_ms']} ms | {r['server_ms']} ms "
            f"| {r['docx_kb']} KB | ≤ {r['target_ms']:.0f} ms {'met' if r['met'] else 'MISSED'} |"
        )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0 if all(r["met"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
