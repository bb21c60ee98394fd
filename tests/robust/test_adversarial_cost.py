"""The adversarial corpus (`bench.hostile_inputs`), smaller, as regression tests.

Each case is compared at a thirty-second and an eighth of the size the
benchmark measures (`bench.adversarial`): the CPU time (getrusage, not wall
time: the machine may be shared) must stay within a budget and grow about
linearly (four times the size at most eight times the CPU, exponent 1.5,
where a quadratic step gives sixteen); the comparison must spell both texts
exactly and be the same when run again.
"""

from __future__ import annotations

import gc
import resource
from dataclasses import dataclass

import pytest

from app.core import Comparison, compare_with
from app.core.serialize import comparison_to_json
from bench.hostile_inputs import CASES, Case
from tests.core.helpers import left_of, right_of

# At an eighth of the full size. Most take under 0.7 s; the slowest, the
# one-word paragraphs (half a million rows at full size), 1.3 to 1.45 s on a
# quiet machine, and nearly twice that in a whole suite on a busy one. A
# quadratic step is caught by the ratio below, this bound catches a costlier
# constant.
MAX_CPU_S = 4.0
MAX_RATIO = 4.0**1.5  # CPU ratio for four times the size
# Below this CPU at the larger size, the ratio is start-up noise: not judged.
RATIO_FROM_S = 0.3


@dataclass(frozen=True, slots=True)
class Timed:
    comparison: Comparison
    cpu_s: float
    texts: tuple[str, str]


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def timed(case: Case, size: int) -> Timed:
    left, right = case.pair(size)
    # The garbage of earlier tests is collected first, not on this one's time,
    # and what they left is frozen: the collector's passes would walk it all,
    # a cost of the test suite's heap, not of this comparison.
    gc.collect()
    gc.freeze()
    try:
        started = _cpu()
        comparison = compare_with(left, right, case.options)
        return Timed(comparison, _cpu() - started, (left, right))
    finally:
        gc.unfreeze()


def assert_lossless(result: Timed) -> None:
    comparison, (left, right) = result.comparison, result.texts
    assert (comparison.left.text, comparison.right.text) == (left, right)
    for row in comparison.rows:
        assert left_of(row.diff) == comparison.left.span_text(row.left)
        assert right_of(row.diff) == comparison.right.span_text(row.right)
    covered_left = sorted(i for row in comparison.rows for i in row.left)
    covered_right = sorted(j for row in comparison.rows for j in row.right)
    assert covered_left == list(range(len(comparison.left.segments)))
    assert covered_right == list(range(len(comparison.right.segments)))


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_cost_stays_linear_and_the_result_exact(case: Case) -> None:
    small_cpu = min(timed(case, case.full_size // 32).cpu_s for _ in range(2))
    large = timed(case, case.full_size // 8)
    again = timed(case, case.full_size // 8)
    # The faster of two runs: the other may have met a busy neighbour.
    large_cpu = min(large.cpu_s, again.cpu_s)
    assert large_cpu <= MAX_CPU_S, f"{large_cpu:.2f} s of CPU"
    if large_cpu >= RATIO_FROM_S:
        ratio = large_cpu / max(small_cpu, 1e-3)
        assert ratio <= MAX_RATIO, f"{small_cpu:.2f} s -> {large_cpu:.2f} s"
    assert_lossless(large)
    assert comparison_to_json(again.comparison) == comparison_to_json(large.comparison)
