"""Alignment quality on the shared gold set, in process (fast enough to tune with).

    python -m bench.alignment_eval [--eval-dir ../shared/eval] [-v]

Scores exactly as `../shared/eval/run_eval.py` does (it imports its `score`
module), but calls the engine directly instead of starting one process per
pair. The data stays in the shared folder; nothing of it is copied here.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import Any

from app.core import compare
from app.core.serialize import comparison_to_json

DEFAULT_EVAL_DIR = Path(__file__).resolve().parents[2] / "shared" / "eval"


def load_scorer(eval_dir: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("score", eval_dir / "score.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"no score.py in {eval_dir}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def evaluate(eval_dir: Path, verbose: bool = False) -> tuple[float, float, float, float]:
    scorer = load_scorer(eval_dir)
    true_positives = predicted = gold = 0
    started = time.perf_counter()
    for path in sorted((eval_dir / "argrewrite").glob("*.json")):
        pair: dict[str, Any] = json.loads(path.read_text())
        left_text, _, right_text, _ = scorer.gold_texts(pair)
        prediction = comparison_to_json(compare(left_text, right_text))
        found, made, wanted = scorer.score(pair, prediction)
        if verbose:
            p, r, f = scorer.prf(found, made, wanted)
            print(f"{pair['name'][:60]:60s} P={p:.3f} R={r:.3f} F1={f:.3f}")
        true_positives, predicted, gold = true_positives + found, predicted + made, gold + wanted
    precision, recall, f1 = scorer.prf(true_positives, predicted, gold)
    return precision, recall, f1, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL_DIR)
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    precision, recall, f1, seconds = evaluate(args.eval_dir, args.verbose)
    print(f"P={precision:.3f} R={recall:.3f} F1={f1:.3f} seconds={seconds:.1f}")
    sys.exit(0)


if __name__ == "__main__":
    main()
