"""Exact anchors: segments identical on both sides, in order.

diff-match-patch's line-mode idea one level up: every distinct sentence key
becomes one character and the two encoded texts are diffed, so the longest
run of identical sentences in order is found in O(N*D) by Myers' algorithm,
never by comparing all pairs. Everything between two anchors is a gap that
the fuzzy aligner fills.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import fast_diff_match_patch

from app.core.tokens import TooManyItemsError, encode_pair


@dataclass(frozen=True, slots=True)
class Gap:
    """Unanchored segments: left[left_start:left_end], right[right_start:right_end]."""

    left_start: int
    left_end: int
    right_start: int
    right_end: int

    @property
    def left_size(self) -> int:
        return self.left_end - self.left_start

    @property
    def right_size(self) -> int:
        return self.right_end - self.right_start


def exact_anchors(left_keys: Sequence[str], right_keys: Sequence[str]) -> list[tuple[int, int]]:
    """Pairs (left index, right index) of identical keys, increasing on both sides.

    Keys found on one side only can never anchor, so they are dropped before
    the diff: Myers' O(N*D) would be quadratic on two mostly different texts.
    """
    shared = set(left_keys) & set(right_keys)
    left_at = [i for i, key in enumerate(left_keys) if key in shared]
    right_at = [j for j, key in enumerate(right_keys) if key in shared]
    try:
        encoded_left, encoded_right = encode_pair(
            [left_keys[i] for i in left_at], [right_keys[j] for j in right_at]
        )
    except TooManyItemsError:
        return []  # too many distinct sentences to encode: leave all to the fuzzy pass
    ops = fast_diff_match_patch.diff(
        encoded_left, encoded_right, timelimit=0, checklines=False, cleanup="No", counts_only=True
    )
    anchors: list[tuple[int, int]] = []
    at_left = at_right = 0
    for op, count in ops:
        if op == "=":
            anchors.extend((left_at[at_left + k], right_at[at_right + k]) for k in range(count))
        if op != "+":
            at_left += count
        if op != "-":
            at_right += count
    return anchors


def gaps_between(
    anchors: Sequence[tuple[int, int]], left_count: int, right_count: int
) -> list[Gap]:
    gaps: list[Gap] = []
    previous_left = previous_right = -1
    for left, right in [*anchors, (left_count, right_count)]:
        if left > previous_left + 1 or right > previous_right + 1:
            gaps.append(Gap(previous_left + 1, left, previous_right + 1, right))
        previous_left, previous_right = left, right
    return gaps
