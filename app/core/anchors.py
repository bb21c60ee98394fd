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

from app.core.tokens import encode_pair


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
    """Pairs (left index, right index) of identical keys, increasing on both sides."""
    encoded_left, encoded_right = encode_pair(left_keys, right_keys)
    ops = fast_diff_match_patch.diff(
        encoded_left, encoded_right, timelimit=0, checklines=False, cleanup="No", counts_only=True
    )
    anchors: list[tuple[int, int]] = []
    at_left = at_right = 0
    for op, count in ops:
        if op == "=":
            anchors.extend((at_left + k, at_right + k) for k in range(count))
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
