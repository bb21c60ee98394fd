"""Exact anchors: segments identical on both sides, in order.

diff-match-patch's line-mode idea one level up: every distinct sentence key
becomes one character and the two encoded texts are diffed, so the longest
run of identical sentences in order is found in O(N*D) by Myers' algorithm,
never by comparing all pairs. D can be as large as N (a text whose sentences
were reordered), so a long list is first cut by the keys found once on each
side and Myers is run on bounded stretches between them (`_bounded_matches`).

Anchors tell the fuzzy aligner where to look: between two anchors, a left
segment is expected at the proportional place between their right partners.
They are not forced on it: an anchor that only a moved sentence supports
loses to the in-order alignment of its neighbours.
"""

from __future__ import annotations

import bisect
import itertools
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import fast_diff_match_patch

from app.core.worddiff.tokens import encode_pair

# Most keys (both sides) diffed at once by Myers' algorithm: a few
# milliseconds each, at worst, whatever the keys.
MYERS_ITEMS = 1_000


def exact_anchors(left_keys: Sequence[str], right_keys: Sequence[str]) -> list[tuple[int, int]]:
    """Pairs (left index, right index) of identical keys, increasing on both sides.

    Keys found on one side only can never anchor: each run of them is diffed
    as one item, which marks where something stood without making the diff
    longer (Myers' O(N*D) would be quadratic on two mostly different texts).
    In a text that repeats one sentence, the item keeps the copies either
    side of a reworded one matched in place, not shifted past it.
    """
    shared = set(left_keys) & set(right_keys)
    left_items, left_at = _runs_collapsed(left_keys, shared, _LEFT_ONLY)
    right_items, right_at = _runs_collapsed(right_keys, shared, _RIGHT_ONLY)
    matches = _bounded_matches(left_items, right_items)
    return [(left_at[i], right_at[j]) for i, j in matches]


# No key holds a line break (`profile.exact_key` collapses whitespace).
_LEFT_ONLY, _RIGHT_ONLY = "\nleft only", "\nright only"


def _runs_collapsed(
    keys: Sequence[str], shared: set[str], placeholder: str
) -> tuple[list[str], list[int]]:
    """The keys with each run of unshared ones made one `placeholder`, and
    the index of each item's (first) key."""
    items: list[str] = []
    at: list[int] = []
    for index, key in enumerate(keys):
        if key in shared:
            items.append(key)
            at.append(index)
        elif not items or items[-1] != placeholder:
            items.append(placeholder)
            at.append(index)
    return items, at


@dataclass(frozen=True, slots=True)
class _Stretch:
    """left[left_from:left_to] against right[right_from:right_to]."""

    left_from: int
    left_to: int
    right_from: int
    right_to: int


def _bounded_matches(left: Sequence[str], right: Sequence[str]) -> list[tuple[int, int]]:
    """Matched pairs (left index, right index) of the two lists.

    Short lists are diffed whole. Longer ones, whose diff could be quadratic
    (texts reordered: D as large as N), are first cut by their keys found
    once on each side, kept in order (patience diff: the longest increasing
    run of their right places, O(N log N)); the gaps between them are diffed
    whole when short, else in bands of `MYERS_ITEMS` items cut at
    proportional places. Each diff is of at most `MYERS_ITEMS` items, so the
    work is linear in the number of sentences, whatever their order.
    """
    if len(left) + len(right) <= MYERS_ITEMS:
        return _myers(left, right, _Stretch(0, len(left), 0, len(right)))
    matches: list[tuple[int, int]] = []
    bounds = [(-1, -1), *_unique_in_order(left, right), (len(left), len(right))]
    for (i, j), (next_i, next_j) in itertools.pairwise(bounds):
        matches.extend(_banded(left, right, _Stretch(i + 1, next_i, j + 1, next_j)))
        if next_i < len(left):
            matches.append((next_i, next_j))
    return matches


def _unique_in_order(left: Sequence[str], right: Sequence[str]) -> list[tuple[int, int]]:
    """Pairs of keys found once on each side, the longest run increasing on both."""
    left_count, right_count = Counter(left), Counter(right)
    right_place = {
        key: j for j, key in enumerate(right) if right_count[key] == 1 and left_count[key] == 1
    }
    pairs = [(i, right_place[key]) for i, key in enumerate(left) if key in right_place]
    return _longest_increasing(pairs)


def _longest_increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest run of `pairs` (increasing on the left) increasing on the right."""
    tails: list[int] = []  # right place of the last pair of the best run of each length
    tail_at: list[int] = []  # and that pair's index
    previous = [-1] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        length = bisect.bisect_left(tails, j)
        previous[k] = tail_at[length - 1] if length else -1
        if length == len(tails):
            tails.append(j)
            tail_at.append(k)
        else:
            tails[length], tail_at[length] = j, k
    run: list[tuple[int, int]] = []
    k = tail_at[-1] if tail_at else -1
    while k >= 0:
        run.append(pairs[k])
        k = previous[k]
    run.reverse()
    return run


def _banded(left: Sequence[str], right: Sequence[str], gap: _Stretch) -> list[tuple[int, int]]:
    """Matches of a gap, diffed in bands of at most `MYERS_ITEMS` items."""
    left_size, right_size = gap.left_to - gap.left_from, gap.right_to - gap.right_from
    if not left_size or not right_size:
        return []
    bands = -(-(left_size + right_size) // MYERS_ITEMS)
    matches: list[tuple[int, int]] = []
    for band in range(bands):
        band_stretch = _Stretch(
            gap.left_from + left_size * band // bands,
            gap.left_from + left_size * (band + 1) // bands,
            gap.right_from + right_size * band // bands,
            gap.right_from + right_size * (band + 1) // bands,
        )
        matches.extend(_myers(left, right, band_stretch))
    return matches


def _myers(left: Sequence[str], right: Sequence[str], stretch: _Stretch) -> list[tuple[int, int]]:
    """The matched pairs of Myers' diff of the stretch (their places in the whole).

    Within a stretch, as in the whole, runs of keys the other side of the
    stretch lacks are diffed as one item each: in a band of two unrelated
    texts that share their words but few of their sentences, that is most
    of them (and the diff, quadratic there, ten times shorter)."""
    left_keys = left[stretch.left_from : stretch.left_to]
    right_keys = right[stretch.right_from : stretch.right_to]
    shared = set(left_keys).intersection(right_keys)
    left_items, left_at = _runs_collapsed(left_keys, shared, _LEFT_ONLY)
    right_items, right_at = _runs_collapsed(right_keys, shared, _RIGHT_ONLY)
    # Never more distinct keys than MYERS_ITEMS: the encoding cannot run out.
    encoded_left, encoded_right = encode_pair(left_items, right_items)
    ops = fast_diff_match_patch.diff(
        encoded_left, encoded_right, timelimit=0, checklines=False, cleanup="No", counts_only=True
    )
    matches: list[tuple[int, int]] = []
    at_left, at_right = 0, 0
    for op, count in ops:
        if op == "=":
            matches.extend(
                (
                    stretch.left_from + left_at[at_left + k],
                    stretch.right_from + right_at[at_right + k],
                )
                for k in range(count)
            )
        if op != "+":
            at_left += count
        if op != "-":
            at_right += count
    return matches


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
