"""Exact anchors: identical sentences matched in order, in bounded work."""

from __future__ import annotations

import itertools

import fast_diff_match_patch
import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.core import RowOp, compare
from app.core.alignment.anchors import MYERS_ITEMS, _myers, _Stretch, exact_anchors
from app.core.worddiff.tokens import encode_pair

SENTENCE = "The minister said the talks would resume on Monday in Geneva."
REWORDED = SENTENCE.replace("Monday", "Tuesday")


@pytest.mark.parametrize(
    ("left", "right", "anchors"),
    [
        pytest.param("abcd", "abcd", [(0, 0), (1, 1), (2, 2), (3, 3)], id="same"),
        pytest.param("abxcd", "abcyd", [(0, 0), (1, 1), (3, 2), (4, 4)], id="edits"),
        pytest.param("aaaa", "aaXa", [(0, 0), (1, 1), (3, 3)], id="repeated-key-in-place"),
        pytest.param("abc", "xyz", [], id="nothing-shared"),
    ],
)
def test_anchors_pair_identical_keys_in_order(
    left: str, right: str, anchors: list[tuple[int, int]]
) -> None:
    assert exact_anchors(list(left), list(right)) == anchors


def _increasing(pairs: list[tuple[int, int]]) -> bool:
    return all(a[0] < b[0] and a[1] < b[1] for a, b in itertools.pairwise(pairs))


def test_a_long_list_with_an_insertion_is_anchored_around_it() -> None:
    left = [f"sentence {k}" for k in range(3 * MYERS_ITEMS)]
    right = left[:1_000] + [f"new {k}" for k in range(500)] + left[1_000:]
    anchors = exact_anchors(left, right)
    assert _increasing(anchors)
    assert len(anchors) == len(left)


def test_a_long_reversed_list_gives_increasing_anchors() -> None:
    left = [f"sentence {k}" for k in range(4 * MYERS_ITEMS)]
    anchors = exact_anchors(left, left[::-1])
    assert _increasing(anchors)
    assert all(left[i] == left[::-1][j] for i, j in anchors)


@pytest.mark.parametrize("copies", [3, 50, 300])
def test_one_sentence_reworded_among_copies_is_one_modified_row(copies: int) -> None:
    middle = copies // 2
    right = [SENTENCE] * middle + [REWORDED] + [SENTENCE] * (copies - middle - 1)
    comparison = compare("\n\n".join([SENTENCE] * copies), "\n\n".join(right))
    ops = [row.op for row in comparison.rows]
    assert ops == [RowOp.EQUAL] * middle + [RowOp.MODIFIED] + [RowOp.EQUAL] * (copies - middle - 1)


def _longest_common_run(left: list[str], right: list[str]) -> int:
    """How many keys Myers' diff of the lists as they are keeps."""
    ops = fast_diff_match_patch.diff(
        *encode_pair(left, right), timelimit=0, checklines=False, cleanup="No", counts_only=True
    )
    return sum(count for op, count in ops if op == "=")


keys = st.lists(st.sampled_from("abcdefghijklmnopqrstuvwxyz"), max_size=60)


@given(keys, keys, st.integers(0, 10), st.integers(0, 10))
def test_a_stretch_diffed_with_runs_collapsed_keeps_as_many_keys(
    left: list[str], right: list[str], left_from: int, right_from: int
) -> None:
    # Collapsing the keys the other side of the stretch lacks makes the diff
    # shorter, never its matches fewer, and places them in the whole lists.
    left_from, right_from = min(left_from, len(left)), min(right_from, len(right))
    stretch = _Stretch(left_from, len(left), right_from, len(right))
    matches = _myers(left, right, stretch)
    assert all(left[i] == right[j] for i, j in matches)
    assert all(i >= left_from and j >= right_from for i, j in matches)
    assert _increasing(matches)
    assert len(matches) == _longest_common_run(left[left_from:], right[right_from:])
