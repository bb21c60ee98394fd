"""Candidate links, found through an index of words.

Every exact anchor is a candidate. For each left segment not deep inside a
run of anchors, the right segments that share the most words with it are
looked up in an inverted index, only within a window around where the
anchors say it should be, skipping words too common in that window to tell
segments apart. The cost is linear in the length of the texts for a fixed
window, never all pairs of a long document.

Each candidate becomes a block: a 1-1 link, or a split (1-2, 1-3) or merge
(2-1, 3-1) built around it, with a gain the chain maximises. A block's gain
is, per link it makes, its similarity above a threshold; a split or merge
must also show that every one of its parts is largely contained in the other
side, so that an unrelated neighbour is not swept in.
"""

from __future__ import annotations

import bisect
import itertools
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from app.core.alignment.anchors import search_areas
from app.core.alignment.profile import Profile, combine, dice, shared_weight, word_index

MAX_PAIRED_GAP = 3  # segments a side: a longer gap is more likely new text


@dataclass(frozen=True, slots=True)
class AlignParams:
    link_threshold: float = 0.3  # similarity above which a 1-1 link gains
    group_threshold: float = 0.65  # the same, per link of a split or merge
    containment: float = 0.6  # share of each part found in the other side
    move_threshold: float = 0.6  # similarity a relocated pair must reach
    window: int = 120  # segments each side of the expected position, at most
    anchor_margin: int = 8  # segments looked at beyond the anchors around
    common_postings: int = 40  # a word in more segments of a window is skipped
    candidates_per_segment: int = 4


@dataclass(frozen=True, slots=True)
class Block:
    left: tuple[int, ...]
    right: tuple[int, ...]
    gain: float


def candidate_blocks(
    left: Sequence[Profile],
    right: Sequence[Profile],
    anchors: Sequence[tuple[int, int]],
    params: AlignParams,
) -> list[Block]:
    exact = 1.0 - params.link_threshold
    blocks = {((i,), (j,)): Block((i,), (j,), exact) for i, j in anchors}
    shared = _candidate_pairs(left, right, anchors, params)
    for i, j in _between_anchors(anchors, len(left), len(right)):
        if (i, j) not in shared:
            shared[i, j] = shared_weight(left[i].weights, right[j].weights)
    for (i, j), weight in shared.items():
        score = dice(left[i], right[j], weight)
        if score > params.link_threshold and ((i,), (j,)) not in blocks:
            blocks[(i,), (j,)] = Block((i,), (j,), score - params.link_threshold)
    splits, merges = _contained_parts(left, right, shared, params)
    groups: list[Block] = []
    for i, parts in splits.items():
        groups.extend(_group_blocks(left[i], right, i, parts, params, split=True))
    for j, parts in merges.items():
        groups.extend(_group_blocks(right[j], left, j, parts, params, split=False))
    return [*blocks.values(), *groups]


def _between_anchors(
    anchors: Sequence[tuple[int, int]], left_count: int, right_count: int
) -> Iterator[tuple[int, int]]:
    """The pairs in place in a short gap of as many segments on both sides
    between two anchors: the likely partners, even when their words are too
    common to find them by (one sentence of a text that repeats it, reworded)."""
    bounds = [(-1, -1), *anchors, (left_count, right_count)]
    for (left_from, right_from), (left_to, right_to) in itertools.pairwise(bounds):
        gap = left_to - left_from - 1
        if 0 < gap <= MAX_PAIRED_GAP and right_to - right_from - 1 == gap:
            yield from ((left_from + k, right_from + k) for k in range(1, gap + 1))


def _solidly_anchored(anchors: Sequence[tuple[int, int]]) -> tuple[set[int], set[int]]:
    """Segments whose anchor continues a run on both sides: nothing else to look for."""
    pairs = set(anchors)
    solid = [(i, j) for i, j in anchors if (i - 1, j - 1) in pairs and (i + 1, j + 1) in pairs]
    return {i for i, _ in solid}, {j for _, j in solid}


def _candidate_pairs(
    left: Sequence[Profile],
    right: Sequence[Profile],
    anchors: Sequence[tuple[int, int]],
    params: AlignParams,
) -> dict[tuple[int, int], float]:
    """The most promising right segments of each left one, with their shared weight."""
    solid_left, solid_right = _solidly_anchored(anchors)
    # Ascending, as the window's bisection needs.
    index = word_index(right, (j for j in range(len(right)) if j not in solid_right))
    areas = search_areas(anchors, len(left), len(right), params.anchor_margin, params.window)
    shared: dict[tuple[int, int], float] = {}
    common = params.common_postings
    for i, profile in enumerate(left):
        if i in solid_left:
            continue
        area = areas[i]
        # Read once, not once a word: this loop runs over every word of the text.
        low, high = area.low, area.high
        nearby: list[int] = []
        for word in profile.weights:
            postings = index.get(word)
            if postings is None:
                continue
            if postings[0] < low or postings[-1] >= high:
                first = bisect.bisect_left(postings, low)
                postings = postings[first : bisect.bisect_left(postings, high, first)]
            if len(postings) <= common:
                nearby += postings
        if not nearby:
            continue
        for j in _most_shared(nearby, area.expected, params.candidates_per_segment):
            shared[i, j] = shared_weight(profile.weights, right[j].weights)
    return shared


def _most_shared(nearby: list[int], expected: float, count: int) -> list[int]:
    """The segments listed most often; of equals, the nearest to where expected.

    In a text that repeats itself, several copies of a sentence share as many
    words with it: the one at the expected place is the likely partner.
    """
    ranked = Counter(nearby).most_common()
    if len(ranked) <= count or ranked[count][1] < ranked[count - 1][1]:
        return [j for j, _ in ranked[:count]]
    cutoff = ranked[count - 1][1]
    surely = [j for j, shared in ranked if shared > cutoff]
    tied = sorted((j for j, shared in ranked if shared == cutoff), key=lambda j: abs(j - expected))
    return surely + tied[: count - len(surely)]


def _contained_parts(
    left: Sequence[Profile],
    right: Sequence[Profile],
    shared: dict[tuple[int, int], float],
    params: AlignParams,
) -> tuple[dict[int, set[int]], dict[int, set[int]]]:
    """For each segment, the sentences of the other side largely contained in it."""
    splits: dict[int, set[int]] = defaultdict(set)
    merges: dict[int, set[int]] = defaultdict(set)
    for (i, j), weight in shared.items():
        if left[i].is_heading or right[j].is_heading:
            continue
        if weight >= params.containment * right[j].total:
            splits[i].add(j)
        if weight >= params.containment * left[i].total:
            merges[j].add(i)
    return splits, merges


def _group_blocks(
    single: Profile,
    others: Sequence[Profile],
    single_index: int,
    parts: set[int],
    params: AlignParams,
    split: bool,
) -> Iterator[Block]:
    """Blocks of 2 or 3 consecutive contained parts read as one."""
    for first in sorted(parts):
        for size in (2, 3):
            group = tuple(range(first, first + size))
            if not parts.issuperset(group):
                break
            score = dice(single, combine([others[k] for k in group]))
            if score > params.group_threshold:
                gain = size * (score - params.group_threshold)
                yield (
                    Block((single_index,), group, gain)
                    if split
                    else Block(group, (single_index,), gain)
                )
