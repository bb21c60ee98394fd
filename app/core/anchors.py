"""Exact anchors: segments identical on both sides, in order.

diff-match-patch's line-mode idea one level up: every distinct sentence key
becomes one character and the two encoded texts are diffed, so the longest
run of identical sentences in order is found in O(N*D) by Myers' algorithm,
never by comparing all pairs.

Anchors tell the fuzzy aligner where to look: between two anchors, a left
segment is expected at the proportional place between their right partners.
They are not forced on it: an anchor that only a moved sentence supports
loses to the in-order alignment of its neighbours.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import fast_diff_match_patch

from app.core.tokens import TooManyItemsError, encode_pair


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


@dataclass(frozen=True, slots=True)
class SearchArea:
    """Where on the right to look for a left segment's partner."""

    expected: float  # interpolated between the anchors around the segment
    low: int  # first right index to look at
    high: int  # one past the last


def search_areas(
    anchors: Sequence[tuple[int, int]],
    left_count: int,
    right_count: int,
    margin: int,
    window: int,
) -> list[SearchArea]:
    """For each left segment: between the right partners of the anchors around
    it, widened by `margin` (a wrong anchor must not wall off the right partner)
    and never more than `window` either side of the expected place."""
    areas: list[SearchArea] = []
    bounds = [(-1, -1), *anchors, (left_count, right_count)]
    for (left_from, right_from), (left_to, right_to) in itertools.pairwise(bounds):
        scale = (right_to - right_from) / (left_to - left_from)
        for i in range(left_from + 1, left_to + 1):
            if i == left_count:
                break
            expected = right_from + (i - left_from) * scale
            low = max(right_from - margin, int(expected) - window, 0)
            high = min(right_to + margin + 1, int(expected) + window + 1, right_count)
            areas.append(SearchArea(expected, low, high))
    return areas
